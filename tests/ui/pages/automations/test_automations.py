"""`/automations` over plain HTTP (SQLite and PostgreSQL): the rules in words, a rule made, refused
and deleted through the forms as the definition's new versions, and the recent runs of a live
server's worker with their errors and Retry."""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.support.forms import forms, post_form
from tests.support.pages import csrf_of, links, query, signed_in, ui_definition, visible_text
from tests.support.receivers import LOCAL
from tests.support.servers import ADMIN, USER, LiveServer, MakeServer, free_port
from tests.support.waiting import wait_for

BIG_DEALS = {
    "name": "Warn before big deals close", "entity": "deal",
    "when": {"event": "date_reached", "field": "close_date", "offset": "-1d"},
    "if": {"field": "amount", "op": "gt", "value": 5000},
    "do": [{"action": "webhook", "url": "https://example.com/hooks/big"}],
    "enabled": False,
}


def _definition(rules: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    doc = copy.deepcopy(ui_definition())
    if rules is not None:
        doc["automations"] = rules
    return doc


@pytest.fixture
def app(db_url: str, make_server: MakeServer) -> LiveServer:
    """A live server over the crm template and its two rules, plus a disabled one."""
    doc = _definition()
    doc["automations"] = [*doc["automations"], BIG_DEALS]
    return make_server(definition=doc)


@pytest.fixture
def signing_in() -> Iterator[Callable[..., httpx.Client]]:
    """Factory: an HTTP client signed in through the login form, closed after the test."""
    clients: list[httpx.Client] = []

    def make(server: LiveServer, email: str = ADMIN[0], password: str = ADMIN[1]
             ) -> httpx.Client:
        clients.append(signed_in(server.url, email, password))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def browser_admin(app: LiveServer, signing_in: Callable[..., httpx.Client]) -> httpx.Client:
    return signing_in(app)


def _schema(server: LiveServer) -> dict[str, Any]:
    answer: dict[str, Any] = server.admin().get("/api/schema").json()
    return answer


def _form_fields(page: str, action_ends: str) -> list[tuple[str, str]]:
    """What a browser sends for the form (its box "enabled" aside): inputs, selects, texts."""
    [form] = [f for f in forms(page) if f["action"].endswith(action_ends)]
    fields = [(k, v) for k, v in form["inputs"] if k != "enabled"]
    if action_ends.endswith(("/new", "/edit")):
        fields += [(key, _selected(page, key)) for key in ("entity", "event", "field")]
        fields += [(key, _textarea(page, key)) for key in ("if", "do")]
    return fields


def _near(page: str, key: str) -> list[str]:
    """The error messages shown right under input `key`."""
    return [visible_text(m) for m in re.findall(
        rf'<p class="field-error" id="{key}-error">(.*?)</p>', page, flags=re.S)]


def _textarea(page: str, key: str) -> str:
    found = re.search(rf'<textarea id="{key}"[^>]*>(.*?)</textarea>', page, flags=re.S)
    assert found, f"no textarea {key}"
    return html.unescape(found.group(1))


def _selected(page: str, key: str) -> str:
    found = re.search(rf'<select id="{key}"[^>]*>(.*?)</select>', page, flags=re.S)
    assert found, f"no select {key}"
    chosen = re.findall(r'<option value="([^"]*)" selected>', found.group(1))
    assert len(chosen) <= 1, chosen
    # As a browser: the selected option, else the first.
    first = re.findall(r'<option value="([^"]*)"', found.group(1))[:1]
    return html.unescape((chosen or first)[0])


# ---------------------------------------------------------------- the list


def test_the_rules_are_listed_in_words(browser_admin: httpx.Client) -> None:
    page = browser_admin.get("/automations")
    assert page.status_code == 200
    text = visible_text(page.text)
    assert ("Proposal: document and follow-up When a Deal enters Proposal: generate Commercial "
            "proposal; create a Task “Follow up on the proposal” due in 3 days") in text
    assert ("Won: call the client in a month When a Deal enters Won: create a Task “Call the "
            "client” due in 30 days") in text
    assert ("Warn before big deals close Disabled 1 day before the Close date of a Deal, if "
            "Amount is greater than 5000: call the webhook https://example.com/hooks/big") in text
    hrefs = [href for href, _ in links(page.text)]
    assert {"/automations/1/edit", "/automations/3/delete", "/automations/new"} <= set(hrefs)
    assert "No rule has run yet." in text
    assert ("/automations", "Automations") in links(page.text)  # in the Administration menu


def test_only_admins_see_automations(app: LiveServer,
                                     signing_in: Callable[..., httpx.Client]) -> None:
    user = signing_in(app, *USER)
    page = user.get("/automations")
    assert page.status_code == 403
    assert "Only administrators can see and change the automations" in visible_text(page.text)
    assert "/automations" not in [href for href, _ in links(user.get("/records/deal").text)]
    token = csrf_of(user.get("/records/deal").text)
    for path in ("/automations/new", "/automations/1/delete"):
        refused = post_form(user, path, [("csrf_token", token), ("base_version", "1"),
                                         ("name", "x"), ("entity", "deal"), ("event", "created"),
                                         ("do", "[]")])
        assert refused.status_code == 403, path
    assert len(_schema(app)["definition"]["automations"]) == 3


# ---------------------------------------------------------------- making, refusing, deleting


def test_a_rule_made_in_the_form_is_a_new_version_of_the_definition(
        browser_admin: httpx.Client, app: LiveServer) -> None:
    before = _schema(app)["version"]
    form = browser_admin.get("/automations/new")
    assert form.status_code == 200
    sent = post_form(browser_admin, "/automations/new", [
        *_form_fields(form.text, "/automations/new"),
        ("name", "Thank big clients"), ("entity", "deal"), ("event", "stage_entered"),
        ("field", "stage"), ("value", "won"), ("offset", ""),
        ("label", "typed, but the event takes no label"),
        ("if", '{"field": "amount", "op": "gte", "value": 10000}'),
        ("do", '[{"action": "set_field", "field": "close_date", "value": "+1w"}]'),
        ("enabled", "1"),
    ])
    assert sent.status_code == 303, visible_text(sent.text)
    schema = _schema(app)
    assert schema["version"] == before + 1
    assert schema["definition"]["automations"][-1] == {
        "name": "Thank big clients", "entity": "deal",
        "when": {"event": "stage_entered", "field": "stage", "value": "won"},
        "if": {"field": "amount", "op": "gte", "value": 10000},
        "do": [{"action": "set_field", "field": "close_date", "value": "+1w"}],
    }
    page = browser_admin.get(sent.headers["location"])
    text = visible_text(page.text)
    assert f"Applied: the definition is now version {before + 1}." in text
    assert "Add the rule “Thank big clients”" in text
    assert ("Thank big clients When a Deal enters Won, if Amount is at least 10000: set Close "
            "date to 1 week after the event") in text


def test_editing_keeps_the_rule_in_its_place_and_disabling_it(
        browser_admin: httpx.Client, app: LiveServer) -> None:
    form = browser_admin.get("/automations/2/edit")
    assert _selected(form.text, "event") == "stage_entered"
    assert _selected(form.text, "field") == "stage"
    fields = dict(_form_fields(form.text, "/automations/2/edit"))
    assert fields["value"] == "won" and fields["name"] == "Won: call the client in a month"
    pairs = [*[(k, v) for k, v in fields.items() if k != "name"],
             ("name", "Won: call the client in two weeks"),
             ("do", _textarea(form.text, "do").replace("+30d", "+2w")), ("if", "")]
    assert post_form(browser_admin, "/automations/2/edit", pairs).status_code == 303
    rules = _schema(app)["definition"]["automations"]
    assert [r["name"] for r in rules] == ["Proposal: document and follow-up",
                                          "Won: call the client in two weeks", BIG_DEALS["name"]]
    assert rules[1]["do"][0]["values"]["due"] == "+2w"
    assert rules[1]["enabled"] is False  # the box was not ticked
    assert "due in 2 weeks" in visible_text(browser_admin.get("/automations").text)


def test_a_refused_rule_shows_the_engines_errors_next_to_their_inputs(
        browser_admin: httpx.Client, app: LiveServer) -> None:
    before = _schema(app)["version"]
    form = browser_admin.get("/automations/new")
    actions = ('[{"action": "create_record", "entity": "task", '
               '"values": {"title": "Hi", "due": "+3x"}}]')
    page = post_form(browser_admin, "/automations/new", [
        *_form_fields(form.text, "/automations/new"),
        ("name", "Broken <b>rule</b>"), ("entity", "deal"), ("event", "stage_entered"),
        ("field", "stagee"), ("value", "proposal"), ("do", actions), ("enabled", "1"),
    ])
    assert page.status_code == 422
    [field_error] = _near(page.text, "field")
    assert field_error.startswith("'stagee' is not a field of 'deal'")
    [do_error] = _near(page.text, "do")
    assert do_error.startswith("Action 1: '+3x' is not a relative date")
    # What was typed is kept, the HTML in the name as text.
    assert _selected(page.text, "field") == "stagee"
    assert _textarea(page.text, "do") == actions
    assert 'value="Broken &lt;b&gt;rule&lt;/b&gt;"' in page.text
    assert "The rule was not saved: 2 problems." in visible_text(page.text)
    assert _schema(app)["version"] == before


def test_json_that_does_not_parse_is_said_where_it_is(browser_admin: httpx.Client,
                                                      app: LiveServer) -> None:
    before = _schema(app)["version"]
    form = browser_admin.get("/automations/new")
    page = post_form(browser_admin, "/automations/new", [
        *_form_fields(form.text, "/automations/new"),
        ("name", "Half typed"), ("entity", "deal"), ("event", "created"),
        ("if", '{"field": "amount",'), ("do", '[{"action": "webhook", "url": }]'),
    ])
    assert page.status_code == 422
    assert _near(page.text, "if") == [
        "The condition is not valid JSON: Expecting property name enclosed in double quotes "
        "at line 1, column 20."]
    assert _near(page.text, "do")[0].startswith("The actions are not valid JSON: Expecting value"
                                                " at line 1, column 31.")
    assert _textarea(page.text, "if") == '{"field": "amount",'
    assert _schema(app)["version"] == before


def test_a_stale_save_keeps_the_draft_and_saves_on_the_current_version(
        browser_admin: httpx.Client, app: LiveServer) -> None:
    form = browser_admin.get("/automations/3/edit")
    schema = _schema(app)
    doc = schema["definition"]
    doc["automations"] = doc["automations"][1:]  # someone deletes the first rule meanwhile
    api = app.admin()
    assert api.put("/api/schema", json={"definition": doc,
                                        "base_version": schema["version"]}).status_code == 200
    pairs = [*[(k, v) for k, v in _form_fields(form.text, "/automations/3/edit") if k != "name"],
             ("name", "Warn a week before"), ("offset", "-1w"), ("do", _textarea(form.text, "do"))]
    page = post_form(browser_admin, "/automations/3/edit", pairs)
    assert page.status_code == 409
    assert "Someone else changed the app definition while you were editing (it is now version " \
        f"{schema['version'] + 1}, by {ADMIN[0]}), so your rule was not saved." in visible_text(
            page.text)
    again = _form_fields(page.text, "/automations/2/edit")  # the rule is number 2 now
    assert ("name", "Warn a week before") in again and ("offset", "-1w") in again
    saved = post_form(browser_admin, "/automations/2/edit", [*again, ("do", _textarea(
        page.text, "do"))])
    assert saved.status_code == 303
    rules = _schema(app)["definition"]["automations"]
    assert [r["name"] for r in rules] == ["Won: call the client in a month", "Warn a week before"]
    assert rules[1]["when"] == {"event": "date_reached", "field": "close_date", "offset": "-1w"}


def test_deleting_a_rule_asks_first(browser_admin: httpx.Client, app: LiveServer) -> None:
    confirm = browser_admin.get("/automations/1/delete")
    assert confirm.status_code == 200
    assert "Delete the rule “Proposal: document and follow-up”?" in visible_text(confirm.text)
    fields = _form_fields(confirm.text, "/automations/1/delete")
    assert post_form(browser_admin, "/automations/1/delete", fields).status_code == 303
    names = [r["name"] for r in _schema(app)["definition"]["automations"]]
    assert names == ["Won: call the client in a month", BIG_DEALS["name"]]
    # The same page sent again is stale: nothing more is deleted.
    again = post_form(browser_admin, "/automations/1/delete", fields)
    assert again.status_code == 409
    assert "so nothing was changed" in visible_text(again.text)
    assert len(_schema(app)["definition"]["automations"]) == 2
    assert browser_admin.get("/automations/9/edit").status_code == 404


def test_enable_a_disabled_rule(browser_admin: httpx.Client, app: LiveServer) -> None:
    page = browser_admin.get("/automations")
    fields = [(k, v) for k, v in _form_fields(page.text, "/automations/3/switch")
              if k != "enabled"]
    assert "Disabled" in visible_text(page.text)
    sent = post_form(browser_admin, "/automations/3/switch", [*fields, ("enabled", "1")])
    assert sent.status_code == 303
    assert "enabled" not in _schema(app)["definition"]["automations"][2]
    assert "Disabled" not in visible_text(browser_admin.get("/automations").text)


# ---------------------------------------------------------------- runs


def _job(server: LiveServer, state: str) -> Any:
    rows = query(server.db_url, "SELECT id, state, attempts, error FROM kt_job "
                 "WHERE state = :s ORDER BY id DESC", s=state)
    return rows[0] if rows else None


@pytest.fixture
def failing(db_url: str, make_server: MakeServer) -> LiveServer:
    """Moving a deal to proposal copies its title into its amount: a refused value, unless the
    title is a number."""
    return make_server(definition=_definition([{
        "name": "Amount from the title", "entity": "deal",
        "when": {"event": "stage_entered", "field": "stage", "value": "proposal"},
        "do": [{"action": "set_field", "field": "amount", "value": "{{ record.title }}"}]}]))


def test_a_failed_run_is_listed_with_its_error_and_retry_runs_it_again(
        failing: LiveServer, signing_in: Callable[..., httpx.Client]) -> None:
    api = failing.admin()
    deal = api.post("/api/records/deal", json={"title": "lots", "stage": "new"}).json()
    assert api.patch(f"/api/records/deal/{deal['id']}", json={"stage": "proposal"}).is_success
    job = wait_for(lambda: _job(failing, "failed"))
    assert job is not None, "the run did not fail"
    browser = signing_in(failing)
    page = browser.get("/automations")
    [row] = re.findall(rf'<tr class="run run-failed" id="run-{job.id}">(.*?)</tr>', page.text,
                       flags=re.S)
    text = visible_text(row)
    assert "Amount from the title" in text and "stage entered" in text and "Failed" in text
    assert job.error and visible_text(html.escape(job.error)) in text
    assert (f"/records/deal/{deal['id']}", "lots") in links(row)
    # Fix the data, then Retry.
    assert api.patch(f"/api/records/deal/{deal['id']}", json={"title": "1500"}).is_success
    token = csrf_of(page.text)
    retried = post_form(browser, f"/automations/runs/{job.id}/retry", [("csrf_token", token)])
    assert retried.status_code == 303
    assert f"Run {job.id} will be tried again" in visible_text(
        browser.get(retried.headers["location"]).text)
    assert wait_for(lambda: _job(failing, "done")) is not None, "the retried run did not succeed"
    assert float(api.get(f"/api/records/deal/{deal['id']}").json()["amount"]) == 1500
    done = browser.get("/automations")
    assert f'<tr class="run run-done" id="run-{job.id}">' in done.text
    # A done run is not run again, and a retry needs the CSRF token.
    assert post_form(browser, f"/automations/runs/{job.id}/retry",
                     [("csrf_token", token)]).status_code == 409
    assert post_form(browser, f"/automations/runs/{job.id}/retry", []).status_code == 403


def test_a_webhook_to_a_closed_port_waits_for_its_next_attempt(
        db_url: str, make_server: MakeServer, signing_in: Callable[..., httpx.Client]) -> None:
    closed = free_port()  # nothing listens there
    server = make_server(definition=_definition([{
        "name": "Tell the warehouse", "entity": "deal", "when": {"event": "created"},
        "do": [{"action": "webhook", "url": f"http://127.0.0.1:{closed}/hook"}]}]),
        settings=LOCAL)  # webhooks may call 127.0.0.1 only when the settings allow it
    server.admin().post("/api/records/deal", json={"title": "Tractor"})

    def waiting() -> Any:
        rows = query(server.db_url, "SELECT id FROM kt_job WHERE state = 'pending' AND "
                     "error IS NOT NULL")
        return rows[0] if rows else None

    job = wait_for(waiting)
    assert job is not None, "the webhook call was not tried"
    page = signing_in(server).get("/automations")
    [row] = re.findall(rf'<tr class="run run-pending" id="run-{job.id}">(.*?)</tr>', page.text,
                       flags=re.S)
    text = visible_text(row)
    assert "Tell the warehouse" in text and "Waiting" in text and "(webhook call)" in text
    assert "Next attempt:" in text and "Retry" in text
    assert str(closed) in text or "refused" in text.lower() or "connect" in text.lower()


def test_admins_set_a_webhook_secret_on_the_page_and_it_is_never_shown(
        sqlite_url: str, make_server: MakeServer,
        signing_in: Callable[..., httpx.Client]) -> None:
    signed = {**BIG_DEALS, "do": [{**BIG_DEALS["do"][0], "secret": "big_deals"}]}
    server = make_server(definition=_definition([signed]))
    browser = signing_in(server)
    page = browser.get("/automations")
    [row] = re.findall(r'<tr id="secret-big_deals">(.*?)</tr>', page.text, flags=re.S)
    assert "Not set" in visible_text(row) and "Warn before big deals close" in visible_text(row)
    token = csrf_of(page.text)
    saved = post_form(browser, "/automations/secrets", [
        ("csrf_token", token), ("name", "big_deals"), ("value", "v4lue-of-the-secret")])
    assert saved.status_code == 303
    after = browser.get(saved.headers["location"])
    assert "The secret “big_deals” is saved." in visible_text(after.text)
    [row] = re.findall(r'<tr id="secret-big_deals">(.*?)</tr>', after.text, flags=re.S)
    assert "Set" in visible_text(row) and "Not set" not in visible_text(row)
    assert "v4lue" not in after.text
    assert [s["set"] for s in server.admin().get("/api/automation/secrets").json()["items"]] == [
        True]
    bad = post_form(browser, "/automations/secrets", [
        ("csrf_token", token), ("name", "Big Deals"), ("value", "x")])
    assert bad.status_code == 422 and "lowercase latin letters" in visible_text(bad.text)
    # Plain users may not set one; nobody may without the form's token.
    user = signing_in(server, *USER)
    assert post_form(user, "/automations/secrets", [
        ("csrf_token", csrf_of(user.get("/tasks").text)), ("name", "big_deals"),
        ("value", "mine")]).status_code == 403
    assert post_form(browser, "/automations/secrets", [
        ("name", "big_deals"), ("value", "mine")]).status_code == 403
    forgot = post_form(browser, "/automations/secrets", [
        ("csrf_token", token), ("name", "big_deals"), ("forget", "1")])
    assert forgot.status_code == 303
    assert "Not set" in visible_text(browser.get("/automations").text)
