"""Accessibility of the pages, checked by axe-core (from npm) in Chromium: labels on every input,
names on every button and link, contrast, landmarks, ARIA used as specified (WCAG 2.1 A and AA).
The list's tools and the schema builder are checked in their journeys too.

A violation fails the test with what axe says and where, as a person fixing it needs it.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.support.browser import NARROW, WIDE, Live, Watch, open_page, violations
from tests.support.pages import query

pytestmark = pytest.mark.slow

def _client_with_deals(live: Live) -> int:
    [client] = query(live.db_url, "SELECT c.id FROM client c WHERE (SELECT count(*) FROM deal d "
                     "WHERE d.client = c.id) > 1 ORDER BY c.id LIMIT 1")
    return int(client.id)


def test_the_sign_in_page(browser: Browser, live: Live, watch: Watch) -> None:
    page = open_page(browser, live, watch)
    page.goto("/login")
    assert violations(page) == []
    page.get_by_role("button", name="Sign in").click()  # empty: the error shows
    assert violations(page) == []
    page.context.close()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_the_signed_in_pages(browser: Browser, live: Live, signed_in_state: Any, watch: Watch,
                             viewport: dict[str, int]) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    client = _client_with_deals(live)
    for path in ("/records/client", "/records/deal?q=a&sort=-amount",
                 f"/records/client/{client}", f"/records/client/{client}?edit=1",
                 f"/records/deal/new?client={client}", "/records/deal/board",
                 f"/records/client/{client}/timeline", "/search?q=ltd",
                 "/records/client/999999", "/automations", "/automations/new",
                 "/automations/1/edit", "/records/deal/pipeline"):
        page.goto(path)
        page.wait_for_load_state("networkidle")  # fragments loaded after the page, too
        assert violations(page) == [], path
    page.context.close()
