"""My tasks (platform.tasks): grouped overdue / today / upcoming in the user's time zone,
counted for the badge, completed through the one write path; on both databases. GET /api/tasks
is tested in tests/api/test_tasks.py.

The clock: Europe/Chisinau is UTC+2 in November, so at 21:30 UTC on Nov 23 it is 23:30 there, and
a task due at 22:15 UTC (00:15 on Nov 24 there) is tomorrow's, though it is still Nov 23 in UTC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from click.testing import CliRunner
from sqlalchemy import select

from kartoteka import schema_engine as se
from kartoteka.cli.main import main
from kartoteka.platform import tasks
from kartoteka.platform.accounts.users import UserError, create_user, set_time_zone
from kartoteka.schema_engine.errors import StaleRecord
from kartoteka.schema_engine.records.changelog import CHANGED, CHANGES
from kartoteka.schema_engine.records.writes import create_record, trash_record, update_record
from kartoteka.schema_engine.store import USERS
from tests.support.servers import initialize_app
from tests.support.tasks import AFTER_MIDNIGHT, EVENING, ZONE, App, at, definition


@pytest.fixture
def app(db_url: str) -> Iterator[App]:
    initialize_app(db_url, definition())
    engine = se.connect(db_url)
    yield App(engine)
    engine.dispose()


@pytest.fixture
def evening(app: App) -> App:
    """Tasks around midnight in Chisinau, and ones that must never show (made days before)."""
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC), tick=False):
        _evening_tasks(app)
    return app


def _evening_tasks(app: App) -> None:
    app.add(title="Passed an hour ago", due=at(20, 30))
    app.add(title="Late tonight", due=at(21, 45))
    app.add(title="Just after midnight", due=at(22, 15))
    app.add(title="Next week", due=at(9, 0, day=30))
    app.add(title="Some day")
    app.add(title="Done already", due=at(9, 0), done=True)
    app.add(title="Someone else's", due=at(20, 0), assignee=app.user)
    trashed = app.add(title="In the trash", due=at(20, 0))
    with app.engine.begin() as conn:
        trash_record(conn, app.model, "task", trashed["id"], user_id=app.admin)


def test_tasks_are_grouped_by_the_days_of_the_users_zone(evening: App) -> None:
    assert evening.titles(EVENING) == {
        "overdue": ["Passed an hour ago"],
        "today": ["Late tonight"],
        "upcoming": ["Just after midnight", "Next week"],
        "no_due_date": ["Some day"],
    }
    # In UTC it is still Nov 23 until 00:00 UTC: the 22:15 task is today's there.
    assert evening.titles(EVENING, "UTC")["today"] == ["Late tonight", "Just after midnight"]


def test_after_midnight_today_is_the_next_day(evening: App) -> None:
    groups = evening.titles(AFTER_MIDNIGHT)
    assert groups["overdue"] == ["Passed an hour ago", "Late tonight"]
    assert groups["today"] == ["Just after midnight"]
    assert groups["upcoming"] == ["Next week"]


def test_the_badge_counts_overdue_and_due_today(evening: App) -> None:
    assert evening.counts(EVENING) == (1, 1)
    assert evening.counts(AFTER_MIDNIGHT) == (2, 1)
    assert evening.counts(EVENING, "UTC") == (1, 2)


def test_an_empty_done_flag_counts_as_open(app: App) -> None:
    app.add(title="Flag left empty", due=at(20, 0), done=None)
    assert app.counts(EVENING) == (1, 0)
    assert app.titles(EVENING)["overdue"] == ["Flag left empty"]


def test_a_date_task_is_due_on_its_day_and_overdue_from_the_next(app: App) -> None:
    app.add("todo", what="Yesterday's", due_on="2026-11-23")
    app.add("todo", what="Today's", due_on="2026-11-24")
    app.add("todo", what="Tomorrow's", due_on="2026-11-25")
    app.add(title="A timed task tonight", due=at(23, 0))  # 01:00 on Nov 24 there
    groups = app.titles(AFTER_MIDNIGHT)  # Nov 24 in Chisinau
    assert groups["overdue"] == ["Yesterday's"]
    # Both entities in one group, soonest first: a date counts as the end of its day.
    assert groups["today"] == ["A timed task tonight", "Today's"]
    assert groups["upcoming"] == ["Tomorrow's"]
    assert app.counts(AFTER_MIDNIGHT) == (1, 2)
    # Still Nov 23 in UTC: yesterday's (there) is today's, today's is upcoming.
    utc = app.titles(AFTER_MIDNIGHT, "UTC")
    assert utc["today"] == ["A timed task tonight", "Yesterday's"]
    assert app.mine(AFTER_MIDNIGHT).today.tasks[1].entity == "todo"


def test_a_group_shows_at_most_its_limit_and_counts_them_all(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "GROUP_LIMIT", 2)
    for hour in (10, 11, 12):
        app.add(title=f"Late {hour}", due=at(hour, 0))
    overdue = app.mine(EVENING).overdue
    assert [t.record["title"] for t in overdue.tasks] == ["Late 10", "Late 11"]
    assert (overdue.count, overdue.more) == (3, 1)


def test_completing_a_task_takes_it_out_of_the_groups(evening: App) -> None:
    late = evening.mine(EVENING).overdue.tasks[0]
    with time_machine.travel(EVENING, tick=False), evening.engine.begin() as conn:
        done = tasks.complete(conn, evening.model, "task", late.record["id"],
                              user_id=evening.admin, if_version=late.record["version"])
    assert done["done"] is True and done["version"] == late.record["version"] + 1
    assert evening.titles(EVENING)["overdue"] == []
    assert evening.counts(EVENING) == (0, 1)
    completed = evening.mine(EVENING, completed=True).completed
    assert completed is not None
    assert [t.record["title"] for t in completed.tasks] == ["Passed an hour ago"]
    # Completed yesterday, as the day goes in Chisinau.
    tomorrow = evening.mine(AFTER_MIDNIGHT, completed=True).completed
    assert tomorrow is not None and tomorrow.tasks == []
    # Through the one write path: the change log has it, by its author (timeline, automations).
    with evening.engine.connect() as conn:
        logged = conn.execute(
            select(CHANGES.c.kind, CHANGES.c.old, CHANGES.c.new, CHANGES.c.user_id)
            .where(CHANGES.c.record_id == late.record["id"], CHANGES.c.kind == CHANGED,
                   CHANGES.c.entity_id == str(evening.model.entity("task")["id"]))).all()
    assert [tuple(row) for row in logged] == [(CHANGED, "false", "true", evening.admin)]


def test_a_stale_version_completes_nothing(evening: App) -> None:
    late = evening.mine(EVENING).overdue.tasks[0]
    with evening.engine.begin() as conn:
        update_record(conn, evening.model, "task", late.record["id"],
                      {"title": "Renamed meanwhile"}, user_id=evening.user)
    with pytest.raises(StaleRecord) as raised, evening.engine.begin() as conn:
        tasks.complete(conn, evening.model, "task", late.record["id"], user_id=evening.admin,
                       if_version=late.record["version"])
    assert raised.value.current["title"] == "Renamed meanwhile"
    assert evening.titles(EVENING)["overdue"] == ["Renamed meanwhile"]


def test_only_task_entities_are_completed(app: App) -> None:
    with app.engine.begin() as conn:
        client = create_record(conn, app.model, "client", {"name": "Acme"}, user_id=app.admin)
        with pytest.raises(tasks.NotATask, match="client is not a task entity"):
            tasks.complete(conn, app.model, "client", client["id"], user_id=app.admin,
                           if_version=None)


def test_reminders_are_tasks_that_fell_due_within_a_day(app: App) -> None:
    app.add(title="Two days late", due=at(20, 0, day=21))
    app.add(title="Fell due an hour ago", due=at(20, 30))
    app.add(title="Not yet", due=at(21, 45))
    app.add("todo", what="Dated today", due_on="2026-11-23")
    with app.engine.connect() as conn:
        due = tasks.fallen_due(conn, app.model, app.admin, EVENING, ZONE)
    assert [t.record.get("title") or t.record.get("what") for t in due] == [
        "Fell due an hour ago", "Dated today"]


def test_time_zones_are_iana_names(app: App) -> None:
    with app.engine.begin() as conn:
        set_time_zone(conn, app.user, ZONE)
        with pytest.raises(UserError, match="'Mars/Olympus' is not a time zone"):
            set_time_zone(conn, app.user, "Mars/Olympus")
        with pytest.raises(UserError, match="not a time zone"):
            create_user(conn, "zed@example.com", "long enough", time_zone="EET+2")
        stored = conn.execute(select(USERS.c.time_zone).where(USERS.c.id == app.user)).scalar()
    assert stored == ZONE


def test_user_add_takes_a_time_zone(app: App) -> None:
    url = app.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    added = runner.invoke(main, ["user", "add", "ion@example.com", "--password", "long enough",
                                 "--time-zone", ZONE, "--db", url])
    assert added.exit_code == 0, added.output
    wrong = runner.invoke(main, ["user", "add", "ana@example.com", "--password", "long enough",
                                 "--time-zone", "Chisinau", "--db", url])
    assert wrong.exit_code == 1 and "'Chisinau' is not a time zone" in wrong.output
    with app.engine.connect() as conn:
        zones = dict(conn.execute(select(USERS.c.email, USERS.c.time_zone)).all())
    assert zones["ion@example.com"] == ZONE and "ana@example.com" not in zones
