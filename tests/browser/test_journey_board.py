"""The board in a real browser (see tests/support/browser.py): drag a deal to another stage, move
one from the keyboard, a stale move, and the board without JavaScript. Screenshots of the board,
1280 and 390 px wide, go to docs/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.support.browser import NARROW, SCREENSHOTS, WIDE, Live, Watch, fits, open_page
from tests.support.pages import query
from tests.support.servers import ADMIN

pytestmark = pytest.mark.slow

#: Wide enough for every column: a drag that scrolled the board would start on another card.
EVERY_COLUMN = {"width": 1700, "height": 900}


def _column(page: Page, label: str) -> Locator:
    return page.locator("section.column").filter(
        has=page.get_by_role("heading", level=2, name=label, exact=True))


def _count(page: Page, label: str) -> int:
    text = _column(page, label).locator(".column-count").inner_text()
    return int(text.split()[0].replace(",", ""))


def _newest(live: Live, stage: str) -> Any:
    [deal] = query(live.db_url, "SELECT id, title FROM deal WHERE stage = :s AND deleted_at "
                   "IS NULL ORDER BY id DESC LIMIT 1", s=stage)
    return deal


def _stored_stage(live: Live, deal_id: int) -> str:
    [row] = query(live.db_url, "SELECT stage FROM deal WHERE id = :i", i=deal_id)
    return str(row.stage)


def test_drag_a_deal_to_another_stage_and_see_it_on_its_card(page: Page, live: Live) -> None:
    deal = _newest(live, "new")
    page.set_viewport_size(EVERY_COLUMN)
    page.goto("/records/deal/board")
    new, won = _count(page, "New"), _count(page, "Won")
    card = page.locator(f"#card-{deal.id}")
    expect(_column(page, "New").locator(f"#card-{deal.id}")).to_be_visible()
    expect(page.locator(".column-figures dt").first).to_be_visible()  # loaded after the board
    card.drag_to(_column(page, "Won").locator(".column-head"))
    expect(page.get_by_role("status")).to_have_text(f"“{deal.title}” moved to Won.")
    expect(_column(page, "New").locator(".column-count")).to_have_text(f"{new - 1} records")
    expect(_column(page, "Won").locator(".column-count")).to_have_text(f"{won + 1} records")
    expect(_column(page, "Won").locator(f"#card-{deal.id}")).to_be_visible()
    assert _stored_stage(live, deal.id) == "won"
    page.locator(f"#card-{deal.id}").get_by_role("link", name=deal.title).click()
    expect(page).to_have_url(re.compile(rf"/records/deal/{deal.id}$"))
    expect(page.get_by_text("Won", exact=True).first).to_be_visible()


def test_move_a_deal_from_the_keyboard(page: Page, live: Live) -> None:
    deal = _newest(live, "qualified")
    page.goto("/records/deal/board")
    before = _count(page, "Proposal")
    menu = page.locator(f"#card-{deal.id}").get_by_label("Move to")
    menu.focus()
    menu.select_option(label="Proposal")
    page.keyboard.press("Tab")
    expect(page.locator(f"#card-{deal.id}").get_by_role("button", name="Move")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text(f"“{deal.title}” moved to Proposal.")
    expect(_column(page, "Proposal").locator(f"#card-{deal.id}")).to_be_visible()
    expect(_column(page, "Proposal").locator(".column-count")).to_have_text(
        f"{before + 1} records")
    # the keyboard stays on the card it moved
    expect(page.locator(f"#card-{deal.id}").get_by_label("Move to")).to_be_focused()
    assert _stored_stage(live, deal.id) == "proposal"


def test_a_stale_drag_shows_the_deal_as_it_is_now(page: Page, live: Live, watch: Watch) -> None:
    deal = _newest(live, "negotiation")
    page.set_viewport_size(EVERY_COLUMN)
    page.goto("/records/deal/board")
    lost = _count(page, "Lost")
    # someone else moves it to Proposal after the board was loaded
    with httpx.Client(base_url=live.url, timeout=30) as api:
        token = api.post("/api/auth/token", data={"username": ADMIN[0],
                                                  "password": ADMIN[1]}).json()["access_token"]
        answer = api.patch(f"/api/records/deal/{deal.id}", json={"stage": "proposal"},
                           headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200
    card = page.locator(f"#card-{deal.id}")
    card.drag_to(_column(page, "Lost").locator(".column-head"))
    expect(page.get_by_role("status")).to_contain_text(
        f"“{deal.title}” was changed by someone else after this board was loaded")
    expect(_column(page, "Proposal").locator(f"#card-{deal.id}")).to_contain_text(
        "Changed by someone else: shown as it is now.")
    expect(_column(page, "Lost").locator(f"#card-{deal.id}")).to_have_count(0)
    expect(_column(page, "Lost").locator(".column-count")).to_have_text(f"{lost} records")
    assert _stored_stage(live, deal.id) == "proposal"
    # the refusal is a 409, on purpose; nothing else went wrong
    assert watch.problems == [f"409 for {live.url}/records/deal/board/move"]
    watch.problems.clear()


def test_pipeline_figures_appear_in_the_column_heads(page: Page, live: Live) -> None:
    page.goto("/records/deal/board")
    figures = _column(page, "New").locator(".column-figures")
    # Loaded after the board: read as terms and their values, under the column's sums.
    expect(figures.get_by_role("term")).to_have_text(["Average time in stage",
                                                      "Went on to win"])
    expect(figures.get_by_role("definition").last).to_have_text(re.compile(r"^(\d+%|—)$"))
    expect(_column(page, "Won").locator(".column-figures").get_by_role("term")).to_have_text(
        ["Average time in stage"])
    expect(page.get_by_role("link", name="Show time in stage and wins")).to_have_count(0)
    deal = _newest(live, "new")
    page.locator(f"#card-{deal.id}").get_by_label("Move to").select_option(label="Proposal")
    page.locator(f"#card-{deal.id}").get_by_role("button", name="Move").click()
    expect(page.get_by_role("status")).to_have_text(f"“{deal.title}” moved to Proposal.")
    expect(figures.get_by_role("term")).to_have_count(2)  # a move keeps them


def test_the_board_without_javascript(
    browser: Browser, live: Live, signed_in_state: Any
) -> None:
    context = browser.new_context(base_url=live.url, storage_state=signed_in_state,
                                  java_script_enabled=False)
    page = context.new_page()
    deal = _newest(live, "new")
    page.goto("/records/deal/board")
    page.locator(f"#card-{deal.id}").get_by_label("Move to").select_option(label="Lost")
    page.locator(f"#card-{deal.id}").get_by_role("button", name="Move").click()
    expect(page).to_have_url(re.compile(rf"/records/deal/board\?moved={deal.id}$"))
    expect(page.get_by_role("status")).to_have_text(f"“{deal.title}” is now in Lost.")
    expect(_column(page, "Lost").locator(f"#card-{deal.id}")).to_be_visible()
    context.close()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_the_board_fits_the_screen(
    browser: Browser, live: Live, signed_in_state: Any, watch: Watch, viewport: dict[str, int]
) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    width = viewport["width"]
    page.goto("/records/deal")
    page.get_by_role("link", name="Board", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deals board")
    fits(page, width)
    expect(_column(page, "New")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / f"board-{width}.png")
    page.context.close()
