"""Schema changes: plan a change on the data, then apply it in one transaction.

Modules: `plan` (what a change does, with problems measured on the data), `operations` (the fixed
list of schema operations), `executor` (one handler per operation), `apply` (run a plan and store
the version), `indexes` (indexes built after commit), `sqlite_rebuild` (SQLite table rebuilds),
`trash` (purging the schema trash).
"""

from kartoteka.schema_engine.migrate.apply import ApplyResult, apply, initialize, rollback
from kartoteka.schema_engine.migrate.indexes import build_pending_indexes
from kartoteka.schema_engine.migrate.operations import OPERATIONS, Operation
from kartoteka.schema_engine.migrate.plan import ON_BAD_VALUES, Plan, PlanRefused, Problem, plan
from kartoteka.schema_engine.migrate.trash import purge

__all__ = [
    "ON_BAD_VALUES",
    "OPERATIONS",
    "ApplyResult",
    "Operation",
    "Plan",
    "PlanRefused",
    "Problem",
    "apply",
    "build_pending_indexes",
    "initialize",
    "plan",
    "purge",
    "rollback",
]
