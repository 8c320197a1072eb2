"""Editing and creating records on the card over plain HTTP (no JavaScript), on both databases:
the form's widgets, saving, every error at once with the input kept, stale saves, new records
with defaults and prefilled links, pickers, and htmx's fragments."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.support.forms import edit_pairs, error_of, form_of, options, selected, tag, value_of
from tests.support.pages import csrf_of, links, query, visible_text
from tests.support.servers import LiveServer


def a_deal(server: LiveServer) -> Any:
    [deal] = query(server.db_url, "SELECT d.id, d.title, d.amount, d.version, d.client, "
                   "c.name AS client_name FROM deal d JOIN client c ON c.id = d.client "
                   "ORDER BY d.id LIMIT 1")
    return deal


def deal_now(server: LiveServer, deal_id: int) -> Any:
    [row] = query(server.db_url, "SELECT title, amount, stage, version FROM deal WHERE id = :id",
                  id=deal_id)
    return row


# ---------------------------------------------------------------- the edit form


def test_the_edit_form_has_a_widget_for_every_field(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    page = admin.get(f"/records/deal/{deal.id}/edit")
    assert page.status_code == 200
    form = form_of(page.text)
    assert value_of(form, "title") == deal.title
    assert 'inputmode="decimal"' in tag(form, "amount")
    assert float(value_of(form, "amount")) == float(deal.amount)
    assert "In USD." in visible_text(form)
    assert options(form, "stage")[:3] == ["— none —", "New", "Qualified"]
    assert selected(form, "client") == [deal.client_name]
    assert 'type="date"' in tag(form, "close_date")
    assert value_of(form, "_version") == str(deal.version)
    assert 'required aria-required="true"' in tag(form, "title")
    assert "Fields marked * are required." in visible_text(form)
    assert "<label for=\"f-title\">Title" in form  # a visible label for each input
    assert admin.get(f"/records/deal/{deal.id}?edit=1").text.count('id="f-title"') == 1


def test_the_task_form_has_a_checkbox_a_moment_in_utc_and_a_user_select(
    admin: httpx.Client,
) -> None:
    form = form_of(admin.get("/records/task/1/edit").text)
    hidden, box = re.findall(r'<input\b[^>]*\bname="done"[^>]*>', form)
    assert 'type="hidden"' in hidden and 'value="false"' in hidden
    assert 'type="checkbox"' in box and 'value="true"' in box
    assert 'type="datetime-local"' in tag(form, "due")
    assert "Date and time in UTC." in visible_text(form)
    assert {"admin", "user"} <= set(options(form, "assignee"))


def test_saving_changes_the_record_and_shows_it_on_the_card(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    sent = edit_pairs(admin.get(f"/records/deal/{deal.id}/edit").text)
    answer = admin.post(f"/records/deal/{deal.id}", data={**sent, "amount": "12 345,50"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/records/deal/{deal.id}"
    assert "$12,345.50" in visible_text(admin.get(answer.headers["location"]).text)
    now = deal_now(demo_server, deal.id)
    assert (float(now.amount), now.version) == (12345.5, deal.version + 1)
    [change] = query(demo_server.db_url, "SELECT u.name FROM kt_change ch JOIN kt_user u ON "
                     "u.id = ch.user_id WHERE ch.record_id = :id AND ch.kind = 'changed' "
                     "ORDER BY ch.id DESC LIMIT 1", id=deal.id)
    assert change.name == "admin"


def test_every_error_is_shown_at_once_next_to_its_field_with_the_input_kept(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    sent = edit_pairs(admin.get(f"/records/deal/{deal.id}/edit").text)
    answer = admin.post(f"/records/deal/{deal.id}",
                        data={**sent, "title": "", "amount": "twelve <b>", "close_date": "soon"})
    assert answer.status_code == 422
    form = form_of(answer.text)
    assert error_of(form, "title") == "This is required: fill it in."
    assert "is not a number" in error_of(form, "amount")
    assert "is not a date" in error_of(form, "close_date")
    assert "3 values need fixing" in visible_text(form)
    for name in ("title", "amount"):
        assert 'aria-invalid="true"' in tag(form, name)
        assert f'aria-describedby="f-{name}-error' in tag(form, name)
    assert value_of(form, "amount") == "twelve <b>"  # kept, and as text
    assert "<b>" not in form.replace("&lt;b&gt;", "")
    assert deal_now(demo_server, deal.id).title == deal.title  # nothing saved


def test_unchecking_a_box_saves_no(admin: httpx.Client, demo_server: LiveServer) -> None:
    [task] = query(demo_server.db_url, "SELECT id FROM task ORDER BY id LIMIT 1")
    page = admin.get(f"/records/task/{task.id}/edit").text
    sent = edit_pairs(page)
    assert admin.post(f"/records/task/{task.id}", data={**sent, "done": ["false", "true"]}
                      ).status_code == 303
    assert query(demo_server.db_url, "SELECT done FROM task WHERE id = :id", id=task.id)[0][0]
    sent = edit_pairs(admin.get(f"/records/task/{task.id}/edit").text)  # box unchecked
    assert admin.post(f"/records/task/{task.id}", data=sent).status_code == 303
    assert not query(demo_server.db_url, "SELECT done FROM task WHERE id = :id", id=task.id)[0][0]


def test_a_taken_unique_value_is_shown_next_to_its_field(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    first, second = query(demo_server.db_url, "SELECT id, email FROM client WHERE email IS NOT "
                          "NULL ORDER BY id LIMIT 2")
    sent = edit_pairs(admin.get(f"/records/client/{second.id}/edit").text)
    answer = admin.post(f"/records/client/{second.id}", data={**sent, "email": first.email})
    assert answer.status_code == 422
    assert "already used" in error_of(form_of(answer.text), "email")


def test_a_change_without_the_csrf_token_is_refused(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    sent = edit_pairs(admin.get(f"/records/deal/{deal.id}/edit").text)
    del sent["csrf_token"]
    assert admin.post(f"/records/deal/{deal.id}", data={**sent, "title": "x"}).status_code == 403
    assert deal_now(demo_server, deal.id).title == deal.title


# ---------------------------------------------------------------- stale saves


def test_a_stale_save_says_who_changed_what_and_keeps_the_input(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    sent = edit_pairs(admin.get(f"/records/deal/{deal.id}/edit").text)
    other = demo_server.user()  # someone else changes the amount meanwhile
    assert other.patch(f"/api/records/deal/{deal.id}", json={"amount": 777}).status_code == 200
    answer = admin.post(f"/records/deal/{deal.id}", data={**sent, "title": "Mine now"})
    assert answer.status_code == 412
    form = form_of(answer.text)
    text = visible_text(form)
    assert "user saved this deal while you were editing it" in text
    assert "Amount." in text
    assert value_of(form, "title") == "Mine now"  # the user's input stays
    assert value_of(form, "amount") == "777"  # they had not touched it: theirs is taken
    assert "Updated to the value saved meanwhile: $777.00" in text
    assert value_of(form, "_version") == str(deal.version + 1)
    assert deal_now(demo_server, deal.id).title == deal.title  # nothing overwritten yet
    again = admin.post(f"/records/deal/{deal.id}", data=edit_pairs(answer.text))
    assert again.status_code == 303
    now = deal_now(demo_server, deal.id)
    assert (now.title, float(now.amount)) == ("Mine now", 777.0)


def test_a_stale_save_of_the_same_field_shows_both_values(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    sent = edit_pairs(admin.get(f"/records/deal/{deal.id}/edit").text)
    demo_server.user().patch(f"/api/records/deal/{deal.id}", json={"amount": 777})
    answer = admin.post(f"/records/deal/{deal.id}", data={**sent, "amount": "5000"})
    assert answer.status_code == 412
    form = form_of(answer.text)
    assert value_of(form, "amount") == "5000"
    assert "Saved meanwhile: $777.00" in visible_text(form)
    assert 'aria-describedby="f-amount-theirs f-amount-hint"' in tag(form, "amount")
    assert float(deal_now(demo_server, deal.id).amount) == 777.0


# ---------------------------------------------------------------- new records


def test_the_new_form_has_the_defaults_and_the_link_from_the_address(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    page = admin.get(f"/records/deal/new?client={deal.client}&back=/records/client/{deal.client}")
    assert page.status_code == 200
    form = form_of(page.text)
    assert "New deal" in visible_text(page.text)
    assert selected(form, "stage") == ["New"]  # the field's default
    assert selected(form, "client") == [deal.client_name]
    assert value_of(form, "_back") == f"/records/client/{deal.client}"
    assert "_version" not in form
    task = form_of(admin.get("/records/task/new").text)
    assert selected(task, "assignee") == ["admin"]  # "$me"


def test_creating_from_a_related_list_comes_back_to_the_card_that_lists_it(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    card = admin.get(f"/records/client/{deal.client}").text
    [new_url] = [href for href, text in links(card) if text == "New deal"]
    back = f"%2Frecords%2Fclient%2F{deal.client}"
    assert new_url == f"/records/deal/new?client={deal.client}&back={back}"
    sent = edit_pairs(admin.get(new_url).text)
    answer = admin.post("/records/deal/new", data={**sent, "title": "Ёлки 圣诞", "amount": "900"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/records/client/{deal.client}"
    related = admin.get(answer.headers["location"]).text.split('id="related-deal-client"')[1]
    assert "Ёлки 圣诞" in visible_text(related.split("</section>")[0])


def test_creating_goes_to_the_new_card_and_never_to_another_site(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    for back in ("", "https://evil.example/", "//evil.example/x"):
        sent = edit_pairs(admin.get("/records/client/new").text)
        answer = admin.post("/records/client/new", data={**sent, "name": f"New {back}",
                                                          "_back": back})
        assert answer.status_code == 303
        [made] = query(demo_server.db_url, "SELECT id FROM client WHERE name = :n",
                       n=f"New {back}")
        assert answer.headers["location"] == f"/records/client/{made.id}"


def test_creating_with_bad_values_shows_the_errors_and_creates_nothing(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    before = query(demo_server.db_url, "SELECT count(*) FROM deal")[0][0]
    sent = edit_pairs(admin.get("/records/deal/new").text)
    answer = admin.post("/records/deal/new", data={**sent, "title": " ", "amount": "abc"})
    assert answer.status_code == 422
    form = form_of(answer.text)
    assert error_of(form, "title") and error_of(form, "amount")
    assert value_of(form, "amount") == "abc"
    assert query(demo_server.db_url, "SELECT count(*) FROM deal")[0][0] == before


# ---------------------------------------------------------------- pickers


def test_a_picker_searches_the_target_and_keeps_the_chosen_record(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    answer = admin.get("/records/deal/choices", params={
        "field": "client", "_search_client": "LTD", "client": str(deal.client)},
        headers={"HX-Request": "true"})
    assert answer.status_code == 200
    found = [visible_text(t) for t in re.findall(r"<option[^>]*>(.*?)</option>", answer.text)]
    assert found[:2] == ["— none —", deal.client_name]
    assert f'value="{deal.client}" selected' in answer.text
    assert found[2:] and all("ltd" in name.casefold() for name in found[2:])
    assert "<html" not in answer.text
    assert admin.get("/records/deal/choices?field=title").status_code == 404


def test_without_javascript_find_narrows_the_picker_and_saves_nothing(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    sent = edit_pairs(admin.get(f"/records/deal/{deal.id}/edit").text)
    answer = admin.post(f"/records/deal/{deal.id}", data={
        **sent, "title": "Typed, not saved", "_find": "client", "_search_client": "ltd"})
    assert answer.status_code == 200
    form = form_of(answer.text)
    assert value_of(form, "title") == "Typed, not saved"
    assert value_of(form, "_search_client") == "ltd"
    assert all("ltd" in o.casefold() for o in options(form, "client")[2:])
    assert deal_now(demo_server, deal.id).title == deal.title


# ---------------------------------------------------------------- htmx


def test_htmx_gets_the_form_and_then_the_saved_details(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = a_deal(demo_server)
    htmx = {"HX-Request": "true"}
    form = admin.get(f"/records/deal/{deal.id}/edit", headers=htmx).text
    assert "<html" not in form
    assert '<form id="details"' in form
    sent = edit_pairs(form)
    bad = admin.post(f"/records/deal/{deal.id}", data={**sent, "title": ""}, headers=htmx)
    assert bad.status_code == 422 and "<html" not in bad.text
    assert error_of(bad.text, "title")
    good = admin.post(f"/records/deal/{deal.id}", data={**sent, "title": "Renamed"},
                      headers=htmx)
    assert good.status_code == 200
    assert good.headers["HX-Trigger"] == "recordSaved"
    assert "Saved." in visible_text(good.text)
    assert 'id="card-title" hx-swap-oob="true"' in good.text  # the heading follows
    assert re.search(r'id="record-system"[^>]*hx-swap-oob="true"', good.text)  # "Updated" too
    created = admin.post("/records/client/new", headers=htmx, data={
        **edit_pairs(admin.get("/records/client/new").text), "name": "By htmx"})
    assert created.headers["HX-Redirect"].startswith("/records/client/")


# ---------------------------------------------------------------- the definition, live


def test_a_field_added_to_the_definition_is_on_the_form_at_once(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    api = demo_server.admin()
    schema = api.get("/api/schema").json()
    doc = schema["definition"]
    deal_entity = next(e for e in doc["entities"] if e["name"] == "deal")
    deal_entity["fields"].append({"name": "source", "type": "select", "label": "Source",
                                  "options": ["web", "referral"]})
    changed = api.put("/api/schema", json={"definition": doc, "base_version": schema["version"]})
    assert changed.status_code == 200, changed.text
    deal = a_deal(demo_server)
    page = admin.get(f"/records/deal/{deal.id}/edit").text
    assert options(form_of(page), "source") == ["— none —", "web", "referral"]
    answer = admin.post(f"/records/deal/{deal.id}", data={**edit_pairs(page), "source": "web"})
    assert answer.status_code == 303
    assert query(demo_server.db_url, "SELECT source FROM deal WHERE id = :id",
                 id=deal.id)[0][0] == "web"


@pytest.mark.parametrize("path", ["/records/deal/999999/edit", "/records/nothing/new"])
def test_unknown_records_and_lists_are_pages_in_words(admin: httpx.Client, path: str) -> None:
    answer = admin.get(path)
    assert answer.status_code == 404
    assert "Not found" in visible_text(answer.text)


def test_a_plain_user_edits_too(plain_user: httpx.Client, demo_server: LiveServer) -> None:
    deal = a_deal(demo_server)
    page = plain_user.get(f"/records/deal/{deal.id}/edit").text
    assert csrf_of(page)
    answer = plain_user.post(f"/records/deal/{deal.id}", data={**edit_pairs(page),
                                                               "title": "By the user"})
    assert answer.status_code == 303
    assert deal_now(demo_server, deal.id).title == "By the user"


#: Fields of every other type, added to `deal` by a test through the API.
MORE_FIELDS = [
    {"name": "notes", "type": "long_text", "label": "Notes"},
    {"name": "seats", "type": "integer", "label": "Seats"},
    {"name": "weight", "type": "decimal", "label": "Weight"},
    {"name": "discount", "type": "percent", "label": "Discount"},
    {"name": "site", "type": "url", "label": "Site"},
    {"name": "hotline", "type": "phone", "label": "Hotline"},
    {"name": "signed_at", "type": "datetime", "label": "Signed at"},
    {"name": "tags", "type": "multi_select", "label": "Tags",
     "options": [{"value": "hot", "label": "Hot <b>lead</b>"}, "repeat"]},
    {"name": "partners", "type": "links", "label": "Partners", "to": "client",
     "inverse": "partner_deals"},
    {"name": "number", "type": "autonumber", "label": "Number", "prefix": "D-"},
]


def test_every_field_type_is_edited_and_saved(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    api = demo_server.admin()
    schema = api.get("/api/schema").json()
    doc = schema["definition"]
    next(e for e in doc["entities"] if e["name"] == "deal")["fields"].extend(MORE_FIELDS)
    changed = api.put("/api/schema", json={"definition": doc, "base_version": schema["version"]})
    assert changed.status_code == 200, changed.text
    deal = a_deal(demo_server)
    first, second = query(demo_server.db_url, "SELECT id, name FROM client ORDER BY id LIMIT 2")
    page = admin.get(f"/records/deal/{deal.id}/edit").text
    form = form_of(page)
    assert "<textarea" in form and 'inputmode="numeric"' in tag(form, "seats")
    assert 'type="url"' in tag(form, "site") and 'type="tel"' in tag(form, "hotline")
    assert "Hot &lt;b&gt;lead&lt;/b&gt;" in form  # an option label is text
    assert re.search(r'<p class="read-only" id="f-number"[^>]*>D-\d+</p>', form)
    assert "Search Clients" in visible_text(form)
    choices = admin.get("/records/deal/choices", params={
        "field": "partners", "partners": str(second.id), "_search_partners": first.name})
    assert f'value="{second.id}" checked' in choices.text  # the chosen one stays
    assert f'value="{first.id}">' in choices.text
    sent = {**edit_pairs(page), "notes": "line one\nline two", "seats": "1 200",
            "weight": "2,5", "discount": "12.5%", "site": "https://example.com/a?b=1",
            "hotline": "+7 (495) 123-45-67", "signed_at": "2026-11-23T10:30",
            "tags": ["", "hot", "repeat"], "partners": ["", str(first.id), str(second.id)]}
    answer = admin.post(f"/records/deal/{deal.id}", data=sent)
    assert answer.status_code == 303, visible_text(answer.text)[:2000]
    stored = demo_server.admin().get(f"/api/records/deal/{deal.id}").json()
    assert (stored["notes"], stored["seats"], stored["weight"], stored["discount"]) == (
        "line one\nline two", 1200, 2.5, 12.5)
    assert stored["signed_at"] == "2026-11-23T10:30:00Z"
    assert stored["tags"] == ["hot", "repeat"]
    assert sorted(p["id"] for p in stored["partners"]) == sorted([first.id, second.id])
    again = form_of(admin.get(f"/records/deal/{deal.id}/edit").text)
    assert value_of(again, "signed_at") == "2026-11-23T10:30"
    assert f'value="{first.id}" checked' in again
    cleared = {**edit_pairs(admin.get(f"/records/deal/{deal.id}/edit").text),
               "tags": [""], "partners": [""]}
    assert admin.post(f"/records/deal/{deal.id}", data=cleared).status_code == 303
    stored = demo_server.admin().get(f"/api/records/deal/{deal.id}").json()
    assert not stored["tags"] and stored["partners"] == []
