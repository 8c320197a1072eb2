"""Moments typed in the user's time zone over plain HTTP, on both databases: the record forms
(edit and new), the filter builder and bulk changes read what people type as local times in
their zone and store UTC; daylight saving's skipped hour is refused in words, a repeated hour is
taken at its first occurrence.

Europe/Chisinau is UTC+2 in winter and UTC+3 in summer; in 2026 its clocks go forward on
March 29 at 02:00 (02:00-03:00 does not happen) and back on October 25 at 03:00 (02:00-03:00
happens twice).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from tests.support.forms import (
    apply_plan,
    definition,
    edit_pairs,
    error_of,
    field,
    form_of,
    plan,
    tag,
    value_of,
)
from tests.support.pages import csrf_of, query, row_titles, visible_text
from tests.support.servers import LiveServer

ZONE = "Europe/Chisinau"


@pytest.fixture
def chisinau(admin: httpx.Client) -> httpx.Client:
    """The admin, living in Chisinau (chosen at /account, as people do)."""
    page = admin.get("/account").text
    saved = admin.post("/account", data={"csrf_token": csrf_of(page), "time_zone": ZONE})
    assert saved.status_code == 303
    return admin


def stored_due(server: LiveServer, task_id: int) -> dt.datetime | None:
    """A task's due as the database holds it, in UTC."""
    [row] = query(server.db_url, "SELECT due FROM task WHERE id = :id", id=task_id)
    if row.due is None:
        return None
    moment = row.due if isinstance(row.due, dt.datetime) else dt.datetime.fromisoformat(
        str(row.due))
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)  # type: ignore[misc]


def save_due(client: httpx.Client, task_id: int, due: str) -> httpx.Response:
    sent = edit_pairs(client.get(f"/records/task/{task_id}/edit").text)
    return client.post(f"/records/task/{task_id}", data={**sent, "due": due})


def new_task(client: httpx.Client, title: str, due: str) -> httpx.Response:
    page = client.get("/records/task/new").text
    return client.post("/records/task/new", data={"csrf_token": csrf_of(page), "title": title,
                                                  "due": due, "done": "false"})


def task_id_of(answer: httpx.Response) -> int:
    assert answer.status_code == 303, visible_text(answer.text)
    return int(answer.headers["location"].rsplit("/", 1)[1])


# ---------------------------------------------------------------- the record form


def test_a_due_typed_in_chisinau_is_stored_in_utc_and_shown_back(
    chisinau: httpx.Client, demo_server: LiveServer
) -> None:
    form = form_of(chisinau.get("/records/task/1/edit").text)
    assert "Date and time in Europe/Chisinau." in visible_text(form)
    assert "UTC" not in visible_text(form)
    assert save_due(chisinau, 1, "2026-03-10T18:00").status_code == 303
    assert stored_due(demo_server, 1) == utc(2026, 3, 10, 16, 0)
    again = form_of(chisinau.get("/records/task/1/edit").text)
    assert value_of(again, "due") == "2026-03-10T18:00"
    card = visible_text(chisinau.get("/records/task/1").text)
    assert re.search(r"Mar 10, 2026, 6:00\s?PM EET", card)


def test_summer_time_is_three_hours_ahead(chisinau: httpx.Client,
                                          demo_server: LiveServer) -> None:
    assert save_due(chisinau, 1, "2026-07-01T09:30").status_code == 303
    assert stored_due(demo_server, 1) == utc(2026, 7, 1, 6, 30)
    assert value_of(form_of(chisinau.get("/records/task/1/edit").text), "due") == \
        "2026-07-01T09:30"


def test_a_utc_user_types_utc(admin: httpx.Client, demo_server: LiveServer) -> None:
    form = form_of(admin.get("/records/task/1/edit").text)
    assert "Date and time in UTC." in visible_text(form)
    assert save_due(admin, 1, "2026-03-10T18:00").status_code == 303
    assert stored_due(demo_server, 1) == utc(2026, 3, 10, 18, 0)
    assert value_of(form_of(admin.get("/records/task/1/edit").text), "due") == "2026-03-10T18:00"


def test_a_time_the_clocks_skip_is_refused_in_words_with_the_input_kept(
    chisinau: httpx.Client, demo_server: LiveServer
) -> None:
    before = stored_due(demo_server, 1)
    answer = save_due(chisinau, 1, "2026-03-29T02:30")
    assert answer.status_code == 422
    assert error_of(answer.text, "due") == (
        "There is no 2:30 AM on March 29, 2026 in Europe/Chisinau: the clocks go forward "
        "then. Enter a time before or after the change.")
    assert value_of(form_of(answer.text), "due") == "2026-03-29T02:30"
    assert 'aria-invalid="true"' in tag(form_of(answer.text), "due")
    assert stored_due(demo_server, 1) == before  # nothing saved
    # Just after the jump is fine: 03:00 summer time is 00:00 UTC.
    assert save_due(chisinau, 1, "2026-03-29T03:00").status_code == 303
    assert stored_due(demo_server, 1) == utc(2026, 3, 29, 0, 0)


def test_a_repeated_time_is_its_first_occurrence(chisinau: httpx.Client,
                                                 demo_server: LiveServer) -> None:
    assert save_due(chisinau, 1, "2026-10-25T02:30").status_code == 303
    assert stored_due(demo_server, 1) == utc(2026, 10, 24, 23, 30)  # still summer time (+3)


def test_a_new_task_is_due_in_my_zone(chisinau: httpx.Client, demo_server: LiveServer) -> None:
    page = chisinau.get("/records/task/new").text
    assert "Date and time in Europe/Chisinau." in visible_text(form_of(page))
    task_id = task_id_of(new_task(chisinau, "Call back in Chisinau", "2026-03-10T18:00"))
    assert stored_due(demo_server, task_id) == utc(2026, 3, 10, 16, 0)
    refused = new_task(chisinau, "Never made", "2026-03-29T02:00")
    assert refused.status_code == 422
    assert "the clocks go forward then" in error_of(refused.text, "due")
    assert value_of(form_of(refused.text), "title") == "Never made"
    assert not query(demo_server.db_url, "SELECT id FROM task WHERE title = 'Never made'")


def test_other_errors_still_come_with_the_moment_converted(
    chisinau: httpx.Client, demo_server: LiveServer
) -> None:
    page = chisinau.get("/records/task/new").text
    answer = chisinau.post("/records/task/new", data={
        "csrf_token": csrf_of(page), "title": "", "due": "2026-03-10T18:00"})
    assert answer.status_code == 422
    assert error_of(answer.text, "title") == "This is required: fill it in."
    assert value_of(form_of(answer.text), "due") == "2026-03-10T18:00"  # as typed, not UTC


# ---------------------------------------------------------------- the filter builder


def _due_tasks(client: httpx.Client) -> tuple[int, int]:
    """Two tasks due on March 10: at 17:30 and at 18:30 in Chisinau."""
    early = task_id_of(new_task(client, "Zone early", "2026-03-10T17:30"))
    late = task_id_of(new_task(client, "Zone late", "2026-03-10T18:30"))
    return early, late


def test_due_before_six_means_six_where_i_am(chisinau: httpx.Client,
                                             demo_server: LiveServer) -> None:
    _due_tasks(chisinau)
    builder = chisinau.get("/records/task/filter", params=[("c0.field", "due"),
                                                           ("c0.op", "lt")]).text
    assert "Date and time in Europe/Chisinau" in visible_text(builder)
    applied = chisinau.get("/records/task/filter", params=[
        ("c0.field", "due"), ("c0.op", "lt"), ("c0.value", "2026-03-10T18:00"),
        ("c1.field", "due"), ("c1.op", "gte"), ("c1.value", "2026-03-10T00:00"),
        ("apply", "1")])
    assert applied.status_code == 303
    params = parse_qsl(urlsplit(applied.headers["location"]).query)
    assert ("due__lt", "2026-03-10T16:00:00Z") in params  # the address holds UTC
    assert ("due__gte", "2026-03-09T22:00:00Z") in params
    listed = chisinau.get(applied.headers["location"]).text
    assert row_titles(listed) == ["Zone early"]
    # The builder shows the times as typed, the list says them in words in my zone.
    assert 'name="c0.value" value="2026-03-10T18:00"' in listed
    assert re.search(r"Due is before Mar 10, 2026, 6:00\s?PM EET", visible_text(listed))


def test_a_utc_user_filters_in_utc(admin: httpx.Client) -> None:
    _due_tasks(admin)  # 17:30 and 18:30 UTC for this user
    applied = admin.get("/records/task/filter", params=[
        ("c0.field", "due"), ("c0.op", "lt"), ("c0.value", "2026-03-10T18:00"),
        ("c1.field", "due"), ("c1.op", "gte"), ("c1.value", "2026-03-10T00:00"),
        ("apply", "1")])
    assert ("due__lt", "2026-03-10T18:00:00Z") in parse_qsl(
        urlsplit(applied.headers["location"]).query)
    assert row_titles(admin.get(applied.headers["location"]).text) == ["Zone early"]


def test_a_filter_in_the_skipped_hour_starts_at_the_jump(chisinau: httpx.Client) -> None:
    applied = chisinau.get("/records/task/filter", params=[
        ("c0.field", "due"), ("c0.op", "lt"), ("c0.value", "2026-03-29T02:30"),
        ("apply", "1")])
    assert applied.status_code == 303
    assert ("due__lt", "2026-03-29T00:00:00Z") in parse_qsl(
        urlsplit(applied.headers["location"]).query)


# ---------------------------------------------------------------- bulk changes


def _bulk(client: httpx.Client, task_id: int, value: str) -> httpx.Response:
    form = client.get("/records/task/bulk", params=[("record", str(task_id)), ("do", "change"),
                                                    ("field", "due")]).text
    assert "Date and time in Europe/Chisinau" in visible_text(form)
    assert re.search(r'<input type="datetime-local" id="bulk-value-input"', form)
    return client.post("/records/task/bulk", data={
        "csrf_token": csrf_of(form), "record": str(task_id), "do": "change",
        "field": "due", "value": value})


def test_a_bulk_change_of_due_is_typed_in_my_zone(chisinau: httpx.Client,
                                                  demo_server: LiveServer) -> None:
    assert _bulk(chisinau, 1, "2026-03-10T18:00").status_code == 303
    assert stored_due(demo_server, 1) == utc(2026, 3, 10, 16, 0)
    refused = _bulk(chisinau, 1, "2026-03-29T02:30")
    assert refused.status_code == 422
    assert "There is no 2:30 AM on March 29, 2026 in Europe/Chisinau" in visible_text(
        refused.text)
    assert 'value="2026-03-29T02:30"' in refused.text  # kept
    assert stored_due(demo_server, 1) == utc(2026, 3, 10, 16, 0)


# ---------------------------------------------------------------- the schema builder


def test_a_datetime_default_is_typed_and_shown_in_the_admins_zone(
    chisinau: httpx.Client, demo_server: LiveServer,
) -> None:
    form_page = "/schema/entities/task/fields/new?type=datetime"
    assert f"in your time zone, {ZONE}" in visible_text(chisinau.get(form_page).text)
    page = plan(chisinau, form_page, {"label": "Starts", "name": "starts",
                                      "default": "2026-12-01T09:00"}, form_page)
    assert apply_plan(chisinau, page.text).status_code == 303
    stored = field(definition(demo_server), "task", "starts")
    assert stored is not None and stored["default"] == "2026-12-01T07:00:00Z"  # UTC+2
    shown = visible_text(chisinau.get("/schema/entities/task").text)
    assert "default Dec 1, 2026, 9:00 AM EET" in shown
    edit = chisinau.get("/schema/entities/task/fields/starts/edit").text
    assert value_of(edit, "default") == "2026-12-01T09:00"
