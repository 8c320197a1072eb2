"""Automations: rules of the app definition run for records from a durable queue (`kt_job`).

    install()                                   # collect events of this process's writes
    Worker(engine).start()                      # run queued jobs in a thread (the server does)
    recent_runs(conn, limit=50)                 # the latest jobs, for /automations
    retry_job(conn, job_id)                     # run a failed job again
    queue_button(conn, model, "deal", 5, "Send the proposal")  # a card's button

Parts: automation_rules (compiling rules, events from the change log, queueing),
automation_actions (what rules do), automation_worker (claiming and running jobs, date rules),
webhooks (signed calls). `paused(conn)` writes records without starting any rule (the demo's
sample data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from kartoteka.platform.automation.rules import PAUSED, Event, Rule, compiled_rules, queue_event
from kartoteka.platform.automation.worker import Worker, install
from kartoteka.platform.errors import ApiError, NotFound
from kartoteka.platform.i18n import reader_label
from kartoteka.platform.tables import JOBS
from kartoteka.schema_engine import records
from kartoteka.schema_engine.model import AppModel

__all__ = [
    "JobNotFound",
    "JobNotRetryable",
    "Run",
    "UnknownButton",
    "Worker",
    "card_buttons",
    "install",
    "paused",
    "queue_button",
    "recent_runs",
    "retry_job",
]


class JobNotFound(NotFound):
    """No job has this id."""


class JobNotRetryable(ApiError):
    """The job is done (running it again would repeat its effects) or running."""

    status = 409


class UnknownButton(NotFound):
    """No button rule of the entity has this index or name."""


@dataclass(frozen=True)
class Run:
    """One job of the queue as the automations page shows it."""

    id: int
    rule: str
    entity: str
    record_id: int
    event: str
    state: str
    attempts: int
    error: str | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    #: "rule" (the rule's actions) or "webhook" (one call a rule made).
    kind: str = "rule"


def _run(row: object) -> Run:
    state = str(row.state)  # type: ignore[attr-defined]
    return Run(
        id=row.id, rule=row.rule, entity=row.entity,  # type: ignore[attr-defined]
        record_id=row.record_id, event=row.event, state=state,  # type: ignore[attr-defined]
        attempts=row.attempts, error=row.error,  # type: ignore[attr-defined]
        created_at=row.created_at, finished_at=row.finished_at,  # type: ignore[attr-defined]
        next_attempt_at=row.run_at if state == "pending" else None,  # type: ignore[attr-defined]
        kind=row.kind,  # type: ignore[attr-defined]
    )


def recent_runs(conn: Connection, limit: int = 50) -> list[Run]:
    """The newest jobs first."""
    rows = conn.execute(select(JOBS).order_by(JOBS.c.id.desc()).limit(limit))
    return [_run(row) for row in rows]


def get_run(conn: Connection, job_id: int) -> Run:
    row = conn.execute(select(JOBS).where(JOBS.c.id == job_id)).first()
    if row is None:
        raise JobNotFound(f"there is no automation job {job_id}")
    return _run(row)


def retry_job(conn: Connection, job_id: int) -> Run:
    """Run a failed (or waiting) job again as soon as a worker is free, with fresh attempts.

    A done job is refused: its effects are applied already. The caller commits.
    """
    run = get_run(conn, job_id)
    if run.state in ("done", "running"):
        raise JobNotRetryable(f"job {job_id} is {run.state}; only failed or waiting jobs can "
                              "be run again")
    now = dt.datetime.now(dt.UTC)
    conn.execute(update(JOBS).where(JOBS.c.id == job_id).values(
        state="pending", attempts=0, run_at=now, finished_at=None, lease=None,
        leased_until=None))
    return get_run(conn, job_id)


# ---------------------------------------------------------------- buttons


def card_buttons(model: AppModel, entity: str) -> list[tuple[str, str]]:
    """(key, label) of the entity's button rules, for its card; the key is the rule's index."""
    return [(str(rule.index), reader_label(rule.when.get("label"), str(rule.index)))
            for rule in compiled_rules(model).buttons.get(entity, [])]


def button_rule(model: AppModel, entity: str, key: str) -> Rule:
    """The button rule of `entity` that `key` names: its index in `automations` or its name."""
    model.entity(entity)
    rules = compiled_rules(model).buttons.get(entity, [])
    for rule in rules:
        if key == str(rule.index) or key == rule.name:
            return rule
    known = ", ".join(f"{r.index} ({r.name})" for r in rules) or "none"
    raise UnknownButton(f"{entity} has no button rule {key!r}; its button rules are: {known}")


def queue_button(conn: Connection, model: AppModel, entity: str, record_id: int,
                 key: str) -> int:
    """Queue the button rule `key` for a live record; returns the job's id."""
    rule = button_rule(model, entity, key)
    records.get_record(conn, model, entity, record_id)  # RecordNotFound when not live
    return queue_event(conn, model, Event(rule, record_id, dt.datetime.now(dt.UTC)))


@contextmanager
def paused(conn: Connection) -> Iterator[Connection]:
    """Writes through `conn` start no rule while inside (sample data, imports of old data)."""
    conn.info[PAUSED] = True
    try:
        yield conn
    finally:
        conn.info.pop(PAUSED, None)
