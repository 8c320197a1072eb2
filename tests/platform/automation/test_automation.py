"""Automations on both databases: events collected in the writer's transaction, each action,
relative dates on a frozen clock, chains, date rules, buttons, retries, the demo's pause."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from kartoteka.platform.automation.jobs import (
    JobNotRetryable,
    UnknownButton,
    paused,
    queue_button,
    recent_runs,
    retry_job,
)
from kartoteka.platform.automation.rules import MAX_DEPTH
from kartoteka.platform.automation.worker import DATE_LOOKBACK
from kartoteka.schema_engine.model import load_model
from kartoteka.schema_engine.records import writes as records
from tests.support.automation import app_with, create, find, jobs, run_worker, update

MOMENT = dt.datetime(2025, 1, 31, 9, 30, tzinfo=dt.UTC)


def task_rule(event: dict[str, Any], **values: Any) -> dict[str, Any]:
    return {"name": f"task on {event['event']}", "entity": "deal", "when": event,
            "do": [{"action": "create_record", "entity": "task",
                    "values": {"title": "{{ record.title }}: follow up",
                               "deal": "{{ record.id }}", **values}}]}


def test_events_become_jobs_in_the_writers_transaction(db_url: str) -> None:
    rules = [task_rule({"event": "created"}), task_rule({"event": "updated"}),
             task_rule({"event": "field_changed", "field": "amount"}),
             task_rule({"event": "stage_entered", "field": "stage", "value": "won"})]
    with app_with(db_url, rules) as engine:
        deal = create(engine, "deal", {"title": "Fleet", "amount": 10})
        # One save changing two fields: updated once, amount changed once, no stage entered.
        update(engine, "deal", deal["id"], {"title": "Fleet of 12", "amount": 12})
        update(engine, "deal", deal["id"], {"stage": "won"})
        # A write rolled back queues nothing.
        with engine.connect() as conn:
            records.update_record(conn, load_model(conn), "deal", deal["id"], {"amount": 1},
                                  user_id=None)
            conn.rollback()
        assert [(j.rule, j.event, j.state) for j in jobs(engine)] == [
            ("task on created", "created", "pending"),
            ("task on updated", "updated", "pending"),
            ("task on field_changed", "field_changed", "pending"),
            ("task on updated", "updated", "pending"),
            ("task on stage_entered", "stage_entered", "pending"),
        ]
        counts = run_worker(engine)
        assert (counts.done, counts.failed) == (5, 0)
        tasks = find(engine, "task", deal=deal["id"])
        assert len(tasks) == 5
        assert {t["title"] for t in tasks} == {"Fleet of 12: follow up"}
        assert all(t["created_by"] is None for t in tasks)  # written by the system
        assert {j.state for j in jobs(engine)} == {"done"}


def test_relative_dates_count_from_the_event(db_url: str) -> None:
    rules = [task_rule({"event": "stage_entered", "field": "stage", "value": "proposal"},
                       due="+3d"),
             {"name": "close in a month", "entity": "deal",
              "when": {"event": "stage_entered", "field": "stage", "value": "proposal"},
              "do": [{"action": "set_field", "field": "close_date", "value": "+1M"}]}]
    with app_with(db_url, rules) as engine:
        deal = create(engine, "deal", {"title": "Vans"})
        with time_machine.travel(MOMENT, tick=False):
            update(engine, "deal", deal["id"], {"stage": "proposal"})
        with time_machine.travel(MOMENT + dt.timedelta(hours=5), tick=False):
            run_worker(engine)  # later than the event: dates still count from the event
        [task] = find(engine, "task", deal=deal["id"])
        assert task["due"] == "2025-02-03T09:30:00Z"
        assert find(engine, "deal", id=deal["id"])[0]["close_date"] == "2025-02-28"


def test_values_convert_to_field_types_and_empty_is_null(db_url: str) -> None:
    rule = task_rule({"event": "created"}, client="{{ record.client.id }}",
                     done="{{ record.amount > 100 }}")
    with app_with(db_url, [rule]) as engine:
        client = create(engine, "client", {"name": "Olga"})
        with_client = create(engine, "deal", {"title": "A", "client": client["id"],
                                              "amount": 500})
        without = create(engine, "deal", {"title": "B", "amount": 5})
        run_worker(engine)
        [first] = find(engine, "task", deal=with_client["id"])
        assert first["client"] == {"id": client["id"], "title": "Olga"}
        assert first["done"] is True
        [second] = find(engine, "task", deal=without["id"])
        assert second["client"] is None and second["done"] is False


def test_the_if_filter_is_read_when_the_job_runs(db_url: str) -> None:
    rule = {"name": "vip", "entity": "client", "when": {"event": "created"},
            "if": {"field": "city", "op": "eq", "value": "Chișinău"},
            "do": [{"action": "set_field", "field": "status", "value": "vip"}]}
    with app_with(db_url, [rule]) as engine:
        there = create(engine, "client", {"name": "A", "city": "Chișinău"})
        moved = create(engine, "client", {"name": "B", "city": "Chișinău"})
        elsewhere = create(engine, "client", {"name": "C", "city": "Jakarta"})
        with engine.begin() as conn, paused(conn):  # moved away before the worker ran
            records.update_record(conn, load_model(conn), "client", moved["id"],
                                  {"city": "Bălți"}, user_id=None)
        run_worker(engine)
        status = {c["id"]: c["status"] for c in find(engine, "client")}
        assert status == {there["id"]: "vip", moved["id"]: "lead", elsewhere["id"]: "lead"}
        assert {j.state for j in jobs(engine)} == {"done"}


def test_a_failing_action_applies_nothing_and_names_rule_and_value(db_url: str) -> None:
    rule = {"name": "broken", "entity": "deal", "when": {"event": "created"},
            "do": [{"action": "create_record", "entity": "task",
                    "values": {"title": "first", "deal": "{{ record.id }}"}},
                   {"action": "set_field", "field": "title", "value": "{{ record.nope }}"}]}
    with app_with(db_url, [rule]) as engine:
        deal = create(engine, "deal", {"title": "Trucks"})
        counts = run_worker(engine)
        assert (counts.done, counts.failed) == (0, 1)
        [job] = jobs(engine)
        assert job.state == "failed" and job.attempts == 1  # the rule's fault: not retried
        assert "rule 'broken', do[1].value" in job.error and "nope" in job.error
        assert find(engine, "task", deal=deal["id"]) == []  # the first action rolled back
        with engine.begin() as conn:
            run = retry_job(conn, job.id)
        assert (run.state, run.attempts, run.next_attempt_at is not None) == ("pending", 0, True)


def test_done_jobs_cannot_be_run_again(db_url: str) -> None:
    with app_with(db_url, [task_rule({"event": "created"})]) as engine:
        create(engine, "deal", {"title": "Bus"})
        run_worker(engine)
        with engine.connect() as conn:
            [run] = recent_runs(conn, limit=5)
        assert (run.rule, run.entity, run.event, run.state, run.attempts) == (
            "task on created", "deal", "created", "done", 1)
        assert run.finished_at is not None and run.error is None
        with engine.begin() as conn, pytest.raises(JobNotRetryable):
            retry_job(conn, run.id)


def test_chains_stop_after_five_with_a_visible_error(db_url: str) -> None:
    rule = {"name": "bump", "entity": "deal", "when": {"event": "field_changed",
                                                       "field": "amount"},
            "do": [{"action": "set_field", "field": "amount",
                    "value": "{{ record.amount + 1 }}"}]}
    with app_with(db_url, [rule]) as engine:
        deal = create(engine, "deal", {"title": "Loop", "amount": 1})
        update(engine, "deal", deal["id"], {"amount": 100})
        for _ in range(MAX_DEPTH + 2):
            run_worker(engine)
        states = [(j.depth, j.state) for j in jobs(engine)]
        assert states == [(d, "done") for d in range(MAX_DEPTH + 1)] + [(MAX_DEPTH + 1,
                                                                          "failed")]
        assert "chain of 5 automations" in jobs(engine)[-1].error
        assert find(engine, "deal", id=deal["id"])[0]["amount"] == 100 + MAX_DEPTH + 1


def test_date_rules_fire_once_per_record_and_date(db_url: str) -> None:
    rule = task_rule({"event": "date_reached", "field": "close_date", "offset": "-1d"},
                     due="+0d")
    today = MOMENT.date()
    with app_with(db_url, [rule]) as engine, time_machine.travel(MOMENT, tick=False):
        due = create(engine, "deal", {"title": "Closes tomorrow",
                                      "close_date": str(today + dt.timedelta(days=1))})
        later = create(engine, "deal", {"title": "Closes next week",
                                        "close_date": str(today + dt.timedelta(days=7))})
        old = create(engine, "deal", {"title": "Closed long ago",
                                      "close_date": str(today - DATE_LOOKBACK * 3)})
        run_worker(engine)
        run_worker(engine)  # a second scan queues nothing new
        [task] = find(engine, "task", deal=due["id"])
        # The event is the moment reached: the day before the close date, at midnight UTC.
        assert task["due"] == f"{today}T00:00:00Z"
        assert find(engine, "task", deal=later["id"]) == []
        assert find(engine, "task", deal=old["id"]) == []  # beyond the look-back
        # A new date is a new firing.
        update(engine, "deal", due["id"], {"close_date": str(today)})
        run_worker(engine)
        assert len(find(engine, "task", deal=due["id"])) == 2
        assert len(jobs(engine)) == 2


def test_buttons_queue_their_rule(db_url: str) -> None:
    rule = {"name": "Send the proposal", "entity": "deal",
            "when": {"event": "button", "label": "Send the proposal"},
            "do": [{"action": "set_field", "field": "stage", "value": "proposal"}]}
    with app_with(db_url, [rule]) as engine:
        deal = create(engine, "deal", {"title": "Cars"})
        with engine.begin() as conn:
            model = load_model(conn)
            by_index = queue_button(conn, model, "deal", deal["id"], "0")
            by_name = queue_button(conn, model, "deal", deal["id"], "Send the proposal")
            with pytest.raises(UnknownButton, match="no button rule 'Call'"):
                queue_button(conn, model, "deal", deal["id"], "Call")
        assert by_name == by_index + 1
        run_worker(engine)
        assert find(engine, "deal", id=deal["id"])[0]["stage"] == "proposal"
        assert [(j.event, j.state) for j in jobs(engine)] == [("button", "done")] * 2


def test_paused_writes_start_no_rule(db_url: str) -> None:
    with app_with(db_url, [task_rule({"event": "created"})]) as engine:
        with engine.begin() as conn, paused(conn):
            records.create_record(conn, load_model(conn), "deal", {"title": "Old"},
                                  user_id=None)
        assert jobs(engine) == []
        create(engine, "deal", {"title": "New"})
        assert len(jobs(engine)) == 1
