"""Journeys in Chromium: complete a task from /tasks (the badge beside "Tasks" drops), and a task
that falls due while the page is open shows a reminder, which stays dismissed.

The server here polls quickly: this module's `live` is the demo app served with
`reminder_poll_seconds=1` (in this process, on its own SQLite database).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Browser, Page, expect

from kartoteka import schema_engine as se
from kartoteka.app import create_app
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records.writes import create_record
from kartoteka.settings import Settings
from tests.support.browser import (
    NARROW,
    PAGE_DEADLINE,
    SCREENSHOTS,
    WIDE,
    Live,
    Watch,
    fits,
    open_page,
    sign_in,
    violations,
)
from tests.support.pages import fill_demo, query, ui_definition
from tests.support.servers import ADMIN, initialize_app, serve_in_thread


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The demo app, its pages polling for reminders every second."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('tasks') / 'demo.db'}"
    initialize_app(db_url, ui_definition())
    fill_demo(db_url, ADMIN[0])
    app = create_app(db_url, settings=Settings(reminder_poll_seconds=1))
    url, running = serve_in_thread(app)
    yield Live(url, db_url)
    running.stop()


def badge(page: Page) -> Any:
    return page.locator("#tasks-link .task-badge-count")


def due_by_tonight(live: Live) -> int:
    """The admin's open tasks due before the end of today (UTC), from the database."""
    tonight = dt.datetime.combine(dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1),
                                  dt.time(), dt.UTC)
    rows = query(live.db_url, "SELECT t.due FROM task t JOIN kt_user u ON u.id = t.assignee "
                 "WHERE u.email = :e AND t.done = 0 AND t.deleted_at IS NULL "
                 "AND t.due IS NOT NULL", e=ADMIN[0])
    return sum(1 for r in rows if dt.datetime.fromisoformat(str(r.due)).replace(
        tzinfo=dt.UTC) < tonight)


def add_task(live: Live, title: str, due: dt.datetime) -> int:
    """A task of the admin's, written while the server runs: as the server writes, taking the
    database's write lock at BEGIN (a transaction that reads first and writes later can be
    refused at once with "database is locked" when the server writes in between)."""
    [admin] = query(live.db_url, "SELECT id FROM kt_user WHERE email = :e", e=ADMIN[0])
    engine = se.connect(live.db_url)
    try:
        with write_connection(engine) as conn, conn.begin():
            stored = se.current(conn)
            model = AppModel(stored.document, stored.version, conn.dialect.name)
            record = create_record(conn, model, "task", {
                "title": title, "due": due.isoformat(), "assignee": admin.id},
                user_id=admin.id)
        return int(record["id"])
    finally:
        engine.dispose()


def test_complete_the_task_from_tasks(browser: Browser, live: Live, watch: Watch) -> None:
    page = open_page(browser, live, watch)
    sign_in(page, *ADMIN)
    due = due_by_tonight(live)
    assert due > 0
    expect(badge(page)).to_have_text(str(due))
    page.get_by_role("link", name=re.compile(r"^Tasks \d+ overdue or due today")).click()
    expect(page).to_have_url(re.compile(r"/tasks$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My tasks")
    overdue = page.locator(".task-group-overdue")
    expect(overdue.get_by_role("heading", level=2)).to_contain_text("Overdue")
    first = overdue.locator(".task").first
    title = first.locator(".task-title").inner_text()
    item_id = first.get_attribute("id")
    first.get_by_role("button", name=re.compile("^Complete")).click()
    message = page.get_by_role("status").filter(has_text=f"“{title}” completed.")
    expect(message).to_be_visible()
    expect(message).to_be_focused()
    expect(page.locator(f"#{item_id}")).to_have_count(0)
    expect(badge(page)).to_have_text(str(due - 1))
    # And it stays done: the page loaded again agrees.
    page.reload()
    expect(badge(page)).to_have_text(str(due - 1))
    page.get_by_role("link", name="Show completed").click()
    expect(page.locator(f".task-group-completed #{item_id} .task-title")).to_have_text(title)
    page.context.close()


def reminders_answer(page: Page) -> Any:
    """The page's next look for reminders, once the server has answered it (the pages of this
    module look every second): its JSON."""
    with page.expect_response(lambda answer: "/tasks/reminders" in answer.url,
                              timeout=PAGE_DEADLINE) as looked:
        pass
    return looked.value.json()


def reminded_of(answer: Any) -> list[str]:
    return [reminder["title"] for reminder in answer["reminders"]]


def test_a_task_falling_due_shows_a_reminder(page: Page, live: Live) -> None:
    page.goto("/records/client")
    region = page.locator("#reminders")
    expect(region).to_have_attribute("role", "log")
    expect(region).to_have_attribute("aria-live", "assertive")
    before = int(badge(page).inner_text())
    title = "Call Ion back at once"
    due = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    task_id = add_task(live, title, due)
    reminder = region.locator(".reminder", has_text=title)
    assert title not in reminded_of(reminders_answer(page))  # not due yet
    expect(reminder).to_have_count(0)
    # The server runs in this process: the test moves its clock, and the task falls due while
    # the page is open, whatever time a busy machine takes.
    with time_machine.travel(due + dt.timedelta(seconds=1), tick=True):
        expect(reminder).to_be_visible()
        expect(reminder.get_by_role("link", name=title)).to_have_attribute(
            "href", f"/records/task/{task_id}")
        expect(badge(page)).to_have_text(str(before + 1))
        reminder.get_by_role("button", name=f"Dismiss the reminder of {title}").click()
        expect(reminder).to_have_count(0)
        # Two more looks, the server still reminding of it: it stays dismissed in this browser.
        assert title in reminded_of(reminders_answer(page))
        reminders_answer(page)
        expect(reminder).to_have_count(0)
        page.reload()
        reminders_answer(page)  # the page loaded again has looked, twice
        reminders_answer(page)
        expect(region.locator(".reminder", has_text=title)).to_have_count(0)


@pytest.mark.parametrize(("viewport", "name"), [(WIDE, "tasks-1280.png"),
                                                (NARROW, "tasks-390.png")])
def test_tasks_screenshots(browser: Browser, live: Live, watch: Watch,
                           signed_in_state: Any, viewport: dict[str, int], name: str) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    page.goto("/tasks")
    expect(page.get_by_role("heading", level=1)).to_have_text("My tasks")
    page.wait_for_load_state("networkidle")  # the first look for reminders
    dismiss = page.locator("#reminders button")
    while dismiss.count():  # the reminders vary with the day the tests run
        dismiss.first.click()
    fits(page, viewport["width"])
    page.screenshot(path=str(SCREENSHOTS / name), full_page=False)
    page.context.close()


@pytest.mark.parametrize("viewport", [WIDE, NARROW])
@pytest.mark.parametrize("path", ["/tasks", "/tasks?completed=1", "/account"])
def test_tasks_and_settings_are_accessible(browser: Browser, live: Live, watch: Watch,
                                           signed_in_state: Any, path: str,
                                           viewport: dict[str, int]) -> None:
    page = open_page(browser, live, watch, signed_in_state, viewport)
    page.goto(path)
    page.wait_for_load_state("networkidle")  # reminders, if any, shown too
    assert violations(page) == []
    page.context.close()
