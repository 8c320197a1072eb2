"""Bulk changes from the list over plain HTTP: tick rows, change a field or trash them, all or
nothing, with the record's version."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import httpx

from tests.support.pages import csrf_of, query, visible_text
from tests.support.servers import USER, LiveServer


def _ticks(page: str, count: int) -> list[str]:
    """The values of the first `count` row checkboxes of a list page (`id:version`)."""
    found = re.findall(r'name="record" value="(\d+:\d+)"', page)
    assert len(found) >= count
    return found[:count]


def _post(client: httpx.Client, url: str, pairs: list[tuple[str, str]]) -> httpx.Response:
    """A form POST with repeated fields, as a browser sends it."""
    return client.post(url, content=urlencode(pairs),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})


def _deals(server: LiveServer, ids: list[int]) -> list[object]:
    marks = ",".join(str(i) for i in ids)
    return query(server.db_url, f"SELECT id, stage, version, deleted_at FROM deal "
                 f"WHERE id IN ({marks}) ORDER BY id")


def test_change_the_stage_of_three_deals(admin: httpx.Client, demo_server: LiveServer) -> None:
    page = admin.get("/records/deal?stage=new").text
    ticks = _ticks(page, 3)
    form = admin.get("/records/deal/bulk", params=[
        *(("record", t) for t in ticks), ("do", "change"), ("field", "stage"),
        ("back", "stage=new")])
    assert form.status_code == 200
    assert "Change 3 records" in visible_text(form.text)
    assert re.search(r'<select id="bulk-value-input" name="value">', form.text)  # the options
    answer = _post(admin, "/records/deal/bulk", [
        ("csrf_token", csrf_of(form.text)), *(("record", t) for t in ticks),
        ("do", "change"), ("field", "stage"), ("value", "won"), ("back", "stage=new")])
    assert answer.status_code == 303
    ids = [int(t.split(":")[0]) for t in ticks]
    for deal in _deals(demo_server, ids):
        assert deal.stage == "won"
    listed = admin.get(answer.headers["location"]).text
    assert "3 deals changed." in visible_text(listed)
    assert "stage=new" in answer.headers["location"]  # back to the list as it was
    history = query(demo_server.db_url, "SELECT count(DISTINCT record_id) AS n FROM kt_change "
                    f"WHERE kind = 'changed' AND new = '\"won\"' AND record_id IN "
                    f"({','.join(map(str, ids))})")
    assert history[0].n == 3  # through the engine: the change log has each change



def test_assign_two_deals_to_another_user(admin: httpx.Client, demo_server: LiveServer) -> None:
    [user] = query(demo_server.db_url, "SELECT id, name, email FROM kt_user WHERE email = :e",
                   e=USER[0])
    ticks = _ticks(admin.get("/records/deal").text, 2)
    form = admin.get("/records/deal/bulk", params=[
        *(("record", t) for t in ticks), ("do", "change"), ("field", "owner")])
    assert form.status_code == 200
    assert f'<option value="{user.id}">' in form.text  # a list of the users to pick from
    answer = _post(admin, "/records/deal/bulk", [
        ("csrf_token", csrf_of(form.text)), *(("record", t) for t in ticks),
        ("do", "change"), ("field", "owner"), ("value", str(user.id))])
    assert answer.status_code == 303
    ids = ",".join(t.split(":")[0] for t in ticks)
    owners = query(demo_server.db_url, f"SELECT owner FROM deal WHERE id IN ({ids})")
    assert [row.owner for row in owners] == [user.id, user.id]
    assert "2 deals changed." in visible_text(admin.get(answer.headers["location"]).text)


def test_one_stale_record_changes_nothing(admin: httpx.Client, demo_server: LiveServer) -> None:
    page = admin.get("/records/deal?stage=new").text
    ticks = _ticks(page, 3)
    first, version = ticks[1].split(":")
    ticks[1] = f"{first}:{int(version) - 1 if int(version) > 1 else 99}"
    before = _deals(demo_server, [int(t.split(":")[0]) for t in ticks])
    form = admin.get("/records/deal/bulk", params=[("record", t) for t in ticks]).text
    answer = _post(admin, "/records/deal/bulk", [
        ("csrf_token", csrf_of(form)), *(("record", t) for t in ticks),
        ("do", "change"), ("field", "amount"), ("value", "123")])
    assert answer.status_code == 409
    text = visible_text(answer.text)
    assert "was changed by someone else" in text and "Nothing was changed" in text
    assert _deals(demo_server, [int(t.split(":")[0]) for t in ticks]) == before
    assert 'value="123"' in answer.text  # what was typed is kept


def test_an_invalid_value_names_the_record(admin: httpx.Client, demo_server: LiveServer) -> None:
    page = admin.get("/records/deal").text
    ticks = _ticks(page, 2)
    form = admin.get("/records/deal/bulk", params=[("record", t) for t in ticks]).text
    answer = _post(admin, "/records/deal/bulk", [
        ("csrf_token", csrf_of(form)), *(("record", t) for t in ticks),
        ("do", "change"), ("field", "title"), ("value", "")])
    assert answer.status_code == 409
    assert re.search(r"Deal “[^”]+” cannot take this value: title is required",
                     visible_text(answer.text))


def test_move_deals_to_the_trash(admin: httpx.Client, demo_server: LiveServer) -> None:
    page = admin.get("/records/deal?sort=title").text
    ticks = _ticks(page, 2)
    form = admin.get("/records/deal/bulk", params=[
        *(("record", t) for t in ticks), ("do", "trash")]).text
    assert "Move 2 records to the trash" in visible_text(form)
    answer = _post(admin, "/records/deal/bulk", [
        ("csrf_token", csrf_of(form)), *(("record", t) for t in ticks), ("do", "trash")])
    assert answer.status_code == 303
    assert all(d.deleted_at is not None
               for d in _deals(demo_server, [int(t.split(":")[0]) for t in ticks]))
    assert "2 deals moved to the trash." in visible_text(admin.get(answer.headers["location"]).text)


def test_nothing_ticked_says_what_to_do(admin: httpx.Client) -> None:
    answer = admin.get("/records/deal/bulk", params={"do": "change"})
    assert answer.status_code == 400
    assert "Tick the boxes" in visible_text(answer.text)


def test_bulk_changes_need_the_csrf_token(admin: httpx.Client, demo_server: LiveServer) -> None:
    ticks = _ticks(admin.get("/records/deal").text, 1)
    answer = _post(admin, "/records/deal/bulk", [
        ("record", ticks[0]), ("do", "trash")])
    assert answer.status_code == 403
    assert _deals(demo_server, [int(ticks[0].split(":")[0])])[0].deleted_at is None


def test_a_forged_message_is_not_shown(admin: httpx.Client) -> None:
    forged = 'bulk:{"a": "trash", "e": "deal", "n": 99}'
    page = admin.get("/records/deal", params={"bulk": forged})
    assert "99 deals" not in visible_text(page.text)


def test_select_all_shown_without_javascript(admin: httpx.Client) -> None:
    page = admin.get("/records/deal?stage=won").text
    link = re.search(r'<a class="no-js" href="([^"]*)">Select all shown</a>', page)
    assert link
    ticked = admin.get(link.group(1).replace("&amp;", "&")).text
    assert len(re.findall(r'name="record" value="[\d:]+"\s+aria-labelledby="row-\d+" checked',
                          ticked)) == len(re.findall(r'name="record"', ticked)) > 0
