"""The one change log (`kt_change`): every record write appends its rows in the same transaction.

Rows name entities and fields by their stable ids, so that renames never orphan history. Values
are JSON text in the form the API shows them (decimals as numbers, moments as UTC `...Z`, links as
ids, `links` fields as lists of ids). The timeline, the audit, stage history and automations read
this table; nothing else keeps a log of record writes.

Kinds written here:
- `created`: one row per record; `new` holds its non-empty values by field id.
- `changed`: one row per changed field, with `old` and `new`.
- `trashed`: one row per record moved to the trash; a record trashed because a link to another
  one cascades has `new = {"with": {"entity_id": ..., "record_id": ...}}`.
- `restored`: one row per record brought back, with the same `with` for cascaded ones.
- entries (`log_entry`): `note`, `call`, `email`, `meeting` (`new = {"text": ...}`), `document`
  (`new` describes the generated file): things that happened to a record besides its writes.

Listeners (`listen`) see every append, inside the transaction that writes it, with the app model
the write used: the platform's automations collect their events this way, so that an event is
committed with its change or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, Table, insert, select

from kartoteka.schema_engine.records.bulk import BulkInsert, bulk_insert
from kartoteka.schema_engine.records.serialize import json_value
from kartoteka.schema_engine.tables import CHANGE_TABLE, system_metadata

if TYPE_CHECKING:
    from kartoteka.schema_engine.model import AppModel

CHANGES: Table = system_metadata().tables[CHANGE_TABLE]

CREATED = "created"
CHANGED = "changed"
TRASHED = "trashed"
RESTORED = "restored"
#: Kinds of `log_entry`: interactions logged by users, and generated documents.
INTERACTIONS = ("note", "call", "email", "meeting")
DOCUMENT = "document"
ENTRY_KINDS = (*INTERACTIONS, DOCUMENT)


class LogRow(NamedTuple):
    """One appended row as listeners see it: `old` and `new` are the JSON text stored."""

    at: dt.datetime
    user_id: int | None
    entity_id: str
    record_id: int
    kind: str
    field_id: str | None
    old: str | None
    new: str | None


#: `listener(conn, model, rows)`, called after rows are appended, in the writer's transaction.
Listener = Callable[[Connection, "AppModel", Sequence[LogRow]], None]
_LISTENERS: list[Listener] = []


def listen(listener: Listener) -> None:
    """Call `listener` after every append from now on (once, however often it is registered)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def unlisten(listener: Listener) -> None:
    if listener in _LISTENERS:
        _LISTENERS.remove(listener)


@dataclass(frozen=True)
class FieldChange:
    """One field of one record, before and after a write (values as stored, not yet JSON)."""

    field_id: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    """One row of the change log, its `old` and `new` decoded from JSON."""

    id: int
    at: dt.datetime
    user_id: int | None
    entity_id: str
    record_id: int
    kind: str
    field_id: str | None
    old: Any
    new: Any


def to_json(value: Any) -> str | None:
    """A value as change-log JSON text (`None` stays SQL NULL): decimals as numbers, moments
    as UTC ISO text with Z, dates as YYYY-MM-DD."""
    return None if value is None else _ENCODER.encode(value)


def _encode_other(value: Any) -> Any:
    converted = json_value(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} values cannot go into the change log")
    return converted


#: One encoder for every row (json.dumps with options would build one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_encode_other)


#: The columns every write of the change log fills, in this order.
_COLUMNS = ("at", "user_id", "entity_id", "record_id", "kind", "field_id", "old", "new")
_INSERTS: dict[str, BulkInsert] = {}


def _append(conn: Connection, model: AppModel, rows: Sequence[Sequence[Any]]) -> None:
    """Append rows (values in the order of `_COLUMNS`) with one executemany; tell listeners."""
    dialect = conn.dialect
    if dialect.name not in _INSERTS:
        _INSERTS[dialect.name] = bulk_insert(CHANGES, _COLUMNS, dialect)
    _INSERTS[dialect.name].run(conn, rows)
    if _LISTENERS and rows:
        appended = [LogRow(*row) for row in rows]
        for listener in _LISTENERS:
            listener(conn, model, appended)


def log_created(
    conn: Connection,
    entity_id: str,
    records: Iterable[tuple[int, Mapping[str, Any]]],
    *,
    model: AppModel,
    user_id: int | None,
    at: dt.datetime,
) -> None:
    """One `created` row per (record id, {field id: value}); empty values are left out."""
    _append(
        conn,
        model,
        [
            (
                at,
                user_id,
                entity_id,
                record_id,
                CREATED,
                None,
                None,
                to_json({k: v for k, v in values.items() if v is not None and v != []}),
            )
            for record_id, values in records
        ],
    )


def log_changed(
    conn: Connection,
    entity_id: str,
    record_id: int,
    changes: Sequence[FieldChange],
    *,
    model: AppModel,
    user_id: int | None,
    at: dt.datetime,
) -> None:
    """One `changed` row per field whose value changed."""
    _append(
        conn,
        model,
        [
            (
                at,
                user_id,
                entity_id,
                record_id,
                CHANGED,
                change.field_id,
                to_json(change.old),
                to_json(change.new),
            )
            for change in changes
        ],
    )


def log_moved(
    conn: Connection,
    kind: str,
    moved: Iterable[tuple[str, int, tuple[str, int] | None]],
    *,
    model: AppModel,
    user_id: int | None,
    at: dt.datetime,
) -> None:
    """`trashed` or `restored` rows: (entity id, record id, (entity id, record id) it went with)."""
    _append(
        conn,
        model,
        [
            (
                at,
                user_id,
                entity_id,
                record_id,
                kind,
                None,
                None,
                to_json({"with": {"entity_id": cause[0], "record_id": cause[1]}})
                if cause
                else None,
            )
            for entity_id, record_id, cause in moved
        ],
    )


def log_entry(
    conn: Connection,
    model: AppModel,
    entity_id: str,
    record_id: int,
    kind: str,
    data: Mapping[str, Any],
    *,
    user_id: int | None,
    at: dt.datetime,
) -> int:
    """Log a note, call, email, meeting or document on a record (`data` becomes `new`);
    returns the row's id. Listeners are told as for any other append."""
    if kind not in ENTRY_KINDS:
        raise ValueError(f"unknown entry kind {kind!r}; kinds are {', '.join(ENTRY_KINDS)}")
    row = (at, user_id, entity_id, record_id, kind, None, None, to_json(dict(data)))
    entry_id: int = conn.execute(
        insert(CHANGES).values(dict(zip(_COLUMNS, row, strict=True))).returning(CHANGES.c.id)
    ).scalar_one()
    for listener in _LISTENERS:
        listener(conn, model, [LogRow(*row)])
    return entry_id


def record_changes(conn: Connection, entity_id: str, record_id: int) -> list[Change]:
    """The change-log rows of one record, oldest first."""
    rows = conn.execute(
        select(CHANGES)
        .where(CHANGES.c.entity_id == entity_id, CHANGES.c.record_id == record_id)
        .order_by(CHANGES.c.id)
    )
    return [
        Change(
            id=row.id,
            at=row.at,
            user_id=row.user_id,
            entity_id=row.entity_id,
            record_id=row.record_id,
            kind=row.kind,
            field_id=row.field_id,
            old=_loads(row.old),
            new=_loads(row.new),
        )
        for row in rows
    ]


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)
