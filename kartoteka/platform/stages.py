"""Stage history: the stages a record went through, read from the one change log.

Nothing is written for it: a record's `created` row holds its first stage, and every `changed`
row of a stage field a move, with the moment it happened. A stage skipped is simply absent; a
stage entered twice (moved back) appears twice. The stage a record is in now has no `left_at`,
and its `seconds` run until the moment of reading.

    read_stage_history(conn, model, "deal", 12)
    # {"field": "stage", "items": [{"stage": "new", "entered_at": "...Z", "left_at": "...Z",
    #                               "seconds": 86400}, {"stage": "won", ..., "left_at": None}]}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Text,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)

from kartoteka.schema_engine import records, store
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import CHANGED, CHANGES, CREATED


def stage_fields(model: AppModel, entity: str) -> list[Field]:
    """The entity's stage fields, in their order."""
    return [f for f in model.fields(entity).values() if f["type"] == "stage"]


def stage_field(model: AppModel, entity: str, name: str | None = None) -> Field:
    """The stage field `name` of `entity`, else its first one; QueryError naming the choices."""
    stages = stage_fields(model, entity)
    if not stages:
        raise QueryError(f"entity {entity!r} has no stage field")
    if name is None:
        return stages[0]
    for f in stages:
        if f["name"] == name:
            return f
    names = ", ".join(str(f["name"]) for f in stages)
    raise QueryError(f"{name!r} is not a stage field of {entity!r}; stage fields are: {names}")


def read_stage_history(
    conn: Connection, model: AppModel, entity: str, record_id: int, field: str | None = None,
    *, now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The stages of a live record, oldest first (RecordNotFound when there is none)."""
    f = stage_field(model, entity, field)
    records.get_record(conn, model, entity, record_id)  # RecordNotFound, or in the trash
    entity_id = str(model.entity(entity)["id"])
    moments = next((m for _, m in stage_moves(conn, entity_id, str(f["id"]), record_id)), [])
    now = now or dt.datetime.now(dt.UTC)
    items: list[dict[str, Any]] = []
    for (entered, stage), following in zip(moments, [*moments[1:], (None, None)], strict=True):
        if stage is None:
            continue
        left = following[0]
        seconds = ((left or now) - entered).total_seconds()
        items.append({"stage": stage, "entered_at": store.iso(entered),
                      "left_at": store.iso(left) if left else None,
                      "seconds": max(0, int(seconds))})
    return {"field": f["name"], "items": items}


Moves = list[tuple[dt.datetime, Any]]


def stage_moves(
    conn: Connection, entity_id: str, field_id: str, record_id: int | None = None
) -> Iterator[tuple[int, Moves]]:
    """(record id, [(moment, stage entered)...]) record by record, of one record or of every
    one of the entity: from its creation on, None for no stage from then on. The database takes
    the stages out of the log's JSON (parsing 100k records' values in Python took most of a
    second)."""
    created = CHANGES.c.kind == CREATED
    stage_now = case((created, _json_text(conn, CHANGES.c.new, field_id)),
                     else_=_json_text(conn, CHANGES.c.new))
    statement = (
        select(CHANGES.c.record_id, CHANGES.c.at, stage_now, _json_text(conn, CHANGES.c.old))
        .where(CHANGES.c.entity_id == entity_id,
               or_(created, (CHANGES.c.kind == CHANGED) & (CHANGES.c.field_id == field_id)))
        .order_by(CHANGES.c.record_id, CHANGES.c.id)
    )
    if record_id is not None:
        statement = statement.where(CHANGES.c.record_id == record_id)
    return _by_record(conn.execute(statement), _aware)


def moved_records_moves(
    conn: Connection, entity_id: str, field_id: str
) -> Iterator[tuple[int, Moves]]:
    """`stage_moves` of the records whose stage field changed at least once, without reading
    their `created` rows' JSON (parsing 100k records' values took most of the pipeline's time):
    the stage a record was created in is the `old` of its first move, which is what the created
    row holds whenever every write of the field was logged. Moments are naive UTC on SQLite
    (read as text: SQLAlchemy's parsing took a third of the time), enough for lengths."""
    moved = (
        select(CHANGES.c.record_id)
        .where(CHANGES.c.entity_id == entity_id, CHANGES.c.kind == CHANGED,
               CHANGES.c.field_id == field_id)
    )
    is_move = CHANGES.c.kind == CHANGED
    sqlite = conn.dialect.name == "sqlite"
    statement = (
        select(CHANGES.c.record_id, type_coerce(CHANGES.c.at, Text) if sqlite else CHANGES.c.at,
               case((is_move, _json_text(conn, CHANGES.c.new))),
               case((is_move, _json_text(conn, CHANGES.c.old))))
        .where(CHANGES.c.entity_id == entity_id, CHANGES.c.record_id.in_(moved),
               or_(CHANGES.c.kind == CREATED, is_move & (CHANGES.c.field_id == field_id)))
        .order_by(CHANGES.c.record_id, CHANGES.c.id)
    )
    return _by_record(conn.execute(statement), _naive if sqlite else _aware)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _naive(text: str) -> dt.datetime:
    """A moment stored as text by SQLite, as its wall time (an offset is dropped, as SQLAlchemy
    drops it)."""
    moment = dt.datetime.fromisoformat(text)
    return moment.replace(tzinfo=None) if moment.tzinfo else moment


def _by_record(
    rows: Iterable[Any], moment: Callable[[Any], dt.datetime]
) -> Iterator[tuple[int, Moves]]:
    """(record id, moves) from rows (record id, moment, stage entered, stage left) ordered by
    record and change."""
    current: int | None = None
    moves: Moves = []
    for row_id, at, stage, old in rows:
        if row_id != current:
            if current is not None:
                yield current, moves
            current, moves = row_id, []
        at = moment(at)
        if moves and moves[-1][1] is None and old is not None:
            # The field came after the record, with a value for it: held since it was created.
            moves[-1] = (moves[-1][0], old)
        moves.append((at, stage))
    if current is not None:
        yield current, moves


def _json_text(conn: Connection, column: Any, key: str | None = None) -> ColumnElement[Any]:
    """The text of `column`'s JSON (of its `key` when given): a stage value, or NULL."""
    if conn.dialect.name == "postgresql":
        document = cast(column, JSON)
        if key:
            return document.op("->>")(key)
        return document.op("#>>")(literal_column("'{}'::text[]"))  # the whole document
    return func.json_extract(column, f'$."{key}"' if key else "$")
