"""Versioned upgrade steps for Kartoteka's own tables, so that a database made by an earlier
release keeps working after an upgrade.

Each component (the engine's `kt_` tables, the platform's) keeps its version in `kt_upgrade`.
A new database is stamped with the latest version of each component when its tables are
created; an existing one runs, in order and in the caller's transaction, every step newer than
its stamp. A database made before `kt_upgrade` existed counts as version 0 of a component
whose tables are there.

A step is a function of the connection. It changes only what it names (a column, an index, a
table), with `operations(conn)` for DDL on both databases, and never rewrites user tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Integer, MetaData, Table, Text, insert, inspect, select
from sqlalchemy import update as sql_update

from kartoteka.schema_engine.limits import no_statement_limit

if TYPE_CHECKING:
    from alembic.operations import Operations

_METADATA = MetaData()
UPGRADES = Table(
    "kt_upgrade",
    _METADATA,
    Column("component", Text, primary_key=True),
    Column("version", Integer, nullable=False),
)


@dataclass(frozen=True)
class Step:
    """One upgrade: `version` is the component's version once it has run."""

    version: int
    summary: str
    run: Callable[[Connection], None]


@dataclass(frozen=True)
class Component:
    """Tables that upgrade together; `marker` is a table every release of them has had."""

    name: str
    marker: str
    steps: Sequence[Step]

    @property
    def latest(self) -> int:
        return max((step.version for step in self.steps), default=0)


def operations(conn: Connection) -> Operations:
    """Alembic's operations on `conn` (add_column, create_index... on SQLite and PostgreSQL).

    Imported here: a server whose database needs no step never loads Alembic."""
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    return Operations(MigrationContext.configure(conn))


def stamp_latest(conn: Connection, component: Component) -> None:
    """Record that `component`'s tables were just created as this release makes them."""
    _create_table(conn)
    _write(conn, component.name, component.latest)


def upgrade(conn: Connection, component: Component) -> list[Step]:
    """Run the steps `component` lacks in this database; returns those that ran.

    A database without the component's tables is left alone (its creator stamps it).
    """
    _create_table(conn)
    stored = conn.execute(
        select(UPGRADES.c.version).where(UPGRADES.c.component == component.name)
    ).scalar_one_or_none()
    if stored is None:
        if not inspect(conn).has_table(component.marker):
            return []
        stored = 0
    ran = [step for step in sorted(component.steps, key=lambda s: s.version)
           if step.version > stored]
    for step in ran:
        with no_statement_limit(conn):  # a step may rewrite a big table (`limits`)
            step.run(conn)
        _write(conn, component.name, step.version)
    if stored == 0 and not ran:
        _write(conn, component.name, 0)
    return ran


def version_of(conn: Connection, name: str) -> int | None:
    """The stamped version of component `name`; None when it has none."""
    if not inspect(conn).has_table(UPGRADES.name):
        return None
    return conn.execute(
        select(UPGRADES.c.version).where(UPGRADES.c.component == name)
    ).scalar_one_or_none()


def _create_table(conn: Connection) -> None:
    _METADATA.create_all(conn, tables=[UPGRADES], checkfirst=True)


def _write(conn: Connection, name: str, version: int) -> None:
    changed = conn.execute(
        sql_update(UPGRADES).where(UPGRADES.c.component == name).values(version=version)
    ).rowcount
    if not changed:
        conn.execute(insert(UPGRADES).values(component=name, version=version))


#: The engine's own tables (kt_user, kt_schema_version, kt_schema_trash, kt_index_job,
#: kt_change). A step that changes one of them is added here, and the table's definition in
#: `tables.system_metadata` changes with it, so that new databases are made as upgraded ones.
ENGINE_STEPS: list[Step] = []
ENGINE = Component(name="engine", marker="kt_schema_version", steps=ENGINE_STEPS)
