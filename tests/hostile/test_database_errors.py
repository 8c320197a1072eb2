"""Database errors answered the right way: a locked database is 503 with Retry-After, and a
request the database can never take is a 4xx naming the problem, or a 500 with a request id:
never "try again"."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import sqlalchemy as sa
from fastapi import Request

from kartoteka import schema_engine as se
from kartoteka.app import create_app
from kartoteka.platform.context import api_of
from kartoteka.platform.templates import load_template
from kartoteka.settings import Settings
from tests.support.bystander import Bystander
from tests.support.servers import LiveServer, initialize_app, serve_in_thread
from tests.support.waiting import wait_for

#: How long the server's connections wait for a lock in these tests, in milliseconds (the
#: default is 30 s on SQLite; PostgreSQL waits forever unless told).
WAIT_MS = 500


def _short_waits(engine: sa.Engine) -> None:
    """Registered after the engine's own: its statements run last and win."""

    @sa.event.listens_for(engine, "connect")
    def wait_less(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        if engine.dialect.name == "sqlite":
            cursor.execute(f"PRAGMA busy_timeout={WAIT_MS}")
        else:
            cursor.execute(f"SET lock_timeout = '{WAIT_MS}ms'")
        cursor.close()


@pytest.fixture
def impatient(db_url: str, fast_passwords: None) -> Iterator[LiveServer]:
    """A live server whose connections give up on a lock after WAIT_MS."""
    initialize_app(db_url, load_template("crm"))
    engine = se.connect(db_url)
    _short_waits(engine)
    app = create_app(engine, settings=Settings(worker=False))  # no writer of its own
    url, running = serve_in_thread(app)
    live = LiveServer(url, db_url, app)
    yield live
    live.close()
    running.stop()
    engine.dispose()


@contextmanager
def writer_holding_the_lock(db_url: str) -> Iterator[None]:
    """Another program holding the write lock of the deals (reads go on meanwhile)."""
    if db_url.startswith("sqlite"):
        conn = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    engine = se.connect(db_url)
    with engine.connect() as conn:
        conn.execute(sa.text("LOCK TABLE deal IN SHARE MODE"))  # blocks writes, not reads
        yield
        conn.rollback()
    engine.dispose()


def test_a_locked_database_is_503_with_retry_after_and_nothing_changes(
        db_url: str, impatient: LiveServer) -> None:
    api = impatient.user()
    with Bystander(impatient) as other, writer_holding_the_lock(db_url):
        refused = api.post("/api/records/deal", json={"title": "Blocked"})
    other.assert_served()
    assert refused.status_code == 503, refused.text
    assert refused.headers["Retry-After"] == "1"
    assert "busy" in refused.json()["detail"] and "try again" in refused.json()["detail"]
    assert api.get("/api/records/deal", params={"title": "Blocked"}).json()["items"] == []
    # The lock gone, the same request goes through: that is what "try again" promised (on a
    # loaded machine another short write may still be under way: the test tries again too).
    assert wait_for(lambda: api.post("/api/records/deal",
                                     json={"title": "Blocked"}).status_code == 201)


def test_more_values_than_the_database_takes_is_a_4xx_not_try_again(
        db_url: str, server: LiveServer) -> None:
    api = server.user()
    # More than PostgreSQL's 65,535 bound values and SQLite's limit as Debian builds it.
    values = list(range(1, 300_001))
    with Bystander(server) as other:
        answer = api.post("/api/records/deal/query",
                          json={"filter": {"field": "id", "op": "in", "value": values}})
    other.assert_served()
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.json()["detail"] and "try again" not in answer.json()["detail"]


def _broken_statement(request: Request) -> None:
    with api_of(request).engine.connect() as conn:
        conn.execute(sa.text("SELECT no_such_column FROM kt_user"))


def test_an_unexpected_database_error_is_a_500_with_its_request_id(
        db_url: str, server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    """A fault of the server, not of the request and not passing: 500, and the id that finds
    its details in the log (before: 503 "try again" on SQLite)."""
    server.app.add_api_route("/api/test-only/broken", _broken_statement)
    api = server.user()
    with Bystander(server) as other, caplog.at_level(logging.ERROR, "kartoteka.api"):
        answer = api.get("/api/test-only/broken")
    other.assert_served()
    assert answer.status_code == 500, answer.text
    request_id = answer.headers["X-Request-Id"]
    assert answer.json()["request_id"] == request_id
    assert request_id in answer.json()["detail"] and "try again" not in answer.json()["detail"]
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged and logged[0].exc_info, "the log has no line with the request id"


def test_a_page_meeting_an_unexpected_database_error_names_its_request_id(
        db_url: str, server: LiveServer) -> None:
    server.app.add_api_route("/test-only/broken-page", _broken_statement)
    with Bystander(server) as other, httpx.Client(base_url=server.url) as browser:
        page = browser.get("/test-only/broken-page")
    other.assert_served()
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert f"request id {page.headers['X-Request-Id']}" in page.text
    assert "try again" not in page.text


def test_every_answer_has_its_own_request_id(db_url: str, server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as anonymous:
        ids = {anonymous.get("/login").headers["X-Request-Id"],
               anonymous.get("/api/records/deal").headers["X-Request-Id"]}
    assert len(ids) == 2 and all(len(i) == 16 for i in ids)


