"""`/records/{entity}/{id}/timeline`: a record's history, notes and logged calls.

Modules: `routes`, `timeline` (what the timeline shows).
Public API: `routes.router`; `routes.read_live_or_trashed`, used by the card and the trash.
"""
