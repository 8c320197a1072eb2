"""After-commit index building: the plain indexes applies leave as jobs, built outside them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, delete, inspect, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from kartoteka.schema_engine import store
from kartoteka.schema_engine.definition import Document
from kartoteka.schema_engine.limits import no_statement_limit
from kartoteka.schema_engine.tables import IndexSpec, entity_indexes, trigram_indexes


def build_pending_indexes(engine: Engine, progress: Callable[[str], None] | None = None) -> int:
    """Build the indexes left by applies (CONCURRENTLY on PostgreSQL); returns how many.

    A job names an index; the current definition says where it goes, so that a field renamed
    since is followed and one trashed or no longer indexed is forgotten. A failure is recorded
    on its job (`error`) and tried again next time.
    """
    jobs = store.INDEX_JOBS
    with engine.connect() as conn:
        if not inspect(conn).has_table(jobs.name):
            return 0
        rows = conn.execute(select(jobs).order_by(jobs.c.id)).all()
        trigram = engine.dialect.name == "postgresql"
        wanted = _wanted_indexes(store.current(conn).document, trigram=trigram) if rows else {}
        conn.rollback()
    built = 0
    for row in rows:
        spec = wanted.get(row.index_name)
        if spec is not None:
            if progress:
                progress(f"building index {spec.name} on {spec.table}")
            try:
                _build_index(engine, spec)
            except SQLAlchemyError as exc:
                with engine.begin() as conn:
                    conn.execute(update(jobs).where(jobs.c.id == row.id).values(error=str(exc)))
                continue
            built += 1
        with engine.begin() as conn:
            conn.execute(delete(jobs).where(jobs.c.id == row.id))
    return built


def _wanted_indexes(doc: Document, *, trigram: bool = False) -> dict[str, IndexSpec]:
    """The plain indexes the definition asks for (of fields, and declared over several), by
    name; with `trigram`, the trigram indexes of the search shadow columns too (PostgreSQL)."""
    wanted = {
        spec.name: spec
        for entity in doc["entities"]
        for spec in entity_indexes(entity)
        if not spec.unique
    }
    if trigram:
        wanted.update((spec.name, spec) for spec in trigram_indexes(doc))
    return wanted


def _build_index(engine: Engine, spec: IndexSpec) -> None:
    preparer = engine.dialect.identifier_preparer
    name, table = preparer.quote(spec.name), preparer.quote(spec.table)
    cols = ", ".join(preparer.quote(c) for c in spec.columns)
    if spec.trigram:  # pg_trgm's GIN index serves LIKE '%term%' on the search shadow column
        table, cols = f"{table} USING gin", f"{cols} gin_trgm_ops"
    where = f" WHERE {preparer.quote('deleted_at')} IS NULL" if spec.live_only else ""
    # An index over a big table takes as long as it takes: no statement bound (`limits`).
    if engine.dialect.name != "postgresql":
        with engine.connect() as conn, no_statement_limit(conn), conn.begin():
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols}){where}")
        return
    autocommit = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    with autocommit as conn, no_statement_limit(conn):
        valid = conn.execute(
            text(
                "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE c.relname = :name"
            ),
            {"name": spec.name},
        ).scalar()
        if valid is False:  # left behind by an interrupted CREATE INDEX CONCURRENTLY
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
        conn.exec_driver_sql(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} ({cols}){where}"
        )
