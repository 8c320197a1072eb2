"""Sign-ins for the hostile tests: many at once, and how many passwords the server checked.

The test servers run in the test's process (uvicorn in a thread), so `CheckCounter` wraps the
server's real password check (`StoredLogin.matches`) to count the checks and the most that ran
at once; the check itself still runs.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher

from kartoteka.platform.accounts import users
from tests.support.servers import LiveServer


@dataclass
class CheckCounter:
    checks: int = 0
    running: int = 0
    most_at_once: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> CheckCounter:
        matches = users.StoredLogin.matches

        def counted(stored: users.StoredLogin, password: str) -> bool:
            with self._lock:
                self.checks += 1
                self.running += 1
                self.most_at_once = max(self.most_at_once, self.running)
            try:
                return matches(stored, password)
            finally:
                with self._lock:
                    self.running -= 1

        monkeypatch.setattr(users.StoredLogin, "matches", counted)
        return self


def real_password_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2's real cost (the test servers use cheap parameters) for unknown accounts: what
    a guess at a made-up account costs the server in production."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher())
    users._unknown_account_hash.cache_clear()


def at_once(server: LiveServer, attempts: list[tuple[str, str, str | None]]) -> Counter[int]:
    """Send every (email, password, X-Forwarded-For or None) sign-in at the same time; the
    statuses answered, counted."""
    start = threading.Barrier(len(attempts))
    limits = httpx.Limits(max_connections=len(attempts) + 5)
    with httpx.Client(base_url=server.url, timeout=120, limits=limits) as client:
        def send(attempt: tuple[str, str, str | None]) -> int:
            email, password, address = attempt
            headers = {"X-Forwarded-For": address} if address else {}
            start.wait(timeout=60)
            return client.post("/api/auth/token", headers=headers, data={
                "username": email, "password": password}).status_code

        with ThreadPoolExecutor(len(attempts)) as pool:
            return Counter(pool.map(send, attempts))


#: A second process holding the lock of slot 0 of a folder until its stdin closes.
_HOLDER = """
import fcntl, os, sys
held = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(held, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


@contextmanager
def slot_held_elsewhere(folder: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the password-check slot 0 of `folder` (as a second server
    checking a password would) until the block ends or `release(process)` is called."""
    process = subprocess.Popen([sys.executable, "-c", _HOLDER, str(folder / "slot-0")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    with process:  # closes its pipes
        assert process.stdout is not None and process.stdout.readline() == "held\n"
        try:
            yield process
        finally:
            process.kill()


def release(process: subprocess.Popen[str]) -> None:
    """The holder lets its slot go (and ends)."""
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=60)
