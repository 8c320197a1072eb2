"""A pipeline's figures per stage: records, money, time spent, and how many went on to win.

    read_pipeline(conn, model, "deal")
    # {"field": "stage", "stages": [{"stage": "new", "label": "New", "count": 46,
    #   "sums": {"amount": 2687500}, "avg_seconds": 259200, "won_share": 0.31}, ...]}

`count` and `sums` are over the live records in the stage now (the board's figures, one grouped
query). `avg_seconds` and `won_share` come from the change log, over every live record that
ever entered the stage: the average length of the stays that ended (a record still there has
not finished its stay), and the share of those records that reached a won stage afterwards
(null when no record entered the stage yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, func, select

from kartoteka.platform.i18n import reader_label
from kartoteka.platform.stages import Moves, moved_records_moves, stage_field, stage_moves
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import query_from_json, run_groups
from kartoteka.schema_engine.records import CHANGED, CHANGES
from kartoteka.schema_engine.store import VERSIONS
from kartoteka.schema_engine.types import is_summable


@dataclass
class _Stage:
    """What the change log says of one stage: its ended stays, and how many records entered it
    and of those went on to a won stage."""

    stays: int = 0
    seconds: float = 0.0
    entered: int = 0
    then_won: int = 0


def read_pipeline(
    conn: Connection, model: AppModel, entity: str, field_name: str | None = None
) -> dict[str, Any]:
    """The figures of every stage of `entity`'s stage field, in the options' order."""
    f = stage_field(model, entity, field_name)
    money = [name for name, g in model.fields(entity).items()
             if g["type"] == "money" and is_summable(g)]
    query = query_from_json(model, entity, {
        "group_by": f["name"], "aggregate": {name: "sum" for name in money}})
    groups = {group["key"]: group for group in run_groups(conn, model, query)}
    history = _history(conn, model, entity, f)
    stages = []
    for option in f.get("options", []):
        value = option if isinstance(option, str) else str(option["value"])
        label = value if isinstance(option, str) else reader_label(option.get("label"), value)
        group = groups.get(value, {"count": 0})
        seen = history.get(value, _Stage())
        stages.append({
            "stage": value, "label": label, "count": group["count"],
            "sums": {name: group.get(f"{name}_sum", 0) for name in money},
            "avg_seconds": round(seen.seconds / seen.stays) if seen.stays else None,
            "won_share": (round(seen.then_won / seen.entered, 4)
                          if seen.entered else None),
        })
    return {"field": f["name"], "stages": stages}


def _history(conn: Connection, model: AppModel, entity: str, f: Field) -> dict[str, _Stage]:
    """Each stage's figures over the live records. A record whose stage never changed needs no
    log: it entered its stage when created and is still there (one grouped query). Only when
    the field came after its entity may a record's stage be one it was never logged in (a new
    required field's default), so then every record's moves are read, as the page did first."""
    table = model.table(entity)
    entity_id, field_id = str(model.entity(entity)["id"]), str(f["id"])
    won = set(f.get("won", []))
    found: dict[str, _Stage] = {}
    if _came_later(conn, entity_id, field_id):
        live = set(conn.execute(select(table.c.id).where(table.c.deleted_at.is_(None)))
                   .scalars())
        for record_id, moves in stage_moves(conn, entity_id, field_id):
            if record_id in live:
                _add_moves(found, moves, won)
        return found
    trashed = set(conn.execute(select(table.c.id).where(table.c.deleted_at.is_not(None)))
                  .scalars())
    for record_id, moves in moved_records_moves(conn, entity_id, field_id):
        if record_id not in trashed:
            _add_moves(found, moves, won)
    stage = table.c[f["name"]]
    moved = select(CHANGES.c.record_id).where(
        CHANGES.c.entity_id == entity_id, CHANGES.c.kind == CHANGED,
        CHANGES.c.field_id == field_id)
    unmoved = (
        select(stage, func.count())
        .where(table.c.deleted_at.is_(None), stage.is_not(None), table.c.id.not_in(moved))
        .group_by(stage)
    )
    for value, count in conn.execute(unmoved):
        seen = found.setdefault(value, _Stage())
        seen.entered += count
        seen.then_won += count if value in won else 0
    return found


def _add_moves(found: dict[str, _Stage], moves: Moves, won: set[str]) -> None:
    """Count one record's moves: each stay that ended, each stage entered (once however often),
    and whether a won stage came at or after it."""
    last_won = -1
    for i, (_, stage) in enumerate(moves):
        if stage in won:
            last_won = i
    entered: set[str] = set()
    then_won: set[str] = set()
    for i, ((moment, stage), (left, _)) in enumerate(pairwise(moves)):
        if stage is not None:
            seen = found.setdefault(stage, _Stage())
            seen.stays += 1
            seen.seconds += (left - moment).total_seconds()
            entered.add(stage)
            if last_won >= i:
                then_won.add(stage)
    stage = moves[-1][1]
    if stage is not None:
        found.setdefault(stage, _Stage())
        entered.add(stage)
        if last_won == len(moves) - 1:
            then_won.add(stage)
    for stage in entered:
        found[stage].entered += 1
    for stage in then_won:
        found[stage].then_won += 1


def _came_later(conn: Connection, entity_id: str, field_id: str) -> bool:
    """Whether a version of the definition has the entity without the field (ids are quoted
    JSON strings in it; a false match only sends the reader the slow way)."""
    search = func.strpos if conn.dialect.name == "postgresql" else func.instr
    document = VERSIONS.c.document
    found = conn.execute(
        select(VERSIONS.c.version)
        .where(search(document, f'"{entity_id}"') > 0, search(document, f'"{field_id}"') == 0)
        .limit(1)
    ).first()
    return found is not None
