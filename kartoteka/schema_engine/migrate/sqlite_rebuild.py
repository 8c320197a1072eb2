"""SQLite table rebuilds: copy a table into the shape its definition asks for.

SQLite cannot alter a column's type or foreign key, so such changes copy the table once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    Column,
    Connection,
    ForeignKeyConstraint,
    Index,
    MetaData,
    PrimaryKeyConstraint,
    Table,
)

from kartoteka.schema_engine.search import restore_sqlite_triggers
from kartoteka.schema_engine.tables import NAMING_CONVENTION

if TYPE_CHECKING:  # Alembic loads on the first schema change, not with the server
    from alembic.operations import Operations


def sqlite_shape(reflected: Table, wanted: Table | None, drop: Iterable[str] = ()) -> Table:
    """`reflected` as `wanted` (the definition's table) describes it, in the same column order.

    Columns the definition does not know (hidden columns of trashed fields, with their search
    columns) keep their type and foreign key; `drop` names columns to leave out. Only unique
    indexes are part of the shape: the others are built after commit, so that the copy stays as
    fast as it can be.
    """
    wanted = wanted if wanted is not None else Table(reflected.name, MetaData())
    shape = Table(reflected.name, MetaData(naming_convention=NAMING_CONVENTION))
    dropped = set(drop)
    for column in reflected.c:
        if column.name not in dropped:
            shape.append_column(wanted.c.get(column.name, column)._copy())
    # A str or None: SQLAlchemy's deferred-name sentinel comes only from its own conventions.
    pk_name = cast(str | None, wanted.primary_key.name or reflected.primary_key.name)
    shape.append_constraint(PrimaryKeyConstraint("id", name=pk_name))
    hidden = [k for k in reflected.foreign_key_constraints if not _in(k.columns, wanted)]
    for key in [*wanted.foreign_key_constraints, *hidden]:
        names = [c.name for c in key.columns]
        if all(name in shape.c for name in names):
            targets = [element.target_fullname for element in key.elements]
            shape.append_constraint(
                ForeignKeyConstraint(names, targets, name=key.name, ondelete=key.ondelete)
            )
    for index in wanted.indexes:
        if index.unique and all(c.name in shape.c for c in index.columns):
            columns = [shape.c[c.name] for c in index.columns]
            Index(index.name, *columns, unique=True, **index.kwargs)
    return shape


def _in(columns: Iterable[Column[Any]], table: Table) -> bool:
    """Whether any of `columns` (by name) belongs to `table`."""
    return any(c.name in table.c for c in columns)


def rebuild_sqlite_table(conn: Connection, ops: Operations, shape: Table) -> None:
    """Copy a SQLite table into `shape` under the same name; ids keep counting where they were.

    Safe only inside `schema_transaction`, which has foreign keys off: dropping the old table
    with them on would fire ON DELETE CASCADE in every table that links to it. Dropping it drops
    its triggers too: those that keep the search indexes are put back.
    """
    name = shape.name
    sequence = conn.exec_driver_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = ?", (name,)
    ).scalar()
    with ops.batch_alter_table(
        name, copy_from=shape, recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass
    restore_sqlite_triggers(conn, name)
    if sequence is not None:
        conn.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
        conn.exec_driver_sql(
            "INSERT INTO sqlite_sequence (name, seq) "
            "SELECT ?, max(?, coalesce((SELECT max(id) FROM " + _quote(conn, name) + "), 0))",
            (name, int(sequence)),
        )


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))
