"""The bound on a statement's time: past it a statement fails with StatementTimeout, on both
databases; schema work runs without it, and the connection keeps its bound afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, Engine

from kartoteka import schema_engine as se
from kartoteka.schema_engine import connect
from kartoteka.schema_engine.db import schema_transaction
from kartoteka.schema_engine.errors import StatementTimeout
from kartoteka.schema_engine.limits import Limits, no_statement_limit
from tests.support.definitions import MakeApp, entity_def, field_def

LIMIT = 0.3


def _count(conn: Connection, up_to: int) -> int:
    """A statement that runs for as long as it counts (about 10 million a second)."""
    value = conn.exec_driver_sql(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
        f"{int(up_to)}) SELECT count(*) FROM c").scalar()
    return int(value)


@pytest.fixture
def bounded(db_url: str) -> Engine:
    return connect(db_url, limits=Limits(statement_seconds=LIMIT), pool_size=1, max_overflow=0)


def test_a_long_statement_is_stopped_at_the_bound(bounded: Engine) -> None:
    with bounded.connect() as conn, pytest.raises(StatementTimeout) as caught:
        _count(conn, 10**10)
    assert caught.value.seconds == LIMIT
    assert "longer than 0.3 s, the limit for one statement" in str(caught.value)
    with bounded.connect() as conn:  # the same driver connection, usable again
        assert _count(conn, 10) == 10


def test_schema_work_runs_past_the_bound(bounded: Engine) -> None:
    with schema_transaction(bounded) as conn:
        assert _count(conn, 5_000_000) == 5_000_000
    with bounded.connect() as conn, pytest.raises(StatementTimeout):
        _count(conn, 10**10)


def test_an_autocommit_connection_gets_its_bound_back(bounded: Engine) -> None:
    autocommit = bounded.connect().execution_options(isolation_level="AUTOCOMMIT")
    with autocommit as conn, no_statement_limit(conn):
        assert _count(conn, 5_000_000) == 5_000_000
    with bounded.connect() as conn, pytest.raises(StatementTimeout):
        _count(conn, 10**10)


def test_without_a_bound_a_statement_runs_as_long_as_it_needs(db_url: str) -> None:
    engine = connect(db_url)
    with engine.connect() as conn:
        assert _count(conn, 5_000_000) == 5_000_000


def test_a_plan_measures_the_data_past_the_bound(db_url: str, make_app: MakeApp) -> None:
    """Planning is part of a schema apply: its transaction runs without the bound (what it
    counts on a big table may take long)."""
    doc = {"entities": [entity_def("deal", field_def("title", "text"))]}
    engine = make_app(doc, limits=Limits(statement_seconds=LIMIT))
    with engine.connect() as conn:
        current = se.current(conn).document
        found = se.plan(current, doc, conn)
        assert found.operations == []
        assert _count(conn, 5_000_000) == 5_000_000  # the same transaction, unbounded
    with engine.connect() as conn, pytest.raises(StatementTimeout):
        _count(conn, 10**10)
