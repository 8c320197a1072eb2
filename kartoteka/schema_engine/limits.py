"""Bounds on what one query may ask of the database: its filter's size and its statements' time.

    engine = connect(url, limits=Limits(statement_seconds=10.0))
    limits_of(conn).in_values          # 1000: the most values one `in` condition takes

The filter bounds (`in_values`, `filter_depth`, `conditions`) are checked by the one filter
grammar (`definition.filters`) and the query-string parser, before any SQL is built: past one,
the query is a `QueryError` naming the bound. A model loaded through a connection takes its
engine's limits (`AppModel.limits`); a model made without one has the defaults below.

`statement_seconds` bounds how long a statement runs (None: no bound, the engine's default;
the server sets its own). PostgreSQL cancels a statement past it (`statement_timeout`, set once
per pooled connection); on SQLite the connection's progress handler (`Interrupter`) interrupts
it, counting from the transaction's BEGIN, so that a request's statements share the bound.
Either way the statement fails with `StatementTimeout`. Work that may rightly take long (schema
applies, index builds, upgrades of Kartoteka's own tables) runs under `no_statement_limit`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, Engine, event

from kartoteka.schema_engine.errors import StatementTimeout

#: The execution option of an engine (and its connections) holding its Limits.
OPTION = "kartoteka_limits"
#: Where a pooled connection keeps its Interrupter (SQLite) or its statement_timeout in ms
#: (PostgreSQL): the pool record's `info`, which lives as long as the driver's connection.
INTERRUPTER = "kartoteka_interrupter"
SESSION_TIMEOUT = "kartoteka_statement_ms"
#: Instructions of SQLite's virtual machine between two looks at the clock for the statement
#: bound: about 0.7 ms of work at 70 million instructions a second, a cost too small to measure.
COARSE_STEPS = 50_000


@dataclass(frozen=True)
class Limits:
    """How much one query may ask for; each bound is refused with a message naming it."""

    #: Values one `in` condition may list.
    in_values: int = 1000
    #: How deep `and`, `or` and `not` groups may nest in a JSON filter.
    filter_depth: int = 20
    #: Conditions one query may have, in its query string and its JSON filter together.
    conditions: int = 200
    #: Seconds a statement may run (None: as long as it needs).
    statement_seconds: float | None = None

    @property
    def statement_ms(self) -> int:
        """The statement bound as PostgreSQL's statement_timeout takes it (0: none)."""
        seconds = self.statement_seconds
        return 0 if seconds is None else max(1, math.ceil(seconds * 1000))


DEFAULT = Limits()


def limits_of(bind: Connection | Engine) -> Limits:
    """The limits of `bind`'s engine (the defaults for an engine not made by `connect`)."""
    found: Limits = bind.get_execution_options().get(OPTION, DEFAULT)
    return found


def with_limits(engine: Engine, limits: Limits) -> Engine:
    """`engine`, or a copy sharing its pool, whose connections keep `limits`."""
    if limits_of(engine) == limits:
        return engine
    return engine.execution_options(**{OPTION: limits})


class Interrupter:
    """SQLite's progress handler of one connection: it answers 1, interrupting the running
    statement, once the transaction's deadline has passed, or once `budget` (a second, shorter
    bound a caller sets for a while: `loop_reads`) says so."""

    def __init__(self) -> None:
        self.deadline = math.inf
        self.seconds: float | None = None
        self.fired = False
        self.budget: Callable[[], int] | None = None

    def arm(self, seconds: float | None) -> None:
        """Start counting `seconds` from now (None: no deadline)."""
        self.seconds = seconds
        self.deadline = math.inf if seconds is None else time.perf_counter() + seconds
        self.fired = False

    def __call__(self) -> int:
        if self.budget is not None and self.budget():
            return 1
        if time.perf_counter() > self.deadline:
            self.fired = True
            return 1
        return 0


def install(engine: Engine, limits: Limits) -> None:
    """Bound the statements of `engine`'s connections (`connect` calls this once)."""
    sqlite = engine.dialect.name == "sqlite"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        if sqlite:
            interrupter = record.info[INTERRUPTER] = Interrupter()
            dbapi_connection.set_progress_handler(interrupter, COARSE_STEPS)
            return
        record.info[SESSION_TIMEOUT] = limits.statement_ms
        if limits.statement_ms:
            _set_session_timeout(dbapi_connection, limits.statement_ms)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        wanted = limits_of(conn)
        info = conn.connection.info
        if sqlite:
            info[INTERRUPTER].arm(wanted.statement_seconds)
        elif info.get(SESSION_TIMEOUT) != wanted.statement_ms and not _autocommit(conn):
            _set_local_timeout(conn, wanted.statement_ms)

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        conn = context.connection
        if conn is not None:
            raise_if_timed_out(conn, context.original_exception)


def raise_if_timed_out(conn: Connection, exc: BaseException) -> None:
    """Raise StatementTimeout when `exc` is a statement of `conn` cut off at its bound (for
    code that runs statements on the driver's cursor, past SQLAlchemy's error handling)."""
    if conn.dialect.name == "sqlite":
        interrupter: Interrupter | None = conn.connection.info.get(INTERRUPTER)
        if interrupter is not None and interrupter.fired and "interrupted" in str(exc):
            raise StatementTimeout(interrupter.seconds or 0.0) from exc
        return
    if type(exc).__name__ == "QueryCanceled" and "statement timeout" in str(exc):
        raise StatementTimeout(limits_of(conn).statement_seconds or 0.0) from exc


@contextmanager
def no_statement_limit(conn: Connection) -> Iterator[None]:
    """Let `conn`'s statements run as long as they need, for work that rightly takes long
    (a schema apply, an index build): its transaction under way and those it begins later. On
    a PostgreSQL connection in autocommit, until the block ends."""
    conn.execution_options(**{OPTION: replace(limits_of(conn), statement_seconds=None)})
    if conn.dialect.name == "sqlite":
        if conn.in_transaction():
            conn.connection.info[INTERRUPTER].arm(None)
        yield
        return
    if not _autocommit(conn):
        if conn.in_transaction():
            _set_local_timeout(conn, 0)
        yield
        return
    session = conn.connection.info.get(SESSION_TIMEOUT, 0)
    conn.exec_driver_sql("SET statement_timeout = 0")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"SET statement_timeout = {int(session)}")


@contextmanager
def interrupting(conn: Connection, budget: Callable[[], int], steps: int) -> Iterator[None]:
    """Interrupt `conn`'s statements also when `budget()` answers 1, looking every `steps`
    instructions, for the block's time (SQLite)."""
    raw = conn.connection.driver_connection
    interrupter: Interrupter = conn.connection.info[INTERRUPTER]
    interrupter.budget = budget
    raw.set_progress_handler(interrupter, steps)  # type: ignore[union-attr]
    try:
        yield
    finally:
        interrupter.budget = None
        raw.set_progress_handler(interrupter, COARSE_STEPS)  # type: ignore[union-attr]


def _autocommit(conn: Connection) -> bool:
    return conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"


def _set_local_timeout(conn: Connection, ms: int) -> None:
    # On the driver's connection: inside the `begin` event SQLAlchemy's own execution would
    # begin again.
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"SET LOCAL statement_timeout = {int(ms)}")
    finally:
        cursor.close()


def _set_session_timeout(dbapi_connection: Any, ms: int) -> None:
    """The connection's own bound, set once outside any transaction (a SET inside one would be
    undone by the rollback that ends a read)."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute(f"SET statement_timeout = {int(ms)}")
    finally:
        dbapi_connection.autocommit = autocommit
