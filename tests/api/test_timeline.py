"""A record's timeline over HTTP: `GET /api/records/{entity}/{id}/timeline` and
`POST /api/records/{entity}/{id}/notes`, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from kartoteka.platform.templates import load_template
from kartoteka.schema_engine import connect
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import load_model
from kartoteka.schema_engine.records.changelog import log_entry
from tests.support.servers import LiveServer, MakeServer

pytestmark = pytest.mark.usefixtures("db_url")  # every test on SQLite and on PostgreSQL

ADMIN_BY = {"id": 1, "title": "admin"}


@pytest.fixture
def server(make_server: MakeServer) -> LiveServer:
    """The crm template without its automations: what the timeline holds is what a test did."""
    definition = {**load_template("crm"), "automations": []}
    return make_server(definition=definition)


def _post(api: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = api.post(path, json=body)
    assert answer.status_code in (200, 201), answer.text
    return dict(answer.json())


def _items(api: httpx.Client, entity: str, record_id: int, **params: Any) -> list[dict[str, Any]]:
    answer = api.get(f"/api/records/{entity}/{record_id}/timeline", params=params)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def _log_document(server: LiveServer, entity: str, record_id: int, *,
                  user_id: int | None) -> int:
    """A generated document on the record, logged as the documents part logs one."""
    engine = connect(server.db_url)
    try:
        with write_connection(engine) as conn, conn.begin():  # as the server writes
            model = load_model(conn)
            return log_entry(conn, model, str(model.entity(entity)["id"]), record_id,
                             "document", {"template": "proposal", "label": "Proposal",
                                          "files": [{"id": 7, "name": "proposal.pdf",
                                                     "content_type": "application/pdf",
                                                     "size": 2048}]},
                             user_id=user_id, at=dt.datetime.now(dt.UTC))
    finally:
        engine.dispose()


def _sales(api: httpx.Client) -> dict[str, dict[str, Any]]:
    """A client with a deal, two tasks (one on both, one on the deal alone), and another
    client's deal that must stay off this client's timeline."""
    client = _post(api, "/api/records/client", {"name": "Acme"})
    deal = _post(api, "/api/records/deal", {"title": "Big order", "client": client["id"]})
    other = _post(api, "/api/records/client", {"name": "Other"})
    _post(api, "/api/records/deal", {"title": "Not theirs", "client": other["id"]})
    return {"client": client, "deal": deal, "other": other}


def test_a_clients_timeline_holds_its_own_items_its_deals_and_their_tasks(
    server: LiveServer,
) -> None:
    api = server.admin()
    made = _sales(api)
    client, deal = made["client"]["id"], made["deal"]["id"]
    api.patch(f"/api/records/client/{client}", json={"city": "Oslo"}).raise_for_status()
    api.patch(f"/api/records/deal/{deal}",
              json={"amount": 1200, "stage": "proposal"}).raise_for_status()
    note = _post(api, f"/api/records/client/{client}/notes", {"kind": "note", "text": " VIP "})
    _post(api, f"/api/records/deal/{deal}/notes", {"kind": "call", "text": "Asked"})
    both = _post(api, "/api/records/task", {"title": "Send the offer", "client": client,
                                            "deal": deal, "due": "2030-01-02T09:00:00Z"})
    on_deal = _post(api, "/api/records/task", {"title": "Check stock", "deal": deal})
    _post(api, "/api/records/task", {"title": "Elsewhere", "client": made["other"]["id"]})
    document = _log_document(server, "deal", deal, user_id=None)
    api.patch(f"/api/records/task/{both['id']}", json={"done": True}).raise_for_status()

    items = _items(api, "client", client)
    big_order = {"entity": "deal", "id": deal, "title": "Big order"}
    assert [i["kind"] for i in items] == [
        "document", "record", "record", "call", "note", "stage", "changed", "changed",
        "created", "created"]
    assert all(i["by"] == ADMIN_BY for i in items[1:])
    assert items[0] == {
        "id": document, "kind": "document", "at": items[0]["at"],
        "by": {"id": None, "title": "Automation"}, "template": "proposal", "label": "Proposal",
        "files": [{"id": 7, "name": "proposal.pdf", "content_type": "application/pdf",
                   "size": 2048, "url": "/api/files/7"}],
        "source": big_order}
    assert items[0]["at"].endswith("Z")
    # The task on the deal alone comes through the deal; the one on both is the client's own.
    assert items[1]["entity"] == "task" and items[1]["record"]["id"] == on_deal["id"]
    assert items[1]["source"] == big_order
    assert items[2]["record"]["id"] == both["id"] and "source" not in items[2]
    assert items[2]["record"]["done"] is True  # the task as it is now, not as created
    assert items[2]["record"]["title"] == "Send the offer"
    assert items[2]["record"]["due"] == "2030-01-02T09:00:00Z"
    assert {k: items[3][k] for k in ("kind", "text", "source")} == {
        "kind": "call", "text": "Asked", "source": big_order}
    assert {k: items[4][k] for k in ("id", "kind", "text")} == {
        "id": note["id"], "kind": "note", "text": "VIP"}
    assert "source" not in items[4]
    stage, amount = items[5], items[6]
    assert {k: stage[k] for k in ("field", "label", "old", "new", "source")} == {
        "field": "stage", "label": "Stage", "old": "new", "new": "proposal",
        "source": big_order}
    assert {k: amount[k] for k in ("field", "label", "new")} == {
        "field": "amount", "label": "Amount", "new": 1200}
    assert stage["at"] == amount["at"]  # one save, one item per field
    assert {k: items[7][k] for k in ("kind", "field", "old", "new")} == {
        "kind": "changed", "field": "city", "old": None, "new": "Oslo"}
    assert "source" not in items[7]
    assert items[8]["source"] == big_order and "source" not in items[9]  # deal, then client
    assert len({i["id"] for i in items}) == len(items)


def test_the_deal_shows_its_tasks_and_the_task_its_own_history(server: LiveServer) -> None:
    api = server.admin()
    made = _sales(api)
    client, deal = made["client"]["id"], made["deal"]["id"]
    task = _post(api, "/api/records/task", {"title": "Call back", "client": client,
                                            "deal": deal})
    items = _items(api, "deal", deal)
    assert [i["kind"] for i in items] == ["record", "created"]
    assert "source" not in items[0]  # the task links to the deal itself
    api.patch(f"/api/records/task/{task['id']}", json={"title": "Call back today"})
    own = _items(api, "task", task["id"])
    assert [(i["kind"], i.get("field")) for i in own] == [("changed", "title"), ("created", None)]
    assert _items(api, "deal", deal)[0]["record"]["title"] == "Call back today"
    # A task in the trash is off the timelines it was on.
    api.delete(f"/api/records/task/{task['id']}").raise_for_status()
    assert [i["kind"] for i in _items(api, "deal", deal)] == ["created"]
    assert [i["kind"] for i in _items(api, "client", client)][:1] == ["created"]


def test_trash_and_restore_with_what_went_with_them(server: LiveServer) -> None:
    api = server.admin()
    made = _sales(api)
    client, deal = made["client"]["id"], made["deal"]["id"]
    task = _post(api, "/api/records/task", {"title": "Follow up", "deal": deal})
    api.delete(f"/api/records/deal/{deal}").raise_for_status()
    # A record in the trash: its history still reads (it is what people look at to restore).
    trashed = _items(api, "deal", deal)
    assert trashed[0]["kind"] == "trashed" and trashed[0]["with"] is None
    task_items = _items(api, "task", task["id"])
    assert task_items[0]["kind"] == "trashed"
    assert task_items[0]["with"] == {"entity": "deal", "id": deal, "title": "Big order"}
    api.post(f"/api/records/deal/{deal}/restore").raise_for_status()
    restored = _items(api, "task", task["id"])[0]
    assert restored["kind"] == "restored" and restored["with"]["id"] == deal
    on_client = _items(api, "client", client)
    assert [(i["kind"], i.get("source", {}).get("entity")) for i in on_client[:3]] == [
        ("restored", "deal"), ("trashed", "deal"), ("record", "deal")]
    assert on_client[0]["with"] is None and on_client[0]["by"] == ADMIN_BY


def test_pages_follow_each_other_without_duplicates(server: LiveServer) -> None:
    api = server.admin()
    made = _sales(api)
    client, deal = made["client"]["id"], made["deal"]["id"]
    for n in range(6):
        api.patch(f"/api/records/client/{client}",
                  json={"city": f"C{n}", "phone": f"+1 555 010 00{n}"}).raise_for_status()
        _post(api, f"/api/records/deal/{deal}/notes", {"kind": "email", "text": f"E{n}"})
        _post(api, "/api/records/task", {"title": f"T{n}", "client": client, "deal": deal})
    everything = _items(api, "client", client, limit=100)
    assert len(everything) == 2 + 6 * 4
    seen: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = api.get(f"/api/records/client/{client}/timeline", params=params).json()
        assert len(page["items"]) == 4 or page["next_cursor"] is None
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything
    ids = [i["id"] for i in seen]
    assert ids == sorted(set(ids), reverse=True)  # newest first, each once
    assert len(_items(api, "client", client)) == 20  # the default page


def test_the_kind_filter(server: LiveServer) -> None:
    api = server.admin()
    made = _sales(api)
    client, deal = made["client"]["id"], made["deal"]["id"]
    api.patch(f"/api/records/deal/{deal}", json={"amount": 5, "stage": "won"})
    _post(api, f"/api/records/client/{client}/notes", {"kind": "call", "text": "Rang"})
    _post(api, f"/api/records/client/{client}/notes", {"kind": "meeting", "text": "Met"})
    _post(api, f"/api/records/deal/{deal}/notes", {"kind": "call", "text": "Rang too"})
    _post(api, "/api/records/task", {"title": "Visit", "client": client})
    calls = _items(api, "client", client, kind="call")
    assert [i["text"] for i in calls] == ["Rang too", "Rang"]
    both = _items(api, "client", client, kind="call,meeting")
    assert [i["kind"] for i in both] == ["call", "meeting", "call"]
    assert [i["field"] for i in _items(api, "client", client, kind="stage")] == ["stage"]
    assert [i["field"] for i in _items(api, "client", client, kind="changed")] == ["amount"]
    assert [i["record"]["title"] for i in _items(api, "client", client, kind="record")] == [
        "Visit"]
    assert _items(api, "client", client, kind="trashed") == []
    created = _items(api, "client", client, kind="created")
    assert [i.get("source", {}).get("entity") for i in created] == ["deal", None]


def test_notes_are_checked_and_named(server: LiveServer) -> None:
    api = server.admin()
    client = _post(api, "/api/records/client", {"name": "Acme"})["id"]
    path = f"/api/records/client/{client}/notes"
    for body, fields in [
        ({"kind": "note", "text": "   "}, ["text"]),
        ({"kind": "note", "text": "x" * 10_001}, ["text"]),
        ({"kind": "fax", "text": "Sent"}, ["kind"]),
        ({"text": "Hello"}, ["kind"]),
        ({"kind": "call"}, ["text"]),
        ({"kind": "call", "text": 5}, ["text"]),
        ({"kind": "call", "text": "Hi", "when": "now"}, ["when"]),
    ]:
        answer = api.post(path, json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert [e["field"] for e in answer.json()["errors"]] == fields, answer.text
    assert "10,000" in api.post(path, json={"kind": "note", "text": "x" * 10_001}).json()[
        "detail"]
    assert api.post(path, json=[1]).status_code == 422
    assert api.post(path, content=b"{").status_code == 400
    longest = api.post(path, json={"kind": "meeting", "text": "y" * 10_000})
    assert longest.status_code == 201 and len(longest.json()["text"]) == 10_000
    assert [i["kind"] for i in _items(api, "client", client)] == ["meeting", "created"]


def test_what_is_missing_is_a_404_and_a_trashed_record_takes_no_notes(
    server: LiveServer,
) -> None:
    api = server.admin()
    client = _post(api, "/api/records/client", {"name": "Gone soon"})["id"]
    note = {"kind": "note", "text": "Hello"}
    for path in ("/api/records/nothing/1", "/api/records/client/999999",
                 "/api/records/client/abc"):
        assert api.get(f"{path}/timeline").status_code == 404, path
        assert api.post(f"{path}/notes", json=note).status_code == 404, path
    api.delete(f"/api/records/client/{client}").raise_for_status()
    refused = api.post(f"/api/records/client/{client}/notes", json=note)
    assert refused.status_code == 404 and "trash" in refused.json()["detail"]
    assert [i["kind"] for i in _items(api, "client", client)] == ["trashed", "created"]
    anonymous = server.client()
    assert anonymous.get(f"/api/records/client/{client}/timeline").status_code == 401
    assert anonymous.post(f"/api/records/client/{client}/notes", json=note).status_code == 401


def test_bad_parameters_are_named(server: LiveServer) -> None:
    api = server.user()
    client = _post(api, "/api/records/client", {"name": "Acme"})["id"]
    path = f"/api/records/client/{client}/timeline"
    for params, words in [
        ({"kind": "call,fax"}, "unknown timeline kind 'fax'"),
        ({"limit": "0"}, "limit is a whole number from 1 to 100"),
        ({"limit": "101"}, "limit is a whole number from 1 to 100"),
        ({"cursor": "abc"}, "the cursor 'abc' is not one this API gave"),
        ({"sort": "at"}, "unknown parameter 'sort'"),
    ]:
        answer = api.get(path, params=params)
        assert answer.status_code == 400, params
        assert words in answer.json()["detail"], answer.text
    assert api.get(path, params={"limit": "1"}).json()["next_cursor"] is None
