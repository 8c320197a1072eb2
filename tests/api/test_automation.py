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
