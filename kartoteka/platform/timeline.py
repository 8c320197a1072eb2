"""A record's timeline: what happened to it and around it, read from the one change log, newest
first, a page at a time.

`read_timeline(conn, model, entity, record_id)` is a plain function returning plain data, so that
the card (`ui/pages/timeline/timeline.py` renders it) and the timeline API (`api/timeline.py`)
read the same way. A page holds, in one query keyset-paged on the change-log id:

- the record's own rows: created, one `changed` (or `stage`, for a stage field) item per field
  of a save, trashed and restored, notes, calls, emails, meetings and documents;
- every row of the records that point at it through a single `link` field, unless their entity
  is a timeline entity: a deal's history shows on its client's timeline, with the deal as the
  item's `source`;
- one `record` item per record of a timeline entity (`"timeline": true`, such as tasks) that
  points at it, or at one of those linked records, through a `link` or `links` field, placed
  at its creation and showing the record as it is now (a completed task shows done). A record
  of a timeline entity in the trash is left out: a deleted task is no longer on anyone's list.

Nothing here knows the template's names: the links of the app definition say what belongs.
Values come in the form the records API shows them: links as `{"id", "title"}` (titles read
now, trashed records included), users as `{"id", "title"}`, the rest as the change log stores
them. Fields are found by their stable id, so a renamed field shows its current label; a field
since moved to the schema trash shows the label it had there (`removed=True`). Every branch of
the query reads through the change log's index on (entity id, record id, id).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    Text,
    and_,
    cast,
    false,
    func,
    or_,
    select,
    true,
    union_all,
)

from kartoteka.platform.i18n import reader_label
from kartoteka.schema_engine import store
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import (
    CHANGED,
    CHANGES,
    CREATED,
    DOCUMENT,
    INTERACTIONS,
    OWNER,
    RESTORED,
    TRASHED,
    get_record,
    log_entry,
    reader,
)
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.types import field_type

#: Items a timeline page shows by default, and at most.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
#: The kind of a field change of a stage field, and of a linked timeline record.
STAGE = "stage"
RECORD = "record"
#: Every kind of item, in the order filters list them.
KINDS = (CREATED, CHANGED, STAGE, *INTERACTIONS, RECORD, DOCUMENT, TRASHED, RESTORED)
#: Who did what the system did (automations write with no user).
SYSTEM = {"id": None, "title": "Automation"}
#: Rows read past a page's end to keep a save whole (`whole_saves`).
_SAVE_SLACK = 40


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
        return (not self.removed and self.definition is not None
                and self.definition.get("type") == "stage")

    def to_json(self) -> dict[str, Any]:
        return {"field": self.name, "label": self.label, "removed": self.removed,
                "old": self.old, "new": self.new}


@dataclass(frozen=True)
class TimelineItem:
    """One thing that happened: one change-log row (a field change is one item per field)."""

    #: The change-log row's id (what `before` pages from).
    id: int
    kind: str
    at: dt.datetime
    #: `{"id", "title"}` of who did it; None for the system.
    user: dict[str, Any] | None
    #: The field of a `changed` or `stage` item.
    change: FieldLine | None = None
    #: The record it went to (or came back from) the trash with: `{"entity", "id", "title"}`.
    with_record: dict[str, Any] | None = None
    #: What the kind adds: `text`; `template`, `label`, `files`; `entity` and `record`.
    data: dict[str, Any] = field(default_factory=dict)
    #: The other record whose item this is (`{"entity", "id", "title"}`), None for the record's.
    source: dict[str, Any] | None = None

    def same_save(self, other: TimelineItem) -> bool:
        """Whether both are field changes of one write of one record."""
        return (self.change is not None and other.change is not None and self.at == other.at
                and self.user == other.user and self.source == other.source)

    def to_json(self) -> dict[str, Any]:
        """The item as the timeline API shows it."""
        item: dict[str, Any] = {"id": self.id, "kind": self.kind, "at": store.iso(self.at),
                                "by": self.user or SYSTEM}
        if self.change is not None:
            item.update(self.change.to_json())
        if self.kind in (TRASHED, RESTORED):
            item["with"] = self.with_record
        if self.kind == DOCUMENT:
            item.update(self.data, files=[{**f, "url": f"/api/files/{f['id']}"}
                                          for f in self.data.get("files", [])])
            # The label as kept (a string or a map by language), in the reader's language.
            item["label"] = reader_label(self.data.get("label")) or None
        else:
            item.update(self.data)
        if self.source is not None:
            item["source"] = self.source
        return item


@dataclass(frozen=True)
class TimelinePage:
    items: list[TimelineItem]
    #: Pass as `before` for the next (older) page; None on the last page.
    next_before: int | None


def parse_kinds(text: str | None) -> frozenset[str] | None:
    """The kinds of `?kind=note,call` (None: every kind); QueryError naming the kinds."""
    if text is None or not text.strip():
        return None
    kinds = frozenset(k.strip() for k in text.split(",") if k.strip())
    unknown = sorted(kinds - set(KINDS))
    if unknown:
        raise QueryError(f"unknown timeline kind {', '.join(map(repr, unknown))}; "
                         f"kinds are: {', '.join(KINDS)}")
    return kinds


def read_timeline(conn: Connection, model: AppModel, entity: str, record_id: int, *,
                  before: int | None = None, limit: int = PAGE_SIZE,
                  kinds: Iterable[str] | None = None, whole_saves: bool = False) -> TimelinePage:
    """A page of the record's timeline, newest first; `before`: the `next_before` of the page
    before; `kinds`: only these kinds of items (see KINDS). `whole_saves` lets a page run past
    `limit` to end with a whole save (the card shows a save as one entry). Works for a trashed
    record too; an entity unknown to `model` raises UnknownEntity."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    wanted = frozenset(KINDS if kinds is None else kinds)
    query = _Query(model, entity, record_id, wanted)
    fetch = limit + 1 + (_SAVE_SLACK if whole_saves else 0)
    rows = conn.execute(query.statement(before, fetch)).all()
    items = _Resolver(conn, model, entity, record_id).items(rows)
    page, rest = items[:limit], items[limit:]
    while whole_saves and rest and page and rest[0].same_save(page[-1]):
        page.append(rest.pop(0))
    return TimelinePage(page, page[-1].id if rest and page else None)


def read_item(conn: Connection, model: AppModel, entity: str, record_id: int,
              change_id: int) -> TimelineItem:
    """The item of one change-log row of the record (as `read_timeline` shows it)."""
    row = conn.execute(select(CHANGES).where(CHANGES.c.id == change_id)).one()
    [item] = _Resolver(conn, model, entity, record_id).items([row])
    return item


# ---------------------------------------------------------------- logging interactions

#: The longest note, call, email or meeting a user may log.
MAX_NOTE = 10_000


def note_problems(kind: Any, text: Any) -> dict[str, str]:
    """What is wrong with an interaction to log, by field (`kind`, `text`); empty when none."""
    problems: dict[str, str] = {}
    if kind not in INTERACTIONS:
        problems["kind"] = (f"expected one of {', '.join(INTERACTIONS)}, got "
                            f"{json.dumps(kind, ensure_ascii=False)}")
    if not isinstance(text, str):
        problems["text"] = "expected the text of what happened, as a string"
    elif not text.strip():
        problems["text"] = "the text is empty: say what happened"
    elif len(text) > MAX_NOTE:
        problems["text"] = f"{len(text):,} characters; the text takes up to {MAX_NOTE:,}"
    return problems


def log_interaction(conn: Connection, model: AppModel, entity: str, record_id: int, kind: str,
                    text: str, *, user_id: int | None,
                    at: dt.datetime | None = None) -> TimelineItem:
    """Log a note, call, email or meeting (checked with `note_problems` first) on a live record
    in the caller's transaction; the item as the timeline shows it. RecordNotFound for a
    record that does not exist or is in the trash."""
    get_record(conn, model, entity, record_id)
    entry = log_entry(conn, model, str(model.entity(entity)["id"]), record_id, kind,
                      {"text": text.strip()}, user_id=user_id, at=at or dt.datetime.now(dt.UTC))
    return read_item(conn, model, entity, record_id, entry)


# ---------------------------------------------------------------- the query


class _Query:
    """The union of the rows a record's timeline holds (see the module's docstring)."""

    def __init__(self, model: AppModel, entity: str, record_id: int,
                 kinds: frozenset[str]) -> None:
        self.model, self.entity, self.record_id, self.kinds = model, entity, record_id, kinds
        self.entity_id = str(model.entity(entity)["id"])

    def statement(self, before: int | None, fetch: int) -> Select[Any]:
        members = [self._member(cond, before, fetch) for cond in self._branches()]
        if len(members) == 1:
            return members[0]
        merged = union_all(*[select(m.subquery()) for m in members]).subquery()
        return select(merged).order_by(merged.c.id.desc()).limit(fetch)

    @staticmethod
    def _member(condition: ColumnElement[bool], before: int | None,
                fetch: int) -> Select[Any]:
        query = select(CHANGES).where(condition).order_by(CHANGES.c.id.desc()).limit(fetch)
        return query if before is None else query.where(CHANGES.c.id < before)

    def _branches(self) -> list[ColumnElement[bool]]:
        own = and_(CHANGES.c.entity_id == self.entity_id, CHANGES.c.record_id == self.record_id,
                   self._kind_filter(self.entity))
        branches: list[ColumnElement[bool]] = [own]
        sources = self._sources()
        for name, ids in sources.items():
            branches.append(and_(self._rows_of(name, ids), self._kind_filter(name)))
        if RECORD in self.kinds:
            for name, ids in self._timeline_records(sources).items():
                branches.append(and_(self._rows_of(name, ids), CHANGES.c.kind == CREATED))
        return branches

    def _rows_of(self, entity: str, ids: Select[Any]) -> ColumnElement[bool]:
        return and_(CHANGES.c.entity_id == str(self.model.entity(entity)["id"]),
                    CHANGES.c.record_id.in_(ids))

    def _sources(self) -> dict[str, Select[Any]]:
        """Ids of the records whose items show here, by entity: records of entities that are
        not timeline entities linking here through a single link."""
        found: dict[str, list[Field]] = {}
        for relation in self.model.relations_to(self.entity):
            if not relation.many and not _is_timeline(self.model, relation.entity):
                found.setdefault(relation.entity, []).append(relation.field)
        sources: dict[str, Select[Any]] = {}
        for name, links in found.items():
            table = self.model.table(name)
            ids = select(table.c.id).where(or_(*[table.c[f["name"]] == self.record_id
                                                 for f in links]))
            if name == self.entity:  # a record linking to itself is its own rows already
                ids = ids.where(table.c.id != self.record_id)
            sources[name] = ids
        return sources

    def _timeline_records(self, sources: dict[str, Select[Any]]) -> dict[str, Select[Any]]:
        """Ids of live records of timeline entities linking here or to one of `sources`."""
        targets: dict[str, Select[Any] | None] = {self.entity: None, **sources}
        found: dict[str, list[ColumnElement[bool]]] = {}
        for target, ids in targets.items():
            for relation in self.model.relations_to(target):
                if not _is_timeline(self.model, relation.entity):
                    continue
                found.setdefault(relation.entity, []).append(
                    self._links_to(relation.entity, relation.field, ids))
        chosen: dict[str, Select[Any]] = {}
        for name, conditions in found.items():
            table = self.model.table(name)
            query = select(table.c.id).where(table.c.deleted_at.is_(None), or_(*conditions))
            if name == self.entity:
                query = query.where(table.c.id != self.record_id)
            chosen[name] = query
        return chosen

    def _links_to(self, entity: str, f: Field, ids: Select[Any] | None) -> ColumnElement[bool]:
        """Records of `entity` whose field `f` points at this record (`ids` None) or at one of
        `ids`."""
        table = self.model.table(entity)
        if field_type(f["type"]).has_column:
            column = table.c[f["name"]]
            return column == self.record_id if ids is None else column.in_(ids)
        junction = self.model.junction(entity, f)
        matched = (junction.target == self.record_id if ids is None
                   else junction.target.in_(ids))
        return table.c.id.in_(select(junction.source).where(matched))

    def _kind_filter(self, entity: str) -> ColumnElement[bool]:
        """Rows of `entity` of the kinds asked for (a stage move is a change of a stage
        field)."""
        if self.kinds >= set(KINDS) - {RECORD}:
            return true()
        plain = sorted(self.kinds & {CREATED, TRASHED, RESTORED, DOCUMENT, *INTERACTIONS})
        stages = [str(f["id"]) for f in self.model.fields(entity).values()
                  if f["type"] == "stage" and "id" in f]
        wanted: list[ColumnElement[bool]] = [CHANGES.c.kind.in_(plain)] if plain else []
        changed = CHANGES.c.kind == CHANGED
        if STAGE in self.kinds and CHANGED in self.kinds:
            wanted.append(changed)
        elif STAGE in self.kinds:
            wanted.append(and_(changed, CHANGES.c.field_id.in_(stages)) if stages else false())
        elif CHANGED in self.kinds:
            wanted.append(and_(changed, CHANGES.c.field_id.not_in(stages)) if stages
                          else changed)
        return or_(*wanted) if wanted else false()


def _is_timeline(model: AppModel, entity: str) -> bool:
    return model.entity(entity).get("timeline") is True


# ---------------------------------------------------------------- rows to items


class _Resolver:
    """Turns change-log rows into items: field definitions by id, titles of linked records,
    names of users and the linked timeline records read once per page."""

    def __init__(self, conn: Connection, model: AppModel, entity: str, record_id: int) -> None:
        self.conn, self.model = conn, model
        self.own = (str(model.entity(entity)["id"]), record_id)
        self.entity, self.record_id = entity, record_id
        self.entity_names = {str(e["id"]): name for name, e in model.entities.items()}
        self.fields = {(str(model.entity(name)["id"]), str(f["id"])): f
                       for name in model.entities for f in model.fields(name).values()
                       if "id" in f}
        self._trashed_fields: dict[str, Field] | None = None
        self.record_ids: dict[str, set[int]] = {}
        self.user_ids: set[int] = set()
        self.titles: dict[str, dict[int, str | None]] = {}
        self.users: dict[int, str] = {}
        self.records: dict[tuple[str, int], dict[str, Any]] = {}

    def items(self, rows: Sequence[Row[Any]]) -> list[TimelineItem]:
        self._collect(rows)
        self.records = self._timeline_records(rows)
        self.titles = {name: record_titles(self.conn, self.model, name, ids)
                       for name, ids in self.record_ids.items()}
        self.users = self._users()
        return [item for row in rows if (item := self._item(row)) is not None]

    # ------------------------------------------------------------ what to look up

    def _collect(self, rows: Sequence[Row[Any]]) -> None:
        for row in rows:
            if row.user_id is not None:
                self.user_ids.add(row.user_id)
            source = self._source_of(row)
            if source is not None and not self._is_record_item(row):
                self.record_ids.setdefault(source[0], set()).add(source[1])
            if row.kind == CHANGED and row.field_id:
                f, _ = self._field(row.entity_id, row.field_id)
                for value in (_loads(row.old), _loads(row.new)):
                    self._wanted(f, value)
            elif row.kind in (TRASHED, RESTORED) and row.new is not None:
                cause = _cause(_loads(row.new), self.entity_names)
                if cause:
                    self.record_ids.setdefault(cause[0], set()).add(cause[1])

    def _source_of(self, row: Row[Any]) -> tuple[str, int] | None:
        """(entity name, id) of the other record a row belongs to; None for the record's own."""
        if (row.entity_id, row.record_id) == self.own:
            return None
        return self.entity_names[row.entity_id], row.record_id

    def _is_record_item(self, row: Row[Any]) -> bool:
        return (self._source_of(row) is not None and row.kind == CREATED
                and _is_timeline(self.model, self.entity_names[row.entity_id]))

    def _wanted(self, f: Field | None, value: Any) -> None:
        if f is None or value is None:
            return
        ids = value if isinstance(value, list) else [value]
        points_to = field_type(f["type"]).points_to
        if points_to == "record" and f.get("to") in self.model.entities:
            self.record_ids.setdefault(str(f["to"]), set()).update(
                i for i in ids if isinstance(i, int))
        elif points_to == "user":
            self.user_ids.update(i for i in ids if isinstance(i, int))

    def _timeline_records(self, rows: Sequence[Row[Any]]) -> dict[tuple[str, int],
                                                                     dict[str, Any]]:
        """The linked timeline records of the page, as the records API reads them now."""
        wanted: dict[str, list[int]] = {}
        for row in rows:
            if self._is_record_item(row):
                wanted.setdefault(self.entity_names[row.entity_id], []).append(row.record_id)
        found: dict[tuple[str, int], dict[str, Any]] = {}
        for name, ids in wanted.items():
            records_reader = reader(self.model, name)
            table = self.model.table(name)
            stored = self.conn.execute(records_reader.select().where(table.c.id.in_(ids))).all()
            for record in records_reader.records(self.conn, stored):
                found[(name, record["id"])] = record
        return found

    def _users(self) -> dict[int, str]:
        if not self.user_ids:
            return {}
        label = func.coalesce(func.nullif(USERS.c.name, ""), USERS.c.email)
        query = select(USERS.c.id, label).where(USERS.c.id.in_(sorted(self.user_ids)))
        return {row[0]: row[1] for row in self.conn.execute(query)}

    # ------------------------------------------------------------ fields, values, items

    def _field(self, entity_id: str, field_id: str) -> tuple[Field | None, bool]:
        """The field with this id now, else as the schema trash keeps it; (field, removed)."""
        if (entity_id, field_id) in self.fields:
            return self.fields[(entity_id, field_id)], False
        if field_id == OWNER["id"]:  # the system column, assigned to another user
            return OWNER, False
        if self._trashed_fields is None:
            self._trashed_fields = {
                str(item.field_id): item.field_definition
                for item in store.trash_items(self.conn)
                if item.kind == "field" and item.field_id}
        return self._trashed_fields.get(field_id), True

    def _item(self, row: Row[Any]) -> TimelineItem | None:
        user = (None if row.user_id is None else
                {"id": row.user_id, "title": self.users.get(row.user_id)})
        source = self._source_of(row)
        if self._is_record_item(row):
            return self._record_item(row, user)
        ref = None if source is None else self._ref(*source)
        if row.kind == CHANGED:
            line = self._line(row)
            kind = STAGE if line.is_stage else CHANGED
            return TimelineItem(row.id, kind, row.at, user, change=line, source=ref)
        new = _loads(row.new)
        if row.kind in (TRASHED, RESTORED):
            cause = _cause(new, self.entity_names) if new else None
            return TimelineItem(row.id, row.kind, row.at, user, source=ref,
                                with_record=None if cause is None else self._ref(*cause))
        data = dict(new) if isinstance(new, dict) and row.kind != CREATED else {}
        return TimelineItem(row.id, row.kind, row.at, user, data=data, source=ref)

    def _record_item(self, row: Row[Any], user: dict[str, Any] | None) -> TimelineItem | None:
        name = self.entity_names[row.entity_id]
        record = self.records.get((name, row.record_id))
        if record is None:  # moved to the trash since the query ran: nothing to show
            return None
        return TimelineItem(row.id, RECORD, row.at, user, data={"entity": name, "record": record},
                            source=self._record_source(name, record))

    def _record_source(self, entity: str, record: dict[str, Any]) -> dict[str, Any] | None:
        """None for a timeline record that links here itself; else the linked record it
        came through (a task of one of a client's deals shows that deal)."""
        links = [f for f in self.model.fields(entity).values() if field_type(f["type"]).is_link]
        for f in links:
            if f["to"] == self.entity and self.record_id in _ref_ids(record.get(f["name"])):
                return None
        for f in links:
            for ref in _refs(record.get(f["name"])):
                if f["to"] != self.entity:
                    return {"entity": f["to"], "id": ref["id"], "title": ref.get("title")}
        return None

    def _ref(self, entity: str, record_id: int) -> dict[str, Any]:
        return {"entity": entity, "id": record_id,
                "title": self.titles.get(entity, {}).get(record_id)}

    def _line(self, row: Row[Any]) -> FieldLine:
        f, removed = self._field(row.entity_id, str(row.field_id))
        name = str(f["name"]) if f else str(row.field_id)
        label = reader_label(f.get("label"), str(f["name"])) if f else ""

        def shown(raw: str | None) -> Any:
            return _api_value(f, _loads(raw), self.titles, self.users)

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
    kind = field_type(f["type"])
    if kind.is_link:
        found = titles.get(str(f.get("to")), {})
        pairs = [{"id": i, "title": found.get(i)} for i in _ids(value)]
        return pairs if kind.many else (pairs[0] if pairs else None)
    if kind.points_to == "user":
        return {"id": value, "title": users.get(value)} if isinstance(value, int) else value
    return value


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _ids(value: Any) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _refs(value: Any) -> list[dict[str, Any]]:
    """The `{"id", "title"}` values of a link (one) or links (a list) field of a record."""
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, dict) and isinstance(v.get("id"), int)]


def _ref_ids(value: Any) -> list[int]:
    return [ref["id"] for ref in _refs(value)]


def _cause(new: Any, entity_names: dict[str, str]) -> tuple[str, int] | None:
    """(entity name, record id) of `{"with": {...}}`: what a record moved with."""
    if not isinstance(new, dict) or not isinstance(new.get("with"), dict):
        return None
    entity = entity_names.get(str(new["with"].get("entity_id")))
    record_id = new["with"].get("record_id")
    return (entity, record_id) if entity and isinstance(record_id, int) else None
