"""Automation rules, compiled per app model, and the events they wait for.

Record writes append rows to the change log; `collect_events` (a change-log listener) turns the
rows of one append into events and queues one `kt_job` row per matching rule, in the writer's
own transaction: the job is committed with the change or not at all.

Events from the log: `created` (one per record), `updated` (once per save), `field_changed` (per
changed field) and `stage_entered` (a stage field's new value; also when a record is created in
a stage). `date_reached` rules are found by the worker's scan, `button` rules by a click.

The rules are compiled once per model (keyed by entity id, kept on the model object), so that
a write that no rule watches costs one dict lookup.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert

from kartoteka.platform.tables import JOBS
from kartoteka.schema_engine import records as changelog
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import LogRow, json_value

#: conn.info keys: writes that queue no jobs (the demo's data), the depth of the job writing,
#: and "a job was queued" (the in-process worker is woken after commit).
PAUSED = "kt_automations_paused"
DEPTH = "kt_automation_depth"
QUEUED = "kt_automation_queued"
#: A rule that triggers a rule... stops after this many links, with a visible job error.
MAX_DEPTH = 5
LOG_EVENTS = ("created", "updated", "field_changed", "stage_entered")


@dataclass(frozen=True)
class Rule:
    """One rule of the definition, its names resolved."""

    index: int
    name: str
    entity: str
    event: str
    spec: Mapping[str, Any]
    field_id: str | None = None

    @property
    def when(self) -> Mapping[str, Any]:
        return dict(self.spec["when"])


@dataclass
class EntityRules:
    """The rules of one entity that events of the change log start."""

    entity: str
    created: list[Rule] = field(default_factory=list)
    updated: list[Rule] = field(default_factory=list)
    #: field id -> rules waiting for that field to change.
    changed: dict[str, list[Rule]] = field(default_factory=dict)
    #: (field id, stage) -> rules waiting for a record to enter that stage.
    stages: dict[tuple[str, str], list[Rule]] = field(default_factory=dict)


@dataclass
class CompiledRules:
    by_entity_id: dict[str, EntityRules] = field(default_factory=dict)
    dates: list[Rule] = field(default_factory=list)
    #: entity name -> its button rules, in definition order.
    buttons: dict[str, list[Rule]] = field(default_factory=dict)


def rule_name(index: int, spec: Mapping[str, Any]) -> str:
    """A rule's name, or "Rule 3" for the third rule when it has none."""
    name = spec.get("name")
    return str(name) if name else f"Rule {index + 1}"


def compiled_rules(model: AppModel) -> CompiledRules:
    """The rules of `model`, compiled on first use and kept in its memo (never changed)."""
    compiled: CompiledRules = model.memo.derived.get_or_make(
        compiled_rules, lambda: _compile(model))
    return compiled


def _compile(model: AppModel) -> CompiledRules:
    compiled = CompiledRules()
    for index, spec in enumerate(model.doc.get("automations") or []):
        if spec.get("enabled") is False or spec["entity"] not in model.entities:
            continue
        when = spec["when"]
        entity = spec["entity"]
        field_name = when.get("field")
        field_id = model.field(entity, field_name)["id"] if field_name else None
        rule = Rule(index, rule_name(index, spec), entity, when["event"], spec, field_id)
        _file(compiled, model, rule)
    return compiled


def _file(compiled: CompiledRules, model: AppModel, rule: Rule) -> None:
    if rule.event == "date_reached":
        compiled.dates.append(rule)
        return
    if rule.event == "button":
        compiled.buttons.setdefault(rule.entity, []).append(rule)
        return
    entity_id = model.entity(rule.entity)["id"]
    rules = compiled.by_entity_id.setdefault(entity_id, EntityRules(rule.entity))
    if rule.event == "created":
        rules.created.append(rule)
    elif rule.event == "updated":
        rules.updated.append(rule)
    elif rule.event == "field_changed" and rule.field_id:
        rules.changed.setdefault(rule.field_id, []).append(rule)
    elif rule.event == "stage_entered" and rule.field_id:
        rules.stages.setdefault((rule.field_id, rule.when["value"]), []).append(rule)


# ---------------------------------------------------------------- events from the change log


@dataclass(frozen=True)
class Event:
    """A rule to run for a record: queued as one job."""

    rule: Rule
    record_id: int
    at: dt.datetime


def collect_events(conn: Connection, model: AppModel, rows: Sequence[LogRow]) -> None:
    """The change-log listener: queue a job per rule that the appended rows start."""
    if conn.info.get(PAUSED):
        return
    by_entity = compiled_rules(model).by_entity_id
    if not by_entity:
        return
    events = list(_events(by_entity, rows))
    if events:
        queue_events(conn, model, events)


def _events(by_entity: dict[str, EntityRules], rows: Sequence[LogRow]) -> Iterator[Event]:
    saved: set[tuple[str, int]] = set()
    for row in rows:
        rules = by_entity.get(row.entity_id)
        if rules is None:
            continue
        if row.kind == changelog.CREATED:
            yield from _created(rules, row)
        elif row.kind == changelog.CHANGED:
            if (row.entity_id, row.record_id) not in saved:
                saved.add((row.entity_id, row.record_id))
                yield from (Event(r, row.record_id, row.at) for r in rules.updated)
            yield from _changed(rules, row)


def _created(rules: EntityRules, row: LogRow) -> Iterator[Event]:
    yield from (Event(r, row.record_id, row.at) for r in rules.created)
    if rules.stages and row.new:
        values = json.loads(row.new)
        for (field_id, stage), waiting in rules.stages.items():
            if values.get(field_id) == stage:
                yield from (Event(r, row.record_id, row.at) for r in waiting)


def _changed(rules: EntityRules, row: LogRow) -> Iterator[Event]:
    field_id = row.field_id or ""
    yield from (Event(r, row.record_id, row.at) for r in rules.changed.get(field_id, ()))
    if rules.stages and row.new:
        stage = json.loads(row.new)
        if isinstance(stage, str):
            yield from (Event(r, row.record_id, row.at)
                        for r in rules.stages.get((field_id, stage), ()))


# ---------------------------------------------------------------- queueing jobs


def job_row(model: AppModel, event: Event, depth: int, now: dt.datetime,
            dedupe: str | None = None) -> dict[str, Any]:
    """The `kt_job` row of a rule to run; a chain deeper than MAX_DEPTH is queued as failed."""
    payload = {"rule": dict(event.rule.spec), "index": event.rule.index,
               "at": json_value(event.at), "version": model.version}
    too_deep = depth > MAX_DEPTH
    return {
        "kind": "rule", "rule": event.rule.name, "entity": event.rule.entity,
        "record_id": event.record_id, "event": event.rule.event,
        "payload": json.dumps(payload, ensure_ascii=False), "state": "failed" if too_deep
        else "pending", "attempts": 0, "depth": depth,
        "error": _too_deep(event.rule.name) if too_deep else None,
        "created_at": now, "run_at": now, "finished_at": now if too_deep else None,
        "dedupe": dedupe,
    }


def _too_deep(name: str) -> str:
    return (f"not run: rule {name!r} was started by a chain of {MAX_DEPTH} automations, each "
            "started by the one before; check for rules that start each other")


def queue_events(conn: Connection, model: AppModel, events: Sequence[Event]) -> None:
    """Insert a job per event, in the caller's transaction."""
    depth = int(conn.info.get(DEPTH, 0))
    now = dt.datetime.now(dt.UTC)
    conn.execute(insert(JOBS), [job_row(model, e, depth, now) for e in events])
    conn.info[QUEUED] = True


def queue_event(conn: Connection, model: AppModel, event: Event) -> int:
    """Insert the job of one event in the caller's transaction; returns its id."""
    row = job_row(model, event, int(conn.info.get(DEPTH, 0)), dt.datetime.now(dt.UTC))
    job_id: int = conn.execute(insert(JOBS).values(row).returning(JOBS.c.id)).scalar_one()
    conn.info[QUEUED] = True
    return job_id
