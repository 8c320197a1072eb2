"""Shared fixtures: a fresh, empty database per test, on SQLite and on PostgreSQL, and live
servers over it (their helpers are in tests/support/).

Tests build their engine themselves (``kartoteka.schema_engine.connect(url)``) from the URL string a
fixture yields, and dispose of it before the test ends.

PostgreSQL comes from ``KARTOTEKA_TEST_PG_URL`` (``make test`` starts a throw-away server with
``scripts/pg.sh`` and sets it). Without it the PostgreSQL half is skipped, unless ``CI`` is set or
``KARTOTEKA_REQUIRE_PG=1``, where it fails: CI must never pass by skipping a database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from kartoteka.app import create_app
from kartoteka.platform.accounts import users
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.definition.document import Document
from kartoteka.settings import Settings
from tests.support.databases import NewPgDatabase, fresh_pg_database
from tests.support.servers import LiveServer, MakeServer, Running, initialize_app, serve_in_thread

PG_URL_ENV = "KARTOTEKA_TEST_PG_URL"
REQUIRE_PG_ENV = "KARTOTEKA_REQUIRE_PG"


def _pg_required() -> bool:
    ci = os.environ.get("CI", "").strip().lower()
    return ci not in ("", "0", "false", "no") or os.environ.get(REQUIRE_PG_ENV) == "1"


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """URL of the PostgreSQL server under test; skips or fails when it is not configured."""
    url = os.environ.get(PG_URL_ENV, "").strip()
    if not url:
        reason = f"PostgreSQL tests need {PG_URL_ENV} (make test sets it from scripts/pg.sh)"
        if _pg_required():
            pytest.fail(f"{reason}; it is required because CI or {REQUIRE_PG_ENV}=1 is set")
        pytest.skip(reason)
    return url


@pytest.fixture
def new_pg_database(pg_server_url: str) -> NewPgDatabase:
    """Factory for extra fresh PostgreSQL databases: ``with new_pg_database() as url: ...``."""
    return lambda: fresh_pg_database(pg_server_url)


@pytest.fixture
def pg_url(new_pg_database: NewPgDatabase) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database, dropped after the test."""
    with new_pg_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite database file (not created yet) under the test's tmp_path."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """URL of a fresh, empty database; every test using it runs on SQLite and on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    """Close every engine a test connected with, so no connection outlives its test.

    A PostgreSQL connection left to the garbage collector would warn inside some later test.
    """
    engines: list[sa.Engine] = []  # held until the end, so the collector never closes them

    def track(conn: sa.Connection) -> None:
        if conn.engine not in engines:
            engines.append(conn.engine)

    sa.event.listen(sa.Engine, "engine_connect", track)
    try:
        yield
    finally:
        sa.event.remove(sa.Engine, "engine_connect", track)
        for engine in engines:
            engine.dispose()


@pytest.fixture(autouse=True, scope="session")
def _data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files stored by tests (uploads, generated documents) go to a temporary data directory,
    never to ./kartoteka-data, the default for PostgreSQL (kartoteka.platform.files)."""
    saved = os.environ.get("KARTOTEKA_DATA_DIR")
    os.environ["KARTOTEKA_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    yield
    if saved is None:
        os.environ.pop("KARTOTEKA_DATA_DIR", None)
    else:
        os.environ["KARTOTEKA_DATA_DIR"] = saved


# ---------------------------------------------------------------- live servers

#: The URL fixtures make_server can take its database from, the first one a test asks for.
_URL_FIXTURES = ("db_url", "sqlite_url")


@pytest.fixture
def fast_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters: tests log in often, and the cost is not what they test."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
    users._unknown_account_hash.cache_clear()


@pytest.fixture
def make_server(request: pytest.FixtureRequest, fast_passwords: None) -> Iterator[MakeServer]:
    """Factory: `make_server(definition=None, settings=None, initialize=True)` -> LiveServer.

    The database is the one the test asks for (`db_url` or `sqlite_url`); by default it gets
    the crm template. Several servers may be made on one database (`initialize=False`).
    """
    asked = [name for name in _URL_FIXTURES if name in request.fixturenames]
    if not asked:
        pytest.fail("make_server needs a database: have the test take db_url or sqlite_url")
    db_url = str(request.getfixturevalue(asked[0]))
    running: list[tuple[LiveServer, Running]] = []

    def make(definition: Document | None = None, settings: Settings | None = None,
             initialize: bool = True) -> LiveServer:
        if initialize:
            initialize_app(db_url, load_template("crm") if definition is None else definition)
        app = create_app(db_url, settings=settings or Settings())
        url, handle = serve_in_thread(app)
        live = LiveServer(url, db_url, app)
        running.append((live, handle))
        return live

    yield make
    for live, handle in reversed(running):
        live.close()
        handle.stop()


@pytest.fixture
def server(make_server: MakeServer) -> LiveServer:
    """A live server over the crm template (on SQLite and PostgreSQL when the test takes
    db_url)."""
    return make_server()
