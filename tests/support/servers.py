"""Live servers for tests over real HTTP: uvicorn on a free loopback port, httpx against it.

The `make_server` and `server` fixtures (tests/conftest.py) initialize the test's fresh database
with `initialize_app` (an administrator, ADMIN, and a plain user, USER), start uvicorn in a
background thread with `serve_in_thread` and give a `LiveServer`; the server stops when the test
ends.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

from kartoteka import schema_engine as se
from kartoteka.platform.accounts import users
from kartoteka.platform.tables import upgrade_tables
from kartoteka.schema_engine.definition.document import Document
from tests.support.waiting import DEADLINE

ADMIN = ("admin@example.com", "admin password")
#: Seconds a test server keeps an idle connection open (see serve_in_thread).
KEEP_ALIVE = 600
USER = ("user@example.com", "user password")


@dataclass
class LiveServer:
    """A running server: its base URL, its database and logged-in clients on demand."""

    url: str
    db_url: str
    app: FastAPI
    _clients: list[httpx.Client] = field(default_factory=list)

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = httpx.Client(base_url=self.url, headers=headers, timeout=30)
        self._clients.append(client)
        return client

    def login(self, email: str, password: str) -> str:
        answer = self.client().post("/api/auth/token",
                                    data={"username": email, "password": password})
        assert answer.status_code == 200, answer.text
        return str(answer.json()["access_token"])

    def admin(self) -> httpx.Client:
        """A client logged in as the administrator."""
        return self.client(self.login(*ADMIN))

    def user(self) -> httpx.Client:
        """A client logged in as a plain user (who may not change the schema)."""
        return self.client(self.login(*USER))

    def close(self) -> None:
        for client in self._clients:
            client.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(
    url: str, timeout: float = DEADLINE, running: Callable[[], bool] = lambda: True
) -> None:
    """Poll the sign-in page (public, unlike /openapi.json) until the server answers (or
    `running()` says it never will)."""
    deadline = time.monotonic() + timeout
    while running():
        try:
            if httpx.get(f"{url}/login", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"no server at {url} after {timeout} s")
        time.sleep(0.05)
    raise RuntimeError(f"the server for {url} stopped before answering")


@dataclass
class Running:
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_in_thread(app: FastAPI) -> tuple[str, Running]:
    """Start uvicorn for `app` on a free loopback port; returns its URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # As `kartoteka serve` runs it: the app reads X-Forwarded-For itself (trusted_proxies).
    # A kept-alive connection stays open far longer than uvicorn's 5 s: on a loaded machine a
    # test may pause that long between two requests of one client, and a server closing the
    # connection just as the client reuses it answers "connection reset" (a flake, not a fault).
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", proxy_headers=False,
                                           timeout_keep_alive=KEEP_ALIVE))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + DEADLINE
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    sock.close()  # uvicorn listens on its own duplicate of it
    return f"http://127.0.0.1:{port}", Running(server, thread)


def initialize_app(url: str, definition: Document) -> None:
    """Create the app in the database, with the test administrator and plain user."""
    engine = se.connect(url)

    def accounts(conn: Any) -> None:
        upgrade_tables(conn)
        users.create_user(conn, *ADMIN, is_admin=True)
        users.create_user(conn, *USER)

    try:
        se.initialize(engine, definition, author="test", before_commit=accounts)
    finally:
        engine.dispose()


MakeServer = Callable[..., LiveServer]
