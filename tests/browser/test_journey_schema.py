"""Journeys of the schema builder in a real browser (see tests/support/browser.py): an admin adds a
field to deals, sees the plan, applies it and fills the field on a card; then creates a new entity
`supplier`, links deals to it and uses it, without a restart. Screenshots of /schema (1280 and 390
px wide) and of a plan (1280) go to docs/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import (
    NARROW,
    SCREENSHOTS,
    WIDE,
    Live,
    Watch,
    fits,
    open_page,
    violations,
)
from tests.support.pages import query

pytestmark = pytest.mark.slow


def _plan_field(page: Page, entity_label: str, type_label: str, **inputs: str) -> None:
    """From /schema: open the entity, add a field of the type, fill it in, ask for the plan."""
    page.goto("/records/deal")
    page.get_by_role("navigation", name="Administration").get_by_role(
        "link", name="Schema").click()
    page.get_by_role("link", name=entity_label, exact=True).click()
    page.get_by_role("link", name="Add a field").click()
    page.get_by_label("Type", exact=True).select_option(label=type_label)
    page.get_by_role("button", name="Show the settings of this type").click()
    for label, value in inputs.items():
        field = page.get_by_label(label, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name="Show the plan").click()


def _apply(page: Page) -> None:
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("status")).to_contain_text("Applied: the definition is now version")


def test_add_a_field_to_deals_see_the_plan_apply_and_fill_it_on_a_card(
    page: Page, live: Live
) -> None:
    _plan_field(page, "Deal", "Percent", Label="Discount", Name="discount")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add the field “Discount” to Deals")
    expect(page.get_by_role("region", name="The plan")).to_contain_text(
        "add field deal.discount (percent)")
    page.screenshot(path=SCREENSHOTS / "schema-plan-1280.png", full_page=True)
    _apply(page)
    expect(page.locator("#field-discount")).to_contain_text("Percent")

    [deal] = query(live.db_url, "SELECT id, title FROM deal ORDER BY id LIMIT 1")
    page.goto(f"/records/deal/{deal.id}")
    details = page.get_by_role("region", name="Details")
    expect(details).to_contain_text("Discount")
    details.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit details")).to_be_visible()
    page.get_by_label("Discount", exact=True).fill("15")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("region", name="Details")).to_contain_text(re.compile(r"Discount\s*15"))
    [saved] = query(live.db_url, "SELECT discount FROM deal WHERE id = :id", id=deal.id)
    assert float(saved.discount) == 15


def test_create_suppliers_link_deals_to_them_and_use_them(page: Page, live: Live) -> None:
    page.goto("/schema")
    page.get_by_role("link", name="Add an entity").click()
    page.get_by_label("Label (one record)").fill("Supplier")
    page.get_by_label("Plural label").fill("Suppliers")
    page.get_by_label("Name", exact=True).fill("supplier")
    page.get_by_label("Title field name").fill("name")
    page.get_by_label("Title field label").fill("Name")
    page.get_by_role("button", name="Show the plan").click()
    expect(page.get_by_role("region", name="The plan")).to_contain_text("create entity supplier")
    _apply(page)
    sidebar = page.get_by_role("navigation", name="Lists")
    expect(sidebar.get_by_role("link", name="Suppliers")).to_be_visible()

    _plan_field(page, "Deal", "Link to one record", Label="Supplier", Name="supplier",
                **{"Links to": "Suppliers (supplier)",
                   "Name seen from the linked record (optional)": "deals"})
    expect(page.get_by_role("region", name="The plan")).to_contain_text(
        "add field deal.supplier (link)")
    _apply(page)

    page.get_by_role("navigation", name="Lists").get_by_role("link", name="Suppliers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suppliers")
    page.goto("/records/supplier/new")
    page.get_by_label("Name").fill("Acme Metals")
    page.get_by_role("button", name="Create Supplier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acme Metals")

    deal = _a_deal(live)
    page.goto(f"/records/deal/{deal.id}")
    page.get_by_role("region", name="Details").get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit details")).to_be_visible()
    page.get_by_label("Supplier", exact=True).select_option(label="Acme Metals")
    page.get_by_role("button", name="Save").click()
    details = page.get_by_role("region", name="Details")
    details.get_by_role("link", name="Acme Metals").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acme Metals")
    expect(page.get_by_role("link", name=deal.title, exact=True)).to_be_visible()


def test_the_schema_page_at_1280_and_390(
    browser: Browser, live: Live, signed_in_state: Any, watch: Watch, page: Page
) -> None:
    page.goto("/schema")
    expect(page.get_by_role("heading", level=1)).to_have_text("Schema")
    page.screenshot(path=SCREENSHOTS / "schema-1280.png", full_page=True)
    fits(page, 1280)
    narrow = open_page(browser, live, watch, signed_in_state, NARROW)
    narrow.goto("/schema")
    expect(narrow.get_by_role("link", name="Add an entity")).to_be_visible()
    narrow.screenshot(path=SCREENSHOTS / "schema-390.png", full_page=True)
    fits(narrow, 390)
    narrow.goto("/schema/entities/deal/fields/stage/edit")
    expect(narrow.get_by_role("group", name="Stages")).to_be_visible()
    fits(narrow, 390)
    narrow.context.close()


def _a_deal(live: Live) -> Any:
    [deal] = query(live.db_url, "SELECT id, title FROM deal ORDER BY id LIMIT 1")
    return deal


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_the_schema_pages_pass_axe(browser: Browser, live: Live, signed_in_state: Any,
                                   watch: Watch, viewport: dict[str, int]) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    for path in ("/schema", "/schema/entities/deal", "/schema/entities/new",
                 "/schema/entities/deal/fields/stage/edit",
                 "/schema/entities/task/fields/new?type=link"):
        page.goto(path)
        assert violations(page) == [], path
    page.goto("/schema/entities/client/fields/city/edit?type=integer")
    page.get_by_role("button", name="Show the plan").click()  # a plan with problems
    expect(page.get_by_role("heading", name="1 problem in the data")).to_be_visible()
    assert violations(page) == [], "plan"
    page.goto("/schema/entities/deal/fields/new?type=money")
    page.get_by_label("Name", exact=True).fill("Bad name")
    page.get_by_role("button", name="Show the plan").click()  # errors next to the inputs
    expect(page.get_by_role("alert")).to_contain_text("The change cannot be planned")
    assert violations(page) == [], "errors"
    page.context.close()
