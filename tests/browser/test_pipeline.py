"""The pipeline page in Chromium (see tests/support/browser.py), reached from the board.
Screenshot: pipeline-1280 in docs/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import SCREENSHOTS, dismiss_reminders


@pytest.mark.slow
def test_the_pipeline_in_a_browser(page: Page) -> None:
    page.goto("/records/deal/board")
    page.get_by_role("link", name="Pipeline figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deals pipeline")
    expect(page.get_by_role("row", name=re.compile("^Won"))).to_contain_text("100%")
    dismiss_reminders(page)
    page.screenshot(path=SCREENSHOTS / "pipeline-1280.png", full_page=True)
