"""`/records/{entity}/{id}/trash` and `/restore`: moving a record (and what goes with it) to the
trash and back.

Modules: `routes`, `trash` (what goes to the trash together).
Public API: `routes.router`.
"""
