"""Compare two app definitions and measure the change on the data: `plan(old, new, conn)`.

A plan is pure: it reads, never writes. `apply` re-plans inside its transaction and executes it.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import Column, Connection, Integer, MetaData, Table, and_, func, or_, select

from kartoteka.schema_engine.definition import (
    Document,
    Entity,
    Field,
    canonical,
    clone,
    validate_definition,
)
from kartoteka.schema_engine.errors import DefinitionError, DefinitionInvalid, KartotekaError
from kartoteka.schema_engine.limits import no_statement_limit
from kartoteka.schema_engine.migrate.operations import Operation
from kartoteka.schema_engine.names import trash_name
from kartoteka.schema_engine.store import TrashItem, get_version, trash_items
from kartoteka.schema_engine.tables import (
    IndexSpec,
    UtcDateTime,
    column_type,
    composite_indexes,
    field_indexes,
    junction_columns,
    junction_name,
)
from kartoteka.schema_engine.types import ConversionError, field_type, option_values

MAX_RECORD_IDS = 100
ON_BAD_VALUES = ("refuse", "clear")


@dataclass
class Problem:
    """Something in the data that blocks the change, with the records concerned."""

    message: str
    entity: str | None = None
    field: str | None = None
    count: int = 0
    records: list[int] = dataclass_field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "entity": self.entity,
            "field": self.field,
            "count": self.count,
            "records": self.records[:MAX_RECORD_IDS],
        }


@dataclass
class Warning:
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message}


@dataclass
class Conversion:
    """What a type change does to the values of one field."""

    #: (record id, new value) for every value to write; None when a plain SQL cast does it.
    values: list[tuple[int, Any]] | None
    #: (record id, old value) for every value that cannot be converted.
    bad: list[tuple[int, Any]]
    #: Whether the column's SQL type changes.
    retype_column: bool


@dataclass
class Plan:
    """What a change of the definition will do, and what in the data stands in its way."""

    old: Document
    new: Document
    operations: list[Operation] = dataclass_field(default_factory=list)
    problems: list[Problem] = dataclass_field(default_factory=list)
    warnings: list[Warning] = dataclass_field(default_factory=list)
    conversions: dict[str, Conversion] = dataclass_field(default_factory=dict)
    #: schema-trash item id -> (record id, value) pairs that an apply puts back.
    restores: dict[int, list[tuple[int, Any]]] = dataclass_field(default_factory=dict)
    on_bad_values: str = "refuse"

    @property
    def changed(self) -> bool:
        return canonical(self.old) != canonical(self.new)

    @property
    def ddl(self) -> bool:
        return any(op.ddl for op in self.operations)

    def to_json(self) -> dict[str, Any]:
        return {
            "operations": [op.to_json() for op in self.operations],
            "problems": [p.to_json() for p in self.problems],
            "warnings": [w.to_json() for w in self.warnings],
        }

    def summary(self) -> str:
        if not self.operations:
            return "no change"
        text = "; ".join(op.describe() for op in self.operations[:5])
        more = len(self.operations) - 5
        return text + (f"; and {more} more" if more > 0 else "")


class PlanRefused(KartotekaError):
    """The change would lose or break data; `plan.problems` says where."""

    # Beside Plan rather than in errors.py, which would otherwise import this package back.
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        lines = [f"  {p.message}" for p in plan.problems]
        super().__init__("the change was not applied:\n" + "\n".join(lines))


# ---------------------------------------------------------------- ids


def assign_ids(new: Document, old: Document, taken: set[str] | None = None) -> Document:
    """A copy of `new` where every entity and field has an id.

    An item without an id takes the id of the old item with the same name (so a document written
    by hand still means the same entities); otherwise it gets a fresh readable id.
    """
    doc = clone(new)
    used = set(taken or ()) | _all_ids(old) | _all_ids(doc)
    old_entities = {e["name"]: e for e in old["entities"]}
    new_entity_ids = {e["id"] for e in doc["entities"] if "id" in e}
    for entity in doc["entities"]:
        previous = old_entities.get(entity["name"])
        if "id" not in entity:
            if previous and previous["id"] not in new_entity_ids:
                entity["id"] = previous["id"]
            else:
                entity["id"] = _fresh(f"ent_{entity['name']}", used)
            new_entity_ids.add(entity["id"])
        old_match = next((e for e in old["entities"] if e["id"] == entity["id"]), None)
        old_fields = {f["name"]: f for f in old_match["fields"]} if old_match else {}
        new_field_ids = {f["id"] for f in entity["fields"] if "id" in f}
        for f in entity["fields"]:
            if "id" in f:
                continue
            prior = old_fields.get(f["name"])
            if prior and prior["id"] not in new_field_ids:
                f["id"] = prior["id"]
            else:
                f["id"] = _fresh(f"fld_{entity['name']}_{f['name']}", used)
            new_field_ids.add(f["id"])
    return _with_ids_first(doc)


def _all_ids(doc: Document) -> set[str]:
    ids = set()
    for entity in doc.get("entities", []):
        if "id" in entity:
            ids.add(entity["id"])
        ids.update(f["id"] for f in entity.get("fields", []) if "id" in f)
    return ids


def _fresh(base: str, used: set[str]) -> str:
    candidate = base[:36].rstrip("_")
    while candidate in used:
        candidate = f"{base[:30].rstrip('_')}_{secrets.token_hex(2)}"
    used.add(candidate)
    return candidate


_Item = TypeVar("_Item", Entity, Field)


def _id_first(item: _Item) -> _Item:
    # The same keys, rebuilt in another order: still the entity or field it was.
    return cast(_Item, {"id": item["id"], **{k: v for k, v in item.items() if k != "id"}})


def _with_ids_first(doc: Document) -> Document:
    doc["entities"] = [
        {**_id_first(e), "fields": [_id_first(f) for f in e["fields"]]} for e in doc["entities"]
    ]
    return doc


# ---------------------------------------------------------------- the planner


def plan(
    old: Document,
    new: Mapping[str, Any],
    conn: Connection | None = None,
    on_bad_values: str = "refuse",
) -> Plan:
    """Compare `old` with `new` (checked here); with a connection, measure what the change does
    to the data."""
    if on_bad_values not in ON_BAD_VALUES:
        raise ValueError(f"on_bad_values must be one of {ON_BAD_VALUES}, not {on_bad_values!r}")
    checked = validate_definition(new)
    trash = trash_items(conn) if conn is not None else []
    # Fresh ids are valid and unique by construction, so the document needs no second check.
    with_ids = assign_ids(checked, old, {t.field_id or t.entity_id for t in trash})
    planner = _Planner(old, with_ids, conn, trash, on_bad_values)
    if conn is None:
        return planner.run()
    # Part of a schema apply: counting the values a change cannot convert may scan a big table.
    with no_statement_limit(conn):
        return planner.run()


def _field_args(
    old_entity: Entity, new_entity: Entity, old: Field | None, new: Field | None
) -> dict[str, Any]:
    """The arguments of an operation on one field: its names as they become, and both versions."""
    named = new if new is not None else old
    return {
        "entity": new_entity["name"],
        "field": named["name"] if named is not None else None,
        "old_entity": old_entity,
        "new_entity": new_entity,
        "old_field": old,
        "new_field": new,
    }


class _Planner:
    def __init__(
        self,
        old: Document,
        new: Document,
        conn: Connection | None,
        trash: list[TrashItem],
        on_bad_values: str,
    ) -> None:
        self.result = Plan(old=old, new=new, on_bad_values=on_bad_values)
        self.conn = conn
        self.trash = trash
        self.errors: list[DefinitionError] = []
        #: Entity name -> id, to follow links through renames.
        self.old_entity_ids = {e["name"]: e["id"] for e in old["entities"]}
        self.new_entity_ids = {e["name"]: e["id"] for e in new["entities"]}
        self.physical_tables = self._physical_tables()
        #: Field id -> the trash item an old field comes back from in this change.
        self.trash_sources: dict[str, TrashItem] = {}
        self._names: dict[int, dict[str, str]] = {}

    def run(self) -> Plan:
        old, new = self.result.old, self.result.new
        old_by_id = {e["id"]: e for e in old["entities"]}
        new_ids = {e["id"] for e in new["entities"]}
        for i, entity in enumerate(new["entities"]):
            self._entity(old_by_id.get(entity["id"]), entity, f"$.entities[{i}]")
        for entity in old["entities"]:
            if entity["id"] not in new_ids:
                self._trash_entity(entity)
        if [e["id"] for e in old["entities"] if e["id"] in new_ids] != [
            e["id"] for e in new["entities"] if e["id"] in old_by_id
        ]:
            self._add("reorder_entities")
        for key in ("views", "automations", "documents", "roles"):
            if json.dumps(old.get(key), sort_keys=True) != json.dumps(new.get(key), sort_keys=True):
                self._add(f"update_{key}")
        if self.errors:
            raise DefinitionInvalid(self.errors)
        self.result.operations.sort(key=lambda op: op.kind.phase)
        return self.result

    def _add(self, op: str, **kwargs: Any) -> Operation:
        operation = Operation(op, **kwargs)
        self.result.operations.append(operation)
        return operation

    def _problem(self, message: str, entity: Entity, f: Field | None, ids: list[int]) -> None:
        self.result.problems.append(
            Problem(
                message,
                entity["name"],
                f["name"] if f else None,
                len(ids),
                sorted(ids)[:MAX_RECORD_IDS],
            )
        )

    def _warn(self, message: str) -> None:
        self.result.warnings.append(Warning(message))

    # ------------------------------------------------------------ entities

    def _entity(self, old: Entity | None, new: Entity, at: str) -> None:
        name = new["name"]
        if old is None:
            trashed = self._trashed("entity", new["id"])
            if trashed is None:
                self._add("create_entity", entity=name, new_entity=new)
                return
            old = trashed.entity_definition
            self.trash_sources.update({f["id"]: trashed for f in old["fields"]})
            self._add(
                "restore_entity",
                entity=name,
                from_=None,
                old_entity=old,
                new_entity=new,
                trash=trashed,
            )
        elif old["name"] != name:
            self._add(
                "rename_entity", entity=name, from_=old["name"], old_entity=old, new_entity=new
            )
            self._warn(
                f"renaming entity {old['name']} to {name} changes its API path and table "
                "name; scripts and reports that use the old name must change too"
            )
        self._fields(old, new, at)
        indexes_changed = self._indexes(old, new)
        # The same indexes listed in another order: a settings change only.
        reordered = not indexes_changed and _declared_indexes(old) != _declared_indexes(new)
        settings = {k for k in set(old) | set(new) if k not in ("id", "name", "fields", "indexes")}
        if reordered or any(old.get(k) != new.get(k) for k in settings):
            self._add("update_entity", entity=name, old_entity=old, new_entity=new)

    def _indexes(self, old: Entity, new: Entity) -> bool:
        """Drop and add the declared indexes that differ; whether there were any.

        They are named from field ids, so renaming the entity or a field keeps them as they are.
        """
        old_ix = {s.name: s for s in composite_indexes(old)}
        new_ix = {s.name: s for s in composite_indexes(new)}
        dropped = [spec for name, spec in old_ix.items() if name not in new_ix]
        added = [spec for name, spec in new_ix.items() if name not in old_ix]
        context = {"entity": new["name"], "old_entity": old, "new_entity": new}
        for spec in dropped:
            self._add("drop_composite_index", extra=_index_extra(spec), **context)
        for spec in added:
            self._add("add_composite_index", extra=_index_extra(spec), **context)
        return bool(dropped or added)

    def _trash_entity(self, old: Entity) -> None:
        self._add("trash_entity", entity=old["name"], old_entity=old)
        rows = self._count(old)
        self._warn(
            f"entity {old['name']} and its {rows} records go to the schema trash; "
            "restore them with `kartoteka schema rollback` or purge them for good"
        )

    def _trashed(self, kind: str, item_id: str) -> TrashItem | None:
        key = "entity_id" if kind == "entity" else "field_id"
        return next(
            (t for t in reversed(self.trash) if t.kind == kind and getattr(t, key) == item_id), None
        )

    # ------------------------------------------------------------ fields

    def _fields(self, old_entity: Entity, new_entity: Entity, at: str) -> None:
        old_by_id = {f["id"]: f for f in old_entity["fields"]}
        new_ids = {f["id"] for f in new_entity["fields"]}
        for gone in old_entity["fields"]:
            if gone["id"] not in new_ids:
                self._add("trash_field", **_field_args(old_entity, new_entity, gone, None))
                self._warn(
                    f"field {old_entity['name']}.{gone['name']} goes to the schema trash "
                    "with its data; restore it with `kartoteka schema rollback`"
                )
        for j, new_f in enumerate(new_entity["fields"]):
            old_f = old_by_id.get(new_f["id"])
            if old_f is None:
                trashed = self._trashed("field", new_f["id"])
                if trashed is not None and trashed.entity_id == new_entity["id"]:
                    old_f = trashed.field_definition
                    self.trash_sources[old_f["id"]] = trashed
                    self._add(
                        "restore_field",
                        trash=trashed,
                        **_field_args(old_entity, new_entity, old_f, new_f),
                    )
                else:
                    self._add_field(old_entity, new_entity, new_f)
                    continue
            self._field(old_entity, new_entity, old_f, new_f, f"{at}.fields[{j}]")
        kept_old = [f["id"] for f in old_entity["fields"] if f["id"] in new_ids]
        kept_new = [f["id"] for f in new_entity["fields"] if f["id"] in old_by_id]
        if kept_old != kept_new:
            self._add(
                "reorder_fields",
                entity=new_entity["name"],
                old_entity=old_entity,
                new_entity=new_entity,
            )

    def _add_field(self, old_entity: Entity, entity: Entity, f: Field) -> None:
        args = _field_args(old_entity, entity, None, f)
        self._add("add_field", extra={"type": f["type"]}, **args)
        for spec in field_indexes(entity, f):
            op = "add_unique" if spec.unique else "add_index"
            self._add(op, entity=entity["name"], field=f["name"], new_entity=entity, new_field=f)
        kind = field_type(f["type"])
        # Only a writable column can be empty in existing rows (autonumbers are numbered).
        if f.get("required") and kind.writable and kind.has_column:
            rows = self._live_ids(old_entity, None)
            if rows and f.get("default") in (None, "$me"):
                self._problem(
                    f"{_records(rows, old_entity)} would have no {f['name']}, which is "
                    "required; give the field a default or add it as optional first",
                    entity,
                    f,
                    rows,
                )

    def _field(self, old_entity: Entity, entity: Entity, old: Field, new: Field, at: str) -> None:
        ctx = _field_args(old_entity, entity, old, new)
        if old["name"] != new["name"]:
            self._add("rename_field", from_=old["name"], **ctx)
            self._warn(
                f"renaming {old_entity['name']}.{old['name']} to {new['name']} changes "
                "its name in the API and the column name in the database"
            )
        if old["type"] != new["type"]:
            self._change_type(old_entity, old, new, at, ctx)
        elif field_type(new["type"]).is_link and not self._same_target(old, new):
            self._change_link_target(old_entity, old, new, ctx)
        old_ix = {s.name: s for s in field_indexes(old_entity, old)}
        new_ix = {s.name: s for s in field_indexes(entity, new)}
        for name, spec in old_ix.items():
            if name not in new_ix:
                self._add("drop_unique" if spec.unique else "drop_index", **ctx)
        for name, spec in new_ix.items():
            if name not in old_ix:
                self._add("add_unique" if spec.unique else "add_index", **ctx)
            if spec.unique and (name not in old_ix or new["id"] in self.result.conversions):
                self._check_unique(old_entity, old, new)
        if new.get("required") and not old.get("required"):
            self._add("set_required", **ctx)
            self._check_required(old_entity, old, new)
        elif new.get("required") and new["id"] in self.result.conversions:
            self._check_required(old_entity, old, new)
        options_changed = any(new.get(k) != old.get(k) for k in ("options", "won", "lost"))
        has_options = "options" in field_type(new["type"]).keys
        if new["type"] == old["type"] and has_options and options_changed:
            self._add("change_options", **ctx)
            self._check_options(old_entity, old, new)
        handled = {
            "id",
            "name",
            "type",
            "to",
            "unique",
            "indexed",
            "required",
            "options",
            "won",
            "lost",
        }
        if any(old.get(k) != new.get(k) for k in set(old) | set(new) if k not in handled):
            self._add("update_field", **ctx)

    def _same_target(self, old: Field, new: Field, item: TrashItem | None = None) -> bool:
        """Whether a link still points at the same entity (which may have been renamed).

        The target of a field from the trash is named as it was when the field went there.
        """
        item = item or self.trash_sources.get(old["id"])
        names = self._names_before(item.version) if item else self.old_entity_ids
        return names.get(old["to"], old["to"]) == self.new_entity_ids.get(new["to"], new["to"])

    def _names_before(self, version: int) -> dict[str, str]:
        """Entity name -> id in the definition that version `version` changed."""
        if version not in self._names:
            assert self.conn is not None
            before = get_version(self.conn, version - 1)
            entities = before.document["entities"] if before else []
            self._names[version] = {e["name"]: e["id"] for e in entities}
        return self._names[version]

    # ------------------------------------------------------------ where the data is now

    def _physical_tables(self) -> dict[str, str]:
        """Entity id -> the table holding its records: its name, or its hidden trash table."""
        tables = {t.entity_id: t.physical for t in self.trash if t.kind == "entity" and t.physical}
        tables.update({e["id"]: e["name"] for e in self.result.old["entities"]})
        return tables

    def _source(self, entity_id: str, f: Field | None = None) -> Table | None:
        """The records of an (old or trashed) entity for reading: `id`, `deleted_at` and, with a
        field, its column as `value` (under its hidden name when the field is in the trash)."""
        name = self.physical_tables.get(entity_id)
        if self.conn is None or name is None:
            return None
        columns: list[Column[Any]] = [Column("id", Integer), Column("deleted_at", UtcDateTime())]
        if f is not None:
            if not field_type(f["type"]).has_column:
                return None
            trashed = self._trashed("field", f["id"])
            physical = trashed.physical if trashed and trashed.physical else f["name"]
            columns.append(Column(physical, column_type(f), key="value"))
        return Table(name, MetaData(), *columns)

    def _target_source(self, new: Field) -> Table | None:
        """The records a link of the new definition points at, wherever they are now."""
        target_id = self.new_entity_ids.get(new["to"])
        return self._source(target_id) if target_id else None

    # ------------------------------------------------------------ measurements on the data

    def _run(self, query: Any) -> list[Any]:
        assert self.conn is not None
        return list(self.conn.execute(query))

    def _count(self, entity: Entity) -> int:
        table = self._source(entity["id"])
        if table is None:
            return 0
        return int(self._run(select(func.count()).select_from(table))[0][0])

    def _live_ids(self, entity: Entity, f: Field | None, condition: Any = None) -> list[int]:
        """Ids of records not in the record trash; `condition` may use `table.c.value`."""
        table = self._source(entity["id"], f)
        if table is None:
            return []
        query = select(table.c.id).where(table.c.deleted_at.is_(None))
        if condition is not None:
            query = query.where(condition(table))
        return [row[0] for row in self._run(query.order_by(table.c.id))]

    def _values(self, entity: Entity, f: Field, live: bool = False) -> list[tuple[int, Any]]:
        """(record id, value) of every record with a value, trashed records too unless `live`."""
        table = self._source(entity["id"], f)
        if table is None:
            return []
        query = select(table.c.id, table.c.value).where(table.c.value.is_not(None))
        if live:
            query = query.where(table.c.deleted_at.is_(None))
        return [(row[0], row[1]) for row in self._run(query.order_by(table.c.id))]

    def _check_required(self, entity: Entity, old: Field, new: Field) -> None:
        def empty(table: Table) -> Any:
            if field_type(old["type"]).family == "text":
                return or_(table.c.value.is_(None), func.trim(table.c.value) == "")
            return table.c.value.is_(None)

        ids = set(self._live_ids(entity, old, empty))
        conversion = self.result.conversions.get(new["id"])
        if conversion and conversion.bad and self.result.on_bad_values == "clear":
            live = set(self._live_ids(entity, old))
            ids |= {rid for rid, _ in conversion.bad if rid in live}  # they will be cleared
        if ids:
            self._problem(
                f"{_records(ids, entity)} {_have(ids)} no {new['name']}, which the change makes "
                "required; fill them in first",
                entity,
                new,
                sorted(ids),
            )

    def _check_unique(self, entity: Entity, old: Field, new: Field) -> None:
        rows = self._converted_duplicates(entity, old, new)
        if rows is None:
            rows = self._duplicates(entity, old)
        if rows:
            groups = len({_key(value) for _, value in rows})
            examples = ", ".join(sorted({repr(str(value)) for _, value in rows})[:3])
            self._problem(
                f"{new['name']} of {entity['name']} cannot become unique: {groups} "
                f"value{'' if groups == 1 else 's'} {'is' if groups == 1 else 'are'} used by "
                f"more than one record ({examples}), in {len(rows)} records; make them "
                "different first",
                entity,
                new,
                [rid for rid, _ in rows],
            )

    def _duplicates(self, entity: Entity, old: Field) -> list[tuple[int, Any]]:
        """(id, value) of live records sharing a value with another one, by SQL."""
        table = self._source(entity["id"], old)
        if table is None:
            return []
        value = table.c.value
        live = and_(table.c.deleted_at.is_(None), value.is_not(None))
        doubled = select(value).where(live).group_by(value).having(func.count() > 1)
        query = select(table.c.id, value).where(live, value.in_(doubled.scalar_subquery()))
        return [(row[0], row[1]) for row in self._run(query.order_by(value, table.c.id))]

    def _converted_duplicates(
        self, entity: Entity, old: Field, new: Field
    ) -> list[tuple[int, Any]] | None:
        """Duplicates among the values a type change makes ("01" and "1" become 1), or None
        when the values stay as they are."""
        conversion = self.result.conversions.get(new["id"])
        if conversion is None or conversion.values is None:
            return None
        converted = dict(conversion.values)
        cleared = {rid for rid, _ in conversion.bad}
        values = [
            (rid, converted.get(rid, value))
            for rid, value in self._values(entity, old, live=True)
            if rid not in cleared
        ]
        counts = Counter(_key(value) for _, value in values)
        return [(rid, value) for rid, value in values if counts[_key(value)] > 1]

    def _check_options(self, entity: Entity, old: Field, new: Field) -> None:
        removed = set(option_values(old)) - set(option_values(new))
        if not removed:
            return
        if new["type"] == "multi_select":
            used = self._values(entity, old, live=True)
            bad = [rid for rid, value in used if set(_as_list(value)) & removed]
        else:
            bad = self._live_ids(entity, old, lambda t: t.c.value.in_(sorted(removed)))
        if bad:
            self._problem(
                f"{_records(bad, entity)} {_use(bad)} {new['name']} "
                f"{', '.join(map(repr, sorted(removed)))}, which the change removes; "
                "give them another value first",
                entity,
                new,
                bad,
            )

    # ------------------------------------------------------------ type changes

    def _change_type(
        self, entity: Entity, old: Field, new: Field, at: str, ctx: dict[str, Any]
    ) -> None:
        old_kind, new_kind = field_type(old["type"]), field_type(new["type"])
        if ("junction" in (old_kind.family, new_kind.family)
                or {"user", "file"} & {old["type"], new["type"]}):
            self.errors.append(
                DefinitionError(
                    f"{at}.type",
                    f"a {old['type']} field cannot become a {new['type']} field; add a "
                    "new field and move the values over instead",
                )
            )
            return
        retype_column = old_kind.family != new_kind.family
        links_change = "link" in (old["type"], new["type"])
        self._add(
            "change_type",
            extra={"from_type": old["type"], "to_type": new["type"]},
            emits_ddl=retype_column or links_change,
            **ctx,
        )
        self._restorable_values(entity, new, ctx)
        if _castable(old, new):
            self.result.conversions[new["id"]] = Conversion(None, [], retype_column)
            return
        bad: list[tuple[int, Any]] = []
        converted: list[tuple[int, Any, Any]] = []  # record id, old value, new value
        for record_id, value in self._values(entity, old):
            try:
                converted.append((record_id, value, new_kind.parse(value, new)))
            except ConversionError:
                bad.append((record_id, jsonable(value)))
        if new["type"] == "link":
            found = self._existing_targets(new, {c for _, _, c in converted})
            bad = sorted(bad + [(rid, jsonable(v)) for rid, v, c in converted if c not in found])
            converted = [item for item in converted if item[2] in found]
        values = [(rid, c) for rid, v, c in converted if retype_column or c != v]
        self.result.conversions[new["id"]] = Conversion(values, bad, retype_column)
        if bad:
            self._bad_values(entity, old, new, bad)

    def _bad_values(
        self, entity: Entity, old: Field, new: Field, bad: list[tuple[int, Any]]
    ) -> None:
        example = ", ".join(repr(v) for _, v in bad[:3])
        if self.result.on_bad_values == "clear":
            self._warn(
                f"{len(bad)} values of {entity['name']}.{old['name']} are not {new['type']} values "
                f"({example}); they will be cleared and kept in the schema trash"
            )
            return
        self._problem(
            f"{_records(bad, entity)} {_have(bad)} {_a(old['name'])} that is not a valid "
            f"{new['type']} value ({example}); correct them, or apply with "
            "--on-bad-values=clear to keep them in the schema trash",
            entity,
            new,
            [rid for rid, _ in bad],
        )

    def _restorable_values(self, entity: Entity, new: Field, ctx: dict[str, Any]) -> None:
        """Values cleared by an earlier change come back when the field takes them again."""
        for item in self.trash:
            if item.kind != "values" or item.field_id != new["id"] or not item.payload:
                continue
            trashed = item.field_definition
            if trashed.get("to") and not self._same_target(trashed, new, item):
                continue
            values = self._restorable(new, item.payload)
            if values is None:
                continue
            self.result.restores[item.id] = values
            self._add("restore_values", extra={"count": len(values)}, trash=item, **ctx)

    def _restorable(self, new: Field, payload: list[Any]) -> list[tuple[int, Any]] | None:
        """The kept values as `new` takes them, or None when one of them does not fit."""
        if new["type"] == "links":
            values = [(int(a), int(b)) for a, b in payload]
        else:
            try:
                values = [(rid, field_type(new["type"]).parse(v, new)) for rid, v in payload]
            except ConversionError:
                return None
        if field_type(new["type"]).is_link:
            found = self._existing_targets(new, {v for _, v in values})
            values = [(rid, v) for rid, v in values if v in found]
        return values

    def _existing_targets(self, f: Field, wanted: set[int]) -> set[int]:
        """Which of the record ids `wanted` exist in the entity a link of `f` points at."""
        target = self._target_source(f)
        if target is None or not wanted:
            return set()
        query = select(target.c.id).where(target.c.id.in_(sorted(wanted)))
        return {row[0] for row in self._run(query)}

    def _change_link_target(
        self, entity: Entity, old: Field, new: Field, ctx: dict[str, Any]
    ) -> None:
        self._add("change_link_target", extra={"to": new["to"], "from_to": old["to"]}, **ctx)
        self._restorable_values(entity, new, ctx)
        bad = self._pairs(entity, old) if new["type"] == "links" else self._values(entity, old)
        self.result.conversions[new["id"]] = Conversion([], bad, False)
        if bad and self.result.on_bad_values != "clear":
            ids = sorted({rid for rid, _ in bad})
            self._problem(
                f"{_records(ids, entity)} {_link(ids)} to {_a(old['to'])} through {new['name']}; "
                "clear those links first, or apply with --on-bad-values=clear to keep them in the "
                "schema trash",
                entity,
                new,
                ids,
            )

    def _pairs(self, entity: Entity, old: Field) -> list[tuple[int, int]]:
        """(record id, linked id) of a many-to-many link, from its table (maybe in the trash)."""
        if self.conn is None:
            return []
        item = self.trash_sources.get(old["id"])
        name = trash_name(old["id"]) if item else junction_name(entity, old)
        source, target = junction_columns(item.entity_name if item else entity["name"], old)
        table = Table(name, MetaData(), Column(source, Integer), Column(target, Integer))
        return [(r[0], r[1]) for r in self._run(select(table).order_by(*table.c))]


def _declared_indexes(entity: Entity) -> list[str] | None:
    """The names of an entity's declared indexes in order (None without `indexes`): what stays
    the same when fields are renamed."""
    return [s.name for s in composite_indexes(entity)] if "indexes" in entity else None


def _index_extra(spec: IndexSpec) -> dict[str, Any]:
    """What an operation on a declared index shows: its fields in order, as declared (the
    `deleted_at` every one ends with aside), and its name."""
    return {"fields": list(spec.declared or spec.columns), "index": spec.name}


def _key(value: Any) -> Any:
    """A value as a dictionary key (multi-select lists are not hashable)."""
    return json.dumps(value, sort_keys=True, default=str) if isinstance(value, list) else value


def _castable(old: Field, new: Field) -> bool:
    """Whether the database can convert the column itself, alike on both databases.

    Values that become text are rendered in Python: SQL casts spell booleans, decimals and
    moments differently on SQLite and PostgreSQL.
    """
    old_kind, new_kind = field_type(old["type"]), field_type(new["type"])
    if old["type"] not in new_kind.lossless_from:
        return False
    return old_kind.family == new_kind.family or new_kind.family != "text"


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return value if isinstance(value, list) else [value]


def jsonable(value: Any) -> Any:
    """A value as JSON can hold it: decimals lose trailing zeros, dates become ISO text."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return str(value)


def _records(items: Collection[Any], entity: Entity) -> str:
    return f"{len(items)} {entity['name']} record{'' if len(items) == 1 else 's'}"


def _have(items: Collection[Any]) -> str:
    return "has" if len(items) == 1 else "have"


def _use(items: list[Any]) -> str:
    return "uses" if len(items) == 1 else "use"


def _link(items: list[Any]) -> str:
    return "links" if len(items) == 1 else "link"


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"
