"""Saved views over plain HTTP: save the list as shown, find it in the switcher, share, delete."""

from __future__ import annotations

import copy
import html
import json
import re
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from kartoteka.schema_engine import check_definition
from kartoteka.ui.pages.list.views import MINE
from tests.support.pages import csrf_of, query, row_titles, ui_definition, visible_text
from tests.support.servers import LiveServer

FILTERED = [("stage", "won"), ("sort", "-amount"), ("columns", "amount,stage")]


def _save(client: httpx.Client, name: str, params: list[tuple[str, str]]) -> httpx.Response:
    page = client.get("/records/deal", params=params).text
    shown = re.search(r'name="params" value="([^"]*)"', page)
    assert shown
    return client.post("/records/deal/views", data={
        "csrf_token": csrf_of(page), "name": name, "params": html.unescape(shown.group(1))})


def _switcher(page: str) -> list[str]:
    menu = page[page.index('class="tool views-tool"'):page.index('class="save-view"')]
    return [visible_text(a) for a in re.findall(r"<a [^>]*>(.*?)</a>", menu)]


def test_a_saved_view_comes_back_from_the_switcher(admin: httpx.Client) -> None:
    answer = _save(admin, "Won, biggest first «Ромашка» 大", FILTERED)
    assert answer.status_code == 303
    location = answer.headers["location"]
    params = parse_qsl(urlsplit(location).query)
    assert ("columns", "title,amount,stage") in params and ("sort", "-amount") in params
    assert ("stage", "won") in params and params[-1][0] == "view"
    page = admin.get("/records/deal").text  # a fresh visit: the view is in the switcher
    assert _switcher(page) == ["All deals", "Won, biggest first «Ромашка» 大"]
    link = dict((visible_text(t), h) for h, t in re.findall(
        r'<a href="([^"]*)"[^>]*>(.*?)</a>', page))["Won, biggest first «Ромашка» 大"]
    shown = admin.get(link.replace("&amp;", "&")).text
    assert "Only records where: Stage is won" in visible_text(shown)
    assert 'class="view-name">Won, biggest first' in shown
    assert re.findall(r'<th scope="col"[^>]*aria-sort="descending"', shown)


def test_views_are_personal(admin: httpx.Client, plain_user: httpx.Client) -> None:
    _save(admin, "Mine only", FILTERED)
    assert "Mine only" not in _switcher(plain_user.get("/records/deal").text)
    [key] = re.findall(rf"view=({MINE}\d+)", admin.get("/records/deal").text)[:1]
    page = plain_user.get("/records/deal").text
    answer = plain_user.post(f"/records/deal/views/{key}/delete",
                             data={"csrf_token": csrf_of(page)})
    assert answer.status_code == 404  # not theirs to delete
    assert "Mine only" in _switcher(admin.get("/records/deal").text)


def test_saving_needs_a_name_and_the_csrf_token(admin: httpx.Client) -> None:
    assert _save(admin, "   ", FILTERED).status_code == 400
    refused = admin.post("/records/deal/views", data={"name": "x", "params": ""})
    assert refused.status_code == 403
    assert _switcher(admin.get("/records/deal").text) == ["All deals"]


def test_delete_a_view(admin: httpx.Client) -> None:
    location = _save(admin, "Short-lived", FILTERED).headers["location"]
    key = dict(parse_qsl(urlsplit(location).query))["view"]
    page = admin.get("/records/deal").text
    answer = admin.post(f"/records/deal/views/{key}/delete", data={"csrf_token": csrf_of(page)})
    assert answer.status_code == 303
    assert _switcher(admin.get("/records/deal").text) == ["All deals"]


def test_an_admin_shares_a_view_into_the_definition(
    admin: httpx.Client, plain_user: httpx.Client, demo_server: LiveServer
) -> None:
    or_filter = json.dumps({"or": [{"field": "stage", "op": "eq", "value": "won"},
                                   {"field": "amount", "op": "gt", "value": "5000"}]})
    location = _save(admin, "Hot deals", [("filter", or_filter), ("columns", "amount")])
    key = dict(parse_qsl(urlsplit(location.headers["location"]).query))["view"]
    page = admin.get("/records/deal").text
    assert "Share with everyone" in page
    answer = admin.post(f"/records/deal/views/{key}/share", data={"csrf_token": csrf_of(page)})
    assert answer.status_code == 303
    [version] = query(demo_server.db_url, "SELECT document, summary FROM kt_schema_version "
                      "ORDER BY version DESC LIMIT 1")
    document = json.loads(version.document) if isinstance(version.document, str) \
        else version.document
    [view] = document["views"]
    assert view["name"] == "Hot deals" and view["entity"] == "deal"
    assert view["columns"] == ["title", "amount"]
    assert view["filter"] == json.loads(or_filter)
    assert "Hot deals" in version.summary
    # Everyone sees it under the shared views; the admin's own copy became the shared one.
    theirs = plain_user.get("/records/deal").text
    assert "Shared views" in theirs and "Hot deals" in _switcher(theirs)
    assert "Share with everyone" not in theirs and f"/views/{view['id']}/delete" not in theirs
    assert _switcher(admin.get("/records/deal").text) == ["All deals", "Hot deals"]
    shown = plain_user.get(f"/records/deal?view={view['id']}&filter={or_filter}").text
    assert row_titles(shown)


def test_only_admins_share(admin: httpx.Client, plain_user: httpx.Client) -> None:
    page = plain_user.get("/records/deal").text
    answer = plain_user.post("/records/deal/views",
                             data={"csrf_token": csrf_of(page), "name": "Theirs",
                                   "params": "stage=won"})
    key = dict(parse_qsl(urlsplit(answer.headers["location"]).query))["view"]
    page = plain_user.get("/records/deal").text
    assert "Share with everyone" not in page
    refused = plain_user.post(f"/records/deal/views/{key}/share",
                              data={"csrf_token": csrf_of(page)})
    assert refused.status_code == 403
    assert "administrators" in visible_text(refused.text)


def test_a_bad_filter_is_not_saved(admin: httpx.Client) -> None:
    page = admin.get("/records/deal").text
    answer = admin.post("/records/deal/views", data={
        "csrf_token": csrf_of(page), "name": "Broken", "params": "amout__gt=5"})
    assert answer.status_code == 400
    assert "unknown field 'amout'" in visible_text(answer.text)


@pytest.mark.parametrize(("view", "path", "message"), [
    ({"entity": "dael"}, "$.views[0].entity", "there is no entity 'dael' (did you mean 'deal'?)"),
    ({"entity": "deal", "columns": ["title", "amout"]}, "$.views[0].columns[1]",
     "'amout' is not a field of 'deal' (did you mean 'amount'?)"),
    ({"entity": "deal", "sort": ["-amont"]}, "$.views[0].sort[0]", "'amont' is not a field"),
    ({"entity": "deal", "filter": {"or": [{"field": "client.cty", "value": "Paris"}]}},
     "$.views[0].filter.or[0].field", "'cty' is not a field of 'client'"),
    ({"entity": "deal", "filter": {"field": "amount", "op": "contains", "value": "1"}},
     "$.views[0].filter.op", 'operator "contains" does not apply to amount (money)'),
    ({"entity": "deal", "colour": "red"}, "$.views[0].colour", "unknown key 'colour'"),
], ids=["entity", "column", "sort", "linked field", "operator", "unknown key"])
def test_shared_views_must_name_what_exists(view: dict, path: str, message: str) -> None:
    doc = copy.deepcopy(ui_definition())
    doc["views"] = [{"id": "view_1", "name": "A view", **view}]
    errors = check_definition(doc)
    assert any(e.path == path and message in e.message for e in errors), errors


def test_a_good_shared_view_is_valid() -> None:
    doc = copy.deepcopy(ui_definition())
    doc["views"] = [{"id": "view_1", "name": "Won", "entity": "deal", "columns": ["amount"],
                     "sort": ["-amount", "owner"],
                     "filter": {"or": [{"field": "stage", "value": "won"},
                                       {"not": {"field": "client.city", "op": "empty",
                                                "value": True}}]}}]
    assert check_definition(doc) == []
