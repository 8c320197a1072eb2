"""Short reads on SQLite run on the event loop; long ones, and everything else, in a thread.

Handing a request's work to a worker thread and taking its answer back costs two thread
wake-ups: about 0.15 ms on a 2-core machine, as much as a 50-record page's SQL. SQLite is a
library in this process, with no network to wait for, so a read on it runs right on the event
loop, under a budget. SQLite calls a progress handler every `PROGRESS_STEPS` instructions of its
virtual machine; once the read has taken its budget, the handler interrupts the statement and
the read starts again from the beginning in a worker thread, where it takes as long as it needs.
The loop is thus held for at most about the budget, and a read that would have taken longer
costs that much more, the first time: a read that went over its budget (and over it again in
the thread) is remembered for a minute (`SlowReads`), and asked again it goes to the thread at
once. A read writes nothing (its transaction is rolled back), so running it a second time is
harmless. Writes, and every request on PostgreSQL (whose driver waits on the network), always
run in a worker thread.

    result = await run_read(work, 0.002, slow, key)   # work(budget): opens a connection, reads
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from kartoteka.schema_engine.limits import interrupting

T = TypeVar("T")

#: Instructions of SQLite's virtual machine between two looks at the clock: a few µs of work.
PROGRESS_STEPS = 1000


class Budget:
    """The time a read may hold the event loop, as SQLite's progress handler: it answers 1,
    interrupting the running statement, once the time is up."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.perf_counter() + seconds
        self.spent = False

    def __call__(self) -> int:
        if time.perf_counter() > self.deadline:
            self.spent = True
        return int(self.spent)


class MoveToThread(Exception):
    """Raised by a read on the loop that knows it will be long (a model to load, say): it runs
    again in a worker thread."""


@contextmanager
def budgeted(conn: Connection, budget: Budget | None) -> Iterator[None]:
    """Interrupt `conn`'s statements once `budget` is spent (None: no limit), besides their
    own bound (`limits`: the connection's progress handler serves both). The budget is gone
    again before the connection goes back to its pool, and so before its rollback."""
    if budget is None:
        yield
        return
    with interrupting(conn, budget, PROGRESS_STEPS):
        yield


class SlowReads:
    """Reads that went over their budget lately, by a key of the caller's (a route and its
    arguments): asked again within `MEMORY` seconds, such a read goes to a thread straight
    away instead of spending its budget on the loop first (a count over a million records
    takes 5 ms: the budget would add 2 ms to each)."""

    #: Seconds a slow read is remembered: long enough for a page polled or reloaded, short
    #: enough that a read slow once (a cold cache) soon gets the loop again.
    MEMORY = 60.0
    #: Reads remembered at most; the oldest go first.
    SIZE = 256

    def __init__(self) -> None:
        self._until: OrderedDict[Hashable, float] = OrderedDict()

    def __contains__(self, key: Hashable) -> bool:
        until = self._until.get(key)
        return until is not None and until > time.monotonic()

    def add(self, key: Hashable) -> None:
        self._until[key] = time.monotonic() + self.MEMORY
        self._until.move_to_end(key)
        while len(self._until) > self.SIZE:
            self._until.popitem(last=False)


async def run_read(
    work: Callable[[Budget | None], T], budget: float | None, slow: SlowReads,
    key: Hashable | None,
) -> T:
    """`work(budget)` on the event loop under a budget of `budget` seconds, again in a worker
    thread (as `work(None)`) if it went over it or raised `MoveToThread`; `budget` None: in the
    thread straight away. `work` must only read: it may be cut short and run twice. A read
    with a `key` that went over its budget, and over it again in the thread, is remembered in
    `slow`, and goes to the thread at once when asked again."""
    #: How long the thread may take before the read is remembered as slow (None: it is not).
    slow_after: float | None = None
    if budget is not None and (key is None or key not in slow):
        spending = Budget(budget)
        try:
            result = work(spending)
        except MoveToThread:
            pass
        except Exception:
            if not spending.spent:  # an error of the read itself, not the interruption
                raise
        else:
            if not spending.spent:
                return result
        if spending.spent and key is not None:
            # Not yet: the first run of a list may have spent its budget building and
            # compiling its statement, not reading.
            slow_after = budget
    started = time.perf_counter()
    result = await run_in_threadpool(work, None)
    if slow_after is not None and time.perf_counter() - started > slow_after:
        slow.add(key)
    return result
