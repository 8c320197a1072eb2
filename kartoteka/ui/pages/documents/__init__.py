"""`/documents` (document templates, for administrators), generated documents of a record, and
`/files/{id}` (downloads).

Public API: `routes.router`.
"""
