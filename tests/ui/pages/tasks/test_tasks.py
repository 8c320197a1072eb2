"""/tasks, the badge beside "Tasks", the reminders endpoint and /account over plain HTTP (both
databases), with the clock set to noon UTC on the demo's day (its tasks are spread around it).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import time_machine

from tests.support.pages import DEMO_TODAY, XSS_NAME, SignIn, csrf_of, links, query, visible_text
from tests.support.servers import ADMIN, USER, LiveServer

NOON = dt.datetime.combine(DEMO_TODAY, dt.time(12), dt.UTC)
TONIGHT = dt.datetime.combine(DEMO_TODAY + dt.timedelta(days=1), dt.time(), dt.UTC)


@pytest.fixture
def clock() -> Iterator[None]:
    """Noon UTC on the demo's day, ticking (asked for first: sessions are signed in it)."""
    with time_machine.travel(NOON, tick=True):
        yield


@pytest.fixture
def me(clock: None, sign_in: SignIn) -> httpx.Client:
    return sign_in()


def open_tasks(server: LiveServer, before: dt.datetime | None = None) -> list[Any]:
    """The admin's open tasks (due before `before`), from the database."""
    sql = ("SELECT t.id, t.title, t.due, t.version FROM task t JOIN kt_user u ON u.id = t.assignee "
           "WHERE u.email = :email AND t.done = :no AND t.deleted_at IS NULL")
    rows = query(server.db_url, sql + " ORDER BY t.due, t.id", email=ADMIN[0], no=False)
    return [r for r in rows if before is None or (r.due and _utc(r.due) < before)]


def _utc(value: Any) -> dt.datetime:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def badge(page: str) -> int | None:
    """The figure beside "Tasks" in the sidebar; None when it is hidden."""
    found = re.search(r'<span class="task-badge"( hidden)?><span class="task-badge-count">(\d+)',
                      page)
    assert found, "the page has no task badge"
    return None if found.group(1) else int(found.group(2))


def headings(page: str) -> dict[str, int]:
    found = re.findall(r'<h2 id="tasks-[a-z_]+">(.*?) <span class="task-count">(\d+)</span>',
                       page)
    return {html.unescape(name): int(count) for name, count in found}


def done_form(page: str, task_id: int) -> dict[str, str]:
    """The fields of the Complete (or Reopen) form of a task on /tasks."""
    form = re.search(rf'action="/tasks/task/{task_id}/done".*?</form>', page, re.S)
    assert form, f"task {task_id} has no Complete form on the page"
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form.group(0)))
    return {**fields, "csrf_token": csrf_of(page)}


# ---------------------------------------------------------------- the page


def test_my_tasks_are_grouped_with_counts(me: httpx.Client, demo_server: LiveServer) -> None:
    page = me.get("/tasks")
    assert page.status_code == 200
    overdue = open_tasks(demo_server, NOON)
    today = [t for t in open_tasks(demo_server, TONIGHT) if t not in overdue]
    everything = open_tasks(demo_server)
    assert overdue and today
    assert headings(page.text) == {"Overdue": len(overdue), "Today": len(today),
                                   "Upcoming": len(everything) - len(overdue) - len(today)}
    assert badge(page.text) == len(overdue) + len(today)
    text = visible_text(page.text)
    assert "Grouped by when they are due in your time zone, UTC." in text
    # Each task's title links to its card; the soonest first.
    first = overdue[0]
    assert (f"/records/task/{first.id}", first.title) in links(page.text)
    assert text.index("Overdue") < text.index(first.title) < text.index("Today")
    assert re.search(r"Due [A-Z][a-z]{2} \d+, 2026, \d+:\d\d\s[AP]M UTC", text)


def test_a_task_shows_what_it_is_about(me: httpx.Client, demo_server: LiveServer) -> None:
    [task] = query(demo_server.db_url, "SELECT t.id, d.id AS deal, d.title AS deal_title, "
                   "c.id AS client, c.name FROM task t JOIN deal d ON d.id = t.deal "
                   "JOIN client c ON c.id = t.client WHERE t.done = :no AND t.due >= :tonight "
                   "ORDER BY t.due, t.id LIMIT 1", no=False, tonight=TONIGHT)
    page = me.get("/tasks").text
    item = re.search(rf'<li class="task" id="task-task-{task.id}">.*?</li>', page, re.S)
    assert item
    shown = links(item.group(0))
    assert (f"/records/deal/{task.deal}", task.deal_title) in shown
    assert (f"/records/client/{task.client}", task.name) in shown
    assert "Deal" in visible_text(item.group(0)) and "Client" in visible_text(item.group(0))


def test_every_page_shows_the_badge(me: httpx.Client, demo_server: LiveServer) -> None:
    due = len(open_tasks(demo_server, TONIGHT))
    for path in ("/records/client", "/records/deal", "/search?q=a"):
        page = me.get(path)
        assert page.status_code == 200
        assert badge(page.text) == due
        assert ("/tasks", f"Tasks {due} overdue or due today") in links(page.text)


def test_nothing_to_do_says_so(clock: None, sign_in: SignIn) -> None:
    page = sign_in(*USER).get("/tasks").text
    assert badge(page) is None
    text = visible_text(page)
    assert "You have no open tasks." in text
    assert "Nothing is overdue." in text and "Nothing else is due today." in text


# ---------------------------------------------------------------- completing


def test_complete_without_javascript(me: httpx.Client, demo_server: LiveServer) -> None:
    page = me.get("/tasks").text
    before = badge(page)
    task = open_tasks(demo_server, NOON)[0]
    answer = me.post(f"/tasks/task/{task.id}/done", data=done_form(page, task.id))
    assert answer.status_code == 303 and answer.headers["location"] == "/tasks"
    after = me.get("/tasks").text
    assert f"/records/task/{task.id}" not in after
    assert badge(after) == before - 1
    [row] = query(demo_server.db_url, "SELECT done, version FROM task WHERE id = :id", id=task.id)
    assert bool(row.done) and row.version == task.version + 1


def test_complete_in_place_with_htmx(me: httpx.Client, demo_server: LiveServer) -> None:
    page = me.get("/tasks").text
    before = badge(page)
    task = open_tasks(demo_server, NOON)[0]
    answer = me.post(f"/tasks/task/{task.id}/done", data=done_form(page, task.id),
                     headers={"HX-Request": "true"})
    assert answer.status_code == 200
    fragment = answer.text
    assert "<html" not in fragment and 'id="tasks"' in fragment
    assert f"“{task.title}” completed." in visible_text(fragment)
    assert f"/records/task/{task.id}\"" not in fragment
    # The badge comes along, out of band, one less.
    assert 'id="tasks-link"' in fragment and 'hx-swap-oob="true"' in fragment
    assert badge(fragment) == before - 1


def test_a_stale_page_completes_nothing(me: httpx.Client, demo_server: LiveServer,
                                        sign_in: SignIn) -> None:
    page = me.get("/tasks").text
    task = open_tasks(demo_server, NOON)[0]
    form = done_form(page, task.id)
    # Meanwhile, in another tab: completed, then opened again.
    other_tab = sign_in()
    other = other_tab.get("/tasks").text
    assert other_tab.post(f"/tasks/task/{task.id}/done",
                          data=done_form(other, task.id)).status_code == 303
    reopened = other_tab.get("/tasks?completed=1").text
    assert other_tab.post(f"/tasks/task/{task.id}/done",
                          data=done_form(reopened, task.id)).status_code == 303
    answer = me.post(f"/tasks/task/{task.id}/done", data=form)
    assert answer.status_code == 409
    assert (f"“{task.title}” was changed by someone else since this page was shown, so nothing "
            "was changed.") in visible_text(answer.text)
    [row] = query(demo_server.db_url, "SELECT done FROM task WHERE id = :id", id=task.id)
    assert not row.done
    # With htmx the groups are swapped in with the words, the task as it is now.
    again = me.post(f"/tasks/task/{task.id}/done", data=form, headers={"HX-Request": "true"})
    assert again.status_code == 200 and 'role="alert"' in again.text
    assert re.search(rf'name="version" value="{task.version + 2}"', again.text)


def test_show_completed_and_reopen(me: httpx.Client, demo_server: LiveServer) -> None:
    page = me.get("/tasks").text
    assert ("/tasks?completed=1", "Show completed") in links(page)
    task = open_tasks(demo_server, NOON)[0]
    me.post(f"/tasks/task/{task.id}/done", data={**done_form(page, task.id), "completed": "1"})
    shown = me.get("/tasks?completed=1").text
    assert ("/tasks", "Hide completed") in links(shown)
    section = shown[shown.index('id="tasks-completed"'):]
    assert task.title in visible_text(section) and "Reopen" in visible_text(section)
    reopened = me.post(f"/tasks/task/{task.id}/done", data=done_form(shown, task.id))
    assert reopened.headers["location"] == "/tasks?completed=1"
    assert (f"/records/task/{task.id}", task.title) in links(me.get("/tasks").text)


def test_refusals_in_words(me: httpx.Client, demo_server: LiveServer) -> None:
    page = me.get("/tasks").text
    task = open_tasks(demo_server, NOON)[0]
    no_token = me.post(f"/tasks/task/{task.id}/done", data={"version": str(task.version)})
    assert no_token.status_code == 403
    [client] = query(demo_server.db_url, "SELECT id FROM client ORDER BY id LIMIT 1")
    not_a_task = me.post(f"/tasks/client/{client.id}/done", data=done_form(page, task.id))
    assert not_a_task.status_code == 404
    assert "Client records are not tasks" in visible_text(not_a_task.text)
    missing = me.post("/tasks/task/99999999/done", data=done_form(page, task.id))
    assert missing.status_code == 404 and "no longer there" in visible_text(missing.text)


def test_titles_are_text(me: httpx.Client, demo_server: LiveServer) -> None:
    [admin] = query(demo_server.db_url, "SELECT id FROM kt_user WHERE email = :e", e=ADMIN[0])
    made = demo_server.admin().post("/api/records/task", json={
        "title": XSS_NAME, "due": (NOON - dt.timedelta(hours=1)).isoformat(),
        "assignee": admin.id})
    assert made.status_code == 201, made.text
    page = me.get("/tasks").text
    assert XSS_NAME not in page and html.escape(XSS_NAME, quote=False) in page
    reminders = me.get("/tasks/reminders").json()
    assert XSS_NAME in [r["title"] for r in reminders["reminders"]]


# ---------------------------------------------------------------- reminders


def test_reminders_are_tasks_that_fell_due(me: httpx.Client, demo_server: LiveServer) -> None:
    answer = me.get("/tasks/reminders")
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert body["count"] == len(open_tasks(demo_server, TONIGHT))
    fell_due = [t for t in open_tasks(demo_server, NOON)
                if _utc(t.due) > NOON - dt.timedelta(hours=24)]
    assert [r["title"] for r in body["reminders"]] == [t.title for t in fell_due]
    first = body["reminders"][0]
    assert first["url"] == f"/records/task/{fell_due[0].id}" and first["due"].endswith("UTC")
    assert first["key"].startswith(f"task-{fell_due[0].id}-")


def test_reminders_need_a_session(demo_server: LiveServer) -> None:
    with httpx.Client(base_url=demo_server.url, timeout=30) as stranger:
        answer = stranger.get("/tasks/reminders")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


# ---------------------------------------------------------------- the time zone


def test_choosing_my_time_zone(me: httpx.Client, demo_server: LiveServer) -> None:
    page = me.get("/account").text
    assert ("/account", "Your settings") in links(page)
    assert '<label for="time-zone">Time zone</label>' in page
    assert re.search(r'<option value="UTC" selected>UTC \(UTC\+00:00\)</option>', page)
    saved = me.post("/account", data={"csrf_token": csrf_of(page),
                                      "time_zone": "Europe/Chisinau"})
    assert saved.status_code == 303
    after = me.get(saved.headers["location"]).text
    assert "Saved. Dates and times are now shown in Europe/Chisinau." in visible_text(after)
    assert re.search(r'<option value="Europe/Chisinau" selected>', after)
    tasks = visible_text(me.get("/tasks").text)
    assert "in your time zone, Europe/Chisinau." in tasks
    assert re.search(r"Due [A-Z][a-z]{2} \d+, 2026, \d+:\d\d\s[AP]M EET", tasks)
    # The card shows its times there too.
    task = open_tasks(demo_server)[0]
    card = visible_text(me.get(f"/records/task/{task.id}").text)
    assert "Times are shown in Europe/Chisinau." in card and " EET" in card


def test_an_unknown_time_zone_is_refused(me: httpx.Client) -> None:
    page = me.get("/account").text
    refused = me.post("/account", data={"csrf_token": csrf_of(page), "time_zone": "Mars/Base"})
    assert refused.status_code == 422
    assert "“Mars/Base” is not a time zone this server knows." in visible_text(refused.text)
    assert 'aria-invalid="true"' in refused.text
    assert me.post("/account", data={"time_zone": "UTC"}).status_code == 403
