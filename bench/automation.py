"""Automations under hostile input: what the limits of issue 13 cost and what they hold.

Prints Markdown, on SQLite:
- templates: the time of a 100,000-step loop rendered by Kartoteka's limited sandbox and by
  Jinja's own immutable sandbox (median of --repeat), and how long the limited one takes to stop
  nested loops of 10^10 steps (its 5 s limit);
- rules: how many rule jobs (a set_field each) the worker runs per second;
- webhooks: how long a call to a receiver that trickles a header line a second takes to end (the
  call's deadline, --deadline), and how long the rule of another record waited meanwhile.

    python bench/automation.py [--jobs 500] [--repeat 5] [--deadline 3] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support.receivers

from jinja2.sandbox import ImmutableSandboxedEnvironment
from sqlalchemy import select

from kartoteka import schema_engine as se
from kartoteka.platform import sandbox
from kartoteka.platform.automation.jobs import install
from kartoteka.platform.automation.worker import Worker
from kartoteka.platform.tables import JOBS, upgrade_tables
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.model import load_model
from kartoteka.schema_engine.records import writes as records
from kartoteka.settings import Settings
from tests.support.receivers import receiving

LOOP = "{% for i in range(100000) %}{{ i }}{% endfor %}"
NESTED = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def _median_ms(run: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def templates(repeat: int) -> dict[str, float]:
    plain = ImmutableSandboxedEnvironment().from_string(LOOP)
    limited = _median_ms(lambda: sandbox.render_text(LOOP, {}), repeat)
    jinja = _median_ms(lambda: plain.render(), repeat)
    started = time.perf_counter()
    with contextlib.suppress(sandbox.TemplateLimit):
        sandbox.render_text(NESTED, {})
    return {"loop_limited_ms": limited, "loop_jinja_ms": jinja,
            "nested_stopped_s": time.perf_counter() - started}


def _app(url: str, rules: list[dict[str, Any]]) -> Any:
    engine = se.connect(url)
    doc = copy.deepcopy(load_template("crm"))
    doc["automations"] = rules
    se.initialize(engine, doc, author="bench", before_commit=upgrade_tables)
    install()
    return engine


def _create(engine: Any, entity: str, values: dict[str, Any]) -> dict[str, Any]:
    with engine.begin() as conn:
        return records.create_record(conn, load_model(conn), entity, values, user_id=None)


def rules_per_second(folder: Path, jobs: int) -> float:
    engine = _app(f"sqlite:///{folder / 'rules.db'}", [
        {"name": "Mark", "entity": "client", "when": {"event": "created"},
         "do": [{"action": "set_field", "field": "city", "value": "{{ record.name }}"}]}])
    for n in range(jobs):
        _create(engine, "client", {"name": f"Client {n}"})
    started = time.perf_counter()
    counts = Worker(engine).run_due()
    took = time.perf_counter() - started
    engine.dispose()
    assert counts.done == jobs, counts
    return jobs / took


def _moment(value: Any) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def slow_receiver(folder: Path, deadline: float) -> dict[str, float]:
    with receiving() as receiver:
        receiver.trickle = deadline * 10
        engine = _app(f"sqlite:///{folder / 'hooks.db'}", [
            {"name": "Tell", "entity": "deal", "when": {"event": "created"},
             "do": [{"action": "webhook", "url": receiver.url}]},
            {"name": "Mark", "entity": "client", "when": {"event": "created"},
             "do": [{"action": "set_field", "field": "city", "value": "Checked"}]}])
        settings = Settings(webhook_allowed_hosts=("127.0.0.1",), webhook_timeout=deadline)
        # A call that the receiver holds, and another record's rule, queued together.
        _create(engine, "deal", {"title": "Held"})
        _create(engine, "client", {"name": "Other"})
        started = time.perf_counter()
        Worker(engine, settings=settings).run_due()
        whole = time.perf_counter() - started
        with engine.connect() as conn:
            rows = list(conn.execute(select(JOBS).order_by(JOBS.c.id)))
        engine.dispose()
    [call] = [r for r in rows if r.kind == "webhook"]
    assert call.state == "pending" and "for the whole call" in call.error, call.error
    client = [r for r in rows if r.kind == "rule" and r.entity == "client"][-1]
    waited = _moment(client.finished_at) - _moment(client.created_at)
    # The worker returns once the call ended: cut off at its deadline, to be tried again.
    return {"call_s": whole, "other_rule_waited_s": waited.total_seconds()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=500, help="rule jobs to run (default 500)")
    parser.add_argument("--repeat", type=int, default=5, help="renders per figure (median)")
    parser.add_argument("--deadline", type=float, default=3.0,
                        help="a webhook call's deadline in seconds (default 3)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("templates...", file=sys.stderr)
        found: dict[str, Any] = {"templates": templates(args.repeat)}
        print("rules...", file=sys.stderr)
        found["rules_per_second"] = rules_per_second(Path(folder), args.jobs)
        print("webhooks...", file=sys.stderr)
        found["webhooks"] = slow_receiver(Path(folder), args.deadline)
    if args.json:
        print(json.dumps(found))
        return
    t, w = found["templates"], found["webhooks"]
    print("| figure | value |\n|---|---:|")
    print(f"| 100,000-step loop, limited sandbox | {t['loop_limited_ms']:.0f} ms |")
    print(f"| 100,000-step loop, Jinja's own sandbox | {t['loop_jinja_ms']:.0f} ms |")
    print(f"| nested loops of 10^10 steps stopped after | {t['nested_stopped_s']:.2f} s |")
    print(f"| rule jobs (set_field) per second, SQLite | {found['rules_per_second']:.0f} |")
    print(f"| trickling receiver: the call ended after (deadline {args.deadline:g} s) "
          f"| {w['call_s']:.2f} s |")
    print(f"| another record's rule waited meanwhile | {w['other_rule_waited_s']:.2f} s |")


if __name__ == "__main__":
    main()
