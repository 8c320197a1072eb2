"""Shared fixtures: a fresh, empty database per test, on SQLite and on PostgreSQL.

Tests build their engine themselves (``kartoteka.schema_engine.connect(url)``) from the URL string a
fixture yields, and dispose of it before the test ends.

PostgreSQL comes from ``KARTOTEKA_TEST_PG_URL`` (``make test`` starts a throw-away server with
``scripts/pg.sh`` and sets it). Without it the PostgreSQL half is skipped, unless ``CI`` is set or
``KARTOTEKA_REQUIRE_PG=1``, where it fails: CI must never pass by skipping a database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

PG_URL_ENV = "KARTOTEKA_TEST_PG_URL"
REQUIRE_PG_ENV = "KARTOTEKA_REQUIRE_PG"
TEST_DATABASE_PREFIX = "kt_t_"

NewPgDatabase = Callable[[], AbstractContextManager[str]]


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


@contextmanager
def _fresh_pg_database(server_url: str) -> Iterator[str]:
    """Create a uniquely named empty database, yield its URL, drop it (even if still connected)."""
    # uuid4 keeps names unique across pytest-xdist workers and concurrent runs on one server.
    name = f"{TEST_DATABASE_PREFIX}{uuid.uuid4().hex[:12]}"
    server = make_url(server_url)
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def new_pg_database(pg_server_url: str) -> NewPgDatabase:
    """Factory for extra fresh PostgreSQL databases: ``with new_pg_database() as url: ...``."""
    return lambda: _fresh_pg_database(pg_server_url)


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
