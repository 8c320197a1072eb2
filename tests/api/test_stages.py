"""Stage history over HTTP: `GET /api/records/{entity}/{id}/stages`, read from the change log."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select, update

from kartoteka.schema_engine import connect
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.records.changelog import CHANGES
from tests.support.servers import LiveServer

pytestmark = pytest.mark.usefixtures("db_url")  # every test on SQLite and on PostgreSQL

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _deal_moved_through(server: LiveServer, api: httpx.Client, *stages: str) -> int:
    """A deal created in `new`, then moved to each of `stages`; its change-log rows dated a
    day apart from START (created on day 0, the first move on day 1...)."""
    deal = api.post("/api/records/deal", json={"title": "Fleet renewal"}).json()
    for stage in stages:
        assert api.patch(f"/api/records/deal/{deal['id']}", json={"stage": stage}).is_success
    engine = connect(server.db_url)
    # A write transaction from the start: the server's automation worker writes meanwhile, and
    # on SQLite a read lock cannot be upgraded once another writer has committed.
    with write_connection(engine) as conn:
        ids = conn.execute(select(CHANGES.c.id).where(CHANGES.c.record_id == deal["id"])
                           .order_by(CHANGES.c.id)).scalars().all()
        for day, change_id in enumerate(ids):
            conn.execute(update(CHANGES).where(CHANGES.c.id == change_id)
                         .values(at=START + dt.timedelta(days=day)))
        conn.commit()
    engine.dispose()
    return int(deal["id"])


def test_the_stages_a_deal_went_through_skipped_ones_absent(server: LiveServer) -> None:
    api = server.user()
    deal = _deal_moved_through(server, api, "qualified", "won")  # proposal, negotiation skipped
    answer = api.get(f"/api/records/deal/{deal}/stages")
    assert answer.status_code == 200, answer.text
    history = answer.json()
    assert history["field"] == "stage"
    items = history["items"]
    assert [item["stage"] for item in items] == ["new", "qualified", "won"]
    assert [item["entered_at"] for item in items] == [
        "2026-11-02T09:00:00Z", "2026-11-03T09:00:00Z", "2026-11-04T09:00:00Z"]
    assert [item["left_at"] for item in items[:2]] == [
        "2026-11-03T09:00:00Z", "2026-11-04T09:00:00Z"]
    assert [item["seconds"] for item in items[:2]] == [86400, 86400]
    assert items[2]["left_at"] is None  # still won: its time runs until now
    assert items[2]["seconds"] >= (dt.datetime.now(dt.UTC) - START).total_seconds() - 2 * 86400 - 5


def test_a_deal_moved_back_shows_the_stage_twice(server: LiveServer) -> None:
    api = server.user()
    deal = _deal_moved_through(server, api, "proposal", "qualified", "proposal")
    stages = [i["stage"] for i in api.get(f"/api/records/deal/{deal}/stages").json()["items"]]
    assert stages == ["new", "proposal", "qualified", "proposal"]


def test_what_has_no_stages_is_said_in_words(server: LiveServer) -> None:
    api = server.user()
    client = api.post("/api/records/client", json={"name": "Acme"}).json()
    no_stage = api.get(f"/api/records/client/{client['id']}/stages")
    assert no_stage.status_code == 400
    assert no_stage.json()["detail"] == "entity 'client' has no stage field"
    deal = api.post("/api/records/deal", json={"title": "D"}).json()
    wrong = api.get(f"/api/records/deal/{deal['id']}/stages", params={"field": "title"})
    assert wrong.status_code == 400
    assert wrong.json()["detail"] == (
        "'title' is not a stage field of 'deal'; stage fields are: stage")
    assert api.get("/api/records/deal/999999/stages").status_code == 404
    assert api.delete(f"/api/records/deal/{deal['id']}").status_code == 200
    trashed = api.get(f"/api/records/deal/{deal['id']}/stages")
    assert trashed.status_code == 404 and "trash" in trashed.json()["detail"]
    assert server.client().get(f"/api/records/deal/{deal['id']}/stages").status_code == 401


def test_the_pipeline_counts_sums_times_and_how_many_went_on_to_win(server: LiveServer) -> None:
    api = server.user()
    won = _deal_moved_through(server, api, "qualified", "won")  # a day in new, a day qualified
    lost = _deal_moved_through(server, api, "proposal", "lost")  # a day in new, a day proposal
    _deal_moved_through(server, api)  # still in new
    trashed = _deal_moved_through(server, api, "won")
    assert api.delete(f"/api/records/deal/{trashed}").status_code == 200  # counts nowhere
    for deal, amount in ((won, 1200), (lost, 300)):
        assert api.patch(f"/api/records/deal/{deal}", json={"amount": amount}).is_success
    answer = api.get("/api/pipeline/deal")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["field"] == "stage"
    stages = {s["stage"]: s for s in body["stages"]}
    assert list(stages) == ["new", "qualified", "proposal", "negotiation", "won", "lost"]
    assert stages["won"]["label"] == "Won"
    assert [stages[s]["count"] for s in stages] == [1, 0, 0, 0, 1, 1]
    assert stages["won"]["sums"] == {"amount": 1200} and stages["lost"]["sums"] == {"amount": 300}
    assert stages["new"]["avg_seconds"] == 86400  # two stays ended after a day; one goes on
    assert stages["qualified"]["avg_seconds"] == 86400
    assert stages["negotiation"]["avg_seconds"] is None  # nobody entered it
    assert stages["new"]["won_share"] == round(1 / 3, 4)
    assert stages["qualified"]["won_share"] == 1.0
    assert stages["proposal"]["won_share"] == 0.0
    assert stages["negotiation"]["won_share"] is None
    wrong = api.get("/api/pipeline/client")
    assert wrong.status_code == 400 and "no stage field" in wrong.json()["detail"]
    assert api.get("/api/pipeline/nothing").status_code == 404
