"""The crm template's automation in a real browser (see tests/support/browser.py), with the
worker that `kartoteka serve` runs: a deal moved to Proposal on its card gets its commercial
proposal (HTML and PDF) and a follow-up task due in three days, and both show on the deal's
timeline and on its client's, where the PDF downloads.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from playwright.sync_api import Locator, Page, expect

from kartoteka.platform.stages import read_stage_history
from kartoteka.schema_engine import connect
from kartoteka.schema_engine.model import load_model
from tests.support.browser import Live
from tests.support.pages import query

pytestmark = pytest.mark.slow

#: How long the worker may take: the first PDF of a process loads WeasyPrint and its fonts, on
#: a machine that may be busy with other work (a deadline, not a wait: the card is polled).
WORK_SECONDS = 180


def _appears(page: Page, entries: Locator, text: str) -> Locator:
    """The timeline entry holding `text`, reloading the card until the worker has made it."""
    entry = entries.filter(has_text=text)
    deadline = time.monotonic() + WORK_SECONDS
    while not entry.count() and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        page.reload()
    expect(entry.first).to_be_visible()
    return entry.first


def _entered(live: Live, deal_id: int, stage: str) -> dt.datetime:
    """When the deal last entered `stage`, from its stage history (the change log)."""
    engine = connect(live.db_url)
    try:
        with engine.connect() as conn:
            history = read_stage_history(conn, load_model(conn), "deal", deal_id)
    finally:
        engine.dispose()
    entered = [item["entered_at"] for item in history["items"] if item["stage"] == stage][-1]
    return dt.datetime.fromisoformat(entered.replace("Z", "+00:00"))


def test_move_a_deal_to_proposal_and_see_the_task_and_the_document(
    page: Page, live: Live
) -> None:
    [deal] = query(live.db_url, "SELECT d.id, d.title, d.client, c.name AS client_name "
                   "FROM deal d JOIN client c ON c.id = d.client WHERE d.stage = 'new' "
                   "AND d.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY d.id LIMIT 1")
    page.goto(f"/records/deal/{deal.id}")
    page.get_by_role("region", name="Details").get_by_role("link", name="Edit").click()
    page.get_by_label("Stage", exact=True).select_option(label="Proposal")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("region", name="Details")).to_contain_text("Proposal")

    entries = page.get_by_role("region", name="History").locator(".timeline-entry")
    task = _appears(page, entries, "Follow up on the proposal")
    document = _appears(page, entries, "Commercial proposal")
    pdf = document.get_by_role("link", name=re.compile(r"\.pdf$"))
    expect(pdf).to_have_count(1)
    expect(document.get_by_role("link", name=re.compile(r"\.html$"))).to_have_count(1)
    [made] = query(live.db_url, "SELECT due, client FROM task WHERE deal = :deal AND title = "
                   "'Follow up on the proposal'", deal=deal.id)
    due = dt.datetime.fromisoformat(str(made.due)).replace(tzinfo=dt.UTC)
    # Three days after the move as the change log holds it, however late the worker ran (the
    # two moments are stored with different precision).
    moved = _entered(live, deal.id, "proposal")
    assert abs(due - (moved + dt.timedelta(days=3))) < dt.timedelta(seconds=1)
    assert made.client == deal.client
    expect(task.get_by_role("button", name="Complete")).to_be_visible()

    # The file is a real PDF, downloaded with the browser's session.
    answer = page.request.get(str(pdf.get_attribute("href")))
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")

    # The client's card shows both too, as the deal's.
    page.goto(f"/records/client/{deal.client}")
    history = page.get_by_role("region", name="History").locator(".timeline-entry")
    on_client = history.filter(has_text="Commercial proposal").first
    expect(on_client).to_be_visible()
    expect(on_client.locator(".timeline-source")).to_contain_text(deal.title)
    expect(history.filter(has_text="Follow up on the proposal").first).to_be_visible()
