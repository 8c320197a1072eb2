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
import json
from typing import Any

from sqlalchemy import Connection, or_, select

from kartoteka.schema_engine import records, store
from kartoteka.schema_engine.changelog import CHANGED, CHANGES, CREATED
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel


def stage_field(model: AppModel, entity: str, name: str | None = None) -> Field:
    """The stage field `name` of `entity`, else its first one; QueryError naming the choices."""
    stages = [f for f in model.fields(entity).values() if f["type"] == "stage"]
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
    moments = _moves(conn, str(model.entity(entity)["id"]), record_id, str(f["id"]))
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


def _moves(
    conn: Connection, entity_id: str, record_id: int, field_id: str
) -> list[tuple[dt.datetime, Any]]:
    """(moment, stage entered) from the record's creation on; None: no stage from then on."""
    rows = conn.execute(
        select(CHANGES.c.at, CHANGES.c.kind, CHANGES.c.old, CHANGES.c.new)
        .where(CHANGES.c.entity_id == entity_id, CHANGES.c.record_id == record_id,
               or_(CHANGES.c.kind == CREATED,
                   (CHANGES.c.kind == CHANGED) & (CHANGES.c.field_id == field_id)))
        .order_by(CHANGES.c.id)
    ).all()
    moves: list[tuple[dt.datetime, Any]] = []
    for row in rows:
        at = _utc(row.at)
        if row.kind == CREATED:
            moves.append((at, (_loads(row.new) or {}).get(field_id)))
            continue
        if not moves:
            moves.append((at, None))
        if moves[-1][1] is None and _loads(row.old) is not None:
            # The field came after the record, with a value for it: held since it was created.
            moves[-1] = (moves[-1][0], _loads(row.old))
        moves.append((at, _loads(row.new)))
    return moves


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
