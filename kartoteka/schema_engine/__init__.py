"""The schema engine: app definitions become real tables, changed safely on live data.

Public API:
- `connect(url)`: an engine set up for transactional DDL (SQLite and PostgreSQL).
- `validate_definition(doc)`, `check_definition(doc)`: the JSON Schema and semantic rules.
- `plan(old, new, conn)`: what a change does, with problems measured on the data.
- `apply(engine, new, author=...)`, `initialize(...)`, `rollback(...)`, `purge(...)`.
- `current`, `history`, `trash_items`: the stored versions and the schema trash.
- `FIELD_TYPES`, `OPERATIONS`: the registries of field types and schema operations.

Subpackages, each with its own public API in its `__init__`: `definition` (the document, its
JSON Schema and semantic rules), `migrate` (plan and apply), `records` (writes with the change
log, reads, the id parser), `query` (filters, sort, keyset pages, counts, groups) and `search`
(folded shadow columns). Modules: `shapes` (the definition's types, at the bottom), `model`
(AppModel: one definition version with its tables and links), `tables`, `store` (versions and
the schema trash), `types` (the field-type registry), `db`, `errors`, `names`.
docs/records-api-contract.md gives the record and query signatures.
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
