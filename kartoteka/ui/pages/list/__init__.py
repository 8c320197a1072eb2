"""`/records/{entity}`: the entity list with search, sort, filters, columns, totals and saved
views (`/` shows the first entity's).

Modules: `routes`, `listing` (what a list shows), `filters` and `filter_fields` (the filter
builder), `columns`, `totals`, `views` and `views_routes` (saved views).
Public API: `routes.router`; used by other families: `listing` (`Params`, `rows`, `Row`,
`default_columns`, `describe`, `kept`), `columns.system_label`, `filter_fields` (`Choice`,
`Widget`, `widget`, `user_choices`).
"""
