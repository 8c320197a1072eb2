"""The schema builder over plain HTTP (SQLite and PostgreSQL): every change shows the engine's
plan first, measured on the data, and is applied only by "Apply" on the plan page, as
`PUT /api/schema` would apply it."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.support.forms import (
    apply_plan,
    definition,
    entity,
    field,
    forms,
    plan,
    plan_form,
    post_form,
)
from tests.support.pages import csrf_of, links, query, visible_text
from tests.support.servers import ADMIN, LiveServer

XSS = "<script>alert(1)</script>"
QUOTES = 'Sup "plies" & \'co\''


# ---------------------------------------------------------------- pages and who may see them


def test_the_schema_page_lists_the_entities_with_their_counts(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    page = admin.get("/schema")
    assert page.status_code == 200
    [deals] = query(demo_server.db_url, "SELECT count(*) AS n FROM deal WHERE deleted_at IS NULL")
    text = visible_text(page.text)
    assert f"Deal Deals deal 5 {deals.n}" in text
    assert ("/schema/entities/deal", "Deal") in links(page.text)
    assert "The schema trash is empty." in text
    entity_page = visible_text(admin.get("/schema/entities/deal").text)
    assert re.search(r"Amount amount Money .*in USD", entity_page)
    assert "Stage stage Stage (pipeline)" in entity_page
    assert "won (won, 100%)" in entity_page.lower()
    assert "Linked from task.deal" in entity_page


def test_only_admins_see_the_schema(admin: httpx.Client, plain_user: httpx.Client) -> None:
    assert ("/schema", "Schema") in links(admin.get("/schema/entities/deal").text)  # sidebar
    for path in ("/schema", "/schema/entities/deal", "/schema/entities/deal/fields/new"):
        answer = plain_user.get(path)
        assert answer.status_code == 403, path
        assert "Only administrators can see and change the schema" in visible_text(answer.text)
        assert ("/schema", "Schema") not in links(answer.text)  # no link in the sidebar
        assert ("/records/deal", "Deals") in links(answer.text)
    token = csrf_of(plain_user.get("/schema").text)
    answer = plain_user.post("/schema/apply", data={"csrf_token": token, "definition": "{}",
                                                    "base_version": "1"})
    assert answer.status_code == 403
    assert "Only administrators" in visible_text(answer.text)


# ---------------------------------------------------------------- plan, then apply


def test_a_new_field_shows_its_plan_and_is_applied_only_by_apply(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    form_page = "/schema/entities/deal/fields/new?type=percent"
    assert "Settings of a field of type: Percent" in visible_text(admin.get(form_page).text)
    page = plan(admin, form_page, {"label": "Discount", "name": "discount"}, form_page)
    assert page.status_code == 200
    assert "+ add field deal.discount (percent)" in visible_text(page.text)
    assert field(definition(demo_server), "deal", "discount") is None  # planned, not applied

    applied = apply_plan(admin, page.text, summary="a discount on deals")
    assert applied.status_code == 303
    assert applied.headers["location"].startswith("/schema/entities/deal?applied=")
    after = visible_text(admin.get(applied.headers["location"]).text)
    assert "Applied: the definition is now version" in after
    assert "a discount on deals" in after
    assert "Discount discount Percent" in after
    assert field(definition(demo_server), "deal", "discount") == {
        "id": "fld_deal_discount", "name": "discount", "type": "percent", "label": "Discount"}
    [deal] = query(demo_server.db_url, "SELECT id FROM deal ORDER BY id LIMIT 1")
    assert "Discount" in visible_text(admin.get(f"/records/deal/{deal.id}").text)


def test_every_error_is_shown_at_once_next_to_its_input(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    before = definition(demo_server)
    form_page = "/schema/entities/deal/fields/new?type=money"
    page = plan(admin, form_page, {"label": "Fee", "name": "Fee amount", "currency": "dollars"},
                form_page)
    assert page.status_code == 422
    text = visible_text(page.text)
    assert "The change cannot be planned: 2 problems." in text
    assert re.search(r'id="name-error"', page.text) and re.search(r'id="currency-error"',
                                                                    page.text)
    assert 'value="Fee amount"' in page.text and 'value="DOLLARS"' in page.text  # kept
    assert definition(demo_server)["version"] == before["version"]


def test_options_of_a_stage_field_with_won_lost_and_probability(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    form_page = "/schema/entities/client/fields/new?type=stage"
    rows = [("new", "New", "10", ""), ("signed", "Signed", "100", "won"),
            ("gone", "Gone", "0", "lost")]
    data = [("label", "Lifecycle"), ("name", "lifecycle"), ("default", "new")]
    for value, label, probability, outcome in rows:
        data += [("option_value", value), ("option_label", label), ("option_color", ""),
                 ("option_probability", probability), ("option_outcome", outcome)]
    more = plan(admin, form_page, [*data, ("step", "more")], form_page)
    assert more.text.count('name="option_value"') == 6  # three filled, three spare
    page = plan(admin, form_page, data, form_page)
    assert "+ add field client.lifecycle (stage)" in visible_text(page.text)
    assert apply_plan(admin, page.text).status_code == 303
    assert field(definition(demo_server), "client", "lifecycle") == {
        "id": "fld_client_lifecycle", "name": "lifecycle", "type": "stage", "label": "Lifecycle",
        "default": "new",
        "options": [{"value": "new", "label": "New", "probability": 10},
                    {"value": "signed", "label": "Signed", "probability": 100},
                    {"value": "gone", "label": "Gone", "probability": 0}],
        "won": ["signed"], "lost": ["gone"]}


def test_a_link_field_with_its_inverse_and_on_delete(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    form_page = "/schema/entities/task/fields/new?type=link"
    page = plan(admin, form_page, {"label": "Main client", "name": "main_client",
                                   "to": "client", "inverse": "main_tasks",
                                   "on_delete": "cascade"}, form_page)
    assert "+ add field task.main_client (link)" in visible_text(page.text)
    assert apply_plan(admin, page.text).status_code == 303
    made = field(definition(demo_server), "task", "main_client")
    assert made is not None
    assert (made["to"], made["inverse"], made["on_delete"]) == ("client", "main_tasks", "cascade")


def test_problems_in_the_data_block_the_apply_until_bad_values_are_cleared(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    cities = query(demo_server.db_url, "SELECT id FROM client WHERE city IS NOT NULL")
    form_page = "/schema/entities/client/fields/city/edit?type=integer"
    page = plan(admin, form_page, {"label": "City", "name": "city"}, form_page)
    text = visible_text(page.text)
    assert "~ change the type of client.city from text to integer" in text
    assert f"{len(cities)} client records have a city that is not a valid integer value" in text
    assert "plan again clearing the bad values" in text  # not the command line's advice
    assert (f"/records/client/{cities[0].id}", f"#{cities[0].id}") in links(page.text)
    form = plan_form(page.text)
    assert [b.get("value") for b in form["buttons"]] == ["clear", "edit"]  # no Apply

    cleared = post_form(admin, form_page, [*form["inputs"], ("on_bad_values", "clear")])
    assert "they will be cleared and kept in the schema trash" in visible_text(cleared.text)
    assert apply_plan(admin, cleared.text).status_code == 303
    assert field(definition(demo_server), "client", "city")["type"] == "integer"  # type: ignore[index]
    trash = visible_text(admin.get("/schema").text)
    assert f"{len(cities)} values of client.city" in trash


def test_a_rename_keeps_the_data_and_what_refers_to_the_name(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    names = query(demo_server.db_url, "SELECT id, name FROM client ORDER BY id")
    api = demo_server.client(demo_server.login(*ADMIN))
    current = api.get("/api/schema").json()
    view = {"name": "By name", "entity": "client", "columns": ["name", "city"],
            "sort": ["-name"]}
    assert api.put("/api/schema", json={"definition": {**current["definition"], "views": [view]},
                                        "base_version": current["version"]}).status_code == 200
    page = plan(admin, "/schema/entities/client/fields/name/edit",
                {"label": "Full name", "name": "full_name", "required": "1"})
    assert "~ rename field client.name to full_name" in visible_text(page.text)
    assert apply_plan(admin, page.text).status_code == 303
    assert entity(definition(demo_server), "client")["title_field"] == "full_name"
    assert query(demo_server.db_url, "SELECT id, full_name AS name FROM client ORDER BY id") \
        == names

    page = plan(admin, "/schema/entities/client/edit",
                {"label": "Customer", "plural": "Customers", "name": "customer",
                 "title_field": "full_name"})
    assert "~ rename entity client to customer" in visible_text(page.text)
    assert apply_plan(admin, page.text).status_code == 303
    now = definition(demo_server)
    assert field(now, "deal", "client")["to"] == "customer"  # type: ignore[index]
    assert now["definition"]["views"] == [{**view, "entity": "customer",
                                           "columns": ["full_name", "city"],
                                           "sort": ["-full_name"]}]
    assert ("/records/customer", "Customers") in links(admin.get("/schema").text)


def test_move_remove_and_restore_a_field(admin: httpx.Client, demo_server: LiveServer) -> None:
    phones = query(demo_server.db_url, "SELECT id, phone FROM client ORDER BY id")
    page = plan(admin, "/schema/entities/client/fields/phone/move", {"direction": "up"})
    assert "~ reorder the fields of client" in visible_text(page.text)
    assert apply_plan(admin, page.text).status_code == 303
    order = [f["name"] for f in entity(definition(demo_server), "client")["fields"]]
    assert order[:3] == ["name", "phone", "email"]

    page = plan(admin, "/schema/entities/client/fields/phone/remove", {})
    text = visible_text(page.text)
    assert "− move field client.phone to the schema trash, with its data" in text
    assert "from the trash on the Schema page" in text
    assert apply_plan(admin, page.text).status_code == 303
    assert field(definition(demo_server), "client", "phone") is None
    schema_page = admin.get("/schema").text
    [restore] = [f for f in forms(schema_page) if f["action"].endswith("/restore")]
    assert "Restore field client.phone" in visible_text(schema_page)

    page = post_form(admin, restore["action"], restore["inputs"])
    assert "+ restore field client.phone from the schema trash, with its data" in visible_text(
        page.text)
    assert apply_plan(admin, page.text).status_code == 303
    assert query(demo_server.db_url, "SELECT id, phone FROM client ORDER BY id") == phones
    assert "The schema trash is empty." in visible_text(admin.get("/schema").text)


def test_removing_a_linked_entity_lists_every_reason(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    page = plan(admin, "/schema/entities/client/remove", {})
    assert page.status_code == 422
    text = visible_text(page.text)
    assert "Nothing was changed" in text
    assert "deal" in text and "task" in text  # both links to client are named


# ---------------------------------------------------------------- a new entity, at once


def test_a_new_entity_is_usable_right_after_applying(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    page = plan(admin, "/schema/entities/new", {
        "label": "Supplier", "plural": "Suppliers", "name": "supplier",
        "title_field": "name", "title_label": "Name"})
    assert "+ create entity supplier" in visible_text(page.text)
    applied = apply_plan(admin, page.text)
    assert applied.headers["location"].startswith("/schema/entities/supplier?applied=")
    assert ("/records/supplier", "Suppliers") in links(admin.get("/schema").text)  # sidebar
    listing = admin.get("/records/supplier")
    assert listing.status_code == 200
    api = demo_server.client(demo_server.login(*ADMIN))
    made = api.post("/api/records/supplier", json={"name": "Acme"})
    assert made.status_code == 201, made.text
    assert "Acme" in visible_text(admin.get("/records/supplier").text)


# ---------------------------------------------------------------- conflicts and safety


def test_a_stale_plan_says_so_and_keeps_the_draft(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    form_page = "/schema/entities/deal/fields/new?type=text"
    page = plan(admin, form_page, {"label": "Source", "name": "source"}, form_page)
    api = demo_server.client(demo_server.login(*ADMIN))
    current = api.get("/api/schema").json()
    entity(current, "client")["label"] = "Someone else's client"
    changed = api.put("/api/schema", json={"definition": current["definition"],
                                           "base_version": current["version"]})
    assert changed.status_code == 200

    stale = apply_plan(admin, page.text)
    assert stale.status_code == 409
    text = visible_text(stale.text)
    assert "Someone else changed the schema" in text
    assert f"now at version {current['version'] + 1}" in text
    assert field(definition(demo_server), "deal", "source") is None
    [again] = [f for f in forms(stale.text) if f["action"] == form_page]
    assert ("name", "source") in again["inputs"] and ("label", "Source") in again["inputs"]

    replanned = post_form(admin, form_page, [*again["inputs"], ("step", "plan")])
    assert "+ add field deal.source (text)" in visible_text(replanned.text)
    assert apply_plan(admin, replanned.text).status_code == 303
    now = definition(demo_server)
    assert entity(now, "client")["label"] == "Someone else's client"  # theirs is kept
    assert field(now, "deal", "source") is not None


def test_changing_it_goes_back_to_the_form_with_what_was_typed(admin: httpx.Client) -> None:
    form_page = "/schema/entities/deal/fields/new?type=select"
    page = plan(admin, form_page, [("label", "Channel"), ("name", "channel"),
                                   ("option_value", "web"), ("option_label", "Web <site>"),
                                   ("option_color", "")], form_page)
    form = plan_form(page.text)
    back = post_form(admin, form_page, [*form["inputs"], ("step", "edit")])
    assert back.status_code == 200
    assert 'value="channel"' in back.text and 'value="Web &lt;site&gt;"' in back.text


def test_apply_needs_the_csrf_token(admin: httpx.Client, demo_server: LiveServer) -> None:
    form_page = "/schema/entities/deal/fields/new?type=text"
    page = plan(admin, form_page, {"label": "Source", "name": "source"}, form_page)
    inputs = [(k, v) for k, v in plan_form(page.text)["inputs"] if k != "csrf_token"]
    answer = post_form(admin, "/schema/apply", inputs)
    assert answer.status_code == 403
    assert field(definition(demo_server), "deal", "source") is None


@pytest.mark.parametrize("label", [XSS, QUOTES])
def test_what_the_admin_typed_is_shown_as_text(
    admin: httpx.Client, demo_server: LiveServer, label: str
) -> None:
    page = plan(admin, "/schema/entities/new", {
        "label": label, "plural": label + "s", "name": "odd", "title_field": "name",
        "title_label": label})
    assert XSS not in page.text and "<i>" not in page.text
    assert f"Add the entity “{label}”" in visible_text(page.text)
    applied = apply_plan(admin, page.text)
    assert applied.status_code == 303
    for path in ("/schema", "/schema/entities/odd", "/records/odd",
                 "/schema/entities/odd/fields/name/edit"):
        shown = admin.get(path)
        assert shown.status_code == 200, path
        assert XSS not in shown.text, path
        assert label in visible_text(shown.text), path
