"""Execute a plan: all of it in one transaction, through Alembic's Operations, or nothing.

`apply` re-plans inside its transaction (the data may have changed since the plan was shown),
executes the operations, stores the new version and commits. Ordinary indexes of new fields are
built right after commit by `build_pending_indexes`, so that adding a field stays instant on big
tables; unique indexes are built inside the transaction, so that uniqueness holds from the start.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)

from . import store
from .db import is_sqlite, schema_transaction
from .definition import Document, Entity, Field
from .errors import AlreadyInitialized, PlanRefused, StaleVersion, TrashError
from .names import trash_name
from .operations import Operation
from .plan import Plan, plan
from .tables import (
    NAMING_CONVENTION,
    IndexSpec,
    app_metadata,
    field_column,
    field_indexes,
    junction_columns,
    junction_name,
)
from .types import field_type

CHUNK = 5000


@dataclass(frozen=True)
class ApplyResult:
    """What an apply did: the version now current and whether it is a new one."""

    version: int
    changed: bool
    plan: Plan
    indexes_pending: int = 0


def apply(
    engine: Engine,
    new: Document,
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
            raise StaleVersion(
                f"the definition is at version {number}, not {base_version}; "
                "reload it and make the change again"
            )
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
            raise AlreadyInitialized(
                "this database already holds a Kartoteka app; nothing was changed"
            )
        store.create_system_tables(conn)
        if before_commit is not None:
            before_commit(conn)
        result = _apply_in(conn, {"entities": []}, doc, 0, author, "created the app", "refuse",
                           always_version=True)
    build_pending_indexes(engine)
    return result


def _apply_in(
    conn: Connection, old: Document, new: Document, number: int, author: str,
    summary: str | None, on_bad_values: str, always_version: bool = False,
) -> ApplyResult:
    the_plan = plan(old, new, conn, on_bad_values)
    if the_plan.problems:
        raise PlanRefused(the_plan)
    if not the_plan.changed and not always_version:
        return ApplyResult(number, False, the_plan)
    version = number + 1
    executor = _Executor(conn, the_plan, author, version)
    executor.run()
    store.add_version(conn, version, author, summary or the_plan.summary(), the_plan.new)
    return ApplyResult(version, True, the_plan, executor.jobs)


# ---------------------------------------------------------------- execution

Handler = Callable[["_Executor", Operation], None]
HANDLERS: dict[str, Handler] = {}


def handles(*names: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = handler
        return handler

    return register


class _Executor:
    def __init__(self, conn: Connection, the_plan: Plan, author: str, version: int) -> None:
        self.conn = conn
        self.plan = the_plan
        self.author = author
        self.version = version
        self.ops = Operations(MigrationContext.configure(conn))
        self.sqlite = is_sqlite(conn)
        self.new_tables = app_metadata(the_plan.new)
        self.preparer = conn.dialect.identifier_preparer
        self.deferred: list[Callable[[], None]] = []
        self.new_entities: list[Entity] = []
        #: SQLite tables to copy into their new shape once every column has its final name.
        self.rebuild: set[str] = set()
        self.indexed: set[str] = set()
        self.jobs = 0
        #: Where each many-to-many link's table is now: field id -> (table, source, target).
        self.junctions: dict[str, tuple[str, str, str]] = {
            f["id"]: (junction_name(e, f), *junction_columns(e["name"], f))
            for e in the_plan.old["entities"] for f in e["fields"] if f["type"] == "links"
        }

    def run(self) -> None:
        phase = None
        for op in self.plan.operations:
            if op.kind.phase != phase:
                self._end_phase(phase)
                phase = op.kind.phase
            handler = HANDLERS.get(op.op)
            if handler is not None:
                handler(self, op)
        self._end_phase(phase)
        if not self.columns_done:
            self._finish_columns()

    columns_done = False

    def _end_phase(self, phase: int | None) -> None:
        for step in self.deferred:
            step()
        self.deferred.clear()
        if phase == 50 and self.new_entities:
            self._create_entities()
        if phase is not None and phase >= 90 and not self.columns_done:
            self._finish_columns()

    def _finish_columns(self) -> None:
        """After every column exists under its final name: link tables, SQLite rebuilds."""
        self.columns_done = True
        self._sync_junctions()
        for table_name in sorted(self.rebuild):
            self._rebuild_sqlite_table(table_name)

    # ------------------------------------------------------------ SQL helpers

    def q(self, name: str) -> str:
        return str(self.preparer.quote(name))

    def exec(self, sql: str) -> None:
        self.conn.exec_driver_sql(sql)

    def rename_table(self, old: str, new: str) -> None:
        if old == new:
            return
        if inspect(self.conn).has_table(new):
            temporary = f"kt_tmp_{len(self.deferred)}_{new}"[:63]
            self.ops.rename_table(old, temporary)
            self.deferred.append(lambda: self.ops.rename_table(temporary, new))
            return
        self.ops.rename_table(old, new)

    def rename_column(self, table: str, old: str, new: str) -> None:
        if old == new:
            return
        columns = {c["name"] for c in inspect(self.conn).get_columns(table)}
        if new in columns:
            temporary = f"kt_tmp_{len(self.deferred)}_{new}"[:63]
            self.ops.alter_column(table, old, new_column_name=temporary)
            self.deferred.append(
                lambda: self.ops.alter_column(table, temporary, new_column_name=new)
            )
            return
        self.ops.alter_column(table, old, new_column_name=new)

    def count(self, table: str, column: str | None = None) -> int:
        sql = f"SELECT count(*) FROM {self.q(table)}"
        if column is not None:
            sql += f" WHERE {self.q(column)} IS NOT NULL"
        return int(self.conn.exec_driver_sql(sql).scalar_one())

    def trash(self, op: Operation, kind: str, **values: Any) -> None:
        entity = op.old_entity or op.new_entity
        assert entity is not None
        store.add_trash_item(
            self.conn, kind=kind, entity_id=entity["id"], entity_name=entity["name"],
            version=self.version, author=self.author, **values,
        )

    def table_of(self, entity: Entity) -> Table:
        return self.new_tables.tables[entity["name"]]

    # ------------------------------------------------------------ indexes

    def create_index(self, spec: IndexSpec, entity: Entity) -> None:
        """Unique indexes now, inside the transaction; others after commit, by a job."""
        if spec.name in self.indexed:
            return
        self.indexed.add(spec.name)
        if spec.unique:
            index = next(i for i in self.table_of(entity).indexes if i.name == spec.name)
            index.create(self.conn, checkfirst=True)
            return
        self.conn.execute(delete(store.INDEX_JOBS).where(store.INDEX_JOBS.c.index_name == spec.name))
        self.conn.execute(insert(store.INDEX_JOBS).values(
            table_name=spec.table, index_name=spec.name, columns=json.dumps(list(spec.columns)),
        ))
        self.jobs += 1

    def drop_index(self, name: str, table: str) -> None:
        self.conn.execute(delete(store.INDEX_JOBS).where(store.INDEX_JOBS.c.index_name == name))
        self.ops.drop_index(name, table_name=table, if_exists=True)

    # ------------------------------------------------------------ entities

    def _create_entities(self) -> None:
        names = {e["name"] for e in self.new_entities}
        tables = [t for t in self.new_tables.sorted_tables if t.name in names]
        tables += [
            self.new_tables.tables[junction_name(e, f)]
            for e in self.new_entities for f in e["fields"] if f["type"] == "links"
        ]
        self.new_tables.create_all(self.conn, tables=tables)
        for table in tables:
            self.indexed.update(str(i.name) for i in table.indexes)
        self.new_entities.clear()

    def _sync_junctions(self) -> None:
        for entity in self.plan.new["entities"]:
            for f in entity["fields"]:
                if f["type"] != "links" or f["id"] not in self.junctions:
                    continue
                table, source, target = self.junctions[f["id"]]
                want_table = junction_name(entity, f)
                want_source, want_target = junction_columns(entity["name"], f)
                self.rename_table(table, want_table)
                self.rename_column(want_table, source, want_source)
                self.rename_column(want_table, target, want_target)
                self.junctions[f["id"]] = (want_table, want_source, want_target)
        for step in self.deferred:
            step()
        self.deferred.clear()

    # ------------------------------------------------------------ SQLite table rebuilds

    def _rebuild_sqlite_table(self, table_name: str) -> None:
        """Give a table the shape of the new definition by copying it once (SQLite cannot alter
        a column's type or foreign key); values were converted in place beforehand."""
        reflected = Table(table_name, MetaData(), autoload_with=self.conn)
        for index in reflected.indexes:
            self.drop_index(str(index.name), table_name)
        shape = sqlite_shape(reflected, self.new_tables.tables[table_name])
        rebuild_sqlite_table(self.conn, self.ops, shape)
        for index in shape.indexes:
            self.indexed.add(str(index.name))
            self.conn.execute(
                delete(store.INDEX_JOBS).where(store.INDEX_JOBS.c.index_name == index.name)
            )


def sqlite_shape(reflected: Table, wanted: Table | None, drop: str | None = None) -> Table:
    """`reflected` as `wanted` (the definition's table) describes it, in the same column order.

    Columns the definition does not know (hidden columns of trashed fields) are kept as they
    are, with a plain index where they had one; `drop` names a column to leave out.
    """
    shape = Table(reflected.name, MetaData(naming_convention=NAMING_CONVENTION))
    known = wanted.c if wanted is not None else reflected.c
    for column in reflected.c:
        if column.name != drop:
            source = known[column.name] if column.name in known else column
            shape.append_column(source._copy())
    pk_name = wanted.primary_key.name if wanted is not None else reflected.primary_key.name
    shape.append_constraint(PrimaryKeyConstraint("id", name=pk_name))
    for index in (wanted if wanted is not None else reflected).indexes:
        if all(c.name in shape.c for c in index.columns):
            Index(index.name, *[shape.c[c.name] for c in index.columns], unique=index.unique,
                  **index.kwargs)
    names = {i.name for i in shape.indexes}
    for index in reflected.indexes:
        cols = [c.name for c in index.columns]
        if index.name not in names and all(c in shape.c and c not in known for c in cols):
            Index(index.name, *[shape.c[c] for c in cols])
    return shape


def rebuild_sqlite_table(conn: Connection, ops: Operations, shape: Table) -> None:
    """Copy a SQLite table into `shape` under the same name; ids keep counting where they were.

    Safe only inside `schema_transaction`, which has foreign keys off: dropping the old table
    with them on would fire ON DELETE CASCADE in every table that links to it.
    """
    name = shape.name
    sequence = conn.exec_driver_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = ?", (name,)
    ).scalar()
    with ops.batch_alter_table(
        name, copy_from=shape, recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass
    if sequence is not None:
        conn.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
        conn.exec_driver_sql(
            "INSERT INTO sqlite_sequence (name, seq) "
            "SELECT ?, max(?, coalesce((SELECT max(id) FROM " + _quote(conn, name) + "), 0))",
            (name, int(sequence)),
        )


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))


# ---------------------------------------------------------------- handlers, in phase order

@handles("drop_index", "drop_unique")
def _drop_index(ex: _Executor, op: Operation) -> None:
    assert op.old_entity and op.old_field
    for spec in field_indexes(op.old_entity, op.old_field):
        ex.drop_index(spec.name, op.old_entity["name"])


@handles("trash_field")
def _trash_field(ex: _Executor, op: Operation) -> None:
    assert op.old_entity and op.old_field
    f, table = op.old_field, op.old_entity["name"]
    hidden = trash_name(f["id"])
    if f["type"] == "links":
        current = ex.junctions.pop(f["id"])
        count = ex.count(current[0])
        ex.rename_table(current[0], hidden)
    else:
        count = ex.count(table, f["name"])
        ex.rename_column(table, f["name"], hidden)
    ex.trash(op, "field", field_id=f["id"], field_name=f["name"], physical=hidden,
             definition=f, count=count)


@handles("trash_entity")
def _trash_entity(ex: _Executor, op: Operation) -> None:
    assert op.old_entity
    entity = op.old_entity
    count = ex.count(entity["name"])
    for f in entity["fields"]:
        if f["type"] == "links" and f["id"] in ex.junctions:
            ex.rename_table(ex.junctions.pop(f["id"])[0], trash_name(f["id"]))
    ex.rename_table(entity["name"], trash_name(entity["id"]))
    ex.trash(op, "entity", physical=trash_name(entity["id"]), definition=entity, count=count)


@handles("rename_entity")
def _rename_entity(ex: _Executor, op: Operation) -> None:
    assert op.from_ and op.entity
    ex.rename_table(op.from_, op.entity)


@handles("restore_entity")
def _restore_entity(ex: _Executor, op: Operation) -> None:
    assert op.trash and op.old_entity and op.entity
    ex.rename_table(trash_name(op.old_entity["id"]), op.entity)
    for f in op.old_entity["fields"]:
        if f["type"] == "links":
            ex.junctions[f["id"]] = (trash_name(f["id"]),
                                     *junction_columns(op.trash.entity_name, f))
    _forget(ex, op.trash.id)


@handles("create_entity")
def _create_entity(ex: _Executor, op: Operation) -> None:
    assert op.new_entity
    ex.new_entities.append(op.new_entity)


@handles("rename_field")
def _rename_field(ex: _Executor, op: Operation) -> None:
    assert op.old_field and op.new_field and op.entity
    if op.new_field["type"] == "links":
        return  # the link table follows in _sync_junctions
    ex.rename_column(op.entity, op.old_field["name"], op.new_field["name"])


@handles("restore_field")
def _restore_field(ex: _Executor, op: Operation) -> None:
    assert op.trash and op.old_field and op.new_field and op.new_entity
    f = op.old_field
    if f["type"] == "links":
        ex.junctions[f["id"]] = (trash_name(f["id"]), *junction_columns(op.trash.entity_name, f))
    else:
        ex.rename_column(op.new_entity["name"], trash_name(f["id"]), op.new_field["name"])
    _forget(ex, op.trash.id)


def _forget(ex: _Executor, trash_id: int) -> None:
    ex.conn.execute(delete(store.TRASH).where(store.TRASH.c.id == trash_id))


@handles("add_field")
def _add_field(ex: _Executor, op: Operation) -> None:
    assert op.new_entity and op.new_field
    entity, f = op.new_entity, op.new_field
    if f["type"] == "links":
        ex.new_tables.tables[junction_name(entity, f)].create(ex.conn)
        return
    column = field_column(f)
    if ex.sqlite and column.foreign_keys:
        _add_link_column_sqlite(ex, entity["name"], column)
    else:
        ex.ops.add_column(entity["name"], column)
    if ex.plan.old["entities"] and f["type"] == "autonumber":
        _number_existing(ex, entity["name"], f["name"])
    elif f.get("required") and f.get("default") not in (None, "$me"):
        _fill_default(ex, entity, f)


def _add_link_column_sqlite(ex: _Executor, table: str, column: Column[Any]) -> None:
    """SQLite adds a column with its REFERENCES clause in one ALTER; Alembic would refuse,
    asking for a table rebuild, which adding a field must never need."""
    key = next(iter(column.foreign_keys))
    target, target_column = key.target_fullname.split(".")
    ex.exec(
        f"ALTER TABLE {ex.q(table)} ADD COLUMN {ex.q(column.name)} INTEGER "
        f"CONSTRAINT {ex.q(str(key.name))} REFERENCES {ex.q(target)} ({ex.q(target_column)})"
    )


def _number_existing(ex: _Executor, table: str, column: str) -> None:
    t, c = ex.q(table), ex.q(column)
    ex.exec(
        f"UPDATE {t} SET {c} = numbered.n FROM "
        f"(SELECT id, row_number() OVER (ORDER BY id) AS n FROM {t}) AS numbered "
        f"WHERE {t}.id = numbered.id"
    )


def _fill_default(ex: _Executor, entity: Entity, f: Field) -> None:
    kind = field_type(f["type"])
    default = f["default"]
    if default in ("$now", "$today"):
        import datetime as dt

        default = dt.datetime.now(dt.UTC)
    value = kind.parse(default, f)
    table = ex.table_of(entity)
    ex.conn.execute(update(table).where(table.c[f["name"]].is_(None)).values({f["name"]: value}))


@handles("change_type", "change_link_target")
def _change_type(ex: _Executor, op: Operation) -> None:
    assert op.new_entity and op.new_field and op.old_field
    entity, f = op.new_entity, op.new_field
    conversion = ex.plan.conversions[f["id"]]
    if conversion.bad:
        _clear_bad_values(ex, op, conversion.bad)
    if f["type"] == "links":
        _retarget_junction(ex, entity, f)
        return
    table, name = entity["name"], f["name"]
    if op.op == "change_link_target":
        _replace_column(ex, entity, f, [])
        return
    if conversion.values is not None and not conversion.retype_column:
        _write_values(ex, table, name, field_column(f).type, conversion.values)
        return
    if not conversion.retype_column:
        return
    if ex.sqlite:
        if conversion.values:
            _write_values(ex, table, name, field_column(f).type, conversion.values)
        ex.rebuild.add(table)
        return
    if conversion.values is None:
        new_type = field_column(f).type.compile(dialect=ex.conn.dialect)
        ex.ops.alter_column(table, name, type_=field_column(f).type,
                            postgresql_using=f"{ex.q(name)}::{new_type}")
        return
    _replace_column(ex, entity, f, conversion.values)


def _replace_column(ex: _Executor, entity: Entity, f: Field, values: list[tuple[int, Any]]) -> None:
    """PostgreSQL: a new column of the new type takes the converted values, then the name."""
    table, name = entity["name"], f["name"]
    if ex.sqlite:
        ex.exec(f"UPDATE {ex.q(table)} SET {ex.q(name)} = NULL")
        ex.rebuild.add(table)
        return
    temporary = f"kt_new_{f['id']}"[:63]
    column = field_column(f)
    column.name = column.key = temporary
    ex.ops.add_column(table, column)
    _write_values(ex, table, temporary, column.type, values)
    ex.ops.drop_column(table, name)
    ex.ops.alter_column(table, temporary, new_column_name=name)
    for spec in field_indexes(entity, f):
        ex.indexed.discard(spec.name)
        ex.create_index(spec, entity)


def _write_values(
    ex: _Executor, table: str, column: str, type_: Any, values: list[tuple[int, Any]]
) -> None:
    target = Table(table, MetaData(), Column("id"), Column(column, type_))
    statement = (
        update(target).where(target.c.id == bindparam("row_id"))
        .values({column: bindparam("new_value", type_=type_)})
    )
    for chunk in _chunks(values):
        ex.conn.execute(statement, [{"row_id": rid, "new_value": v} for rid, v in chunk])


def _clear_bad_values(ex: _Executor, op: Operation, bad: list[tuple[int, Any]]) -> None:
    assert op.new_entity and op.new_field and op.old_field
    entity, f = op.new_entity, op.new_field
    ex.trash(op, "values", field_id=f["id"], field_name=f["name"], definition=op.old_field,
             payload=bad, count=len(bad))
    if f["type"] == "links":
        return
    target = Table(entity["name"], MetaData(), Column("id"), Column(f["name"]))
    for chunk in _chunks(bad):
        ex.conn.execute(update(target).where(target.c.id.in_([rid for rid, _ in chunk]))
                        .values({f["name"]: None}))


def _retarget_junction(ex: _Executor, entity: Entity, f: Field) -> None:
    current = ex.junctions.pop(f["id"])
    ex.rename_table(current[0], trash_name(f["id"]) + "_old")
    ex.new_tables.tables[junction_name(entity, f)].create(ex.conn)


@handles("restore_values")
def _restore_values(ex: _Executor, op: Operation) -> None:
    assert op.trash and op.new_entity and op.new_field
    values = ex.plan.restores[op.trash.id]
    _put_back(ex.conn, op.new_entity["name"], op.new_field, values)
    _forget(ex, op.trash.id)


def _put_back(conn: Connection, table: str, f: Field, values: list[tuple[int, Any]]) -> None:
    """Write kept values back into records whose value is still empty."""
    type_ = field_column(f).type
    target = Table(table, MetaData(), Column("id"), Column(f["name"], type_))
    statement = (
        update(target)
        .where(target.c.id == bindparam("row_id"), target.c[f["name"]].is_(None))
        .values({f["name"]: bindparam("new_value", type_=type_)})
    )
    for chunk in _chunks(values):
        conn.execute(statement, [{"row_id": rid, "new_value": v} for rid, v in chunk])


@handles("add_index", "add_unique")
def _add_index(ex: _Executor, op: Operation) -> None:
    assert op.new_entity and op.new_field
    for spec in field_indexes(op.new_entity, op.new_field):
        ex.create_index(spec, op.new_entity)


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


# ---------------------------------------------------------------- after commit

def build_pending_indexes(engine: Engine, progress: Callable[[str], None] | None = None) -> int:
    """Build the indexes left by applies (CONCURRENTLY on PostgreSQL); returns how many."""
    jobs = store.INDEX_JOBS
    with engine.connect() as conn:
        if not inspect(conn).has_table(jobs.name):
            return 0
        rows = conn.execute(select(jobs).order_by(jobs.c.id)).all()
        conn.rollback()
    built = 0
    for row in rows:
        if progress:
            progress(f"building index {row.index_name} on {row.table_name}")
        _build_index(engine, row.table_name, row.index_name, json.loads(row.columns))
        with engine.begin() as conn:
            conn.execute(delete(jobs).where(jobs.c.id == row.id))
        built += 1
    return built


def _build_index(engine: Engine, table: str, name: str, columns: list[str]) -> None:
    with engine.connect() as conn:
        existing = {c["name"] for c in inspect(conn).get_columns(table)} if inspect(
            conn).has_table(table) else set()
        conn.rollback()
    if not set(columns) <= existing:
        return  # the field went away before its index was built
    preparer = engine.dialect.identifier_preparer
    cols = ", ".join(preparer.quote(c) for c in columns)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            valid = conn.execute(text(
                "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE c.relname = :name"), {"name": name}).scalar()
            if valid is False:
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {preparer.quote(name)}")
            conn.exec_driver_sql(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {preparer.quote(name)} "
                f"ON {preparer.quote(table)} ({cols})"
            )
        return
    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {preparer.quote(name)} ON {preparer.quote(table)} ({cols})"
        )


# ---------------------------------------------------------------- rollback, trash and purge

def rollback(engine: Engine, version: int, *, author: str, on_bad_values: str = "refuse") -> ApplyResult:
    """Apply the document of an earlier version as a new version (trashed data comes back)."""
    with engine.connect() as conn:
        old = store.get_version(conn, version)
        conn.rollback()
    if old is None:
        raise TrashError(f"there is no version {version}; see `kartoteka schema history`")
    return apply(engine, old.document, author=author, on_bad_values=on_bad_values,
                 summary=f"rolled back to version {version}")


def purge(engine: Engine, item_id: int, *, author: str) -> store.TrashItem:
    """Delete a schema-trash item and its data for good."""
    with schema_transaction(engine) as conn:
        item = store.trash_item(conn, item_id)
        if item is None:
            ids = ", ".join(str(t.id) for t in store.trash_items(conn)) or "none"
            raise TrashError(f"there is no schema-trash item {item_id}; items are: {ids}")
        ops = Operations(MigrationContext.configure(conn))
        if item.kind == "entity":
            for f in item.definition["fields"]:
                if f["type"] == "links":
                    ops.drop_table(trash_name(f["id"])) if inspect(conn).has_table(
                        trash_name(f["id"])) else None
            ops.drop_table(item.physical)
        elif item.kind == "field":
            _purge_field(conn, ops, item)
        conn.execute(delete(store.TRASH).where(store.TRASH.c.id == item_id))
    return item


def _purge_field(conn: Connection, ops: Operations, item: store.TrashItem) -> None:
    assert item.physical
    if item.definition["type"] == "links":
        ops.drop_table(item.physical)
        return
    version = store.current(conn)
    entity = next((e for e in version.document["entities"] if e["id"] == item.entity_id), None)
    table = entity["name"] if entity else trash_name(item.entity_id)
    for index in inspect(conn).get_indexes(table):
        if index["column_names"] == [item.physical]:
            ops.drop_index(str(index["name"]), table_name=table)
    if is_sqlite(conn):
        with ops.batch_alter_table(table, table_kwargs={"sqlite_autoincrement": True}) as batch:
            batch.drop_column(item.physical)
    else:
        ops.drop_column(table, item.physical)


def count_rows(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
