"""Everyday work on a list (issue 15): the "New <label>" button on every list and on its empty
state, "Create your first list" in an app with no entity, and numbers that read right (years
shown as 2019 and kept out of totals, `summable`, money in the locale's words)."""

from __future__ import annotations

import re
from contextlib import closing
from typing import Any

import httpx

from kartoteka.schema_engine.definition import Document
from tests.support.forms import apply_plan, post_form
from tests.support.pages import csrf_of, links, signed_in, visible_text
from tests.support.servers import ADMIN, USER, LiveServer, MakeServer

SUPPLIERS: Document = {"entities": [{
    "name": "supplier", "label": "Supplier", "plural": "Suppliers", "title_field": "name",
    "fields": [
        {"name": "name", "type": "text", "label": "Name", "required": True},
        {"name": "founded", "type": "integer", "label": "Founded", "group_digits": False},
        {"name": "staff", "type": "integer", "label": "Staff"},
        {"name": "code", "type": "integer", "label": "Code", "summable": False},
        {"name": "turnover", "type": "money", "label": "Turnover", "currency": "MDL"},
        {"name": "deposit", "type": "money", "label": "Deposit", "currency": "MDL",
         "summable": False},
        {"name": "rating", "type": "percent", "label": "Rating", "summable": True},
    ]}]}


def _admin(server: LiveServer) -> closing[httpx.Client]:
    return closing(signed_in(server.url, *ADMIN))


def _add(server: LiveServer, values: dict[str, Any]) -> None:
    answer = server.admin().post("/api/records/supplier", json=values)
    assert answer.status_code == 201, answer.text


# ---------------------------------------------------------------- the New button


def test_every_list_has_a_new_button_and_its_empty_state_too(
    db_url: str, make_server: MakeServer
) -> None:
    server = make_server(definition=SUPPLIERS)
    with _admin(server) as admin:
        page = admin.get("/records/supplier").text
        assert "There are no records here yet." in visible_text(page)
        # One in the list's head, one in the empty state: both go to the new record's form.
        assert links(page).count(("/records/supplier/new", "New supplier")) == 2
        form = admin.get("/records/supplier/new")
        assert form.status_code == 200 and "New supplier" in visible_text(form.text)

        _add(server, {"name": "Acme"})
        page = admin.get("/records/supplier").text
        assert links(page).count(("/records/supplier/new", "New supplier")) == 1
        # The trash takes no new records.
        trash = admin.get("/records/supplier?trashed=true").text
        assert ("/records/supplier/new", "New supplier") not in links(trash)


def test_the_crm_lists_offer_new_in_their_own_words(admin: httpx.Client) -> None:
    for entity, label in (("client", "New client"), ("deal", "New deal"), ("task", "New task")):
        assert (f"/records/{entity}/new", label) in links(admin.get(f"/records/{entity}").text)


# ---------------------------------------------------------------- an app with no list yet


def test_an_admin_creates_the_first_list_from_a_template_after_seeing_its_plan(
    db_url: str, make_server: MakeServer
) -> None:
    server = make_server(definition={"entities": []})
    with _admin(server) as admin:
        home = admin.get("/")
        assert home.status_code == 200
        text = visible_text(home.text)
        assert "Create your first list" in text
        assert ("/schema/entities/new", "Create a list") in links(home.text)
        assert "Start from the CRM template" in text and "Lists: Clients, Deals, Tasks" in text

        token = csrf_of(home.text)
        plan = post_form(admin, "/schema/templates/crm", [("csrf_token", token)])
        assert plan.status_code == 200
        planned = visible_text(plan.text)
        assert "Start from the “crm” template" in planned
        assert "client" in planned and "deal" in planned
        assert admin.get("/", follow_redirects=False).status_code == 200  # nothing applied yet

        applied = apply_plan(admin, plan.text)
        assert applied.status_code == 303
        assert applied.headers["location"].startswith("/schema?applied=")
        first = admin.get("/", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/records/client"
        page = admin.get("/records/client").text
        assert ("/records/client/new", "New client") in links(page)


def test_an_unknown_template_is_refused_in_words(db_url: str, make_server: MakeServer) -> None:
    server = make_server(definition={"entities": []})
    with _admin(server) as admin:
        token = csrf_of(admin.get("/").text)
        answer = post_form(admin, "/schema/templates/erp", [("csrf_token", token)])
        assert answer.status_code == 404
        assert "There is no template called “erp”." in visible_text(answer.text)


def test_a_plain_user_of_an_empty_app_is_told_an_admin_makes_the_lists(
    db_url: str, make_server: MakeServer
) -> None:
    server = make_server(definition={"entities": []})
    with closing(signed_in(server.url, *USER)) as user:
        home = user.get("/")
        text = visible_text(home.text)
        assert "An administrator has not made any list yet." in text
        assert "Create your first list" not in text
        assert ("/schema/entities/new", "Create a list") not in links(home.text)
        token = csrf_of(home.text)
        answer = post_form(user, "/schema/templates/crm", [("csrf_token", token)])
        assert answer.status_code == 403


# ---------------------------------------------------------------- numbers


def test_years_read_as_written_and_only_summable_numbers_are_totalled(
    db_url: str, make_server: MakeServer
) -> None:
    server = make_server(definition=SUPPLIERS)
    _add(server, {"name": "Acme", "founded": 2019, "staff": 1250, "code": 4501,
                  "turnover": "1250", "deposit": "300", "rating": 40})
    _add(server, {"name": "Bolt", "founded": 2021, "staff": 10, "code": 4502,
                  "turnover": "100.5", "deposit": "200", "rating": 20})
    with _admin(server) as admin:
        card_id = server.admin().get("/api/records/supplier?q=Acme").json()["items"][0]["id"]
        card = visible_text(admin.get(f"/records/supplier/{card_id}").text)
        assert "2019" in card and "2,019" not in card
        assert "1,250" in card  # a count keeps its groups
        assert "MDL 1,250.00" in card  # money as the locale writes it

        columns = "name,founded,staff,code,turnover,deposit,rating"
        page = admin.get(f"/records/supplier?columns={columns}&totals=1").text
        [footer] = page.split("<tfoot>")[1:2]
        cells = [visible_text(c).removeprefix("— ")
                 for c in re.findall(r"<td\b[^>]*>(.*?)</td>", footer, flags=re.S)]
        # Founded (a year), Code (summable false) and Deposit (summable false) have no total;
        # Staff, Turnover and Rating (summable true) do.
        assert "Total of 2 records" in visible_text(footer)
        assert cells[-6:] == ["empty", "1,260", "empty", "MDL 1,350.50", "empty", "60%"], cells
        assert "4,040" not in visible_text(footer)  # the years are not added up


def test_the_schema_builder_offers_the_number_settings_where_they_apply(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    integer_form = "/schema/entities/client/fields/new?type=integer"
    page = admin.get(integer_form).text
    assert 'name="group_digits"' in page and 'name="summable"' in page
    decimal = admin.get("/schema/entities/client/fields/new?type=decimal").text
    assert 'name="summable"' in decimal and 'name="group_digits"' not in decimal
    text = admin.get("/schema/entities/client/fields/new?type=text").text
    assert 'name="summable"' not in text

    token = csrf_of(page)
    planned = post_form(admin, integer_form, [
        ("csrf_token", token), ("label", "Founded"), ("name", "founded"),
        ("group_digits", "no"), ("summable", "")])
    assert planned.status_code == 200
    assert "+ add field client.founded (integer)" in visible_text(planned.text)
    assert apply_plan(admin, planned.text).status_code == 303
    stored = demo_server.admin().get("/api/schema").json()["definition"]
    [client] = [e for e in stored["entities"] if e["name"] == "client"]
    [founded] = [f for f in client["fields"] if f["name"] == "founded"]
    assert founded["group_digits"] is False and "summable" not in founded
    assert "digits not grouped" in visible_text(admin.get("/schema/entities/client").text)
    edit = admin.get("/schema/entities/client/fields/founded/edit").text
    assert re.search(r'<option value="no" selected>Not grouped', edit)
