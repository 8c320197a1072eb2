"""UI test fixtures: the demo app on a live server (both databases), signed-in HTTP clients.

The browser fixtures (a `kartoteka serve` process and Chromium per test module, a signed-in page)
are here too; their workings are in browsing.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.platform import conftest as platform_fixtures
from tests.platform.conftest import ADMIN, USER, LiveServer, MakeServer

from . import browsing
from .browsing import Live, Watch
from .support import fill_demo, signed_in, ui_definition

SignIn = Callable[..., httpx.Client]

# The live-server fixtures of the API tests, shared.
fast_passwords = platform_fixtures.fast_passwords
make_server = platform_fixtures.make_server


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


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """`kartoteka serve` on a fresh demo database (SQLite), one per test module."""
    yield from browsing.live_server(tmp_path_factory)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from browsing.chromium()


@pytest.fixture(scope="module")
def signed_in_state(browser: Browser, live: Live) -> Any:
    """The cookies of a signed-in admin, so that most tests start signed in."""
    return browsing.signed_in_cookies(browser, live)


@pytest.fixture
def watch() -> Iterator[Watch]:
    """Fails the test when a page had a script error, a console error or a failed request."""
    yield from browsing.watching()


@pytest.fixture
def page(browser: Browser, live: Live, signed_in_state: Any, watch: Watch) -> Iterator[Page]:
    """A page of the admin, signed in, watched."""
    yield from browsing.signed_in_page(browser, live, signed_in_state, watch)
