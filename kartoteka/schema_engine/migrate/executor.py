"""Run a plan's operations: the `_Executor` and one small handler per schema operation.

`HANDLERS` maps an operation name to its handler; `@handles` registers one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    MetaData,
    Table,
    bindparam,
    delete,
    insert,
    inspect,
    select,
    update,
)

from kartoteka.schema_engine import store
from kartoteka.schema_engine.db import alembic_operations, is_sqlite
from kartoteka.schema_engine.definition import DefaultValue, Entity, Field
from kartoteka.schema_engine.migrate.operations import Operation
from kartoteka.schema_engine.migrate.plan import Plan
from kartoteka.schema_engine.migrate.sqlite_rebuild import rebuild_sqlite_table, sqlite_shape
from kartoteka.schema_engine.migrate.unique_keys import (
    drop_keys,
    drop_value_index,
    ensure_keys,
    fill_keys,
)
from kartoteka.schema_engine.names import trash_name
from kartoteka.schema_engine.search import (
    add_shadow,
    create_search_index,
    drop_shadow,
    ensure_search,
    refold,
)
from kartoteka.schema_engine.tables import (
    IndexSpec,
    app_metadata,
    column_type,
    composite_indexes,
    entity_indexes,
    field_column,
    field_indexes,
    has_unique_key,
    is_searchable,
    junction_columns,
    junction_name,
    key_index_name,
)
from kartoteka.schema_engine.types import field_type

CHUNK = 5000

if TYPE_CHECKING:  # Alembic loads on the first schema change, not with the server
    pass


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
        self.ops = alembic_operations(conn)
        self.sqlite = is_sqlite(conn)
        self.preparer = conn.dialect.identifier_preparer
        self.deferred: list[Callable[[], None]] = []
        self.new_entities: list[Entity] = []
        #: SQLite tables to copy into their new shape once every column has its final name.
        self.rebuild: set[str] = set()
        #: Tables copied anew, and tables whose links were set: their foreign keys get checked.
        self.rebuilt: set[str] = set()
        self.written: set[str] = set()
        self.indexed: set[str] = set()
        #: Searchable fields (by id) whose search column and index must be checked once the
        #: apply is done (they come back from the trash), and those whose values changed, so
        #: that their search column is computed again.
        self.ensure_search: set[str] = set()
        self.refold: set[str] = set()
        #: Entities coming back from the trash: until their phase, their table is hidden.
        self.restoring = {
            op.old_entity["id"]
            for op in the_plan.operations
            if op.op == "restore_entity" and op.old_entity
        }
        #: Where each many-to-many link's table is now: field id -> (table, source, target).
        self.junctions: dict[str, tuple[str, str, str]] = {
            f["id"]: (junction_name(e, f), *junction_columns(e["name"], f))
            for e in the_plan.old["entities"]
            for f in e["fields"]
            if f["type"] == "links"
        }

    @cached_property
    def new_tables(self) -> MetaData:
        """The tables of the new definition (built when first needed: most changes need none)."""
        return app_metadata(self.plan.new, self.conn.dialect.name)

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
        self._finish_search()

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

    def _finish_search(self) -> None:
        """Last, once every table and column has its final name and type: search columns of
        fields back from the trash, and search values of fields whose values changed."""
        for entity in self.plan.new["entities"]:
            for f in entity["fields"]:
                if not is_searchable(f):
                    continue
                if f["id"] in self.ensure_search:
                    ensure_search(self.conn, self.ops, entity["name"], f)
                if f["id"] in self.refold:
                    refold(self.conn, entity["name"], f)
        for entity in self.plan.new["entities"]:
            for f in entity["fields"]:
                if has_unique_key(f) and f["id"] in self.refold:  # their values changed
                    fill_keys(self.conn, entity["name"], f)

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
            self.conn,
            kind=kind,
            entity_id=entity["id"],
            entity_name=entity["name"],
            version=self.version,
            author=self.author,
            **values,
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
            keyed = next((f for f in entity["fields"]
                          if has_unique_key(f) and key_index_name(f) == spec.name), None)
            if keyed is not None:  # its key column, filled, before the index on it
                ensure_keys(self.conn, self.ops, entity["name"], keyed)
            index = next(i for i in self.table_of(entity).indexes if i.name == spec.name)
            index.create(self.conn, checkfirst=True)
            if keyed is not None:  # an earlier release's index on the value itself
                drop_value_index(self.ops, entity["name"], keyed)
            return
        store.add_index_job(self.conn, spec.table, spec.name, spec.columns)

    def drop_index(self, name: str, table: str) -> None:
        self.conn.execute(delete(store.INDEX_JOBS).where(store.INDEX_JOBS.c.index_name == name))
        self.ops.drop_index(name, table_name=table, if_exists=True)

    # ------------------------------------------------------------ entities

    def _create_entities(self) -> None:
        names = {e["name"] for e in self.new_entities}
        tables = [t for t in self.new_tables.sorted_tables if t.name in names]
        tables += [
            self.new_tables.tables[junction_name(e, f)]
            for e in self.new_entities
            for f in e["fields"]
            if f["type"] == "links"
        ]
        self.new_tables.create_all(self.conn, tables=tables)
        for table in tables:
            self.indexed.update(str(i.name) for i in table.indexes)
        for entity in self.new_entities:
            for f in entity["fields"]:
                if is_searchable(f):
                    create_search_index(self.conn, entity["name"], f, now=True)
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
        self.rebuilt.add(table_name)
        entity = next(e for e in self.plan.new["entities"] if e["name"] == table_name)
        for spec in entity_indexes(entity):
            self.indexed.discard(spec.name)
            self.create_index(spec, entity)  # unique ones exist already: no-op


# ---------------------------------------------------------------- handlers, in phase order


@handles("drop_index", "drop_unique")
def _drop_index(ex: _Executor, op: Operation) -> None:
    assert op.old_entity and op.old_field
    for spec in field_indexes(op.old_entity, op.old_field):
        ex.drop_index(spec.name, op.old_entity["name"])
    if op.op == "drop_unique" and has_unique_key(op.old_field):
        drop_keys(ex.conn, ex.ops, op.old_entity["name"], op.old_field)


@handles("drop_composite_index")
def _drop_composite_index(ex: _Executor, op: Operation) -> None:
    assert op.old_entity
    ex.drop_index(op.extra["index"], op.old_entity["name"])


@handles("trash_field")
def _trash_field(ex: _Executor, op: Operation) -> None:
    assert op.old_entity and op.old_field
    f, entity_id = op.old_field, op.old_entity["id"]
    table = trash_name(entity_id) if entity_id in ex.restoring else op.old_entity["name"]
    hidden = trash_name(f["id"])
    if f["type"] == "links":
        current = ex.junctions.pop(f["id"], (hidden,))
        count = ex.count(current[0])
        ex.rename_table(current[0], hidden)
    else:
        count = ex.count(table, f["name"])
        ex.rename_column(table, f["name"], hidden)
    ex.trash(
        op,
        "field",
        field_id=f["id"],
        field_name=f["name"],
        physical=hidden,
        definition=f,
        count=count,
    )


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
    if op.new_entity:  # on SQLite, purging a field copied the table without its indexes
        for spec in composite_indexes(op.new_entity):
            ex.create_index(spec, op.new_entity)
    for f in op.old_entity["fields"]:
        if f["type"] != "links" and op.new_entity and f["id"] in _field_ids(op.new_entity):
            _ensure_indexes(ex, op.new_entity, f)
        if is_searchable(f):
            ex.ensure_search.add(f["id"])
        if f["type"] == "links":
            ex.junctions[f["id"]] = (
                trash_name(f["id"]),
                *junction_columns(op.trash.entity_name, f),
            )
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
        _ensure_indexes(ex, op.new_entity, op.new_field)
        if is_searchable(f):
            ex.ensure_search.add(f["id"])
    _forget(ex, op.trash.id)


def _ensure_indexes(ex: _Executor, entity: Entity, f: Field) -> None:
    """Indexes a field had may have been lost while it was in the trash (a SQLite rebuild)."""
    for spec in field_indexes(entity, f):
        ex.create_index(spec, entity)


def _field_ids(entity: Entity) -> set[str]:
    return {f["id"] for f in entity["fields"]}


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
    if is_searchable(f):
        add_shadow(ex.conn, ex.ops, entity["name"], f)
        create_search_index(ex.conn, entity["name"], f, now=False)
    if ex.plan.old["entities"] and f["type"] == "autonumber":
        _number_existing(ex, entity["name"], f["name"])
    elif f.get("required") and f.get("default") not in (None, "$me"):
        _fill_default(ex, entity, f)
        ex.refold.add(f["id"])


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
    """Existing records get the default of a new required field."""
    default: DefaultValue | dt.date = f["default"]
    now = dt.datetime.now(dt.UTC)
    if default == "$today" or (default == "$now" and f["type"] == "date"):
        default = now.date()
    elif default == "$now":
        default = now
    value = field_type(f["type"]).parse(default, f)
    table = ex.table_of(entity)
    ex.conn.execute(update(table).where(table.c[f["name"]].is_(None)).values({f["name"]: value}))


@handles("change_type")
def _change_type(ex: _Executor, op: Operation) -> None:
    assert op.new_entity and op.new_field and op.old_field
    entity, f = op.new_entity, op.new_field
    table, name = entity["name"], f["name"]
    conversion = ex.plan.conversions[f["id"]]
    _retype_search(ex, op)
    if conversion.bad:
        _clear_bad_values(ex, op, conversion.bad)
    if ex.sqlite or not conversion.retype_column:
        # SQLite: the values go into the old column now; a rebuild gives it its new type.
        if conversion.values:
            _write_values(ex, table, name, column_type(f), conversion.values)
        if conversion.retype_column or "link" in (op.old_field["type"], f["type"]):
            _switch_foreign_key(ex, op)
        return
    if conversion.values is None:
        new_type = column_type(f)
        cast = new_type.compile(dialect=ex.conn.dialect)
        ex.ops.alter_column(table, name, type_=new_type, postgresql_using=f"{ex.q(name)}::{cast}")
        return
    _replace_column(ex, entity, f, conversion.values)


def _retype_search(ex: _Executor, op: Operation) -> None:
    """A type change may give a field a search column, take it away, or change its values."""
    assert op.new_entity and op.new_field and op.old_field
    table, f = op.new_entity["name"], op.new_field
    was, now = is_searchable(op.old_field), is_searchable(f)
    if was and not now:
        drop_shadow(ex.conn, ex.ops, table, op.old_field)
        return
    if now and not was:
        add_shadow(ex.conn, ex.ops, table, f)
        create_search_index(ex.conn, table, f, now=False)
    if now:
        ex.refold.add(f["id"])  # once the values have their new type (after a SQLite rebuild)


@handles("change_link_target")
def _change_link_target(ex: _Executor, op: Operation) -> None:
    assert op.new_entity and op.new_field
    conversion = ex.plan.conversions[op.new_field["id"]]
    if conversion.bad:
        _clear_bad_values(ex, op, conversion.bad)
    if op.new_field["type"] == "links":
        _retarget_junction(ex, op.new_entity, op.new_field)
    else:
        _switch_foreign_key(ex, op)


def _switch_foreign_key(ex: _Executor, op: Operation) -> None:
    """Give a column the foreign key its new definition asks for (none, or another target)."""
    assert op.new_entity and op.new_field and op.old_field
    table = op.new_entity["name"]
    if ex.sqlite:
        ex.rebuild.add(table)
        return
    name = f"fk_{op.new_field['id']}"
    if op.old_field["type"] == "link":
        ex.ops.drop_constraint(name, table, type_="foreignkey")
    if op.new_field["type"] == "link":
        target = op.new_field["to"]
        ex.ops.create_foreign_key(name, table, target, [op.new_field["name"]], ["id"])


def _replace_column(ex: _Executor, entity: Entity, f: Field, values: list[tuple[int, Any]]) -> None:
    """PostgreSQL: a new column of the new type takes the converted values, then the name."""
    table, name = entity["name"], f["name"]
    temporary = f"kt_new_{f['id']}"[:63]
    ex.ops.add_column(table, Column(temporary, column_type(f)))
    _write_values(ex, table, temporary, column_type(f), values)
    ex.ops.drop_column(table, name)
    ex.ops.alter_column(table, temporary, new_column_name=name)
    if f["type"] == "link":
        ex.ops.create_foreign_key(f"fk_{f['id']}", table, f["to"], [name], ["id"])
    # Dropping the old column dropped every index on it, declared ones over several columns too.
    composite = [spec for spec in composite_indexes(entity) if name in spec.columns]
    for spec in field_indexes(entity, f) + composite:
        ex.indexed.discard(spec.name)
        ex.create_index(spec, entity)


def _write_values(
    ex: _Executor, table: str, column: str, type_: Any, values: list[tuple[int, Any]]
) -> None:
    ex.written.add(table)
    target = Table(table, MetaData(), Column("id"), Column(column, type_))
    statement = (
        update(target)
        .where(target.c.id == bindparam("row_id"))
        .values({column: bindparam("new_value", type_=type_)})
    )
    for chunk in _chunks(values):
        ex.conn.execute(statement, [{"row_id": rid, "new_value": v} for rid, v in chunk])


def _clear_bad_values(ex: _Executor, op: Operation, bad: list[tuple[int, Any]]) -> None:
    """Keep the values a change cannot take in the schema trash, then clear them."""
    assert op.new_entity and op.new_field and op.old_field
    entity, f = op.new_entity, op.new_field
    ex.trash(
        op,
        "values",
        field_id=f["id"],
        field_name=f["name"],
        definition=op.old_field,
        payload=bad,
        count=len(bad),
    )
    if f["type"] == "links":
        return  # the whole link table is replaced
    target = Table(entity["name"], MetaData(), Column("id"), Column(f["name"]))
    for chunk in _chunks(bad):
        ex.conn.execute(
            update(target)
            .where(target.c.id.in_([rid for rid, _ in chunk]))
            .values({f["name"]: None})
        )


def _retarget_junction(ex: _Executor, entity: Entity, f: Field) -> None:
    """A many-to-many link to another entity: its pairs are in the trash, its table new."""
    current = ex.junctions.pop(f["id"])
    ex.ops.drop_table(current[0])
    ex.new_tables.tables[junction_name(entity, f)].create(ex.conn)


@handles("restore_values")
def _restore_values(ex: _Executor, op: Operation) -> None:
    assert op.trash and op.new_entity and op.new_field
    values = ex.plan.restores[op.trash.id]
    if op.new_field["type"] == "links":
        junction = ex.new_tables.tables[junction_name(op.new_entity, op.new_field)]
        _put_back_pairs(ex.conn, junction, values)
        ex.written.add(junction.name)
        _forget(ex, op.trash.id)
        return
    ex.written.add(op.new_entity["name"])
    ex.refold.add(op.new_field["id"])
    kept = _put_back(ex.conn, op.new_entity["name"], op.new_field, values)
    payload = [item for item in op.trash.payload or [] if item[0] in kept]
    if payload:
        store.update_trash_payload(ex.conn, op.trash.id, payload)
    else:
        _forget(ex, op.trash.id)


def _put_back(conn: Connection, table: str, f: Field, values: list[tuple[int, Any]]) -> set[int]:
    """Write kept values back into records whose value is still empty.

    Returns the ids of records given a new value meanwhile: their old values stay in the
    trash. Values of records that no longer exist are dropped.
    """
    type_ = column_type(f)
    target = Table(table, MetaData(), Column("id"), Column(f["name"], type_))
    present: dict[int, Any] = {}
    for chunk in _chunks(values):
        ids = [rid for rid, _ in chunk]
        query = select(target.c.id, target.c[f["name"]]).where(target.c.id.in_(ids))
        present.update((row[0], row[1]) for row in conn.execute(query))
    empty = [(rid, v) for rid, v in values if rid in present and present[rid] is None]
    statement = (
        update(target)
        .where(target.c.id == bindparam("row_id"))
        .values({f["name"]: bindparam("new_value", type_=type_)})
    )
    for chunk in _chunks(empty):
        conn.execute(statement, [{"row_id": rid, "new_value": v} for rid, v in chunk])
    return {rid for rid, value in present.items() if value is not None}


def _put_back_pairs(conn: Connection, junction: Table, pairs: list[tuple[int, Any]]) -> None:
    source, target = junction.c
    existing = {(a, b) for a, b in conn.execute(select(source, target))}
    missing = [{source.name: a, target.name: b} for a, b in pairs if (a, b) not in existing]
    for chunk in _chunks(missing):
        conn.execute(insert(junction), chunk)


@handles("add_index", "add_unique", "add_unique_key")
def _add_index(ex: _Executor, op: Operation) -> None:
    assert op.new_entity and op.new_field
    for spec in field_indexes(op.new_entity, op.new_field):
        ex.create_index(spec, op.new_entity)


@handles("add_composite_index")
def _add_composite_index(ex: _Executor, op: Operation) -> None:
    """Built after commit, like the index of a new field (CONCURRENTLY on PostgreSQL)."""
    assert op.new_entity
    spec = next(s for s in composite_indexes(op.new_entity) if s.name == op.extra["index"])
    ex.create_index(spec, op.new_entity)


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
