"""`/records/{entity}/board` (kanban by stage) and `/records/{entity}/pipeline` (each stage's
figures).

Modules: `routes` and `board` (the board), `figures` (column figures), `pipeline` (the pipeline
page, with its own `router`).
Public API: `routes.router`, `pipeline.router`.
"""
