"""`/records/{entity}/bulk`: changing many records of a list at once.

Modules: `routes`, `changes` (what a bulk change does, checked before anything is written).
Public API: `routes.router` (included by the list's router), `changes` (used by the list's
routes).
"""
