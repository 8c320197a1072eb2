"""A live server for the API tests: uvicorn on a free loopback port, httpx against it.

`make_server(...)` initializes the test's fresh database (from `db_url`, so on SQLite and on
PostgreSQL, or from `sqlite_url`) with an administrator and a plain user, starts uvicorn in a
background thread and gives a `LiveServer`; the server stops when the test ends.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher
from fastapi import FastAPI

from kartoteka import schema_engine as se
from kartoteka.app import create_app
from kartoteka.platform.accounts import users
from kartoteka.platform.tables import create_platform_tables
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.definition.document import Document
from kartoteka.settings import Settings

ADMIN = ("admin@example.com", "admin password")
USER = ("user@example.com", "user password")
_URL_FIXTURES = ("db_url", "sqlite_url")


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
    url: str, timeout: float = 30.0, running: Callable[[], bool] = lambda: True
) -> None:
    """Poll /openapi.json until the server answers (or `running()` says it never will)."""
    deadline = time.monotonic() + timeout
    while running():
        try:
            if httpx.get(f"{url}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"no server at {url} after {timeout} s")
        time.sleep(0.05)
    raise RuntimeError(f"the server for {url} stopped before answering")


@dataclass
class _Running:
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_in_thread(app: FastAPI) -> tuple[str, _Running]:
    """Start uvicorn for `app` on a free loopback port; returns its URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    sock.close()  # uvicorn listens on its own duplicate of it
    return f"http://127.0.0.1:{port}", _Running(server, thread)


def initialize_app(url: str, definition: Document) -> None:
    """Create the app in the database, with the test administrator and plain user."""
    engine = se.connect(url)

    def accounts(conn: Any) -> None:
        create_platform_tables(conn)
        users.create_user(conn, *ADMIN, is_admin=True)
        users.create_user(conn, *USER)

    try:
        se.initialize(engine, definition, author="test", before_commit=accounts)
    finally:
        engine.dispose()


MakeServer = Callable[..., LiveServer]


@pytest.fixture
def fast_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters: tests log in often, and the cost is not what they test."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
    users._unknown_account_hash.cache_clear()


@pytest.fixture
def make_server(request: pytest.FixtureRequest, fast_passwords: None) -> Iterator[MakeServer]:
    """Factory: `make_server(definition=None, settings=None, initialize=True)` -> LiveServer.

    The database is the one the test asks for (`db_url` or `sqlite_url`); by default it gets
    the crm template. Several servers may be made on one database (`initialize=False`).
    """
    asked = [name for name in _URL_FIXTURES if name in request.fixturenames]
    if not asked:
        pytest.fail("make_server needs a database: have the test take db_url or sqlite_url")
    db_url = str(request.getfixturevalue(asked[0]))
    running: list[tuple[LiveServer, _Running]] = []

    def make(definition: Document | None = None, settings: Settings | None = None,
             initialize: bool = True) -> LiveServer:
        if initialize:
            initialize_app(db_url, load_template("crm") if definition is None else definition)
        app = create_app(db_url, settings=settings or Settings())
        url, handle = serve_in_thread(app)
        live = LiveServer(url, db_url, app)
        running.append((live, handle))
        return live

    yield make
    for live, handle in reversed(running):
        live.close()
        handle.stop()


@pytest.fixture
def server(make_server: MakeServer) -> LiveServer:
    """A live server over the crm template (on SQLite and PostgreSQL when the test takes
    db_url)."""
    return make_server()
