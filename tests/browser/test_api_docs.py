"""/docs in a real browser: Swagger UI renders the API from this server's files alone, for a
signed-in user; anyone else is sent to sign in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from tests.support.browser import Live, Watch, open_page

pytestmark = pytest.mark.slow


def test_swagger_ui_shows_the_api_from_this_server_alone(page: Page, live: Live) -> None:
    asked: list[str] = []

    def note(request: Request) -> None:
        asked.append(request.url)

    page.on("request", note)
    page.goto("/docs")
    title = page.locator(".swagger-ui .info .title")
    expect(title).to_contain_text(re.compile(r"Kartoteka .*OAS 3\.1"))
    expect(page.get_by_text("/api/records/deal/{id}", exact=True).first).to_be_visible()
    assert asked and all(url.startswith(live.url) for url in asked), asked


def test_docs_send_a_visitor_to_sign_in(browser: Browser, live: Live, watch: Watch) -> None:
    page = open_page(browser, live, watch)
    page.goto("/docs")
    expect(page).to_have_url(re.compile(r"/login\?next=/docs$"))
    page.context.close()
