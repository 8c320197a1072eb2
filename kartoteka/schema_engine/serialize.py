"""Reading records as JSON-ready dicts: every field present, links as `{"id", "title"}`.

One `select` reads a page of records with the titles of everything they link to (outer joins);
many-to-many links are read for the whole page in one more query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, Select, cast, func, select
from sqlalchemy import Text as SqlText
from sqlalchemy.sql.elements import ColumnElement

from .model import AppModel
from .store import USERS

USER_REFERENCES = ("created_by", "updated_by", "owner")
SYSTEM_FIELDS = ("created_at", "updated_at", "version", "deleted_at")


def json_value(value: Any) -> Any:
    """A stored value as JSON has it: numbers for decimals, ISO text with Z for moments."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        text = moment.astimezone(dt.UTC).isoformat()
        return text.replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class RecordReader:
    """Builds the select for an entity's records and turns its rows into records."""

    def __init__(self, model: AppModel, entity: str) -> None:
        self.model = model
        self.entity = entity
        self.table = model.table(entity)
        self.fields = model.fields(entity)

    @cached_property
    def _columns(self) -> list[tuple[str, str, ColumnElement[Any]]]:
        """(key, kind, column) for every value read: kind is 'value', 'link' or 'title'."""
        columns: list[tuple[str, str, ColumnElement[Any]]] = [("id", "value", self.table.c.id)]
        for name, f in self.fields.items():
            if f["type"] == "links":
                continue
            columns.append((name, "value", self.table.c[name]))
            if f["type"] in ("link", "user"):
                columns.append((name, "title", self._title(f, name)))
        for name in SYSTEM_FIELDS:
            columns.append((name, "value", self.table.c[name]))
        for name in USER_REFERENCES:
            columns.append((name, "value", self.table.c[name]))
            columns.append((name, "title", self._user_title(name)))
        return columns

    def _title(self, f: dict[str, Any], name: str) -> ColumnElement[Any]:
        if f["type"] == "user":
            return self._user_title(name)
        target = self.model.table(f["to"]).alias(f"t_{name}")
        title = self.model.title_field(f["to"])
        value = cast(target.c[title], SqlText) if title else cast(target.c.id, SqlText)
        return (
            select(value).where(target.c.id == self.table.c[name]).scalar_subquery()
        )

    def _user_title(self, name: str) -> ColumnElement[Any]:
        users = USERS.alias(f"u_{name}")
        label = func.coalesce(func.nullif(users.c.name, ""), users.c.email)
        return select(label).where(users.c.id == self.table.c[name]).scalar_subquery()

    def select(self) -> Select[Any]:
        """Every column a record needs, with the titles of its links; add where/order/limit."""
        return select(*[column.label(f"c{i}") for i, (_, _, column) in enumerate(self._columns)])

    def records(self, conn: Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
        """Rows of `select()` as records (many-to-many links fetched for all rows at once)."""
        records = [self._record(row) for row in rows]
        many = [(n, f) for n, f in self.fields.items() if f["type"] == "links"]
        if many and records:
            ids = [r["id"] for r in records]
            for name, f in many:
                linked = self._many(conn, f, ids)
                for record in records:
                    record[name] = linked.get(record["id"], [])
        return records

    def _record(self, row: Sequence[Any]) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for i, (key, kind, _) in enumerate(self._columns):
            value = row[i]
            if kind == "title":
                if record[key] is not None:
                    record[key] = {"id": record[key], "title": value}
            else:
                record[key] = json_value(value)
        return record

    def _many(self, conn: Connection, f: dict[str, Any], ids: Iterable[int]) -> dict[int, Any]:
        junction = self.model.junction(self.entity, f)
        target = self.model.table(f["to"])
        title = self.model.title_field(f["to"])
        title_column = cast(target.c[title], SqlText) if title else cast(target.c.id, SqlText)
        rows = conn.execute(
            select(junction.source, target.c.id, title_column)
            .join(target, target.c.id == junction.target)
            .where(junction.source.in_(list(ids)), target.c.deleted_at.is_(None))
            .order_by(junction.source, target.c.id)
        )
        linked: dict[int, list[dict[str, Any]]] = {}
        for source, target_id, label in rows:
            linked.setdefault(source, []).append({"id": target_id, "title": label})
        return linked


def reader(model: AppModel, entity: str) -> RecordReader:
    """The (cached) reader of an entity in this model."""
    cache: dict[str, RecordReader] = model.__dict__.setdefault("_readers", {})
    if entity not in cache:
        cache[entity] = RecordReader(model, entity)
    return cache[entity]

