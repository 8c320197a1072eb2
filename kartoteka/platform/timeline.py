"""A record's timeline: its history read from the one change log, newest first, a page at a time.

`read_timeline(conn, model, entity, record_id)` is a plain function returning plain data, so that
the card (kartoteka.ui.timeline renders it) and the timeline API read the same way. Rows of one
save (the same moment, user and kind) make one item with a line per field. Values come in the
form the records API shows them: links as `{"id", "title"}` (titles read now, trashed records
included), users as `{"id", "title"}`, the rest as the change log stores them.

Fields are found by their stable id, so a renamed field shows its current label; a field since
moved to the schema trash shows the label it had there (`removed=True`), and one purged for good
shows as a removed field. Reading uses the change log's index on (entity id, record id, id).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, Text, cast, func, select

from kartoteka.schema_engine import store
from kartoteka.schema_engine.changelog import CHANGED, CHANGES
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.record_values import OWNER
from kartoteka.schema_engine.store import USERS

#: Items a timeline page shows by default, and at most.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
#: Change-log rows read per round trip, per item wanted (most saves change a field or two).
_ROWS_PER_ITEM = 3
#: Field types whose values are record ids of another entity.
_LINKS = ("link", "links")


@dataclass(frozen=True)
class FieldLine:
    """One field of one save: its label then (or now) and its values before and after."""

    field_id: str | None
    name: str
    label: str
    #: The definition to show the values with (None for a field purged for good).
    definition: Field | None
    removed: bool
    old: Any
    new: Any

    @property
    def is_stage(self) -> bool:
        return self.definition is not None and self.definition.get("type") == "stage"

    def to_json(self) -> dict[str, Any]:
        return {"field": self.name, "label": self.label, "removed": self.removed,
                "old": self.old, "new": self.new}


@dataclass(frozen=True)
class TimelineItem:
    """One thing that happened to the record: created, changed (one save), trashed, restored."""

    #: The newest change-log row of the item (what `before` pages from).
    id: int
    kind: str
    at: dt.datetime
    #: `{"id", "title"}` of who did it; None for the system.
    user: dict[str, Any] | None
    changes: list[FieldLine] = field(default_factory=list)
    #: The record it went to (or came back from) the trash with: `{"entity", "id", "title"}`.
    with_record: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "at": store.iso(self.at), "user": self.user,
                "changes": [c.to_json() for c in self.changes], "with": self.with_record}


@dataclass(frozen=True)
class TimelinePage:
    items: list[TimelineItem]
    #: Pass as `before` for the next (older) page; None on the last page.
    next_before: int | None


def read_timeline(conn: Connection, model: AppModel, entity: str, record_id: int, *,
                  before: int | None = None, limit: int = PAGE_SIZE) -> TimelinePage:
    """A page of the record's history, newest first; `before`: the `next_before` of the page
    before. Works for trashed records too; an entity unknown to `model` raises UnknownEntity."""
    entity_id = str(model.entity(entity)["id"])
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    rows = _rows_newest_first(conn, entity_id, record_id, before, (limit + 1) * _ROWS_PER_ITEM)
    groups = itertools.groupby(rows, key=_save_of)
    taken = [list(rows) for _, rows in itertools.islice(groups, limit + 1)]
    page, more = taken[:limit], len(taken) > limit
    items = _Resolver(conn, model, entity).items(page)
    return TimelinePage(items, page[-1][-1].id if more and page else None)


def _rows_newest_first(conn: Connection, entity_id: str, record_id: int, before: int | None,
                       batch: int) -> Iterator[Row[Any]]:
    """The record's change-log rows from the newest, read `batch` at a time through the index
    on (entity id, record id, id); the next batch is read only when the page needs it."""
    while True:
        query = (select(CHANGES)
                 .where(CHANGES.c.entity_id == entity_id, CHANGES.c.record_id == record_id)
                 .order_by(CHANGES.c.id.desc()).limit(batch))
        if before is not None:
            query = query.where(CHANGES.c.id < before)
        rows = conn.execute(query).all()
        yield from rows
        if len(rows) < batch:
            return
        before = rows[-1].id


def _save_of(row: Row[Any]) -> tuple[Any, ...]:
    """Rows of one save share this: field changes of one write become one item."""
    if row.kind == CHANGED:
        return (row.kind, row.at, row.user_id)
    return (row.kind, row.id)


class _Resolver:
    """Turns change-log rows into items: field definitions by id, titles of linked records and
    names of users read once per page."""

    def __init__(self, conn: Connection, model: AppModel, entity: str) -> None:
        self.conn, self.model, self.entity = conn, model, entity
        self.fields = {str(f["id"]): f for f in model.fields(entity).values() if "id" in f}
        self.entity_names = {str(e["id"]): name for name, e in model.entities.items()}
        self._trashed_fields: dict[str, Field] | None = None
        self.record_ids: dict[str, set[int]] = {}
        self.user_ids: set[int] = set()

    def items(self, saves: list[list[Row[Any]]]) -> list[TimelineItem]:
        self._collect(saves)
        titles = {name: record_titles(self.conn, self.model, name, ids)
                  for name, ids in self.record_ids.items()}
        users = self._users()
        return [self._item(rows, titles, users) for rows in saves]

    # ------------------------------------------------------------ what to look up

    def _collect(self, saves: list[list[Row[Any]]]) -> None:
        for rows in saves:
            for row in rows:
                if row.user_id is not None:
                    self.user_ids.add(row.user_id)
                if row.kind == CHANGED and row.field_id:
                    f, _ = self._field(row.field_id)
                    for value in (_loads(row.old), _loads(row.new)):
                        self._wanted(f, value)
                elif row.new is not None:
                    cause = _cause(_loads(row.new), self.entity_names)
                    if cause:
                        self.record_ids.setdefault(cause[0], set()).add(cause[1])

    def _wanted(self, f: Field | None, value: Any) -> None:
        if f is None or value is None:
            return
        ids = value if isinstance(value, list) else [value]
        if f["type"] in _LINKS and f.get("to") in self.model.entities:
            self.record_ids.setdefault(str(f["to"]), set()).update(
                i for i in ids if isinstance(i, int))
        elif f["type"] == "user":
            self.user_ids.update(i for i in ids if isinstance(i, int))

    def _users(self) -> dict[int, str]:
        if not self.user_ids:
            return {}
        label = func.coalesce(func.nullif(USERS.c.name, ""), USERS.c.email)
        query = select(USERS.c.id, label).where(USERS.c.id.in_(sorted(self.user_ids)))
        return {row[0]: row[1] for row in self.conn.execute(query)}

    # ------------------------------------------------------------ fields, values, items

    def _field(self, field_id: str) -> tuple[Field | None, bool]:
        """The field with this id now, else as the schema trash keeps it; (field, removed)."""
        if field_id in self.fields:
            return self.fields[field_id], False
        if field_id == OWNER["id"]:  # the system column, assigned to another user
            return OWNER, False
        if self._trashed_fields is None:
            self._trashed_fields = {
                str(item.field_id): item.definition for item in store.trash_items(self.conn)
                if item.kind == "field" and item.field_id}
        return self._trashed_fields.get(field_id), True

    def _item(self, rows: list[Row[Any]], titles: dict[str, dict[int, str | None]],
              users: dict[int, str]) -> TimelineItem:
        first = rows[0]
        user = (None if first.user_id is None else
                {"id": first.user_id, "title": users.get(first.user_id)})
        if first.kind == CHANGED:
            lines = [self._line(row, titles, users) for row in reversed(rows)]
            return TimelineItem(first.id, first.kind, first.at, user, lines)
        cause = _cause(_loads(first.new), self.entity_names) if first.new else None
        with_record = None if cause is None else {
            "entity": cause[0], "id": cause[1], "title": titles.get(cause[0], {}).get(cause[1])}
        return TimelineItem(first.id, first.kind, first.at, user, with_record=with_record)

    def _line(self, row: Row[Any], titles: dict[str, dict[int, str | None]],
              users: dict[int, str]) -> FieldLine:
        f, removed = self._field(str(row.field_id))
        name = str(f["name"]) if f else str(row.field_id)
        label = str(f.get("label") or f["name"]) if f else ""

        def shown(raw: str | None) -> Any:
            return _api_value(f, _loads(raw), titles, users)

        return FieldLine(row.field_id, name, label, f, removed, shown(row.old), shown(row.new))


def record_titles(conn: Connection, model: AppModel, entity: str,
                  ids: Iterable[int]) -> dict[int, str | None]:
    """The title-field values of records (in the trash or not), as link titles show them."""
    table = model.table(entity)
    title = model.title_field(entity)
    column = cast(table.c[title], Text) if title else cast(table.c.id, Text)
    query = select(table.c.id, column).where(table.c.id.in_(sorted(set(ids))))
    return {row[0]: row[1] for row in conn.execute(query)}


def _api_value(f: Field | None, value: Any, titles: dict[str, dict[int, str | None]],
               users: dict[int, str]) -> Any:
    """A change-log value as the records API shows it: ids of links and users with titles."""
    if f is None or value is None:
        return value
    if f["type"] in _LINKS:
        found = titles.get(str(f.get("to")), {})
        pairs = [{"id": i, "title": found.get(i)} for i in _ids(value)]
        return pairs if f["type"] == "links" else (pairs[0] if pairs else None)
    if f["type"] == "user":
        return {"id": value, "title": users.get(value)} if isinstance(value, int) else value
    return value


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _ids(value: Any) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _cause(new: Any, entity_names: dict[str, str]) -> tuple[str, int] | None:
    """(entity name, record id) of `{"with": {...}}`: what a record moved with."""
    if not isinstance(new, dict) or not isinstance(new.get("with"), dict):
        return None
    entity = entity_names.get(str(new["with"].get("entity_id")))
    record_id = new["with"].get("record_id")
    return (entity, record_id) if entity and isinstance(record_id, int) else None
