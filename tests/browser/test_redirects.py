"""Chromium follows every known open-redirect bypass (tests/support/redirects.py) given as
`next=` or `back=`, and always stays on the site: it never asks the other host for anything,
never runs a script from the target (an alert fails the watch), and ends on a page of ours."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.support.browser import Live, Watch, open_page
from tests.support.redirects import BYPASSES
from tests.support.servers import ADMIN


@pytest.fixture
def offsite(page: Page, live: Live) -> Iterator[list[str]]:
    """Every request the page makes to another host (answered with a stub, never sent)."""
    asked: list[str] = []
    attach_offsite(page, live, asked)
    yield asked


def attach_offsite(page: Page, live: Live, asked: list[str]) -> None:
    ours = urlsplit(live.url).netloc

    def route(handled: Route) -> None:
        if urlsplit(handled.request.url).netloc == ours:
            handled.continue_()
        else:
            asked.append(handled.request.url)
            handled.fulfill(status=200, content_type="text/html", body="<p>another site</p>")

    page.context.route("**/*", route)


def on_site(page: Page, live: Live) -> bool:
    page.wait_for_load_state()
    return urlsplit(page.url).netloc == urlsplit(live.url).netloc


def test_the_login_page_sends_a_signed_in_browser_to_this_site_only(
    page: Page, live: Live, offsite: list[str]
) -> None:
    for target in BYPASSES:
        page.goto(f"/login?next={quote(target, safe='')}")
        assert on_site(page, live), (target, page.url)
    assert offsite == []


def test_signing_in_with_any_next_lands_on_this_site(
    browser: Browser, live: Live, watch: Watch
) -> None:
    fresh = open_page(browser, live, watch)
    asked: list[str] = []
    attach_offsite(fresh, live, asked)
    for target in BYPASSES:
        fresh.context.clear_cookies()
        fresh.goto("/login")
        # As a hostile page would post it: the bypass in the form's own `next` field.
        fresh.locator("input[name=next]").evaluate("(field, value) => field.value = value",
                                                   target)
        fresh.get_by_label("Email").fill(ADMIN[0])
        fresh.get_by_label("Password").fill(ADMIN[1])
        fresh.get_by_role("button", name="Sign in").click()
        fresh.wait_for_url(lambda url: not url.endswith("/login"))
        assert on_site(fresh, live), (target, fresh.url)
    fresh.context.close()
    assert asked == []


def test_cancel_on_a_new_records_form_stays_on_this_site(
    page: Page, live: Live, offsite: list[str]
) -> None:
    for target in BYPASSES:
        page.goto(f"/records/client/new?back={quote(target, safe='')}")
        page.get_by_role("link", name="Cancel").click()
        page.wait_for_url(lambda url: "/new" not in url)
        assert on_site(page, live), (target, page.url)
        assert urlsplit(page.url).path == "/records/client"
    assert offsite == []


