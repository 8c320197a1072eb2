"""Journeys in a real browser (see tests/support/browser.py): signing in, finding, listing, opening
cards. Screenshots of the list and the card, 1280 and 390 px wide, go to docs/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import NARROW, SCREENSHOTS, WIDE, Live, Watch, fits, list_rows, open_page
from tests.support.pages import QUOTED_PLURAL, XSS_NAME, query
from tests.support.servers import ADMIN

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------- journeys


def test_sign_in(browser: Browser, live: Live, watch: Watch) -> None:
    page = open_page(browser, live, watch)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
    page.get_by_label("Email").fill(ADMIN[0])
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong email or password.")
    expect(page.get_by_label("Email")).to_have_value(ADMIN[0])
    page.get_by_label("Password").fill(ADMIN[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/records/client$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Clients")
    page.context.close()


def test_find_a_client_by_typing_part_of_its_name(page: Page, live: Live) -> None:
    [client] = query(live.db_url, "SELECT name FROM client WHERE name LIKE 'ООО%' "
                     "ORDER BY id LIMIT 1")
    part = client.name[5:-1].upper()  # "ООО «Ромашка»" -> "РОМАШКА"
    page.goto("/records/client")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Search Clients").press_sequentially(part, delay=30)
    expect(list_rows(page).get_by_role("link", name=client.name, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=XSS_NAME)).to_have_count(0)  # the newest client left
    for title in list_rows(page).locator("th").all_inner_texts():
        assert part.casefold() in title.casefold()
    assert page.evaluate("window.stillTheSamePage") is True  # updated without a reload
    expect(page).to_have_url(re.compile(r"\?q="))  # and the address can be shared
    page.go_back()
    expect(page).to_have_url(re.compile(r"/records/client$"))
    expect(page.get_by_role("link", name=XSS_NAME)).to_be_visible()  # the whole list again


def test_open_a_client_and_see_its_deals(page: Page, live: Live) -> None:
    client = _client_with_deals(live)
    deals = query(live.db_url, "SELECT title FROM deal WHERE client = :id", id=client.id)
    page.goto(f"/records/client?q={client.name}")
    page.get_by_role("link", name=client.name, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(client.name)
    related = page.get_by_role("region", name="Deals")
    expect(related.locator("tbody tr")).to_have_count(len(deals))
    for deal in deals:
        expect(related.get_by_role("link", name=deal.title, exact=True)).to_be_visible()


def test_a_deal_links_back_to_its_client(page: Page, live: Live) -> None:
    client = _client_with_deals(live)
    page.goto(f"/records/client/{client.id}")
    page.get_by_role("region", name="Deals").locator("tbody th a").first.click()
    expect(page).to_have_url(re.compile(r"/records/deal/\d+$"))
    page.get_by_role("region", name="Details").get_by_role("link", name=client.name).click()
    expect(page).to_have_url(re.compile(rf"/records/client/{client.id}$"))


def _client_with_deals(live: Live) -> Any:
    [client] = query(live.db_url, "SELECT c.id, c.name FROM client c WHERE c.name LIKE '%Ltd' "
                     "AND (SELECT count(*) FROM deal d WHERE d.client = c.id) > 1 "
                     "ORDER BY c.id LIMIT 1")
    return client


def test_the_menu_lists_every_entity(page: Page) -> None:
    page.goto("/records/deal")
    menu = page.get_by_role("navigation", name="Lists").get_by_role("link")
    expect(menu).to_have_text(["Clients", "Deals", QUOTED_PLURAL])
    menu.last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUOTED_PLURAL)


def test_html_typed_into_names_and_labels_shows_as_text(page: Page) -> None:
    page.goto("/records/client?q=script")
    link = page.get_by_role("link", name=XSS_NAME, exact=True)
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(XSS_NAME)
    expect(page.get_by_role("navigation", name="Lists")).to_contain_text(QUOTED_PLURAL)
    assert page.locator("b, i").count() == 0  # no markup came from the data
    # The `watch` fixture fails the test had any alert() run.


def test_load_more_adds_the_next_records(page: Page) -> None:
    page.goto("/records/deal")
    expect(list_rows(page)).to_have_count(50)
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("link", name="Load more").click()
    expect(list_rows(page)).to_have_count(100)
    page.get_by_role("link", name="Load more").click()
    expect(list_rows(page)).to_have_count(150)
    expect(page.get_by_role("link", name="Load more")).to_have_count(0)
    titles = list_rows(page).locator("th").all_inner_texts()
    assert page.evaluate("window.stillTheSamePage") is True
    assert len(titles) == 150


def test_sort_by_clicking_a_column_header(page: Page) -> None:
    page.goto("/records/deal")
    page.get_by_role("link", name="Amount").click()
    expect(page.get_by_role("columnheader", name="Amount")).to_have_attribute(
        "aria-sort", "ascending")
    page.get_by_role("link", name="Amount").click()
    expect(page).to_have_url(re.compile(r"sort=-amount"))
    amounts = [float(re.sub(r"[^\d.]", "", text)) for text in
               list_rows(page).locator("td:nth-child(2)").all_inner_texts()]
    assert amounts == sorted(amounts, reverse=True)


def test_the_keyboard_reaches_the_search(page: Page) -> None:
    page.goto("/records/client")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the list's New button, then its own links (no board here)
    expect(page.get_by_role("link", name="New client")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Trash")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search Clients")).to_be_focused()
    page.keyboard.type("zzzqqq")
    page.keyboard.press("Enter")
    expect(page.get_by_text("No records match.")).to_be_visible()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_list_and_card_fit_the_screen(
    browser: Browser, live: Live, signed_in_state: Any, watch: Watch, viewport: dict[str, int]
) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    width = viewport["width"]
    page.goto("/records/deal")
    fits(page, width)
    menu = page.get_by_role("navigation", name="Lists")
    expect(menu.get_by_role("link", name="Deals")).to_be_visible()
    if width < 768:  # the menu runs across the top, above the page
        assert menu.bounding_box()["y"] < page.get_by_role("heading", level=1).bounding_box()["y"]
    page.screenshot(path=SCREENSHOTS / f"list-{width}.png")
    page.goto(f"/records/client/{_client_with_deals(live).id}")
    fits(page, width)
    expect(page.get_by_role("region", name="Deals")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / f"card-{width}.png", full_page=True)
    page.context.close()
