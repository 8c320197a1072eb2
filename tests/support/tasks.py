"""My tasks in tests: a clock around midnight in Chisinau, the crm template with a second task
entity, and a handle on the test's database.

The clock: Europe/Chisinau is UTC+2 in November, so at 21:30 UTC on Nov 23 it is 23:30 there, and
a task due at 22:15 UTC (00:15 on Nov 24 there) is tomorrow's, though it is still Nov 23 in UTC.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sqlalchemy import Engine, select

from kartoteka import schema_engine as se
from kartoteka.platform import tasks
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records.writes import create_record
from kartoteka.schema_engine.store import USERS
from tests.support.servers import ADMIN, USER

ZONE = "Europe/Chisinau"
#: 23:30 on Nov 23 in Chisinau.
EVENING = dt.datetime(2026, 11, 23, 21, 30, tzinfo=dt.UTC)
#: 00:05 on Nov 24 in Chisinau (22:05 UTC, still Nov 23 in UTC).
AFTER_MIDNIGHT = dt.datetime(2026, 11, 23, 22, 5, tzinfo=dt.UTC)


def at(hour: int, minute: int, day: int = 23) -> str:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=dt.UTC).isoformat()


def definition() -> dict[str, Any]:
    """The crm template plus `todo`, a second task entity whose due field is a date."""
    doc = copy.deepcopy(load_template("crm"))
    doc["entities"].append({
        "name": "todo", "label": "To-do", "role": "task", "title_field": "what",
        "due_field": "due_on", "done_field": "finished", "assignee_field": "who",
        "fields": [{"name": "what", "type": "text", "required": True},
                   {"name": "due_on", "type": "date"},
                   {"name": "finished", "type": "boolean"},
                   {"name": "who", "type": "user"}]})
    return doc


class App:
    """The test's database, its model and the two accounts."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        with engine.connect() as conn:
            stored = se.current(conn)
            self.model = AppModel(stored.document, stored.version, conn.dialect.name)
            ids = dict(conn.execute(select(USERS.c.email, USERS.c.id)).all())
        self.admin, self.user = ids[ADMIN[0]], ids[USER[0]]

    def add(self, entity: str = "task", **values: Any) -> dict[str, Any]:
        # A server may be using the database: take the write lock at BEGIN, as its writes do.
        with write_connection(self.engine) as conn, conn.begin():
            values.setdefault("assignee" if entity == "task" else "who", self.admin)
            return create_record(conn, self.model, entity, values, user_id=self.admin)

    def mine(self, now: dt.datetime, zone: str = ZONE, **options: Any) -> tasks.MyTasks:
        with self.engine.connect() as conn:
            return tasks.my_tasks(conn, self.model, self.admin, now, zone, **options)

    def titles(self, now: dt.datetime, zone: str = ZONE) -> dict[str, list[str]]:
        return {name: [t.record.get("title") or t.record.get("what") for t in group.tasks]
                for name, group in self.mine(now, zone).groups()}

    def counts(self, now: dt.datetime, zone: str = ZONE) -> tuple[int, int]:
        with self.engine.connect() as conn:
            return tasks.due_counts(conn, self.model, self.admin, now, zone)
