"""`/automations` in Chromium (see tests/support/browser.py): a rule made in the form runs on the
server's worker and its runs are listed, failed ones with Retry; the rule form on a phone.
Screenshot: automations-1280 in docs/screenshots/."""

from __future__ import annotations

import re
import time
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import (
    NARROW,
    SCREENSHOTS,
    Live,
    Watch,
    dismiss_reminders,
    fits,
    open_page,
)
from tests.support.pages import query
from tests.support.servers import ADMIN

#: How long the server's worker may take to run both jobs on a busy machine.
WORK_SECONDS = 180


def _api(live: Live) -> httpx.Client:
    client = httpx.Client(base_url=live.url, timeout=30)
    token = client.post("/api/auth/token", data={"username": ADMIN[0], "password": ADMIN[1]})
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


@pytest.mark.slow
def test_a_rule_made_in_the_browser_runs_and_its_runs_are_listed(page: Page, live: Live) -> None:
    page.goto("/automations")
    page.get_by_role("link", name="New rule").click()
    label, stage = page.get_by_label("Button label"), page.get_by_label("Stage", exact=True)
    expect(label).to_be_hidden()  # "A record is created" takes neither
    page.get_by_label("Name").fill("Amount from the title")
    page.get_by_label("Event").select_option("stage_entered")
    expect(stage).to_be_visible()
    expect(label).to_be_hidden()
    page.get_by_label("Records of").select_option("client")
    expect(page.locator("#field optgroup[data-entity=deal]")).to_be_disabled()
    page.get_by_label("Records of").select_option("deal")
    page.get_by_label("Field", exact=True).select_option("stage")
    stage.fill("negotiation")
    page.get_by_label("Do", exact=True).fill(
        '[{"action": "set_field", "field": "amount", "value": "{{ record.title }}"}]')
    page.get_by_role("button", name="Save the rule").click()
    expect(page.get_by_role("status")).to_contain_text("Add the rule “Amount from the title”")
    expect(page.locator("#rule-3")).to_contain_text(
        "When a Deal enters Negotiation: set Amount to {{ record.title }}")
    # Two deals move: the template's rule for won deals runs; a title is no amount: it fails.
    [won, negotiation] = query(live.db_url, "SELECT id FROM deal WHERE stage = 'new' "
                               "AND deleted_at IS NULL ORDER BY id LIMIT 2")
    api = _api(live)
    try:
        api.patch(f"/api/records/deal/{won.id}", json={"stage": "won"})
        api.patch(f"/api/records/deal/{negotiation.id}", json={"stage": "negotiation"})
    finally:
        api.close()
    failed = page.locator("tr.run-failed", has_text="Amount from the title")
    done = page.locator("tr.run-done", has_text="Won: call the client in a month")
    # A goto to the same URL with a fragment would not load the page again: reload it.
    page.goto("/automations#runs")
    deadline = time.monotonic() + WORK_SECONDS  # polled: a deadline, not a wait
    while not (failed.count() and done.count()) and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        page.reload()
    expect(failed.first).to_contain_text("Failed")
    expect(failed.first.locator(".run-error")).not_to_be_empty()
    expect(done.first).to_contain_text("Done")
    dismiss_reminders(page)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SCREENSHOTS / "automations-1280.png", full_page=True)
    # From the keyboard (a task reminder may lie over the corner of the page).
    failed.first.get_by_role("button", name=re.compile("^Retry run")).press("Enter")
    expect(page.get_by_role("status").last).to_contain_text("will be tried again")


@pytest.mark.slow
def test_the_rule_form_on_a_phone(browser: Browser, live: Live, signed_in_state: Any,
                                  watch: Watch) -> None:
    page = open_page(browser, live, watch, signed_in_state, NARROW)
    page.goto("/automations/1/edit")
    expect(page.get_by_label("Stage", exact=True)).to_have_value("proposal")
    fits(page, NARROW["width"])
    page.goto("/automations")
    fits(page, NARROW["width"])
    page.context.close()
