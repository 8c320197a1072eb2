"""Browser fixtures: a `kartoteka serve` process on a demo database and Chromium, per test
module; a signed-in page per test, watched for errors. Their workings are in
tests/support/browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.support import browser as browsing
from tests.support.browser import Live, Watch


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
