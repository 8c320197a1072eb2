"""Writing records into the tables of an app definition (bulk insert for now).

The full record API (read, update with version check, trash, restore, queries) builds on this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, select

from .definition import Document, Entity
from .errors import KartotekaError
from .tables import app_metadata, junction_columns, junction_name
from .types import ConversionError, field_type


class RecordInvalid(KartotekaError):
    """A record's values do not fit its entity; `errors` maps field paths to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def _entity(doc: Document, name: str) -> Entity:
    for entity in doc["entities"]:
        if entity["name"] == name:
            return entity
    names = ", ".join(e["name"] for e in doc["entities"])
    raise KartotekaError(f"unknown entity {name!r}; entities are: {names}")


def insert_records(
    conn: Connection,
    doc: Document,
    entity_name: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    user_id: int | None = None,
) -> list[int]:
    """Insert `rows` (field name -> value) into an entity; returns their ids in input order."""
    entity = _entity(doc, entity_name)
    metadata = app_metadata(doc)
    table = metadata.tables[entity_name]
    fields = {f["name"]: f for f in entity["fields"]}
    now = dt.datetime.now(dt.UTC)
    system = {"created_at": now, "updated_at": now, "created_by": user_id,
              "updated_by": user_id, "owner": user_id, "version": 1}
    values: list[dict[str, Any]] = []
    many: list[dict[str, list[int]]] = []
    errors: dict[str, str] = {}
    numbers = _next_numbers(conn, table, entity)
    for i, row in enumerate(rows):
        unknown = set(row) - set(fields)
        for name in sorted(unknown):
            errors[f"[{i}].{name}"] = (
                f"unknown field {name!r} on entity {entity_name!r}; fields are: {', '.join(fields)}"
            )
        record = dict(system)
        links: dict[str, list[int]] = {}
        for name, f in fields.items():
            raw = row.get(name)
            if f["type"] == "autonumber":
                record[name] = numbers[name] + i
                continue
            if raw is None or raw == "":
                if f["type"] != "links":
                    record[name] = None
                continue
            try:
                value = field_type(f["type"]).parse(raw, f)
            except ConversionError as exc:
                errors[f"[{i}].{name}"] = str(exc)
                continue
            if f["type"] == "links":
                links[name] = value
            else:
                record[name] = value
        values.append(record)
        many.append(links)
    if errors:
        raise RecordInvalid(errors)
    if not values:
        return []
    result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), values)
    ids = [row[0] for row in result]
    for name, f in fields.items():
        if f["type"] != "links":
            continue
        junction = metadata.tables[junction_name(entity, f)]
        source, target = junction_columns(entity_name, f)
        pairs = [{source: rid, target: tid} for rid, links in zip(ids, many, strict=True)
                 for tid in links.get(name, [])]
        if pairs:
            conn.execute(insert(junction), pairs)
    return ids


def _next_numbers(conn: Connection, table: Any, entity: Entity) -> dict[str, int]:
    numbers = {}
    for f in entity["fields"]:
        if f["type"] == "autonumber":
            top = conn.execute(select(func.max(table.c[f["name"]]))).scalar()
            numbers[f["name"]] = int(top or 0) + 1
    return numbers
