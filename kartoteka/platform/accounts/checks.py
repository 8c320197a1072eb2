"""A machine-wide cap on password checks running at once, shared by every server process.

An argon2 check takes tens of milliseconds of CPU and 64 MiB of memory: forty at once starve
every other request of CPU and take gigabytes. So a check first takes one of N slots: lock files
`slot-<i>` in one folder, each held with `flock` by whoever is checking. Every process on the
machine that uses the folder shares the slots, with no server to run, and the kernel releases
a slot when its process dies.

Taking a slot never blocks the event loop: a sign-in waits for a free one in this process (an
asyncio semaphore of N), then tries the lock files without blocking, and sleeps a few
milliseconds between rounds while other processes hold them all. A process lets at most
`queue` sign-ins wait, each at most `wait` seconds; beyond either, `ChecksBusy` (503) at once.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import tempfile
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from kartoteka.platform.errors import ServiceUnavailable
from kartoteka.settings import Settings

#: How long a sign-in sleeps between rounds of trying every lock file (seconds): short beside
#: a check (tens of milliseconds), long enough that waiting costs nothing measurable.
POLL = (0.002, 0.02)


class ChecksBusy(ServiceUnavailable):
    """Too many sign-ins are waiting for a password check; try again shortly."""


def default_slots() -> int:
    """The CPU cores this process may use, less one (for everything else), at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


def default_folder() -> Path:
    """One folder per user of the machine, so that nobody else's files stand in the way."""
    return Path(tempfile.gettempdir()) / f"kartoteka-{os.getuid()}-password-checks"


class PasswordChecks:
    """The slots of one process: `async with checks.slot(): ...check a password...`."""

    def __init__(self, folder: Path, slots: int, *, queue: int, wait: float) -> None:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.paths = [folder / f"slot-{number}" for number in range(max(1, slots))]
        self.queue = queue
        self.wait = wait
        self.waiting = 0
        # One per event loop (an asyncio semaphore belongs to one): the lock files hold the cap
        # whatever the loops; these only keep a process's waiters from polling them all.
        self._local: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary())

    @classmethod
    def of(cls, settings: Settings) -> PasswordChecks:
        folder = Path(settings.password_check_dir) if settings.password_check_dir else None
        return cls(folder or default_folder(), settings.password_checks or default_slots(),
                   queue=settings.password_check_queue, wait=settings.password_check_wait)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a slot for the block; raises ChecksBusy when none comes in time."""
        if self.waiting >= self.queue:
            raise self._busy()
        local = self._local.setdefault(asyncio.get_running_loop(),
                                       asyncio.Semaphore(len(self.paths)))
        self.waiting += 1
        try:
            async with asyncio.timeout(self.wait):
                await local.acquire()
                try:
                    held = await self._lock_file()
                except BaseException:
                    local.release()
                    raise
        except TimeoutError:
            raise self._busy() from None
        finally:
            self.waiting -= 1
        try:
            yield
        finally:
            os.close(held)  # releases the lock
            local.release()

    async def _lock_file(self) -> int:
        """A descriptor holding the lock of a free slot, once one is free."""
        pause = POLL[0]
        while True:
            for path in self.paths:
                held = _try_lock(path)
                if held is not None:
                    return held
            await asyncio.sleep(pause)
            pause = min(POLL[1], pause * 2)

    def _busy(self) -> ChecksBusy:
        return ChecksBusy("the server is busy checking other sign-ins' passwords; try again "
                          "in a few seconds", retry_after=2)


def _try_lock(path: Path) -> int | None:
    """A new descriptor of `path` holding its exclusive lock, else None (someone holds it).

    A descriptor of its own each time: `flock` locks belong to an open file, so two sign-ins
    of one process sharing a descriptor would both "hold" the lock.
    """
    held = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(held)
        return None
    except BaseException:
        os.close(held)
        raise
    return held
