"""The key columns of unique fields, kept by applies.

A unique text, email or phone field is compared by the key of its values (`types.text_key`,
`types.phone_key`): 'DUP@x.com' and 'dup@x.com' are one email, an NFC and an NFD spelling of a
name are one name, '+1 555 0100' and '1-555-0100' one phone. The key lives in a hidden column
(`tables.key_name`) under a unique index over live records (`tables.key_index_name`); record
writes fill it (`records.values`), applies add and fill it here.

A database made before keys existed has a unique index on the value itself (`uq_<field id>`):
its plan adds the key column, fills it and swaps the indexes, or reports the values that
would clash as a problem, and until they are resolved the old index stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, column, inspect, select, table, update

from kartoteka.schema_engine.db import is_sqlite
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.tables import key_column, key_name, unique_name
from kartoteka.schema_engine.types import unique_key_of

if TYPE_CHECKING:  # Alembic loads on the first schema change, not with the server
    from alembic.operations import Operations

CHUNK = 5000


def has_key_column(conn: Connection, table_name: str, field: Field) -> bool:
    return key_name(field) in {c["name"] for c in inspect(conn).get_columns(table_name)}


def ensure_keys(conn: Connection, ops: Operations, table_name: str, field: Field) -> None:
    """Give the field its key column, unless it has one, and compute every record's key."""
    if not has_key_column(conn, table_name, field):
        ops.add_column(table_name, key_column(field))
    fill_keys(conn, table_name, field)


def fill_keys(conn: Connection, table_name: str, field: Field) -> None:
    """Recompute the keys of the field's values, a chunk of records at a time; only changed
    keys are written."""
    key = key_name(field)
    source = table(table_name, column("id"), column(field["name"]), column(key))
    statement = (update(source).where(source.c.id == bindparam("row_id"))
                 .values({key: bindparam("new_key")}))
    last = 0
    while True:
        rows = list(conn.execute(
            select(source.c.id, source.c[field["name"]], source.c[key])
            .where(source.c.id > last).order_by(source.c.id).limit(CHUNK)))
        if not rows:
            return
        changed = [{"row_id": row[0], "new_key": new} for row in rows
                   if (new := unique_key_of(field, row[1])) != row[2]]
        if changed:
            conn.execute(statement, changed)
        last = rows[-1][0]


def drop_keys(conn: Connection, ops: Operations, table_name: str, field: Field) -> None:
    """Drop the field's key column (its index is gone already)."""
    name = key_name(field)
    if not has_key_column(conn, table_name, field):
        return
    if is_sqlite(conn):  # native since SQLite 3.35; nothing refers to the column any more
        preparer = conn.dialect.identifier_preparer
        conn.exec_driver_sql(
            f"ALTER TABLE {preparer.quote(table_name)} DROP COLUMN {preparer.quote(name)}")
    else:
        ops.drop_column(table_name, name)


def drop_value_index(ops: Operations, table_name: str, field: Field) -> None:
    """Drop the unique index on the value itself that an earlier release made."""
    ops.drop_index(unique_name(field), table_name=table_name, if_exists=True)
