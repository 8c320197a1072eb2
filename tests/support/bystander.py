"""A bystander: another signed-in user who keeps reading while a test attacks the server.

The hostile tests (tests/hostile/) check that what one client does never stops the server from
serving others:

    with Bystander(server) as other:
        ... send the hostile input ...
    other.assert_served()

The bystander reads the first page of deals as the plain test user (USER), one request after
another, from the moment it starts until the block ends, and keeps each answer's status and
time. `assert_served` fails when a read failed, when none was made, or when one took longer
than `patience` seconds: a bound far above a normal read (milliseconds) even on a busy
machine, and far below what a stalled server makes a user wait.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from types import TracebackType

import httpx

from tests.support.servers import USER, LiveServer

#: The longest a bystander's read may take while the server is under attack, in seconds.
PATIENCE = 5.0


@dataclass
class Read:
    status: int
    seconds: float


@dataclass
class Bystander:
    server: LiveServer
    path: str = "/api/records/deal?limit=20"
    reads: list[Read] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> Bystander:
        token = self.server.login(*USER)
        client = self.server.client(token)
        first = client.get(self.path)  # warm: the first read of a server may build its caches
        assert first.status_code == 200, first.text
        self._thread = threading.Thread(target=self._run, args=(client,), daemon=True)
        self._thread.start()
        return self

    def _run(self, client: httpx.Client) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                status = client.get(self.path).status_code
            except httpx.HTTPError as exc:
                self.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            self.reads.append(Read(status, time.monotonic() - started))

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)

    @property
    def slowest(self) -> float:
        return max((read.seconds for read in self.reads), default=0.0)

    def assert_served(self, patience: float = PATIENCE) -> None:
        assert not self.errors, f"the other user's reads failed: {self.errors[:3]}"
        assert self.reads, "the other user made no read at all meanwhile"
        failed = [read.status for read in self.reads if read.status != 200]
        assert not failed, f"the other user was answered {failed[:5]}"
        assert self.slowest < patience, (
            f"the other user waited {self.slowest:.2f} s for a read (of {len(self.reads)})")
