"""`/schema`: the schema builder, for administrators (entities, fields, the plan shown before
applying, the schema trash).

Modules: `routes`, `builder` (what the builder shows), `forms` (entity and field forms), `plan`
(drafts planned and applied), `views` (versions and the trash).
Public API: `routes.router`; used by the automations and documents pages: `plan` (`Draft`,
`Outcome`, `apply_draft`), `routes` (`applying_admin`, `posted`, `require_admin`),
`views.applied_version`.
"""
