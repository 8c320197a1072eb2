"""Dates and moments at the ends of their range, seen from the farthest zones (UTC+14 and
UTC-12): every accepted value shows on every page and in every answer, values past the range
are a 422 naming the field, and those a database of an earlier release could hold (the first
and last moment Python has) still open, so that they can be fixed."""

from __future__ import annotations

import datetime as dt
from contextlib import closing

import httpx
import pytest

from tests.support.bystander import Bystander
from tests.support.pages import signed_in
from tests.support.servers import ADMIN, LiveServer
from tests.support.stored import set_time_zone, store_directly

ZONES = ["Pacific/Kiritimati", "Etc/GMT+12"]  # UTC+14 and UTC-12
#: The ends of the range a write accepts.
EDGES = ["0001-01-02T00:00:00Z", "9999-12-30T23:59:59Z"]
#: Past it, as an earlier release stored them.
OLD = [dt.datetime(1, 1, 1, tzinfo=dt.UTC), dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)]


def _answers(server: LiveServer, api: httpx.Client, paths: list[str]) -> dict[str, int]:
    with closing(signed_in(server.url, *ADMIN)) as ui:
        answers = {path: ui.get(path).status_code for path in paths}
    answers |= {path: api.get(path).status_code
                for path in ("/api/tasks", "/api/records/task?sort=due", "/api/records/deal")}
    return answers


@pytest.mark.parametrize("zone", ZONES)
def test_dates_at_the_ends_show_in_every_zone(db_url: str, server: LiveServer, zone: str) -> None:
    api = server.admin()
    with Bystander(server) as other:
        refused = api.post("/api/records/task", json={"title": "late", "due": "9999-12-31"})
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["due"]
        assert "dates run from 0001-01-02 to 9999-12-30" in refused.json()["detail"]
        edge = [api.post("/api/records/task", json={"title": f"edge {due}", "due": due})
                for due in EDGES]
        assert [a.status_code for a in edge] == [201, 201], [a.text for a in edge]
        deals = [api.post("/api/records/deal", json={"title": "far", "close_date": day})
                 for day in ("0001-01-02", "9999-12-30")]
        assert [a.status_code for a in deals] == [201, 201]
        old = store_directly(server.db_url, "task", [
            {"title": "old", "due": moment, "assignee": 1, "done": False} for moment in OLD])
        store_directly(server.db_url, "deal", [
            {"title": "old", "stage": "new", "close_date": moment.date()} for moment in OLD])
        set_time_zone(server.db_url, ADMIN[0], zone)
        tasks = [a.json()["id"] for a in edge] + old
        cards = [f"/records/task/{i}" for i in tasks] + [f"/records/task/{i}/edit" for i in tasks]
        paths = ["/tasks", "/records/task", "/records/task?sort=-due", "/records/deal",
                 "/records/deal/board", *cards]
        answers = _answers(server, api, paths)
        assert answers == dict.fromkeys(answers, 200), answers
        with closing(signed_in(server.url, *ADMIN)) as ui:
            card = ui.get(f"/records/task/{tasks[1]}").text
        assert '<time datetime="9999-12-30T23:59:59+00:00">' in card
        shown = "Dec 31, 9999" if zone == "Pacific/Kiritimati" else "Dec 30, 9999"
        assert shown in card
    other.assert_served()
