"""Everyday work in a real browser (issue 15): an empty list to a new record's form in one
action, the keyboard shortcuts (`?`, `/`, Ctrl+K, `n`, `e`), and axe on the pages they changed.

The journey counts actions as the issue's proof does: one click, one key, one value typed or
one choice made is one action each. It prints the count (run with `-s` to see it): bench/ui.py
measures server times over plain HTTP and drives no browser, so the count is printed here.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import NARROW, WIDE, Live, Watch, open_page, sign_in, violations
from tests.support.pages import query
from tests.support.servers import ADMIN, MakeServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def suppliers(live: Live) -> str:
    """An entity with no records yet, added as an admin adds one (the schema API)."""
    with httpx.Client(base_url=live.url, timeout=30) as api:
        token = api.post("/api/auth/token",
                         data={"username": ADMIN[0], "password": ADMIN[1]}).json()["access_token"]
        api.headers["Authorization"] = f"Bearer {token}"
        stored = api.get("/api/schema").json()
        doc = stored["definition"]
        if not any(e["name"] == "supplier" for e in doc["entities"]):
            doc["entities"].append({
                "name": "supplier", "label": "Supplier", "plural": "Suppliers",
                "title_field": "name", "fields": [
                    {"name": "name", "type": "text", "label": "Name", "required": True},
                    {"name": "founded", "type": "integer", "label": "Founded",
                     "group_digits": False}]})
            applied = api.put("/api/schema",
                              json={"definition": doc, "base_version": stored["version"]})
            assert applied.status_code == 200, applied.text
    return "/records/supplier"


def test_an_empty_list_to_a_new_record_form_in_one_action(page: Page, suppliers: str) -> None:
    page.goto(suppliers)
    expect(page.locator("#records")).to_contain_text("There are no records here yet.")
    actions = 0
    page.locator("#records").get_by_role("link", name="New supplier").click()
    actions += 1
    expect(page).to_have_url(re.compile(rf"{suppliers}/new$"))
    expect(page.get_by_role("heading", name="New supplier")).to_be_visible()
    print(f"\nempty list to a new record's form: {actions} action")
    assert actions == 1

    # The same by keyboard: one key.
    page.goto(suppliers)
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(rf"{suppliers}/new$"))


def test_each_shortcut_does_what_it_says(page: Page, live: Live) -> None:
    page.goto("/records/deal")
    page.locator("h1").click()  # the page has the focus, no input does

    # `?` lists them in a modal dialog; Esc closes it and the focus comes back.
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Search everything")
    expect(page.locator("#shortcuts button")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # `/` focuses the list's search; typed keys then go into it, not to the shortcuts.
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("new")
    expect(page.locator("#q")).to_have_value("new")
    expect(page).not_to_have_url(re.compile(r"/new$"))

    # Ctrl+K focuses the header's search everything, even from inside the list's search.
    page.keyboard.press("Control+k")
    expect(page.locator("#global-q")).to_be_focused()
    page.keyboard.press("Escape")
    page.locator("h1").click()
    page.keyboard.press("Meta+k")  # Cmd+K on a Mac
    expect(page.locator("#global-q")).to_be_focused()

    # `n` opens the list's new record's form.
    page.locator("h1").click()
    page.keyboard.press("n")
    expect(page).to_have_url(f"{live.url}/records/deal/new")

    # `e` on a card opens its edit form in place.
    [deal] = query(live.db_url, "SELECT id FROM deal WHERE deleted_at IS NULL ORDER BY id LIMIT 1")
    page.goto(f"/records/deal/{deal.id}")
    page.locator("h1").click()
    page.keyboard.press("e")
    expect(page.locator("form#details")).to_be_visible()
    # Typing in the form types; `e` and `n` are letters there.
    field = page.locator("form#details input[type=text]").first
    field.click()
    field.press("End")
    page.keyboard.type("ne")
    expect(page.locator("form#details")).to_be_visible()
    expect(page).to_have_url(f"{live.url}/records/deal/{deal.id}")


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_the_changed_pages_have_no_axe_violations(
    browser: Browser, live: Live, signed_in_state: Any, watch: Watch, suppliers: str,
    viewport: dict[str, int],
) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    for path in (suppliers, "/records/deal", f"{suppliers}/new", "/schema/entities/supplier"
                 "/fields/new?type=integer"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
    page.goto("/records/deal")
    page.locator("h1").click()
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    assert violations(page) == [], "the shortcuts dialog"
    page.context.close()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_an_empty_app_offers_its_first_list_without_axe_violations(
    browser: Browser, sqlite_url: str, make_server: MakeServer, watch: Watch,
    viewport: dict[str, int],
) -> None:
    server = make_server(definition={"entities": []})
    page = open_page(browser, Live(server.url, server.db_url), watch, None, viewport)
    sign_in(page, *ADMIN)
    expect(page.get_by_role("heading", name="Create your first list")).to_be_visible()
    assert violations(page) == []
    page.get_by_role("button", name="Start from the CRM template").click()
    expect(page.get_by_role("heading", name="Start from the “crm” template")).to_be_visible()
    page.get_by_role("button", name="Apply", exact=True).click()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/records/client$"))
    expect(page.get_by_role("link", name="New client")).to_have_count(2)  # head, empty state
    page.context.close()
