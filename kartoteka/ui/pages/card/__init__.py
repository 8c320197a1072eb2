"""`/records/{entity}/{id}` (the record card, edited in place), `/records/{entity}/new`,
`/records/{entity}/choices` (a link picker's choices) and the card's automation buttons.

Modules: `routes`, `card` (what a card shows), `form` (a record's form), `conflicts` (an edit
that met a newer version), `uploads` (file fields), `buttons` (button rules, its own `router`).
Public API: `routes.router`, `buttons.router`.
"""
