"""Records over HTTP: create, list, read, edit with ETag/If-Match, trash, restore, batch."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from kartoteka.schema_engine import connect
from kartoteka.schema_engine.statistics import SMALL
from tests.support.servers import ADMIN, LiveServer
from tests.support.waiting import wait_for

pytestmark = pytest.mark.usefixtures("db_url")  # every test on SQLite and on PostgreSQL

SYSTEM = {"id", "created_at", "updated_at", "created_by", "updated_by", "owner", "version",
          "deleted_at"}


@pytest.fixture
def api(server: LiveServer) -> httpx.Client:
    return server.user()


def create(api: httpx.Client, entity: str, **values: Any) -> dict[str, Any]:
    answer = api.post(f"/api/records/{entity}", json=values)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_a_created_record_has_every_field_and_its_version_as_etag(api: httpx.Client) -> None:
    answer = api.post("/api/records/client", json={"name": "Acme", "city": "Paris"})
    assert answer.status_code == 201
    record = answer.json()
    assert set(record) == SYSTEM | {"name", "email", "phone", "city", "status"}
    assert record["email"] is None and record["status"] == "lead" and record["version"] == 1
    assert record["created_by"]["id"] and record["deleted_at"] is None
    assert record["created_at"].endswith("Z")
    read = api.get(f"/api/records/client/{record['id']}")
    assert read.status_code == 200 and read.json() == record
    assert read.headers["etag"] == '"1"'


def test_links_are_read_as_id_and_title(api: httpx.Client) -> None:
    client = create(api, "client", name="Acme")
    deal = create(api, "deal", title="Big one", amount=1234.5, client=client["id"])
    assert deal["client"] == {"id": client["id"], "title": "Acme"}
    assert deal["amount"] == 1234.5 and deal["stage"] == "new"


def test_if_match_guards_changes_and_a_stale_one_gets_the_current_record(
    api: httpx.Client,
) -> None:
    record = create(api, "client", name="Acme")
    path = f"/api/records/client/{record['id']}"
    changed = api.patch(path, json={"city": "Lyon"}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200
    assert changed.json()["city"] == "Lyon" and changed.json()["version"] == 2
    assert changed.headers["etag"] == '"2"'
    stale = api.patch(path, json={"city": "Nice"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json()["detail"] and stale.json()["record"]["city"] == "Lyon"
    assert api.patch(path, json={"city": "Nice"}, headers={"If-Match": "2"}).status_code == 200
    assert api.patch(path, json={"city": "Metz"}).json()["version"] == 4  # last write wins
    assert api.delete(path, headers={"If-Match": '"3"'}).status_code == 412
    assert api.get(path).json()["city"] == "Metz"


def test_trash_then_restore(api: httpx.Client) -> None:
    record = create(api, "client", name="Acme")
    path = f"/api/records/client/{record['id']}"
    trashed = api.delete(path)
    assert trashed.status_code == 200
    assert trashed.json()["id"] == record["id"] and trashed.json()["deleted_at"]
    for answer in (api.get(path), api.patch(path, json={"city": "Lyon"})):
        assert answer.status_code == 404
        assert "trash" in answer.json()["detail"]
    listed = api.get("/api/records/client", params={"trashed": "true"}).json()["items"]
    assert [r["id"] for r in listed] == [record["id"]]
    restored = api.post(f"{path}/restore")
    assert restored.status_code == 200 and restored.json()["deleted_at"] is None
    assert api.get(path).json()["name"] == "Acme"


def test_a_linked_record_cannot_be_trashed_while_restrict_says_so(api: httpx.Client) -> None:
    client = create(api, "client", name="Acme")
    create(api, "deal", title="Big one", client=client["id"])
    answer = api.delete(f"/api/records/client/{client['id']}")
    assert answer.status_code == 409
    assert "deal" in answer.json()["detail"]


def test_invalid_values_are_a_422_with_every_error(api: httpx.Client) -> None:
    answer = api.post("/api/records/deal", json={"amount": "lots", "stage": "dreaming"})
    assert answer.status_code == 422
    fields = {e["field"] for e in answer.json()["errors"]}
    assert {"title", "amount", "stage"} <= fields


def test_a_unique_violation_is_a_422_on_that_field(api: httpx.Client) -> None:
    create(api, "client", name="Acme", email="info@acme.test")
    answer = api.post("/api/records/client", json={"name": "Copy", "email": "info@acme.test"})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["email"]


def test_batch_creates_all_rows_or_none(api: httpx.Client) -> None:
    rows = [{"title": f"Deal {i}", "amount": i * 100} for i in range(5)]
    answer = api.post("/api/records/deal/batch", json={"create": rows})
    assert answer.status_code == 201
    ids = answer.json()["ids"]
    assert len(ids) == 5 and ids == sorted(ids)
    assert api.get(f"/api/records/deal/{ids[3]}").json()["title"] == "Deal 3"
    bad = api.post("/api/records/deal/batch",
                   json={"create": [{"title": "ok"}, {"title": "x", "amount": "lots"}]})
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["create[1].amount"]
    listed = api.get("/api/records/deal", params={"count": "true"}).json()
    assert listed["count"] == 5


@pytest.mark.parametrize(("body", "field"), [
    ({}, "create"),
    ({"create": {"title": "x"}}, "create"),
    ({"create": [{"title": "x"}, 5]}, "create[1]"),
    ({"create": [], "update": []}, "update"),
    ({"create": [{}] * 10_001}, "create"),
])
def test_a_batch_body_of_the_wrong_shape_is_a_422(
    api: httpx.Client, body: dict[str, Any], field: str
) -> None:
    answer = api.post("/api/records/deal/batch", json=body)
    assert answer.status_code == 422
    assert field in [e["field"] for e in answer.json()["errors"]]


def test_list_filters_sorts_counts_and_pages(api: httpx.Client) -> None:
    for i, stage in enumerate(["new", "won", "won", "lost", "won"]):
        create(api, "deal", title=f"Deal {i}", amount=1000 * (i + 1), stage=stage)
    won = api.get("/api/records/deal",
                  params={"stage": "won", "amount__gt": "2500", "sort": "-amount",
                          "count": "true"}).json()
    assert [r["title"] for r in won["items"]] == ["Deal 4", "Deal 2"]
    assert won["count"] == 2 and won["next_cursor"] is None
    first = api.get("/api/records/deal", params={"sort": "amount", "limit": "2"}).json()
    assert first["count"] is None and first["next_cursor"]
    second = api.get("/api/records/deal", params={"sort": "amount", "limit": "2",
                                                  "cursor": first["next_cursor"]}).json()
    assert [r["title"] for r in first["items"] + second["items"]] == [
        "Deal 0", "Deal 1", "Deal 2", "Deal 3"]


def test_query_takes_json_filters_and_groups(api: httpx.Client) -> None:
    for i, stage in enumerate(["new", "won", "won", "lost"]):
        create(api, "deal", title=f"Deal {i}", amount=100 * (i + 1), stage=stage)
    found = api.post("/api/records/deal/query", json={
        "filter": {"or": [{"field": "stage", "op": "eq", "value": "lost"},
                          {"and": [{"field": "stage", "op": "eq", "value": "won"},
                                   {"field": "amount", "op": "gt", "value": 250}]}]},
        "sort": ["-amount"],
    })
    assert found.status_code == 200, found.text
    assert [r["title"] for r in found.json()["items"]] == ["Deal 3", "Deal 2"]
    grouped = api.post("/api/records/deal/query",
                       json={"group_by": "stage", "aggregate": {"amount": "sum"}}).json()
    by_stage = {g["key"]: g for g in grouped["groups"]}
    assert by_stage["won"]["count"] == 2 and by_stage["won"]["amount_sum"] == 500
    assert by_stage["proposal"]["count"] == 0


def test_records_remember_who_wrote_them(server: LiveServer) -> None:
    admin = server.admin()
    record = create(admin, "client", name="Acme")
    assert record["created_by"]["title"] in (ADMIN[0], ADMIN[0].split("@")[0])


def test_a_big_batch_leaves_statistics_for_sqlites_planner(
    api: httpx.Client, server: LiveServer
) -> None:
    """After the answer, a table grown past the small size is measured (ANALYZE) on SQLite, so
    that the planner knows which index narrows a filter; PostgreSQL measures by itself."""
    rows = [{"title": f"Deal {i}", "stage": ("new", "won")[i % 2]} for i in range(SMALL + 10)]
    assert api.post("/api/records/deal/batch", json={"create": rows}).status_code == 201
    if not server.db_url.startswith("sqlite"):
        return
    engine = connect(server.db_url)
    try:
        assert wait_for(lambda: measured(engine, "deal")), "the table was never measured"
    finally:
        engine.dispose()


def measured(engine: Engine, table: str) -> bool:
    with engine.connect() as conn:
        stats = text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not conn.execute(stats).first():
            return False
        found = conn.execute(text("SELECT 1 FROM sqlite_stat1 WHERE tbl = :t"), {"t": table})
        return found.first() is not None
