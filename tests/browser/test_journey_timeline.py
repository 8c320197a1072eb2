"""Journeys in a real browser (see tests/support/browser.py): a deal's changes on its card's
timeline, logging a call on a client's card and filtering its timeline, completing a task from it,
trash with a confirmation and Undo, a refusal in words, and the header's search over every entity.
Screenshots: card-timeline-1280, search-1280 and search-390 in docs/screenshots/."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from kartoteka.schema_engine import connect
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import load_model
from kartoteka.schema_engine.records.changelog import log_entry
from tests.support.browser import NARROW, SCREENSHOTS, WIDE, Live, Watch, fits, open_page, sign_in
from tests.support.pages import query
from tests.support.servers import ADMIN

pytestmark = pytest.mark.slow


def _api(live: Live) -> httpx.Client:
    token = httpx.post(f"{live.url}/api/auth/token",
                       data={"username": ADMIN[0], "password": ADMIN[1]},
                       timeout=30).json()["access_token"]
    return httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {token}"},
                        timeout=30)


def _deal(live: Live, where: str) -> Any:
    [deal] = query(live.db_url, "SELECT d.id, d.title FROM deal d WHERE d.deleted_at IS NULL "
                   f"AND {where} ORDER BY d.id LIMIT 1")
    return deal


def test_a_deals_changes_show_on_its_card(page: Page, live: Live) -> None:
    deal = _deal(live, "d.stage = 'new' AND d.amount IS NOT NULL")
    with _api(live) as api:
        api.patch(f"/api/records/deal/{deal.id}", json={"amount": 1200}).raise_for_status()
        api.patch(f"/api/records/deal/{deal.id}",
                  json={"amount": 1500, "stage": "qualified"}).raise_for_status()
    page.goto(f"/records/deal/{deal.id}")
    history = page.get_by_role("region", name="History")
    entries = history.locator(".timeline-entry")
    expect(entries.first).to_contain_text("Stage changed by admin")
    expect(entries.first).to_contain_text("Amount: $1,200.00 → $1,500.00")
    expect(entries.first).to_contain_text("Stage: New → Qualified")
    expect(entries.nth(1).locator(".timeline-lines li")).to_have_text(
        re.compile(r"Amount: \$[\d,.]+ → \$1,200\.00"))
    expect(entries.last).to_contain_text("Created by admin")
    when = entries.first.locator("time")
    expect(when).to_have_text("just now")
    expect(when).to_have_attribute("title", re.compile(r"UTC$"))
    fits(page, WIDE["width"])


def _rich_client(live: Live) -> Any:
    """A client with a deal that moved on, notes, a document and an open task: what a client's
    timeline looks like after a few weeks of work."""
    [client] = query(live.db_url, "SELECT c.id, c.name, min(d.id) AS deal FROM client c "
                     "JOIN deal d ON d.client = c.id AND d.deleted_at IS NULL "
                     "WHERE d.stage = 'new' GROUP BY c.id, c.name ORDER BY c.id LIMIT 1")
    with _api(live) as api:
        api.patch(f"/api/records/deal/{client.deal}",
                  json={"amount": 18500, "stage": "negotiation"}).raise_for_status()
        api.post(f"/api/records/deal/{client.deal}/notes", json={
            "kind": "email", "text": "Sent the price list and delivery terms."}).raise_for_status()
        api.post(f"/api/records/client/{client.id}/notes", json={
            "kind": "meeting", "text": "Showroom visit: wants two vans by March."
        }).raise_for_status()
        due = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).strftime("%Y-%m-%dT09:00:00Z")
        api.post("/api/records/task", json={
            "title": "Confirm the delivery date", "client": client.id, "deal": client.deal,
            "due": due}).raise_for_status()
    engine = connect(live.db_url)
    try:
        with write_connection(engine) as conn, conn.begin():  # as the server writes
            model = load_model(conn)
            log_entry(conn, model, str(model.entity("deal")["id"]), client.deal, "document",
                      {"template": "proposal", "label": "Commercial proposal",
                       "files": [{"id": 1, "name": "Proposal.pdf",
                                  "content_type": "application/pdf", "size": 48_213}]},
                      user_id=None, at=dt.datetime.now(dt.UTC))
    finally:
        engine.dispose()
    return client


def test_log_a_call_on_a_client_card(browser: Browser, live: Live, watch: Watch) -> None:
    client = _rich_client(live)
    page = open_page(browser, live, watch)
    sign_in(page, *ADMIN)
    page.goto(f"/records/client/{client.id}")
    history = page.get_by_role("region", name="History")
    entries = history.locator(".timeline-entry")
    expect(entries.first).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")
    history.get_by_label("What happened").select_option(label="Call")
    history.get_by_label("What was said or done").fill("Called about the vans: ready to sign.")
    history.get_by_role("button", name="Log it").click()
    expect(entries.first).to_contain_text("Call logged by admin just now")
    expect(entries.first.locator(".timeline-text")).to_have_text(
        "Called about the vans: ready to sign.")
    expect(history.get_by_label("What was said or done")).to_have_value("")
    assert page.evaluate("window.stillTheSamePage") is True  # in place, no reload
    # Items of the client's deal say whose they are; the task can be completed from here.
    expect(history.locator(".timeline-source").first).to_contain_text("Deal: ")
    expect(history.locator(".timeline-files").get_by_role(
        "link", name="Proposal.pdf", exact=True)).to_have_attribute("href", "/files/1")
    reminders = page.locator(".reminders").get_by_role("button")
    while reminders.count():  # the demo's due tasks remind of themselves over the timeline
        reminders.first.click()
    fits(page, WIDE["width"])
    page.screenshot(path=SCREENSHOTS / "card-timeline-1280.png", full_page=True)
    # Filter by calls: only calls are left, ours first.
    history.get_by_role("link", name="Calls", exact=True).click()
    expect(history.get_by_role("link", name="Calls", exact=True)).to_have_attribute(
        "aria-current", "true")
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text("Called about the vans")
    history.get_by_role("link", name="All", exact=True).click()
    task = history.locator(".timeline-task", has_text="Confirm the delivery date")
    task.get_by_role("button", name="Complete").click()
    expect(task.locator(".task-done")).to_have_text("Done")
    expect(task.get_by_role("button", name="Complete")).to_have_count(0)
    assert page.evaluate("window.stillTheSamePage") is True
    page.set_viewport_size(NARROW)  # on a phone the timeline fits the screen
    box = history.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    page.context.close()


def test_a_save_on_the_card_shows_on_its_timeline_at_once(page: Page, live: Live) -> None:
    deal = _deal(live, "d.stage = 'proposal' AND d.amount IS NOT NULL")
    # Its own history only (`?kind=`): moving to Won makes a task, which would come first.
    page.goto(f"/records/deal/{deal.id}?kind=created,changed,stage")
    entries = page.get_by_role("region", name="History").locator(".timeline-entry")
    expect(entries.first).to_contain_text("Created by admin")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("region", name="Details").get_by_role("link", name="Edit").click()
    page.get_by_label("Amount").fill("4321")
    page.get_by_label("Stage").select_option(label="Won")
    page.get_by_role("button", name="Save").click()
    expect(entries.first).to_contain_text("Stage changed by admin")
    expect(entries.first).to_contain_text("Stage: Proposal → Won")
    expect(entries.first.locator(".timeline-lines li").first).to_have_text(
        re.compile(r"Amount: \$[\d,.]+ → \$4,321\.00"))
    assert page.evaluate("window.stillTheSamePage") is True


def test_trash_a_deal_then_undo(page: Page, live: Live) -> None:
    deal = _deal(live, "EXISTS (SELECT 1 FROM task t WHERE t.deal = d.id)")
    page.goto(f"/records/deal/{deal.id}")
    page.get_by_role("link", name="Move to trash").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Move Deal “{deal.title}” to the trash?")
    going = page.get_by_role("region", name="Going with it")
    expect(going).to_contain_text(re.compile(r"\d+ Tasks? .*go(es)? to the trash with it"))
    page.get_by_role("button", name="Move to trash").click()
    expect(page).to_have_url(re.compile(r"/records/deal\?done="))
    message = page.locator(".flash")
    expect(message).to_contain_text(f"Deal “{deal.title}” moved to the trash.")
    message.get_by_role("button", name="Undo").click()
    expect(page.locator(".flash")).to_contain_text(
        f"Deal “{deal.title}” is back from the trash.")
    page.get_by_label("Search Deals").fill(deal.title)
    page.get_by_label("Search Deals").press("Enter")
    expect(page.locator(f'#records a[href="/records/deal/{deal.id}"]')).to_be_visible()


def test_a_client_with_deals_stays_and_the_page_says_why(page: Page, live: Live) -> None:
    [client] = query(live.db_url, "SELECT c.id, c.name, count(d.id) AS deals FROM client c "
                     "JOIN deal d ON d.client = c.id AND d.deleted_at IS NULL "
                     "GROUP BY c.id, c.name HAVING count(d.id) > 1 ORDER BY c.id LIMIT 1")
    page.goto(f"/records/client/{client.id}")
    page.get_by_role("link", name="Move to trash").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Client “{client.name}” cannot go to the trash yet")
    sentence = f"{client.deals} Deals point to Client “{client.name}”:"
    expect(page.get_by_text(sentence)).to_be_visible()
    expect(page.get_by_role("button", name="Move to trash")).to_have_count(0)
    page.get_by_role("region", name="Records still point to it").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/records/deal/\d+$"))


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_search_everything_from_the_header(
    browser: Browser, live: Live, signed_in_state: Any, watch: Watch, viewport: dict[str, int]
) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    page.goto("/records/deal")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Search everything").press_sequentially("ромаш", delay=30)
    clients = page.locator("#global-results").get_by_role("region", name="Clients")
    expect(clients.get_by_role("link", name="ООО «Ромашка»", exact=True)).to_be_visible()
    expect(page.locator("#global-results").get_by_role("region", name="Deals")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True  # results as you type
    panel = page.locator("#global-results").bounding_box()
    assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= viewport["width"]
    page.screenshot(path=SCREENSHOTS / f"search-{viewport['width']}.png")
    page.keyboard.press("Escape")
    expect(page.locator("#global-results")).to_be_empty()
    page.get_by_label("Search everything").fill("ромаш")
    page.get_by_label("Search everything").press("Enter")  # the page of results
    expect(page).to_have_url(re.compile(r"/search\?q="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “ромаш”")
    fits(page, viewport["width"])
    page.get_by_role("main").get_by_role("link", name="ООО «Ромашка»", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ООО «Ромашка»")
    page.context.close()
