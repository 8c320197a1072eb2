"""UI test fixtures: the demo app on a live server (both databases), signed-in HTTP clients.

The browser fixtures are in tests/browser/conftest.py; the helpers in tests/support/pages.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.pages import SignIn, fill_demo, signed_in, ui_definition
from tests.support.servers import ADMIN, USER, LiveServer, MakeServer


@pytest.fixture
def demo_server(db_url: str, make_server: MakeServer) -> LiveServer:
    """A live server over the demo data (crm template, tasks labelled with quotes), on SQLite
    and on PostgreSQL."""
    server = make_server(definition=ui_definition())
    fill_demo(server.db_url, ADMIN[0])
    return server


@pytest.fixture
def sign_in(demo_server: LiveServer) -> Iterator[SignIn]:
    """Factory: an HTTP client signed in through the login form (the admin by default)."""
    clients: list[httpx.Client] = []

    def make(email: str = ADMIN[0], password: str = ADMIN[1]) -> httpx.Client:
        client = signed_in(demo_server.url, email, password)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def admin(sign_in: SignIn) -> httpx.Client:
    return sign_in()


@pytest.fixture
def plain_user(sign_in: SignIn) -> httpx.Client:
    return sign_in(*USER)
