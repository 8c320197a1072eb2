"""Reads on the event loop (SQLite): a read past its budget moves to a thread, whole and right."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kartoteka.platform import loop_reads
from kartoteka.platform.context import Api
from kartoteka.platform.loop_reads import Budget, SlowReads, budgeted, run_read
from kartoteka.schema_engine import connect
from kartoteka.settings import Settings
from tests.support.servers import MakeServer

#: About half a second of SQLite's work, with no table: count to five million.
SLOW_SQL = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000000) "
            "SELECT count(*) FROM n")


class Clock:
    """The clock loop_reads reads budgets and slow reads on, moved only by the test: however
    busy the machine, a quick read stays within its budget."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """loop_reads on a Clock of the test's (the time module itself is left alone)."""
    stopped = Clock()
    monkeypatch.setattr(loop_reads, "time", SimpleNamespace(perf_counter=stopped,
                                                            monotonic=stopped))
    return stopped


@pytest.fixture
def moves(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the works that went to a worker thread."""
    moved: list[str] = []
    to_thread = loop_reads.run_in_threadpool

    async def counted(work: Any, *args: Any) -> Any:
        moved.append(getattr(work, "__name__", "?"))
        return await to_thread(work, *args)

    monkeypatch.setattr(loop_reads, "run_in_threadpool", counted)
    return moved


def test_a_short_read_stays_on_the_loop_and_a_long_one_moves_to_a_thread(
    tmp_path: Path, moves: list[str],
) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'reads.db'}")
    other_ran: list[bool] = []

    def read(sql: str) -> Any:
        def work(budget: Budget | None) -> tuple[int, bool]:
            with engine.connect() as conn, budgeted(conn, budget):
                value = conn.exec_driver_sql(sql).scalar_one()
            return value, bool(other_ran)  # whether the loop served someone meanwhile
        return work

    async def scenario() -> tuple[Any, Any]:
        short = await run_read(read("SELECT 41 + 1"), 0.05, SlowReads(), None)
        other = asyncio.get_running_loop().call_soon(other_ran.append, True)
        long = await run_read(read(SLOW_SQL), 0.01, SlowReads(), None)
        other.cancel()
        return short, long

    try:
        short, long = asyncio.run(scenario())
    finally:
        engine.dispose()
    assert short == (42, False) and moves == ["work"]  # only the long read moved
    assert long == (5000000, True)  # counted in full, while the loop went on


def test_an_error_of_the_read_itself_is_not_retried(tmp_path: Path, moves: list[str]) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'reads.db'}")

    def work(budget: Budget | None) -> None:
        with engine.connect() as conn, budgeted(conn, budget):
            conn.exec_driver_sql("SELECT * FROM no_such_table")

    try:
        with pytest.raises(Exception, match="no such table: no_such_table"):
            asyncio.run(run_read(work, 1.0, SlowReads(), None))
    finally:
        engine.dispose()
    assert moves == []


def test_records_read_past_the_budget_are_answered_in_full(
    make_server: MakeServer, sqlite_url: str, moves: list[str],
) -> None:
    # A budget of nothing: every read that reaches SQLite's progress handler is interrupted on
    # the loop and run again in a thread. The answers must be what a thread alone gives.
    server = make_server(settings=Settings(loop_read_budget=0.0))
    api = server.user()
    rows = [{"title": f"Deal {i}", "amount": i * 10} for i in range(400)]
    assert api.post("/api/records/deal/batch", json={"create": rows}).status_code == 201
    moves.clear()
    page = api.get("/api/records/deal", params={"amount__gt": "1000", "limit": "500",
                                                "count": "true", "sort": "amount"})
    assert page.status_code == 200, page.text
    assert moves == ["in_session"]  # it went over its budget on the loop
    body = page.json()
    assert body["count"] == 299 and body["next_cursor"] is None
    assert [d["amount"] for d in body["items"]] == [i * 10 for i in range(101, 400)]

    threads_only = make_server(settings=Settings(loop_read_budget=None), initialize=False)
    again = threads_only.user().get(page.request.url.raw_path.decode())
    assert again.json() == body


def test_reads_on_postgresql_always_run_in_a_thread(db_url: str) -> None:
    engine = connect(db_url)
    try:
        expected = None if engine.dialect.name == "postgresql" else 0.002
        assert Api(engine, Settings(loop_read_budget=0.002)).loop_budget == expected
    finally:
        engine.dispose()


def test_a_read_that_went_over_its_budget_goes_to_a_thread_at_once_next_time(
    tmp_path: Path, moves: list[str],
) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'reads.db'}")
    budgets: list[bool] = []  # for each run of the work: whether it ran under a budget

    def work(budget: Budget | None) -> int:
        budgets.append(budget is not None)
        with engine.connect() as conn, budgeted(conn, budget):
            return int(conn.exec_driver_sql(SLOW_SQL).scalar_one())

    slow = SlowReads()

    async def twice() -> list[int]:
        return [await run_read(work, 0.01, slow, "count to five million") for _ in range(2)]

    try:
        assert asyncio.run(twice()) == [5000000, 5000000]
    finally:
        engine.dispose()
    assert budgets == [True, False, False]  # tried on the loop once only
    assert moves == ["work", "work"]


def test_a_read_slow_only_the_first_time_gets_the_loop_again(
    tmp_path: Path, moves: list[str], clock: Clock,
) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'reads.db'}")
    budgets: list[bool] = []
    quick = SLOW_SQL.replace("5000000", "5000")  # a few thousand steps: the handler is asked

    def work(budget: Budget | None) -> int:
        if not budgets:
            clock.now += 0.05  # the first run only: a statement being built, a cold cache
        budgets.append(budget is not None)
        with engine.connect() as conn, budgeted(conn, budget):
            return int(conn.exec_driver_sql(quick).scalar_one())

    slow = SlowReads()

    async def twice() -> list[int]:
        return [await run_read(work, 0.01, slow, "count to five thousand") for _ in range(2)]

    try:
        assert asyncio.run(twice()) == [5000, 5000]
    finally:
        engine.dispose()
    assert budgets == [True, False, True]  # fast in the thread: not remembered as slow
    assert moves == ["work"]
