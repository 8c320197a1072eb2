"""The app definition over HTTP: read, plan, apply with base_version, history."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest

from tests.support.servers import ADMIN, LiveServer

pytestmark = pytest.mark.usefixtures("db_url")  # every test on SQLite and on PostgreSQL


def entity(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in doc["entities"] if e["name"] == name)


def field(doc: dict[str, Any], entity_name: str, name: str) -> dict[str, Any]:
    return next(f for f in entity(doc, entity_name)["fields"] if f["name"] == name)


def current(client: httpx.Client) -> tuple[int, dict[str, Any]]:
    body = client.get("/api/schema").json()
    return body["version"], body["definition"]


def with_field(doc: dict[str, Any], entity_name: str, new: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(doc)
    entity(changed, entity_name)["fields"].append(new)
    return changed


def test_get_schema_gives_the_version_and_the_definition_with_ids(server: LiveServer) -> None:
    version, doc = current(server.user())
    assert version == 1
    assert [e["name"] for e in doc["entities"]] == ["client", "deal", "task"]
    assert all("id" in f for e in doc["entities"] for f in e["fields"])


def test_plan_measures_the_change_and_changes_nothing(server: LiveServer) -> None:
    admin = server.admin()
    _, doc = current(admin)
    changed = with_field(doc, "client", {"name": "vat_number", "type": "text"})
    field(changed, "deal", "title")["required"] = True
    answer = admin.post("/api/schema/plan", json={"definition": changed})
    assert answer.status_code == 200
    plan = answer.json()
    assert set(plan) == {"operations", "problems", "warnings"}
    added = [op for op in plan["operations"] if op["op"] == "add_field"]
    assert [(op["entity"], op["field"]) for op in added] == [("client", "vat_number")]
    assert current(admin)[0] == 1


def test_apply_adds_a_field_that_the_very_next_request_can_use(server: LiveServer) -> None:
    admin = server.admin()
    version, doc = current(admin)
    changed = with_field(doc, "client", {"name": "vat_number", "type": "text"})
    answer = admin.put("/api/schema", json={"definition": changed, "base_version": version})
    assert answer.status_code == 200
    body = answer.json()
    assert body["version"] == 2
    assert field(body["definition"], "client", "vat_number")["id"]
    assert admin.get("/api/schema").json() == body
    created = admin.post("/api/records/client", json={"name": "Acme", "vat_number": "FR123"})
    assert created.status_code == 201, created.text
    assert created.json()["vat_number"] == "FR123"


def test_an_unchanged_definition_keeps_its_version(server: LiveServer) -> None:
    admin = server.admin()
    version, doc = current(admin)
    answer = admin.put("/api/schema", json={"definition": doc, "base_version": version})
    assert answer.status_code == 200
    assert answer.json() == {"version": 1, "definition": doc}
    assert len(admin.get("/api/schema/history").json()["items"]) == 1


def test_a_stale_base_version_is_a_409_and_changes_nothing(server: LiveServer) -> None:
    admin = server.admin()
    _, doc = current(admin)
    first = with_field(doc, "client", {"name": "vat_number", "type": "text"})
    assert admin.put("/api/schema", json={"definition": first, "base_version": 1}).is_success
    second = with_field(doc, "deal", {"name": "source", "type": "text"})
    answer = admin.put("/api/schema", json={"definition": second, "base_version": 1})
    assert answer.status_code == 409
    assert "version 2" in answer.json()["detail"]
    version, now = current(admin)
    assert version == 2 and "source" not in [f["name"] for f in entity(now, "deal")["fields"]]


def test_an_invalid_definition_is_a_422_with_every_problem_at_its_path(
    server: LiveServer,
) -> None:
    admin = server.admin()
    _, doc = current(admin)
    bad = copy.deepcopy(doc)
    field(bad, "client", "city")["type"] = "txt"
    field(bad, "deal", "title")["name"] = "select"
    answer = admin.put("/api/schema", json={"definition": bad, "base_version": 1})
    assert answer.status_code == 422
    paths = {e["field"] for e in answer.json()["errors"]}
    assert {"$.entities[0].fields[3].type", "$.entities[1].fields[0].name"} <= paths
    assert all(e["message"] for e in answer.json()["errors"])
    assert current(admin)[0] == 1
    planned = admin.post("/api/schema/plan", json={"definition": bad})
    assert planned.status_code == 422 and planned.json()["errors"] == answer.json()["errors"]


def test_a_change_that_would_lose_data_is_refused_unless_asked_to_clear(
    server: LiveServer,
) -> None:
    admin = server.admin()
    assert admin.post("/api/records/client", json={"name": "Acme", "city": "Paris"}).is_success
    _, doc = current(admin)
    retyped = copy.deepcopy(doc)
    field(retyped, "client", "city")["type"] = "integer"
    refused = admin.put("/api/schema", json={"definition": retyped, "base_version": 1})
    assert refused.status_code == 422
    body = refused.json()
    assert body["errors"][0]["field"] == "client.city" and "Paris" in body["errors"][0]["message"]
    assert body["plan"]["problems"][0]["count"] == 1
    assert current(admin)[0] == 1
    cleared = admin.put("/api/schema", json={"definition": retyped, "base_version": 1,
                                             "on_bad_values": "clear"})
    assert cleared.status_code == 200 and cleared.json()["version"] == 2


@pytest.mark.parametrize(("body", "fields"), [
    ({"definition": {"entities": []}}, ["base_version"]),
    ({"base_version": 1}, ["definition"]),
    ({"definition": [], "base_version": "1", "on_bad_values": "drop"},
     ["definition", "base_version", "on_bad_values"]),
    ({"definition": {"entities": []}, "base_version": True}, ["base_version"]),
])
def test_a_malformed_change_is_a_422_naming_each_key(
    server: LiveServer, body: dict[str, Any], fields: list[str]
) -> None:
    answer = server.admin().put("/api/schema", json=body)
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == fields


def test_a_body_that_is_not_json_is_a_400(server: LiveServer) -> None:
    answer = server.admin().put("/api/schema", content=b"{definition:")
    assert answer.status_code == 400 and "not valid JSON" in answer.json()["detail"]


def test_history_lists_versions_newest_first_with_their_author(server: LiveServer) -> None:
    admin = server.admin()
    _, doc = current(admin)
    changed = with_field(doc, "task", {"name": "priority", "type": "integer"})
    admin.put("/api/schema", json={"definition": changed, "base_version": 1,
                                   "summary": "tasks get a priority"})
    items = admin.get("/api/schema/history").json()["items"]
    assert [i["version"] for i in items] == [2, 1]
    assert items[0]["author"] == ADMIN[0] and items[0]["summary"] == "tasks get a priority"
    assert items[0]["at"].endswith("Z")
