"""Waiting in tests: for a condition, polled, until a deadline generous enough for a busy machine
(several suites on two cores); never a fixed sleep that a slow server could outlast."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: How long a condition may take to hold. A deadline, not a wait: it is polled, so a condition
#: that holds at once costs nothing.
DEADLINE = 120.0


def wait_for(read: Callable[[], T], timeout: float = DEADLINE, every: float = 0.05) -> T:
    """Poll `read()` until it gives something true, or the deadline passes: its last answer
    (the caller asserts on it, with a message that says what never happened)."""
    deadline = time.monotonic() + timeout
    while True:
        found = read()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(every)
