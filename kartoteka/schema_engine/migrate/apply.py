"""Execute a plan: all of it in one transaction, through Alembic's Operations, or nothing.

`apply` re-plans inside its transaction (the data may have changed since the plan was shown),
executes the operations, stores the new version and commits. Ordinary indexes of new fields are
built right after commit by `build_pending_indexes`, so that adding a field stays instant on big
tables; unique indexes are built inside the transaction, so that uniqueness holds from the start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine

from kartoteka.schema_engine import store
from kartoteka.schema_engine.db import check_foreign_keys, schema_transaction
from kartoteka.schema_engine.definition import Document
from kartoteka.schema_engine.errors import AlreadyInitialized, StaleVersion, TrashError
from kartoteka.schema_engine.message import msg
from kartoteka.schema_engine.migrate.executor import HANDLERS, _Executor
from kartoteka.schema_engine.migrate.indexes import build_pending_indexes
from kartoteka.schema_engine.migrate.plan import Plan, PlanRefused, plan
from kartoteka.schema_engine.migrate.sqlite_rebuild import rebuild_sqlite_table, sqlite_shape

# `HANDLERS` and the SQLite rebuild helpers moved out; they stay importable from here.
__all__ = [
    "HANDLERS",
    "ApplyResult",
    "apply",
    "build_pending_indexes",
    "initialize",
    "rebuild_sqlite_table",
    "rollback",
    "sqlite_shape",
]


@dataclass(frozen=True)
class ApplyResult:
    """What an apply did: the version now current and whether it is a new one."""

    version: int
    changed: bool
    plan: Plan
    indexes_pending: int = 0


def apply(
    engine: Engine,
    new: Mapping[str, Any],
    *,
    author: str,
    summary: str | None = None,
    on_bad_values: str = "refuse",
    base_version: int | None = None,
    build_indexes: bool = True,
) -> ApplyResult:
    """Plan `new` against the current definition and apply it, or raise and change nothing."""
    with schema_transaction(engine) as conn:
        number, old = store.current_or_empty(conn)
        if number == 0:
            store.current(conn)  # raises NotInitialized
        if base_version is not None and base_version != number:
            raise StaleVersion(msg(
                "the definition is at version %(stored)s, not %(yours)s; "
                "reload it and make the change again", stored=number, yours=base_version))
        result = _apply_in(conn, old, new, number, author, summary, on_bad_values)
    if build_indexes and result.indexes_pending:
        build_pending_indexes(engine)
    return result


def initialize(
    engine: Engine,
    doc: Document,
    *,
    author: str,
    before_commit: Callable[[Connection], None] | None = None,
) -> ApplyResult:
    """Create Kartoteka's tables and apply `doc` as version 1; refuse an initialized database."""
    with schema_transaction(engine) as conn:
        if store.is_initialized(conn):
            raise AlreadyInitialized(msg(
                "this database already holds a Kartoteka app; nothing was changed"))
        store.create_system_tables(conn)
        if before_commit is not None:
            before_commit(conn)
        result = _apply_in(
            conn, {"entities": []}, doc, 0, author, "created the app", "refuse", always_version=True
        )
    build_pending_indexes(engine)
    return result


def _apply_in(
    conn: Connection,
    old: Document,
    new: Mapping[str, Any],
    number: int,
    author: str,
    summary: str | None,
    on_bad_values: str,
    always_version: bool = False,
) -> ApplyResult:
    the_plan = plan(old, new, conn, on_bad_values)
    if the_plan.problems:
        raise PlanRefused(the_plan)
    # An unchanged document may still have work: keys an earlier release's tables lack.
    if not the_plan.changed and not the_plan.operations and not always_version:
        return ApplyResult(number, False, the_plan)
    version = number + 1
    executor = _Executor(conn, the_plan, author, version)
    executor.run()
    check_foreign_keys(conn, executor.written, executor.rebuilt)
    store.add_version(conn, version, author, summary or the_plan.summary(), the_plan.new)
    return ApplyResult(version, True, the_plan, store.count_index_jobs(conn))


# ---------------------------------------------------------------- rollback, trash and purge


def rollback(
    engine: Engine, version: int, *, author: str, on_bad_values: str = "refuse"
) -> ApplyResult:
    """Apply the document of an earlier version as a new version (trashed data comes back)."""
    with engine.connect() as conn:
        old = store.get_version(conn, version)
        conn.rollback()
    if old is None:
        raise TrashError(msg("there is no version %(version)s; see `kartoteka schema history`",
                             version=version))
    return apply(
        engine,
        old.document,
        author=author,
        on_bad_values=on_bad_values,
        summary=f"rolled back to version {version}",
    )
