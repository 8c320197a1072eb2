"""Compare two app definitions and measure the change on the data: `plan(old, new, conn)`.

A plan is pure: it reads, never writes. `apply` re-plans inside its transaction and executes it.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from dataclasses import field as dataclass_field
from typing import Any

from sqlalchemy import Connection, MetaData, Table, and_, func, or_, select

from .definition import Document, Entity, Field, canonical, clone, validate_definition
from .errors import DefinitionError, DefinitionInvalid
from .operations import Operation
from .store import TrashItem, trash_items
from .tables import NAMING_CONVENTION, field_column, field_indexes, system_columns
from .types import ConversionError, field_type, option_values

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


def _with_ids_first(doc: Document) -> Document:
    def reorder(item: dict[str, Any]) -> dict[str, Any]:
        return {"id": item["id"], **{k: v for k, v in item.items() if k != "id"}}

    doc["entities"] = [
        {**reorder(e), "fields": [reorder(f) for f in e["fields"]]} for e in doc["entities"]
    ]
    return doc


# ---------------------------------------------------------------- the planner


def plan(
    old: Document, new: Document, conn: Connection | None = None, on_bad_values: str = "refuse"
) -> Plan:
    """Compare `old` with `new`; with a connection, measure what the change does to the data."""
    if on_bad_values not in ON_BAD_VALUES:
        raise ValueError(f"on_bad_values must be one of {ON_BAD_VALUES}, not {on_bad_values!r}")
    validate_definition(new)
    trash = trash_items(conn) if conn is not None else []
    new = assign_ids(new, old, {t.field_id or t.entity_id for t in trash})
    validate_definition(new)
    planner = _Planner(old, new, conn, trash, on_bad_values)
    return planner.run()


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
        self.old_tables = _tables(old)
        self.errors: list[DefinitionError] = []
        #: Entity name -> id, to follow links through renames (trashed entities included).
        self.old_entity_ids = {t.entity_name: t.entity_id for t in trash if t.kind == "entity"}
        self.old_entity_ids.update({e["name"]: e["id"] for e in old["entities"]})
        self.new_entity_ids = {e["name"]: e["id"] for e in new["entities"]}

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
            old = trashed.definition
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
        settings = {k for k in set(old) | set(new) if k not in ("id", "name", "fields")}
        if any(old.get(k) != new.get(k) for k in settings):
            self._add("update_entity", entity=name, old_entity=old, new_entity=new)

    def _trash_entity(self, old: Entity) -> None:
        self._add("trash_entity", entity=old["name"], old_entity=old)
        rows = self._count(old, None)
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
        for old_f in old_entity["fields"]:
            if old_f["id"] not in new_ids:
                self._add(
                    "trash_field",
                    entity=new_entity["name"],
                    field=old_f["name"],
                    old_entity=old_entity,
                    new_entity=new_entity,
                    old_field=old_f,
                )
                self._warn(
                    f"field {old_entity['name']}.{old_f['name']} goes to the schema trash "
                    "with its data; restore it with `kartoteka schema rollback`"
                )
        for j, new_f in enumerate(new_entity["fields"]):
            old_f = old_by_id.get(new_f["id"])
            if old_f is None:
                trashed = self._trashed("field", new_f["id"])
                if trashed is not None and trashed.entity_id == new_entity["id"]:
                    old_f = trashed.definition
                    self._add(
                        "restore_field",
                        entity=new_entity["name"],
                        field=new_f["name"],
                        old_entity=old_entity,
                        new_entity=new_entity,
                        old_field=old_f,
                        new_field=new_f,
                        trash=trashed,
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
        self._add(
            "add_field",
            entity=entity["name"],
            field=f["name"],
            extra={"type": f["type"]},
            old_entity=old_entity,
            new_entity=entity,
            new_field=f,
        )
        for spec in field_indexes(entity, f):
            op = "add_unique" if spec.unique else "add_index"
            self._add(op, entity=entity["name"], field=f["name"], new_entity=entity, new_field=f)
        if f.get("required") and f["type"] not in ("autonumber", "links"):
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
        ctx = {
            "entity": entity["name"],
            "field": new["name"],
            "old_entity": old_entity,
            "new_entity": entity,
            "old_field": old,
            "new_field": new,
        }
        if old["name"] != new["name"]:
            self._add("rename_field", from_=old["name"], **ctx)
            self._warn(
                f"renaming {old_entity['name']}.{old['name']} to {new['name']} changes "
                "its name in the API and the column name in the database"
            )
        if old["type"] != new["type"]:
            self._change_type(old_entity, old, new, at, ctx)
        elif new["type"] in ("link", "links") and not self._same_target(old, new):
            self._change_link_target(old_entity, old, new, ctx)
        old_ix = {s.name: s for s in field_indexes(old_entity, old)}
        new_ix = {s.name: s for s in field_indexes(entity, new)}
        for name, spec in old_ix.items():
            if name not in new_ix:
                self._add("drop_unique" if spec.unique else "drop_index", **ctx)
        for name, spec in new_ix.items():
            if name not in old_ix:
                self._add("add_unique" if spec.unique else "add_index", **ctx)
                if spec.unique:
                    self._check_unique(old_entity, old, new)
        if new.get("required") and not old.get("required"):
            self._add("set_required", **ctx)
            self._check_required(old_entity, old, new)
        if new["type"] == old["type"] and new["type"] in ("select", "stage", "multi_select"):
            if new.get("options") != old.get("options") or any(
                new.get(k) != old.get(k) for k in ("won", "lost")
            ):
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

    def _same_target(self, old: Field, new: Field) -> bool:
        """Whether a link still points at the same entity (which may have been renamed)."""
        old_id = self.old_entity_ids.get(old["to"], old["to"])
        new_id = self.new_entity_ids.get(new["to"], new["to"])
        return bool(old_id == new_id)

    # ------------------------------------------------------------ measurements on the data

    def _table(self, entity: Entity) -> Table | None:
        if self.conn is None:
            return None
        table = self.old_tables.tables.get(entity["name"])
        if table is not None and table.c.get("id") is not None:
            return table
        return None

    def _column(self, entity: Entity, f: Field) -> Any:
        table = self._table(entity)
        if table is None or f["name"] not in table.c:
            return None
        return table.c[f["name"]]

    def _count(self, entity: Entity, condition: Any) -> int:
        table = self._table(entity)
        if table is None:
            return 0
        query = select(func.count()).select_from(table)
        if condition is not None:
            query = query.where(condition)
        assert self.conn is not None
        return int(self.conn.execute(query).scalar_one())

    def _live_ids(self, entity: Entity, condition: Any) -> list[int]:
        table = self._table(entity)
        if table is None:
            return []
        query = select(table.c.id).where(table.c.deleted_at.is_(None))
        if condition is not None:
            query = query.where(condition)
        assert self.conn is not None
        return [row[0] for row in self.conn.execute(query.order_by(table.c.id))]

    def _check_required(self, entity: Entity, old: Field, new: Field) -> None:
        column = self._column(entity, old)
        if column is None:
            return
        empty = column.is_(None)
        if field_type(old["type"]).family == "text":
            empty = or_(empty, func.trim(column) == "")
        ids = self._live_ids(entity, empty)
        if ids:
            self._problem(
                f"{_records(ids, entity)} {_have(ids)} no {new['name']}, which the change makes "
                "required; fill them in first",
                entity,
                new,
                ids,
            )

    def _check_unique(self, entity: Entity, old: Field, new: Field) -> None:
        column = self._column(entity, old)
        table = self._table(entity)
        if column is None or table is None:
            return
        assert self.conn is not None
        live = and_(table.c.deleted_at.is_(None), column.is_not(None))
        dup_values = select(column).where(live).group_by(column).having(func.count() > 1).subquery()
        rows = self.conn.execute(
            select(table.c.id, column)
            .where(live, column.in_(select(dup_values)))
            .order_by(column, table.c.id)
        ).all()
        if rows:
            groups = len({row[1] for row in rows})
            examples = ", ".join(sorted({repr(str(row[1])) for row in rows})[:3])
            self._problem(
                f"{new['name']} of {entity['name']} cannot become unique: {groups} values are used "
                f"by more than one record ({examples}...) in {len(rows)} records",
                entity,
                new,
                [row[0] for row in rows],
            )

    def _check_options(self, entity: Entity, old: Field, new: Field) -> None:
        removed = set(option_values(old)) - set(option_values(new))
        column = self._column(entity, old)
        if not removed or column is None:
            return
        if new["type"] == "multi_select":
            bad = [
                rid for rid, value in self._values(entity, old) if set(_as_list(value)) & removed
            ]
        else:
            bad = self._live_ids(entity, column.in_(sorted(removed)))
        if bad:
            self._problem(
                f"{_records(bad, entity)} {_use(bad)} {new['name']} "
                f"{', '.join(map(repr, sorted(removed)))}, which the change removes; "
                "give them another value first",
                entity,
                new,
                bad,
            )

    def _values(self, entity: Entity, f: Field) -> Iterator[tuple[int, Any]]:
        column = self._column(entity, f)
        table = self._table(entity)
        if column is None or table is None:
            return iter(())
        assert self.conn is not None
        rows = self.conn.execute(
            select(table.c.id, column).where(column.is_not(None)).order_by(table.c.id)
        )
        return ((row[0], row[1]) for row in rows)

    # ------------------------------------------------------------ type changes

    def _change_type(
        self, entity: Entity, old: Field, new: Field, at: str, ctx: dict[str, Any]
    ) -> None:
        old_kind, new_kind = field_type(old["type"]), field_type(new["type"])
        if "junction" in (old_kind.family, new_kind.family) or "user" in (old["type"], new["type"]):
            self.errors.append(
                DefinitionError(
                    f"{at}.type",
                    f"a {old['type']} field cannot become a {new['type']} field; add a "
                    "new field and move the values over instead",
                )
            )
            return
        self._add("change_type", extra={"from_type": old["type"], "to_type": new["type"]}, **ctx)
        self._restorable_values(entity, new, ctx)
        retype_column = old_kind.family != new_kind.family
        if old["type"] in new_kind.lossless_from:
            self.result.conversions[new["id"]] = Conversion(None, [], retype_column)
            return
        values: list[tuple[int, Any]] = []
        bad: list[tuple[int, Any]] = []
        for record_id, value in self._values(entity, old):
            try:
                converted = new_kind.parse(value, new)
            except ConversionError:
                bad.append((record_id, _jsonable(value)))
                continue
            if retype_column or converted != value:
                values.append((record_id, converted))
        if new["type"] == "link" and values:
            values, missing = self._existing_targets(new, values)
            bad += [(rid, value) for rid, value in missing]
        self.result.conversions[new["id"]] = Conversion(values, bad, retype_column)
        if not bad:
            return
        example = ", ".join(repr(v) for _, v in bad[:3])
        ids = [rid for rid, _ in bad]
        if self.result.on_bad_values == "clear":
            self._warn(
                f"{len(bad)} values of {entity['name']}.{old['name']} are not {new['type']} values "
                f"({example}); they will be cleared and kept in the schema trash"
            )
        else:
            self._problem(
                f"{_records(bad, entity)} {_have(bad)} {_a(old['name'])} that is not a valid "
                f"{new['type']} value ({example}); correct them, or apply with "
                "--on-bad-values=clear to keep them in the schema trash",
                entity,
                new,
                ids,
            )

    def _restorable_values(self, entity: Entity, new: Field, ctx: dict[str, Any]) -> None:
        """Values cleared by an earlier type change come back when the type takes them again."""
        for item in self.trash:
            if item.kind != "values" or item.field_id != new["id"] or not item.payload:
                continue
            try:
                values = [(rid, field_type(new["type"]).parse(v, new)) for rid, v in item.payload]
            except ConversionError:
                continue
            self.result.restores[item.id] = values
            self._add("restore_values", extra={"count": len(values)}, trash=item, **ctx)

    def _existing_targets(
        self, f: Field, values: list[tuple[int, Any]]
    ) -> tuple[list[tuple[int, Any]], list[tuple[int, Any]]]:
        target = self.old_tables.tables.get(f["to"])
        if target is None or self.conn is None:
            return [], values
        wanted = {v for _, v in values}
        found = {
            row[0]
            for row in self.conn.execute(select(target.c.id).where(target.c.id.in_(sorted(wanted))))
        }
        return [p for p in values if p[1] in found], [p for p in values if p[1] not in found]

    def _change_link_target(
        self, entity: Entity, old: Field, new: Field, ctx: dict[str, Any]
    ) -> None:
        self._add("change_link_target", extra={"to": new["to"], "from_to": old["to"]}, **ctx)
        if new["type"] == "links":
            ids: list[int] = []
        else:
            column = self._column(entity, old)
            ids = self._live_ids(entity, column.is_not(None)) if column is not None else []
        bad = [(rid, None) for rid in ids]
        self.result.conversions[new["id"]] = Conversion([], bad, False)
        if ids and self.result.on_bad_values != "clear":
            self._problem(
                f"{_records(ids, entity)} {_link(ids)} to {_a(old['to'])} through {new['name']}; "
                "clear those links first, or apply with --on-bad-values=clear to keep them in the "
                "schema trash",
                entity,
                new,
                ids,
            )


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return value if isinstance(value, list) else [value]


def _jsonable(value: Any) -> Any:
    """A value as JSON can hold it: decimals lose trailing zeros, dates become ISO text."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _records(items: list[Any], entity: Entity) -> str:
    return f"{len(items)} {entity['name']} record{'' if len(items) == 1 else 's'}"


def _have(items: list[Any]) -> str:
    return "has" if len(items) == 1 else "have"


def _use(items: list[Any]) -> str:
    return "uses" if len(items) == 1 else "use"


def _link(items: list[Any]) -> str:
    return "links" if len(items) == 1 else "link"


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _tables(doc: Document) -> MetaData:
    """Tables of `doc` as they are in the database, for reading (no indexes needed)."""
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    for entity in doc["entities"]:
        columns = [field_column(f) for f in entity["fields"] if field_type(f["type"]).has_column]
        for column in columns:
            column.foreign_keys.clear()
            column.constraints.clear()
        Table(
            entity["name"],
            metadata,
            *system_columns(entity)[:1],
            *[c for c in system_columns(entity)[1:] if c.name == "deleted_at"],
            *columns,
        )
    return metadata
