"""What the record tests share: an app with every field type, and a handle to work it.

Each call of `Records` runs in its own transaction, committed when it succeeds, as a request
would; the `app` fixture lives in the test modules (tests/schema_engine/records/test_*.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event, func, insert, select, text

from kartoteka.schema_engine import connect
from kartoteka.schema_engine.definition import Document, Field
from kartoteka.schema_engine.model import AppModel, load_model
from kartoteka.schema_engine.records import writes as records
from kartoteka.schema_engine.records.changelog import Change, record_changes
from kartoteka.schema_engine.store import USERS
from tests.support.definitions import entity_def, field_def

STAGES = ["new", "qualified", "won", "lost"]


def crm() -> Document:
    """Clients, deals, tasks and tags, between them every field type and both on_delete rules."""
    return {
        "entities": [
            entity_def(
                "client",
                fld("client", "name", "text", required=True),
                fld("client", "email", "email", unique=True),
                fld("client", "phone", "phone"),
                fld("client", "website", "url"),
                fld("client", "notes", "long_text"),
                fld(
                    "client", "status", "select", options=["lead", "active", "vip"], default="lead"
                ),
                fld("client", "labels", "multi_select", options=["b2b", "b2c", "partner"]),
                fld("client", "code", "autonumber"),
                fld("client", "tags", "links", to="tag"),
                title_field="name",
            ),
            entity_def(
                "deal",
                fld("deal", "title", "text", required=True),
                fld("deal", "amount", "money", currency="USD"),
                fld("deal", "rate", "decimal"),
                fld("deal", "probability", "percent"),
                fld("deal", "seats", "integer"),
                fld(
                    "deal",
                    "stage",
                    "stage",
                    options=STAGES,
                    default="new",
                    won=["won"],
                    lost=["lost"],
                ),
                fld("deal", "closes_on", "date"),
                fld("deal", "signed_at", "datetime"),
                fld("deal", "paid", "boolean"),
                fld("deal", "manager", "user", default="$me"),
                fld("deal", "client", "link", to="client", inverse="deals"),
                title_field="title",
            ),
            entity_def(
                "task",
                fld("task", "title", "text", required=True),
                fld("task", "due", "datetime", default="$now"),
                fld("task", "done", "boolean", default=False),
                fld("task", "client", "link", to="client", on_delete="cascade"),
                fld("task", "deal", "link", to="deal", on_delete="cascade"),
                fld("task", "parent", "link", to="task", on_delete="cascade"),
                title_field="title",
            ),
            entity_def("tag", fld("tag", "label", "text", unique=True), title_field="label"),
        ]
    }


def fld(entity: str, name: str, type_: str, **settings: Any) -> Field:
    """A field with the id `fld_<entity>_<name>` (field ids are unique in the whole app)."""
    return field_def(name, type_, id=f"fld_{entity}_{name}", **settings)


@dataclass
class Records:
    """The record functions on one app, each call in its own committed transaction."""

    engine: Engine
    model: AppModel
    user_id: int

    @classmethod
    def open(cls, engine: Engine) -> Records:
        with engine.begin() as conn:
            user_id = conn.execute(
                insert(USERS).values(email="olga@example.com", name="Ольга").returning(USERS.c.id)
            ).scalar_one()
            return cls(engine, load_model(conn), user_id)

    def create(self, entity: str, values: Mapping[str, Any]) -> dict[str, Any]:
        with self.engine.begin() as conn:
            return records.create_record(conn, self.model, entity, values, user_id=self.user_id)

    def create_many(self, entity: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        with self.engine.begin() as conn:
            return records.create_records(conn, self.model, entity, rows, user_id=self.user_id)

    def get(self, entity: str, record_id: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return records.get_record(conn, self.model, entity, record_id)

    def update(
        self, entity: str, record_id: int, values: Mapping[str, Any], **options: Any
    ) -> dict[str, Any]:
        with self.engine.begin() as conn:
            return records.update_record(
                conn, self.model, entity, record_id, values, user_id=self.user_id, **options
            )

    def trash(self, entity: str, record_id: int, **options: Any) -> dict[str, Any]:
        with self.engine.begin() as conn:
            return records.trash_record(
                conn, self.model, entity, record_id, user_id=self.user_id, **options
            )

    def restore(self, entity: str, record_id: int) -> dict[str, Any]:
        with self.engine.begin() as conn:
            return records.restore_record(conn, self.model, entity, record_id, user_id=self.user_id)

    def count(self, entity: str, *, live: bool = True) -> int:
        table = self.model.table(entity)
        query = select(func.count()).select_from(table)
        if live:
            query = query.where(table.c.deleted_at.is_(None))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def changes(self, entity: str, record_id: int) -> list[Change]:
        with self.engine.connect() as conn:
            return record_changes(conn, self.model.entity(entity)["id"], record_id)

    def column(self, entity: str, name: str) -> dict[int, Any]:
        """id -> the stored value of any column (a search shadow column too)."""
        table = self.model.table(entity)
        with self.engine.connect() as conn:
            rows = conn.execute(select(table.c.id, table.c[name]).order_by(table.c.id))
            return {record_id: value for record_id, value in rows}


def problems(error: Any) -> dict[str, str]:
    """field path -> message of a RecordInvalid."""
    return {e.field: e.message for e in error.errors}


# ---------------------------------------------------------------- two writers at once


def second_writer(engine: Engine) -> tuple[Engine, Callable[[], bool]]:
    """Another engine on `engine`'s database, opening writes as the API does (on SQLite, BEGIN
    IMMEDIATE), and a condition that holds once that second writer is waiting for a lock.

    A test holding the first writer's transaction waits for the condition (never a fixed sleep)
    before it commits. SQLite: the second writer has started its BEGIN IMMEDIATE, which cannot
    finish while the first holds the write lock (SQLite's trace callback says when a statement
    starts). PostgreSQL: a session of the test's database waits for a lock.
    """
    url = engine.url.render_as_string(hide_password=False)
    second = connect(url)
    if second.dialect.name != "sqlite":
        return second, lambda: _waiting_for_a_lock(second)
    beginning = threading.Event()

    def traced(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(
            lambda sql: beginning.set() if sql.startswith("BEGIN IMMEDIATE") else None)

    event.listen(second, "connect", traced)
    return second.execution_options(sqlite_begin="IMMEDIATE"), beginning.is_set


def _waiting_for_a_lock(engine: Engine) -> bool:
    with engine.connect() as conn:
        waiting = conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'")).scalar_one()
    return bool(waiting)
