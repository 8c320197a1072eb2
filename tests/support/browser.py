"""Browser test support: Chromium (Debian's) driven by Playwright against a real `kartoteka serve`
process on a demo database (SQLite). The fixtures (`live`, `browser`, `signed_in_state`,
`watch`, `page`) are in tests/browser/conftest.py, scoped per test module: each journey module
gets its own server and database, so that one module's changes (a new field, a new entity) stay
its own.

Every page the tests open is watched for JavaScript errors, console errors (a refused script or
style breaks the Content-Security-Policy and shows there) and alert dialogs: any of them fails
the test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, expect, sync_playwright

from tests.support.pages import fill_demo, ui_definition
from tests.support.servers import ADMIN, free_port, initialize_app, wait_until_up

CHROMIUM = "/usr/bin/chromium"
KARTOTEKA = str(Path(sys.executable).parent / "kartoteka")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDE, NARROW = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: How long a page's action or an expect(...) may wait for its condition (milliseconds): a
#: deadline generous enough for a busy machine, which costs nothing when the page is quick.
PAGE_DEADLINE = 30_000


@dataclass
class Live:
    url: str
    db_url: str


def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """`kartoteka serve` on a fresh demo database, for the whole module."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('journeys') / 'demo.db'}"
    initialize_app(db_url, ui_definition())
    fill_demo(db_url, ADMIN[0])
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "KARTOTEKA_DATABASE_URL"}
    # The server's output goes to a file: a pipe nobody reads fills up after 64 KiB, and the
    # server (its automation worker logging a retry, say) would then hang writing to it.
    log = tmp_path_factory.mktemp("journeys-log") / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [KARTOTEKA, "serve", "--db", db_url, "--port", str(port)], env=environment,
            stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, running=lambda: process.poll() is None)
        yield Live(url, db_url)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def chromium() -> Iterator[Browser]:
    expect.set_options(timeout=PAGE_DEADLINE)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        # --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Watch:
    """What went wrong in a page that a person would notice (or that breaks a page)."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("pageerror", lambda error: self._add(f"script error: {error}"))
        page.on("console", self._console)
        page.on("response", self._response)
        page.on("dialog", lambda dialog: (self._add(f"dialog: {dialog.message}"),
                                          dialog.dismiss()))

    def _add(self, problem: str) -> None:
        self.problems.append(problem)

    def _console(self, message: ConsoleMessage) -> None:
        # A page answered 401 or 404 on purpose is logged as a failed load: responses say more.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self._add(f"console: {message.text}")

    def _response(self, response: Response) -> None:
        """A script, style, icon or htmx request that failed (pages may answer 4xx)."""
        if response.status >= 400 and response.request.resource_type != "document":
            self._add(f"{response.status} for {response.url}")


def signed_in_cookies(browser: Browser, live: Live) -> Any:
    """The cookies of a signed-in admin, so that most tests start signed in."""
    context = browser.new_context(base_url=live.url)
    page = context.new_page()
    sign_in(page, *ADMIN)
    state = context.storage_state()
    context.close()
    return state


def open_page(browser: Browser, live: Live, watch: Watch, state: Any = None,
              viewport: dict[str, int] = WIDE) -> Page:
    context = browser.new_context(base_url=live.url, viewport=viewport,  # type: ignore[arg-type]
                                  storage_state=state)
    context.set_default_timeout(PAGE_DEADLINE)
    page = context.new_page()
    watch.attach(page)
    return page


def watching() -> Iterator[Watch]:
    """A Watch that must have seen no problem by the end of the test."""
    seen = Watch()
    yield seen
    assert seen.problems == [], seen.problems


def signed_in_page(browser: Browser, live: Live, signed_in_state: Any,
                   watch: Watch) -> Iterator[Page]:
    opened = open_page(browser, live, watch, signed_in_state)
    yield opened
    opened.context.close()


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def list_rows(page: Page) -> Any:
    return page.locator("#records tbody tr:not(.more)")


def fits(page: Page, width: int) -> None:
    """Nothing wider than the screen: wide tables scroll inside their own box."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def dismiss_reminders(page: Page) -> None:
    """Dismiss the task reminders shown now (the demo's due tasks are not what a screenshot
    shows), each time waiting until the page has taken that reminder away (another waiting one
    may take its place: a dismissed one never comes back in this browser)."""
    shown = page.locator("#reminders .reminder")
    while shown.count():
        key = shown.first.get_attribute("data-key")
        shown.first.get_by_role("button", name="Dismiss").press("Enter")
        expect(page.locator(f'#reminders .reminder[data-key="{key}"]')).to_have_count(0)


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is now, one line per element."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make setup` installs the npm packages")
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy stays as it is.
    page.evaluate(AXE.read_text())
    found: list[dict[str, Any]] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(result => result.violations)", WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
            for v in found for node in v["nodes"]]
