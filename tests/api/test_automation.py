"""Automations through the HTTP API, with the server's own worker: the crm template's rules,
button rules, and rules refused at apply."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import httpx

from kartoteka.platform.templates import load_template
from tests.support.servers import MakeServer
from tests.support.waiting import wait_for


def tasks_of(client: httpx.Client, deal_id: int, title: str) -> list[dict[str, Any]]:
    answer = client.get("/api/records/task", params={"deal": deal_id, "title": title})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_crm_rules_follow_a_deal_through_its_stages(db_url: str,
                                                    make_server: MakeServer) -> None:
    client = make_server().admin()
    buyer = client.post("/api/records/client", json={"name": "Autoparc SRL"}).json()
    deal = client.post("/api/records/deal", json={"title": "12 vans", "amount": 240000,
                                                  "client": buyer["id"]}).json()
    moved = client.patch(f"/api/records/deal/{deal['id']}", json={"stage": "proposal"})
    assert moved.status_code == 200, moved.text
    at = moment(moved.json()["updated_at"])
    [task] = wait_for(lambda: tasks_of(client, deal["id"], "Follow up on the proposal"))
    assert task["deal"]["id"] == deal["id"] and task["client"]["id"] == buyer["id"]
    assert abs(moment(task["due"]) - (at + dt.timedelta(days=3))) < dt.timedelta(seconds=5)
    assert task["assignee"]["title"]  # the deal's owner gets the follow-up
    client.patch(f"/api/records/deal/{deal['id']}", json={"stage": "won"})
    [call] = wait_for(lambda: tasks_of(client, deal["id"], "Call the client"))
    assert call["client"]["id"] == buyer["id"]
    assert abs(moment(call["due"]) - (at + dt.timedelta(days=30))) < dt.timedelta(minutes=1)
    # Each rule ran once.
    assert len(tasks_of(client, deal["id"], "Follow up on the proposal")) == 1


def with_button(definition: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(definition)
    doc["automations"] = [*doc.get("automations", []), {
        "name": "Mark as negotiating", "entity": "deal",
        "when": {"event": "button", "label": "Start negotiating"},
        "do": [{"action": "set_field", "field": "stage", "value": "negotiation"}]}]
    return doc


def test_a_button_rule_runs_from_the_api_and_from_the_card(db_url: str,
                                                           make_server: MakeServer) -> None:
    server = make_server(with_button(load_template("crm")))
    client = server.admin()
    deal = client.post("/api/records/deal", json={"title": "Bus"}).json()
    index = len(load_template("crm")["automations"])
    pressed = client.post(f"/api/records/deal/{deal['id']}/buttons/{index}")
    assert pressed.status_code == 202, pressed.text
    assert pressed.json()["state"] == "queued" and isinstance(pressed.json()["job"], int)
    assert wait_for(lambda: client.get(f"/api/records/deal/{deal['id']}").json()["stage"]
                    == "negotiation")
    unknown = client.post(f"/api/records/deal/{deal['id']}/buttons/Nope")
    assert unknown.status_code == 404 and "Mark as negotiating" in unknown.json()["detail"]
    missing = client.post("/api/records/deal/999999/buttons/0")
    assert missing.status_code == 404

    # The card shows the button: a plain form with the CSRF token.
    browser = httpx.Client(base_url=server.url, follow_redirects=True, timeout=30)
    login = browser.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text)
    assert token, login.text
    browser.post("/login", data={"email": "admin@example.com", "password": "admin password",
                                 "csrf_token": token.group(1)})
    other = client.post("/api/records/deal", json={"title": "Van"}).json()
    card = browser.get(f"/records/deal/{other['id']}")
    assert "Start negotiating" in card.text
    form = re.search(r'<form method="post" class="automation-button" action="([^"]+)">\s*'
                     r'<input type="hidden" name="csrf_token" value="([^"]+)">', card.text)
    assert form, card.text
    refused = browser.post(form.group(1), data={"csrf_token": "forged"})
    assert refused.status_code == 403
    done = browser.post(form.group(1), data={"csrf_token": form.group(2)})
    assert done.status_code == 200 and "Start negotiating" in done.text
    assert "is running" in done.text
    assert wait_for(lambda: client.get(f"/api/records/deal/{other['id']}").json()["stage"]
                    == "negotiation")
    browser.close()


def test_a_bad_rule_is_refused_at_apply_with_its_paths(db_url: str,
                                                       make_server: MakeServer) -> None:
    client = make_server().admin()
    current = client.get("/api/schema").json()
    doc = copy.deepcopy(current["definition"])
    doc["automations"].append({
        "name": "bad", "entity": "deal",
        "when": {"event": "stage_entered", "field": "stage", "value": "signed"},
        "do": [{"action": "create_record", "entity": "task",
                "values": {"title": "{{ record.title", "due": "in 3 days"}},
               {"action": "webhook", "url": "mailto:sales@example.com"}]})
    answer = client.put("/api/schema", json={"definition": doc,
                                             "base_version": current["version"]})
    assert answer.status_code == 422, answer.text
    paths = {e["field"] for e in answer.json()["errors"]}
    assert paths == {"$.automations[2].when.value", "$.automations[2].do[0].values.title",
                     "$.automations[2].do[0].values.due", "$.automations[2].do[1].url"}
    assert client.get("/api/schema").json()["version"] == current["version"]


# ---------------------------------------------------------------- webhook secrets


def _with_webhook(secret: str) -> dict[str, Any]:
    doc = copy.deepcopy(load_template("crm"))
    doc["automations"] = [{"name": "tell the warehouse", "entity": "deal",
                           "when": {"event": "created"},
                           "do": [{"action": "webhook", "url": "https://example.com/hooks/crm",
                                   "secret": secret}]}]
    return doc


def test_administrators_set_webhook_secrets_that_are_never_shown_back(
        sqlite_url: str, make_server: MakeServer) -> None:
    server = make_server(_with_webhook("warehouse"))
    admin, user = server.admin(), server.user()
    listed = admin.get("/api/automation/secrets")
    assert listed.json()["items"] == [{"name": "warehouse", "set": False, "updated_at": None,
                                       "rules": ["tell the warehouse"]}]
    put = admin.put("/api/automation/secrets/warehouse", json={"value": "k3y-of-the-warehouse"})
    assert put.status_code == 200, put.text
    assert put.json()["set"] is True and "k3y" not in put.text
    listed = admin.get("/api/automation/secrets")
    assert "k3y" not in listed.text and listed.json()["items"][0]["set"] is True
    # Plain users may neither read nor set them, nor see where webhooks go.
    assert user.get("/api/automation/secrets").status_code == 403
    assert user.put("/api/automation/secrets/warehouse", json={"value": "x"}).status_code == 403
    schema = user.get("/api/schema")
    assert "example.com/hooks" not in schema.text and "\"secret\"" not in schema.text
    assert schema.json()["definition"]["automations"][0]["do"] == [{"action": "webhook"}]
    assert admin.get("/api/schema").json()["definition"]["automations"][0]["do"][0] == {
        "action": "webhook", "url": "https://example.com/hooks/crm", "secret": "warehouse"}
    # Bad names and values are refused, saying why; a secret is forgotten by DELETE.
    bad = admin.put("/api/automation/secrets/Not%20a%20name", json={"value": "x"})
    assert bad.status_code == 422 and "is not a secret's name" in bad.json()["detail"]
    long = admin.put("/api/automation/secrets/warehouse", json={"value": "x" * 1001})
    assert long.status_code == 422
    assert long.json()["detail"] == ("the secret's value is 1,001 characters long; the limit is "
                                     "1,000")
    assert admin.delete("/api/automation/secrets/warehouse").status_code == 204
    assert admin.delete("/api/automation/secrets/warehouse").status_code == 404
    assert admin.get("/api/automation/secrets").json()["items"][0]["set"] is False


def test_a_secret_value_written_into_the_definition_is_refused(
        sqlite_url: str, make_server: MakeServer) -> None:
    admin = make_server().admin()
    version = admin.get("/api/schema").json()["version"]
    answer = admin.put("/api/schema", json={"definition": _with_webhook("Sup3r-s3cret!"),
                                            "base_version": version})
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == "$.automations[0].do[0].secret"
    assert "a webhook's secret is named here, never written" in error["message"]
    assert "Sup3r" not in admin.get("/api/schema").text
