"""GET /api/tasks: my tasks grouped in my time zone, as the records API shows them; strangers
and bad flags refused. On both databases (the clock: see tests/support/tasks.py)."""

from __future__ import annotations

from typing import Any

import time_machine

from kartoteka import schema_engine as se
from kartoteka.platform.accounts.users import set_time_zone
from kartoteka.schema_engine.db import write_connection
from tests.support.servers import MakeServer
from tests.support.tasks import AFTER_MIDNIGHT, EVENING, ZONE, App, at, definition


def test_the_api_groups_my_tasks_in_my_zone(db_url: str, make_server: MakeServer) -> None:
    server = make_server(definition=definition())
    engine = se.connect(db_url)
    app = App(engine)
    try:
        evening = _with_tasks(app)
        with write_connection(engine) as conn, conn.begin():  # the server is running
            set_time_zone(conn, app.admin, ZONE)
        admin = server.admin()
        with time_machine.travel(EVENING, tick=False):
            answer = admin.get("/api/tasks")
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert list(body) == ["overdue", "today", "upcoming", "no_due_date"]
        assert [t["title"] for t in body["today"]] == ["Late tonight"]
        assert [t["title"] for t in body["upcoming"]] == ["Just after midnight", "Next week"]
        late = body["overdue"][0]
        assert late["entity"] == "task" and late["id"] == evening["id"]
        assert late["due"] == "2026-11-23T20:30:00Z" and late["version"] == 1
        assert late["assignee"]["id"] == app.admin and late["done"] is False
        # The same record as the records API shows it.
        assert {**admin.get(f"/api/records/task/{late['id']}").json(), "entity": "task"} == late
        with time_machine.travel(AFTER_MIDNIGHT, tick=False):
            later = admin.get("/api/tasks", params={"completed": "true"}).json()
        assert [t["title"] for t in later["overdue"]] == ["Passed an hour ago", "Late tonight"]
        assert later["completed"] == []
        # Someone else's tasks are theirs.
        assert server.user().get("/api/tasks").json()["overdue"] == []
    finally:
        engine.dispose()


def test_the_api_refuses_strangers_and_bad_flags(db_url: str, server: Any) -> None:
    assert server.client().get("/api/tasks").status_code == 401
    bad = server.admin().get("/api/tasks", params={"completed": "maybe"})
    assert bad.status_code == 400 and "completed must be true or false" in bad.json()["detail"]


def _with_tasks(app: App) -> dict[str, Any]:
    first = app.add(title="Passed an hour ago", due=at(20, 30))
    app.add(title="Late tonight", due=at(21, 45))
    app.add(title="Just after midnight", due=at(22, 15))
    app.add(title="Next week", due=at(9, 0, day=30))
    return first
