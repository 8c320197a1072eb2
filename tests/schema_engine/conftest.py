"""Fixtures of the schema-engine tests; their plain helpers are in tests/support/definitions.py."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from kartoteka.schema_engine import connect, initialize
from kartoteka.schema_engine.definition.document import Document
from tests.support.definitions import MakeApp

#: The URL fixtures make_app can take its database from, the first one a test asks for.
_URL_FIXTURES = ("db_url", "sqlite_url")


@pytest.fixture
def make_app(request: pytest.FixtureRequest) -> MakeApp:
    """Factory: `make_app(definition)` initializes the test's fresh database and connects to it.

    The database is the one the test (or a fixture it uses) asks for: `db_url`, to run on SQLite
    and on PostgreSQL, or `sqlite_url`. Keyword arguments go to `connect`. The autouse fixture of
    tests/conftest.py disposes of the engine.
    """
    asked = [name for name in _URL_FIXTURES if name in request.fixturenames]
    if not asked:
        pytest.fail("make_app needs a database: have the test take db_url or sqlite_url")
    url = str(request.getfixturevalue(asked[0]))

    def make(definition: Document, **connect_options: Any) -> Engine:
        engine = connect(url, **connect_options)
        initialize(engine, definition, author="admin")
        return engine

    return make
