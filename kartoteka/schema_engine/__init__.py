"""The schema engine: app definitions become real tables, changed safely on live data.

Public API:
- `connect(url)`: an engine set up for transactional DDL (SQLite and PostgreSQL).
- `validate_definition(doc)`, `check_definition(doc)`: the JSON Schema and semantic rules.
- `plan(old, new, conn)`: what a change does, with problems measured on the data.
- `apply(engine, new, author=...)`, `initialize(...)`, `rollback(...)`, `purge(...)`.
- `current`, `history`, `trash_items`: the stored versions and the schema trash.
- `FIELD_TYPES`, `OPERATIONS`: the registries of field types and schema operations.

Records and queries live in their own modules, imported where they are used:
`model` (AppModel: one definition version with its tables and links), `records` (create, read,
update, trash, restore, with the change log), `query` (filters, sort, keyset pages, counts,
groups; operators in `operators`), `search` (folded shadow columns for search) and `serialize`
(records as JSON-ready dicts). docs/records-api-contract.md gives their signatures.
"""

from kartoteka.schema_engine.db import connect, default_url, schema_transaction
from kartoteka.schema_engine.definition import check_definition, json_schema, validate_definition
from kartoteka.schema_engine.errors import (
    AlreadyInitialized,
    DefinitionError,
    DefinitionInvalid,
    KartotekaError,
    NotInitialized,
    StaleVersion,
    TrashError,
)
from kartoteka.schema_engine.migrate import (
    OPERATIONS,
    ApplyResult,
    Operation,
    Plan,
    PlanRefused,
    Problem,
    apply,
    build_pending_indexes,
    initialize,
    plan,
    purge,
    rollback,
)
from kartoteka.schema_engine.store import Version, current, history, is_initialized, trash_items
from kartoteka.schema_engine.tables import app_metadata
from kartoteka.schema_engine.types import FIELD_TYPES, FieldType, fold

__all__ = [
    "FIELD_TYPES",
    "OPERATIONS",
    "AlreadyInitialized",
    "ApplyResult",
    "DefinitionError",
    "DefinitionInvalid",
    "FieldType",
    "KartotekaError",
    "NotInitialized",
    "Operation",
    "Plan",
    "PlanRefused",
    "Problem",
    "StaleVersion",
    "TrashError",
    "Version",
    "app_metadata",
    "apply",
    "build_pending_indexes",
    "check_definition",
    "connect",
    "current",
    "default_url",
    "fold",
    "history",
    "initialize",
    "is_initialized",
    "json_schema",
    "plan",
    "purge",
    "rollback",
    "schema_transaction",
    "trash_items",
    "validate_definition",
]
