"""Planner statistics: a table is measured again (ANALYZE) once it has grown.

A query planner picks indexes well only when it knows how the values spread; without
statistics it guesses. SQLite, with two indexes that could serve a filter (`stage`, and `stage,
amount` declared for counts), may take the one that then has to sort thousands of rows.
PostgreSQL's autovacuum measures tables by itself, but up to a minute after a bulk load: until
then the first 50 deals by amount were read by sorting the whole table (40 ms at 100k rows
instead of 2).

ANALYZE runs when a table has no statistics yet or has more than doubled since it was last
measured. SQLite reads at most ANALYSIS_LIMIT rows per index (a few milliseconds on any
table); PostgreSQL reads its usual sample (30,000 rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Connection, Engine, text

from kartoteka.schema_engine import store
from kartoteka.schema_engine.migrate import build_pending_indexes

#: Rows ANALYZE reads per index (SQLite's `PRAGMA analysis_limit`): estimates, quickly.
ANALYSIS_LIMIT = 1000
#: Tables smaller than this are left alone: any plan is fast on them.
SMALL = 1000


def refresh_statistics(engine: Engine, tables: Iterable[str], *, force: bool = False) -> list[str]:
    """ANALYZE those of `tables` that grew (on SQLite, with `force`, every one that is not
    small: after new indexes, which SQLite measures one by one; PostgreSQL keeps statistics per
    column, and its ANALYZE would hold up the next ALTER TABLE for nothing); returns the tables
    measured."""
    force = force and engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        stale = [table for table in dict.fromkeys(tables) if _grown(conn, table, force)]
        conn.rollback()
        if not stale:
            return []
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        quote = conn.dialect.identifier_preparer.quote
        for table in stale:
            conn.exec_driver_sql(f"ANALYZE {quote(table)}")
        conn.commit()
    return stale


def build_indexes_and_measure(
    engine: Engine, progress: Callable[[str], None] | None = None
) -> int:
    """`build_pending_indexes`, then fresh statistics for the tables (new indexes have none,
    and without them SQLite's planner may prefer them where they do not help)."""
    built = build_pending_indexes(engine, progress)
    if built:
        with engine.connect() as conn:
            tables = [entity["name"] for entity in store.current(conn).document["entities"]]
        refresh_statistics(engine, tables, force=True)
    return built


def _grown(conn: Connection, table: str, force: bool) -> bool:
    quote = conn.dialect.identifier_preparer.quote
    # The highest id: read from the primary key's index at once, and near enough a row count.
    rows = conn.exec_driver_sql(f"SELECT max(id) FROM {quote(table)}").scalar() or 0
    if rows < SMALL:
        return False
    if force:
        return True
    measured = _measured_rows(conn, table)
    return measured is None or rows > 2 * measured


def _measured_rows(conn: Connection, table: str) -> int | None:
    """The row count the last ANALYZE found, or None when the table was never measured."""
    if conn.dialect.name == "postgresql":
        # reltuples: -1 until the table is first measured (0 before PostgreSQL 14).
        tuples = conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:t)"),
                              {"t": conn.dialect.identifier_preparer.quote(table)}).scalar()
        return int(tuples) if tuples is not None and tuples > 0 else None
    has_stats = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first()
    if has_stats is None:
        return None
    stat = conn.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = :t LIMIT 1"),
                        {"t": table}).scalar()
    return int(str(stat).split()[0]) if stat else None
