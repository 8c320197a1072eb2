"""The worker that runs queued automation jobs: claim, run, mark done, or retry later.

A job is claimed in a short transaction of its own: its state becomes `running` with a random
lease token until `leased_until` (PostgreSQL picks it with `FOR UPDATE SKIP LOCKED`, so that
several workers take disjoint jobs; SQLite picks and claims it in one `UPDATE ... RETURNING`
under its write lock). A rule's database actions then run in one transaction that checks the
token and marks the job done: it commits whole or not at all, so a worker killed half-way leaves
nothing applied, and its job is claimed again once the lease has expired. Webhook calls run
outside any transaction and are marked done after the receiver took them (at least once).
They are sent by a few threads of their own (`webhook_concurrency`), apart from rule jobs: a
receiver that answers slowly holds up at most one of those threads until the call's deadline,
never the rules of other records.

Failures the rule itself causes (a template error, a value the field refuses) fail the job at
once with the error kept on it; others (a receiver down, the database busy) are retried after
30 s, 2 min, 10 min, 1 h and 6 h, then the job fails. `retry_job` (automation.py) runs a failed
job again.

`date_reached` rules are found by a scan (every `date_every` seconds): records whose date plus
the rule's offset has come within the last `DATE_LOOKBACK` (so that a new rule does not fire for
years of old records), queued once per rule, record and date by a unique key.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, event, or_, select, update

from kartoteka.platform.automation.actions import ACTIONS, RuleRun, webhook_body
from kartoteka.platform.automation.rules import (
    DEPTH,
    QUEUED,
    Event,
    Rule,
    collect_events,
    compiled_rules,
    job_row,
)
from kartoteka.platform.automation.secrets import secret_value
from kartoteka.platform.automation.webhooks import (
    AllowedHosts,
    WebhookFailed,
    deliver,
    webhook_payload,
)
from kartoteka.platform.model_cache import ModelCache
from kartoteka.platform.tables import JOBS
from kartoteka.schema_engine import KartotekaError
from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.definition import parse_offset
from kartoteka.schema_engine.errors import RecordNotFound
from kartoteka.schema_engine.model import AppModel, current_version
from kartoteka.schema_engine.records import listen
from kartoteka.settings import Settings

LOG = logging.getLogger("kartoteka.automation")

#: Seconds a claimed job is a worker's; a killed worker's jobs are taken again after it.
LEASE = 60.0
#: Seconds before each retry; after the last, the job fails.
BACKOFF = (30, 120, 600, 3600, 6 * 3600)
MAX_ATTEMPTS = len(BACKOFF) + 1
#: How far back a date rule looks for dates that have come (see the module's docstring).
DATE_LOOKBACK = dt.timedelta(days=7)
#: The kinds of job: a rule's actions, and the webhook calls rules make (sent apart).
RULES, WEBHOOKS = ("rule",), ("webhook",)
#: Seconds between looks for webhook calls to send while rule jobs keep the worker busy.
CALLS_EVERY = 0.5


def install() -> None:
    """Collect automation events from every record write of this process from now on."""
    listen(collect_events)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Job:
    """A claimed job."""

    id: int
    kind: str
    rule: str
    entity: str
    record_id: int
    event: str
    payload: dict[str, Any]
    attempts: int
    depth: int
    lease: str


@dataclass(frozen=True)
class Outcome:
    """What running a claimed job came to: done, retry (pending again), failed or lost (its
    lease was taken over by another worker meanwhile)."""

    job: Job
    state: str
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"job": self.job.id, "kind": self.job.kind, "rule": self.job.rule,
                "entity": self.job.entity, "record_id": self.job.record_id,
                "state": self.state, "error": self.error}


# ---------------------------------------------------------------- claiming


def _due(now: dt.datetime, kinds: tuple[str, ...]) -> Any:
    return and_(JOBS.c.kind.in_(kinds),
                or_(and_(JOBS.c.state == "pending", JOBS.c.run_at <= now),
                    and_(JOBS.c.state == "running", JOBS.c.leased_until < now)))


def anything_due(engine: Engine, kinds: tuple[str, ...] = RULES + WEBHOOKS) -> bool:
    """A cheap read: is there a job to claim? (Idle workers do not take the write lock.)"""
    with engine.connect() as conn:
        found = conn.execute(select(JOBS.c.id).where(_due(utc_now(), kinds)).limit(1)).first()
        return found is not None


def claim(engine: Engine, lease: float = LEASE, kinds: tuple[str, ...] = RULES + WEBHOOKS
          ) -> Job | None:
    """Claim the next due job of `kinds` for `lease` seconds, or None when none is due."""
    now = utc_now()
    token = secrets.token_hex(16)
    pick = select(JOBS.c.id).where(_due(now, kinds)).order_by(JOBS.c.run_at, JOBS.c.id).limit(1)
    with write_connection(engine) as conn:
        if conn.dialect.name == "postgresql":
            job_id = conn.execute(pick.with_for_update(skip_locked=True)).scalar()
            if job_id is None:
                return None
            which = JOBS.c.id == job_id
        else:
            which = JOBS.c.id == pick.scalar_subquery()
        row = conn.execute(
            update(JOBS).where(which).values(
                state="running", lease=token, leased_until=now + dt.timedelta(seconds=lease),
                attempts=JOBS.c.attempts + 1).returning(*JOBS.c)
        ).first()
        conn.commit()
    if row is None:
        return None
    return Job(row.id, row.kind, row.rule, row.entity, row.record_id, row.event,
               json.loads(row.payload), row.attempts, row.depth, token)


def _ours(conn: Connection, job: Job) -> Any:
    return and_(JOBS.c.id == job.id, JOBS.c.state == "running", JOBS.c.lease == job.lease)


def _still_ours(conn: Connection, job: Job) -> bool:
    """Lock the job's row (PostgreSQL) and check that this worker's lease still holds it."""
    query = select(JOBS.c.id).where(_ours(conn, job)).with_for_update()
    return conn.execute(query).first() is not None


def _finish(conn: Connection, job: Job, state: str, error: str | None,
            run_at: dt.datetime | None = None) -> bool:
    now = utc_now()
    values: dict[str, Any] = {"state": state, "error": error, "lease": None,
                              "leased_until": None}
    if run_at is None:
        values["finished_at"] = now
    else:
        values["run_at"] = run_at
    return conn.execute(update(JOBS).where(_ours(conn, job)).values(values)).rowcount == 1


# ---------------------------------------------------------------- running


def run_job(engine: Engine, models: ModelCache, job: Job, settings: Settings | None = None
            ) -> Outcome:
    """Run a claimed job and record how it went."""
    if job.attempts > MAX_ATTEMPTS:
        return _failed(engine, job, KartotekaError(
            f"gave up after {MAX_ATTEMPTS} attempts (the worker running it stopped each time)"))
    try:
        if job.kind == "webhook":
            _send(engine, job, settings or Settings())
            return _done(engine, job)
        return _run_rule_job(engine, models, job)
    except Exception as exc:  # any failure is kept on the job (and retried when it may pass)
        return _failed(engine, job, exc)


def _send(engine: Engine, job: Job, settings: Settings) -> None:
    """Send a webhook job's call, signed with the value of the secret it names."""
    name = job.payload.get("secret")
    secret = None
    if name:
        with engine.connect() as conn:
            secret = secret_value(conn, str(name))
    deliver(job.id, job.payload, secret, timeout=settings.webhook_timeout,
            allowed=AllowedHosts.of(settings.webhook_allowed_hosts))


def _done(engine: Engine, job: Job) -> Outcome:
    with write_connection(engine) as conn:
        mine = _finish(conn, job, "done", None)
        conn.commit()
    return Outcome(job, "done" if mine else "lost")


def _run_rule_job(engine: Engine, models: ModelCache, job: Job) -> Outcome:
    """The rule's database actions and the job's `done`, in one transaction."""
    with write_connection(engine) as conn:
        if not _still_ours(conn, job):
            return Outcome(job, "lost")
        model = models.get(conn, current_version(conn))
        conn.info[DEPTH] = job.depth + 1
        try:
            note = _run_rule(conn, model, job)
            _finish(conn, job, "done", note)
            conn.commit()
        finally:
            conn.info.pop(DEPTH, None)
    return Outcome(job, "done", note)


def _run_rule(conn: Connection, model: AppModel, job: Job) -> str | None:
    """Run the rule's actions for the record; a note when it was skipped."""
    spec = job.payload["rule"]
    run = RuleRun(conn, model, job.rule, job.entity, job.record_id, job.event,
                  dt.datetime.fromisoformat(job.payload["at"]), utc_now())
    try:
        run.record()
    except RecordNotFound as exc:
        return f"skipped: {exc}"
    if spec.get("if") is not None and not _matches(conn, model, job, spec["if"]):
        return None
    for j, action in enumerate(spec["do"]):
        ACTIONS[action["action"]](run, action, f"do[{j}]")
    if run.webhooks:
        body = webhook_body(run)
        conn.execute(JOBS.insert(), [_webhook_job(job, url, secret_name, body)
                                     for url, secret_name in run.webhooks])
        conn.info[QUEUED] = True
    return None


def _matches(conn: Connection, model: AppModel, job: Job, condition: Any) -> bool:
    """Whether the record matches the rule's `if` now, as the records API would filter it."""
    both = {"and": [condition, {"field": "id", "op": "eq", "value": job.record_id}]}
    try:
        query = queries.query_from_json(model, job.entity, {"filter": both, "limit": 1})
    except KartotekaError as exc:
        raise KartotekaError(f"rule {job.rule!r}, if: {exc}") from None
    return bool(queries.run_query(conn, model, query).items)


def _webhook_job(job: Job, url: str, secret_name: str | None, body: str) -> dict[str, Any]:
    now = utc_now()
    return {"kind": "webhook", "rule": job.rule, "entity": job.entity,
            "record_id": job.record_id, "event": job.event,
            "payload": webhook_payload(url, secret_name, body), "state": "pending", "attempts": 0,
            "depth": job.depth, "created_at": now, "run_at": now}


def _failed(engine: Engine, job: Job, exc: Exception) -> Outcome:
    """Keep the error; retry later unless the rule itself is at fault or attempts ran out."""
    retry = isinstance(exc, WebhookFailed) or not isinstance(exc, KartotekaError)
    error = str(exc) if isinstance(exc, KartotekaError) else f"{type(exc).__name__}: {exc}"
    if retry and job.attempts < MAX_ATTEMPTS:
        later = utc_now() + dt.timedelta(seconds=BACKOFF[job.attempts - 1])
        state, run_at = "pending", later
    else:
        state, run_at = "failed", None
    with write_connection(engine) as conn:
        mine = _finish(conn, job, state, error, run_at)
        conn.commit()
    if mine:
        LOG.warning("automation job %s (%s): %s", job.id, job.rule, error)
    return Outcome(job, ("retry" if state == "pending" else "failed") if mine else "lost", error)


# ---------------------------------------------------------------- date rules


def scan_dates(engine: Engine, models: ModelCache) -> int:
    """Queue the date rules whose moment has come (once per rule, record and date)."""
    with engine.connect() as conn:
        model = models.get(conn, current_version(conn))
    rules = compiled_rules(model).dates
    if not rules:
        return 0  # no write lock taken every 30 s for nothing
    with write_connection(engine) as conn:
        now = utc_now()
        rows = [row for rule in rules for row in _date_jobs(conn, model, rule, now)]
        queued = 0
        if rows:
            insert = _upsert_module(conn.dialect.name).insert
            statement = insert(JOBS).on_conflict_do_nothing(index_elements=["dedupe"])
            queued = conn.execute(statement, rows).rowcount
            conn.info[QUEUED] = True
        conn.commit()
    return queued if queued >= 0 else len(rows)


def _upsert_module(dialect: str) -> Any:
    """The dialect's INSERT with ON CONFLICT, imported only when used: a SQLite server loads
    nothing of PostgreSQL."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql
    from sqlalchemy.dialects import sqlite

    return sqlite


def _date_jobs(conn: Connection, model: AppModel, rule: Rule, now: dt.datetime
               ) -> list[dict[str, Any]]:
    field = model.field(rule.entity, str(rule.when["field"]))
    offset = parse_offset(str(rule.when.get("offset") or "+0d"))
    assert offset is not None  # checked at apply
    table = model.table(rule.entity)
    column = table.c[field["name"]]
    upper, lower = offset.before(now), offset.before(now) - DATE_LOOKBACK
    if field["type"] == "date":
        upper, lower = upper.date(), lower.date()  # type: ignore[assignment]
    found = conn.execute(select(table.c.id, column).where(
        table.c.deleted_at.is_(None), column <= upper, column > lower))
    rows = []
    for record_id, value in found:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(
            value, dt.time(0), dt.UTC)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        dedupe = f"date:{rule.name}:{rule.entity}:{record_id}:{moment.isoformat()}"
        rows.append(job_row(model, Event(rule, record_id, offset.after(moment)), 0, now, dedupe))
    return rows


# ---------------------------------------------------------------- the loop


@dataclass
class Counts:
    done: int = 0
    retry: int = 0
    failed: int = 0
    lost: int = 0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.state, getattr(self, outcome.state) + 1)


class Worker:
    """Runs due jobs until stopped: in a thread of the server, or alone (`kartoteka worker`).

    It sleeps `poll` seconds between looks, and is woken at once when a transaction of this
    process that queued a job commits.
    """

    def __init__(self, engine: Engine, models: ModelCache | None = None, *, poll: float = 1.0,
                 lease: float = LEASE, date_every: float = 30.0,
                 report: Callable[[Outcome], None] | None = None,
                 settings: Settings | None = None) -> None:
        self.engine = engine
        self.models = models or ModelCache()
        self.poll, self.lease, self.date_every, self.report = poll, lease, date_every, report
        self.settings = settings or Settings()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._dates_scanned = 0.0
        self._sending: set[Future[Outcome]] = set()
        self._calls_looked = 0.0

    def run_due(self) -> Counts:
        """Scan date rules when it is time, then run every due job, and wait for the webhook
        calls to end; how they went."""
        with self._senders() as senders:
            counts = self._run_due(senders, wait_for_calls=True)
        return counts

    def _senders(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max(1, self.settings.webhook_concurrency),
                                  thread_name_prefix="kartoteka-webhook")

    def _run_due(self, senders: ThreadPoolExecutor, wait_for_calls: bool) -> Counts:
        """Run due rule jobs one after another while webhook calls go out beside them."""
        counts = Counts()
        self._scan_dates_when_due()
        while not self._stop.is_set():
            self._collect(counts)
            job = claim(self.engine, self.lease, RULES) if anything_due(
                self.engine, RULES) else None
            if job is None or time.monotonic() - self._calls_looked > CALLS_EVERY:
                self._start_calls(senders)
            if job is not None:
                self._count(counts, run_job(self.engine, self.models, job, self.settings))
            elif wait_for_calls and self._sending:
                # Not past `poll`: a rule job queued meanwhile runs while the calls go on.
                wait(self._sending, timeout=self.poll, return_when=FIRST_COMPLETED)
            else:
                break
        return counts

    def _start_calls(self, senders: ThreadPoolExecutor) -> None:
        """Claim due webhook jobs while a sender is free, and start their calls."""
        self._calls_looked = time.monotonic()
        while (len(self._sending) < max(1, self.settings.webhook_concurrency)
               and anything_due(self.engine, WEBHOOKS)):
            job = claim(self.engine, self.lease, WEBHOOKS)
            if job is None:
                return
            future = senders.submit(run_job, self.engine, self.models, job, self.settings)
            future.add_done_callback(lambda _f: self._wake.set())
            self._sending.add(future)

    def _collect(self, counts: Counts) -> None:
        for future in [f for f in self._sending if f.done()]:
            self._sending.discard(future)
            self._count(counts, future.result())

    def _count(self, counts: Counts, outcome: Outcome) -> None:
        counts.add(outcome)
        if self.report:
            self.report(outcome)

    def _scan_dates_when_due(self) -> None:
        if time.monotonic() - self._dates_scanned >= self.date_every or not self._dates_scanned:
            scan_dates(self.engine, self.models)
            self._dates_scanned = time.monotonic()

    # ------------------------------------------------------------ as a thread or a loop

    def start(self) -> None:
        """Run in a daemon thread of this process (the server's)."""
        install()
        event.listen(self.engine, "commit", self._committed)
        event.listen(self.engine, "rollback", self._rolled_back)
        self._thread = threading.Thread(target=self.loop, name="kartoteka-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            event.remove(self.engine, "commit", self._committed)
            event.remove(self.engine, "rollback", self._rolled_back)

    def loop(self) -> None:
        """Run due jobs, then sleep until woken or `poll` seconds pass; until stopped. Webhook
        calls in flight are not waited for: the loop is woken when one ends."""
        install()
        with self._senders() as senders:
            while not self._stop.is_set():
                try:
                    self._run_due(senders, wait_for_calls=False)
                except Exception:  # a database restart must not end the worker: log, retry
                    LOG.exception("the automation worker could not run jobs; trying again")
                    self._stop.wait(max(self.poll, 5.0))
                self._wake.wait(self.poll)
                self._wake.clear()

    def wake(self) -> None:
        self._wake.set()

    def _committed(self, conn: Connection) -> None:
        if conn.info.pop(QUEUED, False):
            self._wake.set()

    def _rolled_back(self, conn: Connection) -> None:
        conn.info.pop(QUEUED, None)
