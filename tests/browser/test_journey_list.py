"""The list's tools in a real browser (see tests/support/browser.py): build an OR filter with the
builder, see the matching rows and their totals, choose columns, save the view and find it again,
change the stage of three deals at once. Screenshots of the filtered list, 1280 and 390 px wide, go
to docs/screenshots/list-filter-*.png."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import (
    NARROW,
    SCREENSHOTS,
    WIDE,
    Live,
    Watch,
    fits,
    list_rows,
    open_page,
    violations,
)
from tests.support.pages import query

pytestmark = pytest.mark.slow


def _records_headers(page: Page) -> list[str]:
    return [h.strip() for h in
            page.locator("#records thead th:not(.pick)").all_inner_texts()]


def build_won_or_big_filter(page: Page) -> None:
    """Stage is won OR amount is greater than 5000, through the builder (htmx in place)."""
    page.get_by_text("Filter", exact=True).click()
    builder = page.locator("#filter-builder")
    builder.get_by_label("Show records that meet").select_option("any")
    page.locator("#c0-field").select_option("stage")
    expect(page.locator("select#c0-value")).to_be_visible()  # stage options came in place
    expect(page.locator("#c0-op")).to_have_value("eq")
    page.locator("select#c0-value").select_option("won")
    builder.get_by_role("button", name="Add a condition", exact=True).click()
    expect(page.locator("#c1-field")).to_be_focused()  # focus goes to the new condition
    page.locator("#c1-field").select_option("amount")
    expect(page.locator("#c1-op")).to_contain_text("is greater than")
    page.locator("#c1-op").select_option("gt")
    page.locator("#c1-value").fill("5000")
    expect(page.locator("select#c0-value")).to_have_value("won")  # kept through the swaps
    builder.get_by_role("button", name="Apply the filter").click()


def test_filter_totals_columns_view_and_bulk_change(page: Page, live: Live) -> None:
    page.goto("/records/deal")
    page.evaluate("window.stillTheSamePage = true")
    build_won_or_big_filter(page)
    expect(page).to_have_url(re.compile(r"filter=.*%22or%22"))
    matching = query(live.db_url, "SELECT title, amount FROM deal WHERE deleted_at IS NULL "
                     "AND (stage = 'won' OR amount > 5000)")
    expect(page.locator("#records .filters")).to_contain_text(
        "Stage is won or Amount is greater than 5000")
    titles = set(list_rows(page).locator("th").all_inner_texts())
    assert titles and titles <= {m.title for m in matching}
    totals = page.locator("#totals")
    expect(totals).to_contain_text(f"Total of {len(matching)} records")
    total = sum(Decimal(str(m.amount)) for m in matching if m.amount is not None)
    expect(totals).to_contain_text(f"${total:,.2f}")

    # Columns: the owner in, the close date out.
    page.get_by_text("Columns", exact=True).click()
    page.get_by_label("Close date", exact=True).uncheck()
    page.get_by_label("Owner", exact=True).check()
    page.get_by_role("button", name="Show these columns").click()
    expect(page.locator("#records thead")).to_contain_text("Owner")
    assert _records_headers(page) == ["Title", "Amount", "Stage", "Client", "Owner"]
    expect(page.locator("#records .filters")).to_contain_text("Stage is won")  # filter kept

    # Save the view; after a reload it is in the switcher and brings the same list back.
    page.locator(".views-tool > summary").click()
    page.get_by_label("Save the list as shown as").fill("Won or big — Крупные 大单")
    page.get_by_role("button", name="Save view").click()
    expect(page.locator("h1 .view-name")).to_have_text("Won or big — Крупные 大单")
    page.goto("/records/deal")
    page.locator(".views-tool > summary").click()
    page.get_by_role("link", name="Won or big — Крупные 大单").click()
    expect(page.locator("#records .filters")).to_contain_text("Amount is greater than 5000")
    assert _records_headers(page) == ["Title", "Amount", "Stage", "Client", "Owner"]


def test_change_the_stage_of_three_deals_at_once(page: Page, live: Live) -> None:
    page.goto("/records/deal?stage=qualified&sort=title")
    rows = list_rows(page)
    picked = rows.locator("th").all_inner_texts()[:3]
    for i in range(3):
        rows.nth(i).get_by_role("checkbox").check()
    page.get_by_role("button", name="Change a field…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change 3 records")
    page.get_by_label("Field to change").select_option("stage")
    value = page.get_by_label("New value for Stage")
    expect(value).to_be_visible()
    value.select_option("won")
    page.get_by_role("button", name="Change 3 records").click()
    expect(page.get_by_role("status")).to_have_text("3 deals changed.")
    expect(page).to_have_url(re.compile(r"stage=qualified"))
    for title in picked:
        expect(list_rows(page).get_by_role("link", name=title, exact=True)).to_have_count(0)
    stages = query(live.db_url, "SELECT stage FROM deal WHERE title IN (:a, :b, :c)",
                   a=picked[0], b=picked[1], c=picked[2])
    assert [s.stage for s in stages] == ["won"] * 3


def test_select_all_shown_ticks_every_row(page: Page) -> None:
    page.goto("/records/deal?stage=won")
    page.get_by_label("Select all shown").check()
    boxes = list_rows(page).get_by_role("checkbox")
    assert boxes.count() > 0
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_be_checked()
    expect(page.get_by_role("link", name="Select all shown")).to_be_hidden()  # the no-JS way


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_screenshots_of_the_filtered_list(
    browser: Browser, live: Live, signed_in_state: object, watch: Watch,
    viewport: dict[str, int],
) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    page.goto("/records/deal?columns=amount,stage,client&sort=-amount")
    build_won_or_big_filter(page)
    expect(page.locator("#totals")).to_contain_text("Total of")
    fits(page, viewport["width"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"list-filter-{viewport['width']}.png"),
                    full_page=False)
    page.context.close()


def test_the_list_tools_pass_axe(page: Page) -> None:
    """Labels, names and contrast of the open builder, the menus and the bulk page (axe-core)."""
    page.goto("/records/deal?stage=won&amount__gt=10")
    for summary in (".views-tool > summary", ".columns-tool > summary"):
        page.locator(summary).click()
    assert violations(page) == []
    page.goto("/records/deal?stage=new")
    list_rows(page).first.get_by_role("checkbox").check()
    page.get_by_role("button", name="Change a field…").click()
    assert violations(page) == []
