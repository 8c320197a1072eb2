"""The physical side of search: shadow columns and the trigram indexes on them.

Every searchable field has a shadow column (`tables.shadow_name`) holding its value folded
(`types.fold`). Searching is a substring match on it, made fast by a trigram index:

- PostgreSQL: a GIN index with `gin_trgm_ops` on the shadow column (`tables.trigram_index_name`),
  which serves `LIKE '%term%'` for terms of three characters or more. Built with the table when
  the table is new, otherwise after commit by an index job (`CREATE INDEX CONCURRENTLY`), so that
  adding a field stays instant.
- SQLite: a contentless FTS5 table with the trigram tokenizer per searchable field
  (`tables.fts_name`), whose rowids are record ids. Three triggers on the entity table keep it in
  step with the shadow column, whoever writes the row (records, imports, a schema change, plain
  SQL): the write path needs to know nothing about it. Contentless, because the shadow column is
  the copy of the text already; deleting an entry needs its old text, which `old.` gives the
  triggers. The tokenizer is case-sensitive because the shadow is folded already: what it
  matches is exactly what `LIKE` on the shadow matches. SQLite drops a table's triggers with
  it, so a table rebuild (`sqlite_rebuild`) puts them back (`restore_sqlite_triggers`); a rename
  carries them along.

Trashed fields keep their shadow column and their index, so that they come back searchable;
purging drops both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    Connection,
    Row,
    Select,
    bindparam,
    column,
    delete,
    inspect,
    select,
    table,
    update,
)

from kartoteka.schema_engine import store
from kartoteka.schema_engine.db import is_sqlite
from kartoteka.schema_engine.search.folded import folded
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.tables import (
    FTS_COLUMN,
    fts_name,
    shadow_column,
    shadow_name,
    trigram_index_name,
)

#: Rows read and written at once when shadow values are computed for existing records.
CHUNK = 5000
_TRIGGERS = ("ins", "upd", "del")

if TYPE_CHECKING:  # Alembic loads on the first schema change, not with the server
    from alembic.operations import Operations


def add_shadow(conn: Connection, ops: Operations, table_name: str, field: Field) -> None:
    """Add a field's shadow column (empty: instant) unless it is there already."""
    if shadow_name(field) not in _columns(conn, table_name):
        ops.add_column(table_name, shadow_column(field))


def drop_shadow(conn: Connection, ops: Operations, table_name: str, field: Field) -> None:
    """Drop a field's search index and shadow column (the field is no longer searchable)."""
    drop_search_index(conn, table_name, field)
    name = shadow_name(field)
    if name not in _columns(conn, table_name):
        return
    if is_sqlite(conn):  # native since SQLite 3.35; nothing refers to the column any more
        conn.exec_driver_sql(f"ALTER TABLE {_q(conn, table_name)} DROP COLUMN {_q(conn, name)}")
    else:
        ops.drop_column(table_name, name)  # its trigram index goes with it


def create_search_index(
    conn: Connection, table_name: str, field: Field, *, now: bool, fill: bool = False
) -> None:
    """Index a field's shadow column.

    `now`: build it in this transaction (a new, empty table) rather than after commit (PostgreSQL
    only: SQLite's FTS table and triggers are always made at once, they cost nothing while empty).
    `fill`: index the shadow values already there (SQLite; PostgreSQL indexes what it finds).
    """
    if is_sqlite(conn):
        _create_fts(conn, table_name, field, fill=fill)
        return
    ensure_trigram_extension(conn)
    if now:
        _create_trigram_index(conn, table_name, field)
    else:
        store.add_index_job(conn, table_name, trigram_index_name(field), [shadow_name(field)])


def ensure_search(conn: Connection, ops: Operations, table_name: str, field: Field) -> None:
    """Make sure a field coming back (from the trash) has its shadow column and index."""
    if shadow_name(field) not in _columns(conn, table_name):
        add_shadow(conn, ops, table_name, field)
        create_search_index(conn, table_name, field, now=False)
        refold(conn, table_name, field)
        return
    if not is_sqlite(conn) or not _fts_exists(conn, field):
        create_search_index(conn, table_name, field, now=False, fill=True)


def drop_search_index(conn: Connection, table_name: str, field: Field) -> None:
    """Drop a field's search index (its FTS table and triggers, or its trigram index)."""
    if is_sqlite(conn):
        for suffix in _TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(conn, _trigger(field, suffix))}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_q(conn, fts_name(field))}")
        return
    name = trigram_index_name(field)
    conn.execute(delete(store.INDEX_JOBS).where(store.INDEX_JOBS.c.index_name == name))
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {_q(conn, name)}")


def refold(conn: Connection, table_name: str, field: Field) -> None:
    """Recompute a field's shadow values from its values, a chunk of records at a time.

    Only changed shadows are written, so that FTS triggers do no needless work.
    """
    value, shadow = field["name"], shadow_name(field)
    source = table(table_name, column("id"), column(value), column(shadow))
    statement = (
        update(source)
        .where(source.c.id == bindparam("row_id"))
        .values({shadow: bindparam("new_shadow")})
    )
    for rows in _chunks_by_id(conn, select(source.c.id, source.c[value], source.c[shadow])):
        changed = [
            {"row_id": row[0], "new_shadow": new}
            for row in rows
            if (new := folded(row[1])) != row[2]
        ]
        if changed:
            conn.execute(statement, changed)


def restore_sqlite_triggers(conn: Connection, table_name: str) -> None:
    """Put back the FTS triggers of a SQLite table just rebuilt (dropping it dropped them)."""
    for name in _columns(conn, table_name):
        if name.startswith("kt_fold_"):
            # The id alone names a field's shadow column and FTS table: all these two read.
            field = cast(Field, {"id": name.removeprefix("kt_fold_")})
            if _fts_exists(conn, field):
                _create_triggers(conn, table_name, field)


def ensure_trigram_extension(conn: Connection) -> None:
    """PostgreSQL: install pg_trgm once (a trusted extension: the database owner may)."""
    found = conn.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first()
    if found is None:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")


# ---------------------------------------------------------------- helpers


def _create_trigram_index(conn: Connection, table_name: str, field: Field) -> None:
    index, shadow = _q(conn, trigram_index_name(field)), _q(conn, shadow_name(field))
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {index} ON {_q(conn, table_name)} "
        f"USING gin ({shadow} gin_trgm_ops)"
    )


def _create_fts(conn: Connection, table_name: str, field: Field, *, fill: bool) -> None:
    fts = _q(conn, fts_name(field))
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({FTS_COLUMN}, content='', "
        "tokenize='trigram case_sensitive 1')"
    )
    if fill:
        shadow = _q(conn, shadow_name(field))
        conn.exec_driver_sql(f"DELETE FROM {fts}")
        conn.exec_driver_sql(
            f"INSERT INTO {fts} (rowid, {FTS_COLUMN}) SELECT id, {shadow} "
            f"FROM {_q(conn, table_name)} WHERE {shadow} IS NOT NULL"
        )
    _create_triggers(conn, table_name, field)


def _create_triggers(conn: Connection, table_name: str, field: Field) -> None:
    fts, shadow = _q(conn, fts_name(field)), _q(conn, shadow_name(field))
    source = _q(conn, table_name)
    add = f"INSERT INTO {fts} (rowid, {FTS_COLUMN})"
    remove = f"INSERT INTO {fts} ({fts}, rowid, {FTS_COLUMN})"
    bodies = {
        "ins": f"AFTER INSERT ON {source} WHEN new.{shadow} IS NOT NULL "
        f"BEGIN {add} VALUES (new.id, new.{shadow}); END",
        "upd": f"AFTER UPDATE OF {shadow} ON {source} WHEN old.{shadow} IS NOT new.{shadow} "
        f"BEGIN {remove} SELECT 'delete', old.id, old.{shadow} WHERE old.{shadow} IS NOT NULL; "
        f"{add} SELECT new.id, new.{shadow} WHERE new.{shadow} IS NOT NULL; END",
        "del": f"AFTER DELETE ON {source} WHEN old.{shadow} IS NOT NULL "
        f"BEGIN {remove} VALUES ('delete', old.id, old.{shadow}); END",
    }
    for suffix, body in bodies.items():
        trigger = _q(conn, _trigger(field, suffix))
        conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {trigger} {body}")


def _trigger(field: Field, suffix: str) -> str:
    return f"{fts_name(field)}_{suffix}"


def _fts_exists(conn: Connection, field: Field) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (fts_name(field),)
    ).first()
    return found is not None


def _columns(conn: Connection, table_name: str) -> list[str]:
    return [c["name"] for c in inspect(conn).get_columns(table_name)]


def _chunks_by_id(
    conn: Connection, query: Select[Any]
) -> Iterator[list[Row[*tuple[Any, ...]]]]:
    """The rows of `query` (whose first column is `id`), a chunk at a time, in id order."""
    record_id = query.selected_columns[0]
    last: int | None = None
    while True:
        chunk = query if last is None else query.where(record_id > last)
        rows = list(conn.execute(chunk.order_by(record_id).limit(CHUNK)))
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _q(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))
