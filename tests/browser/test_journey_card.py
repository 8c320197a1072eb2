"""Journeys on the record card in a real browser (see tests/support/browser.py): creating a deal
from its client's card, editing in place, every error at once, a stale save, pickers, a lost
connection. Screenshots: card-edit-1280/390 and new-1280 in docs/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.support.browser import NARROW, SCREENSHOTS, WIDE, Live, Watch, fits, open_page
from tests.support.pages import query
from tests.support.servers import USER

pytestmark = pytest.mark.slow

#: Answers the form is meant to get: its errors (422) and a stale save (412), swapped in by htmx.
EXPECTED = re.compile(r"^(422|412) for http://[^/]+/records/\w+/(\d+|new)$")


@pytest.fixture
def watch() -> Iterator[Watch]:
    """The shared watch, but a form coming back with its errors is no problem here."""
    seen = Watch()
    yield seen
    assert [p for p in seen.problems if not EXPECTED.match(p)] == []


def _client_with_deals(live: Live) -> Any:
    [client] = query(live.db_url, "SELECT c.id, c.name FROM client c WHERE c.name LIKE '%Ltd' "
                     "AND (SELECT count(*) FROM deal d WHERE d.client = c.id) > 1 "
                     "ORDER BY c.id LIMIT 1")
    return client


def _a_deal(live: Live, offset: int = 0) -> Any:
    [deal] = query(live.db_url, "SELECT id, title FROM deal ORDER BY id LIMIT 1 OFFSET :n",
                   n=offset)
    return deal


def _details(page: Page) -> Any:
    return page.locator("#details")


def _field_value(page: Page, label: str) -> Any:
    """The value the card shows for field `label`."""
    return _details(page).locator("dl > div").filter(
        has=page.locator("dt", has_text=re.compile(rf"^{label}$"))).locator("dd")


def test_create_a_deal_from_the_client_card(page: Page, live: Live) -> None:
    client = _client_with_deals(live)
    page.goto(f"/records/client/{client.id}")
    deals = page.get_by_role("region", name="Deals")
    before = deals.locator("tbody tr").count()
    deals.get_by_role("link", name="New deal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New deal")
    expect(page.get_by_label("Client", exact=True)).to_have_value(str(client.id))
    expect(page.get_by_label("Client", exact=True).locator("option:checked")).to_have_text(
        client.name)
    expect(page.get_by_label("Stage")).to_have_value("new")  # the field's default
    page.get_by_label("Title").fill("Зимний контракт 冬季")
    page.get_by_label("Amount").fill("18 500,75")
    page.get_by_label("Stage").select_option(label="Proposal")
    page.screenshot(path=SCREENSHOTS / "new-1280.png", full_page=True)
    page.get_by_role("button", name="Create deal").click()
    expect(page).to_have_url(re.compile(rf"/records/client/{client.id}$"))
    deals = page.get_by_role("region", name="Deals")
    expect(deals.locator("tbody tr")).to_have_count(before + 1)
    row = deals.locator("tbody tr").filter(has_text="Зимний контракт 冬季")
    expect(row).to_contain_text("$18,500.75")
    expect(row).to_contain_text("Proposal")


def test_edit_an_amount_in_place(page: Page, live: Live) -> None:
    deal = _a_deal(live)
    page.goto(f"/records/deal/{deal.id}")
    page.evaluate("window.stillTheSamePage = true")
    _details(page).get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Title")).to_be_focused()  # the form's first field
    page.get_by_label("Amount").fill("4321")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(_field_value(page, "Amount")).to_have_text("$4,321.00")
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    page.reload()
    expect(_field_value(page, "Amount")).to_have_text("$4,321.00")


def test_clicking_a_field_edits_it(page: Page, live: Live) -> None:
    deal = _a_deal(live, 1)
    page.goto(f"/records/deal/{deal.id}")
    _field_value(page, "Stage").click()
    expect(page.get_by_label("Stage")).to_be_focused()
    page.get_by_label("Stage").select_option(label="Won")
    page.keyboard.press("Escape")
    page.get_by_label("Title").press("Enter")  # Enter saves
    expect(_field_value(page, "Stage")).to_have_text("Won")


def test_bad_values_show_every_error_and_keep_the_input(page: Page, live: Live) -> None:
    deal = _a_deal(live, 2)
    page.goto(f"/records/deal/{deal.id}?edit=1")
    page.get_by_label("Title").fill("")
    page.get_by_label("Amount").fill("a lot")
    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("2 values need fixing")
    expect(summary).to_be_focused()
    title, amount = page.get_by_label("Title"), page.get_by_label("Amount")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-title-error")).to_have_text("This is required: fill it in.")
    expect(page.locator("#f-amount-error")).to_contain_text("is not a number")
    expect(amount).to_have_value("a lot")
    title.fill("Fixed title")
    amount.fill("10")
    page.get_by_role("button", name="Save").click()
    expect(_field_value(page, "Title")).to_have_text("Fixed title")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fixed title")


def test_a_stale_edit_tells_who_changed_what_and_keeps_the_input(page: Page, live: Live) -> None:
    deal = _a_deal(live, 3)
    page.goto(f"/records/deal/{deal.id}")
    _details(page).get_by_role("link", name="Edit").click()
    page.get_by_label("Title").fill("My better title")
    with httpx.Client(base_url=live.url, timeout=30) as other:  # someone else, through the API
        token = other.post("/api/auth/token", data={"username": USER[0], "password": USER[1]})
        other.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        assert other.patch(f"/api/records/deal/{deal.id}",
                           json={"amount": 999}).status_code == 200
    page.get_by_role("button", name="Save").click()
    conflict = page.locator("#form-conflict")
    expect(conflict).to_contain_text("user saved this deal while you were editing it")
    expect(conflict).to_contain_text("Amount")
    expect(conflict).to_be_focused()
    expect(page.get_by_label("Title")).to_have_value("My better title")
    expect(page.get_by_label("Amount")).to_have_value("999")
    expect(page.locator("#f-amount-theirs")).to_contain_text("$999.00")
    page.get_by_role("button", name="Save").click()
    expect(_field_value(page, "Title")).to_have_text("My better title")
    expect(_field_value(page, "Amount")).to_have_text("$999.00")


def test_a_link_picker_searches_as_you_type(page: Page, live: Live) -> None:
    client = _client_with_deals(live)
    page.goto("/records/task/new")
    page.get_by_label("Title").fill("Call about the order")
    page.get_by_label("Search Clients").press_sequentially(client.name[:6].lower(), delay=30)
    picker = page.get_by_label("Client", exact=True)
    expect(picker.locator("option", has_text=client.name)).to_have_count(1)
    picker.select_option(label=client.name)
    page.get_by_role("button", name="Create task").click()
    expect(page).to_have_url(re.compile(r"/records/task/\d+$"))
    expect(_field_value(page, "Client")).to_have_text(client.name)


def test_a_lost_connection_says_so_and_keeps_the_input(
    browser: Browser, live: Live, signed_in_state: Any
) -> None:
    seen = Watch()
    page = open_page(browser, live, seen, signed_in_state)
    deal = _a_deal(live, 4)
    page.goto(f"/records/deal/{deal.id}/edit")

    def offline(route: Route) -> None:
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(re.compile(r"/records/deal/\d+$"), offline)
    page.get_by_label("Title").fill("Typed while offline")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#details .form-status")).to_contain_text("The connection was lost")
    expect(page.get_by_label("Title")).to_have_value("Typed while offline")
    # htmx logs the failed request itself to the console; nothing else went wrong.
    assert [p for p in seen.problems if not p.startswith("console: htmx:")] == []
    page.context.close()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_the_edit_form_fits_the_screen(
    browser: Browser, live: Live, signed_in_state: Any, watch: Watch, viewport: dict[str, int]
) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    width = viewport["width"]
    page.goto(f"/records/deal/{_a_deal(live, 5).id}")
    _details(page).get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Amount")).to_be_visible()
    fits(page, width)
    page.screenshot(path=SCREENSHOTS / f"card-edit-{width}.png", full_page=True)
    page.context.close()


def test_client_cards_whose_related_lists_have_empty_cells_fit_a_phone(
    browser: Browser, live: Live, signed_in_state: Any, watch: Watch,
) -> None:
    # An empty cell says "empty" to screen readers in a visually hidden (absolutely placed)
    # text; in a related list scrolled sideways (a task without a deal, in its last column)
    # it once widened the whole page.
    clients = query(live.db_url, "SELECT DISTINCT client FROM task WHERE deal IS NULL "
                                 "AND client IS NOT NULL ORDER BY client LIMIT 6")
    assert len(clients) == 6
    page = open_page(browser, live, watch, signed_in_state, NARROW)
    for (client_id,) in clients:
        page.goto(f"/records/client/{client_id}")
        expect(page.locator("section.related table").first).to_be_visible()
        fits(page, NARROW["width"])
    page.context.close()
