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

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import query_from_json, run_groups

from .stages import stage_field, stage_moves


@dataclass
class _Stage:
    """What the change log says of one stage."""

    stays: int = 0
    seconds: float = 0.0
    entered: set[int] = field(default_factory=set)
    then_won: set[int] = field(default_factory=set)


def read_pipeline(
    conn: Connection, model: AppModel, entity: str, field_name: str | None = None
) -> dict[str, Any]:
    """The figures of every stage of `entity`'s stage field, in the options' order."""
    f = stage_field(model, entity, field_name)
    money = [name for name, g in model.fields(entity).items() if g["type"] == "money"]
    query = query_from_json(model, entity, {
        "group_by": f["name"], "aggregate": {name: "sum" for name in money}})
    groups = {group["key"]: group for group in run_groups(conn, model, query)}
    history = _history(conn, model, entity, str(f["id"]), set(f.get("won", [])))
    stages = []
    for option in f.get("options", []):
        value = option if isinstance(option, str) else str(option["value"])
        label = value if isinstance(option, str) else str(option.get("label", value))
        group = groups.get(value, {"count": 0})
        seen = history.get(value, _Stage())
        stages.append({
            "stage": value, "label": label, "count": group["count"],
            "sums": {name: group.get(f"{name}_sum", 0) for name in money},
            "avg_seconds": round(seen.seconds / seen.stays) if seen.stays else None,
            "won_share": (round(len(seen.then_won) / len(seen.entered), 4)
                          if seen.entered else None),
        })
    return {"field": f["name"], "stages": stages}


def _history(
    conn: Connection, model: AppModel, entity: str, field_id: str, won: set[str]
) -> dict[str, _Stage]:
    table = model.table(entity)
    live = set(conn.execute(select(table.c.id).where(table.c.deleted_at.is_(None))).scalars())
    found: dict[str, _Stage] = {}
    for record_id, moves in stage_moves(conn, str(model.entity(entity)["id"]), field_id):
        if record_id not in live:
            continue
        last_won = max((i for i, (_, stage) in enumerate(moves) if stage in won), default=-1)
        for i, (entered, stage) in enumerate(moves):
            if stage is None:
                continue
            seen = found.setdefault(stage, _Stage())
            seen.entered.add(record_id)
            if last_won >= i:
                seen.then_won.add(record_id)
            if i + 1 < len(moves):
                seen.stays += 1
                seen.seconds += (moves[i + 1][0] - entered).total_seconds()
    return found
