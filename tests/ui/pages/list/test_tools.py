"""The list's tools over plain HTTP (no JavaScript): columns, the filter builder, totals.

Each test checks what a user would notice against the database itself, on SQLite and on
PostgreSQL.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from kartoteka import schema_engine as se
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query.operators import OPERATORS
from kartoteka.schema_engine.records.writes import create_record
from kartoteka.schema_engine.types import fold
from kartoteka.ui.pages.list.filter_fields import operator_labels
from kartoteka.ui.pages.list.filters import ANY, Block, Builder, Row, from_params, to_params
from tests.support.pages import query, row_titles, visible_text
from tests.support.servers import LiveServer


def _headers(page: str) -> list[str]:
    """The column headers of the list's table."""
    page = page[page.index('<div id="records"'):]
    return [visible_text(h) for h in
            re.findall(r'<th scope="col"(?! class="pick")[^>]*>(.*?)</th>', page, flags=re.S)]


def _selected(page: str, name: str) -> str | None:
    """The selected option's value of the select called `name`."""
    select = re.search(rf'<select [^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', page,
                       flags=re.S)
    assert select, f"no select {name}"
    chosen = re.search(r'<option value="([^"]*)" selected', select.group(1))
    return chosen.group(1) if chosen else None


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select [^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', page,
                       flags=re.S)
    assert select, f"no select {name}"
    return [visible_text(o) for o in re.findall(r"<option[^>]*>(.*?)</option>", select.group(1))]


# ---------------------------------------------------------------- columns


def test_columns_come_from_the_address_with_the_title_first(admin: httpx.Client) -> None:
    page = admin.get("/records/deal", params={"columns": "stage,amount,owner"}).text
    assert _headers(page) == ["Title", "Stage", "Amount", "Owner"]
    assert len(re.findall(r"<td>admin</td>", page)) == 50  # the owner's name, every row


def test_the_columns_form_orders_ticked_fields_by_their_places(admin: httpx.Client) -> None:
    answer = admin.get("/records/deal/columns", params=[
        ("stage", "won"), ("show.amount", "on"), ("place.amount", "3"),
        ("show.client", "on"), ("place.client", "2"), ("place.stage", "1"),
        ("columns", "title,stage"), ("view", "mine-1")])
    assert answer.status_code == 303
    assert parse_qsl(urlsplit(answer.headers["location"]).query) == [
        ("stage", "won"), ("columns", "client,amount")]
    page = admin.get(answer.headers["location"]).text
    assert _headers(page) == ["Title", "Client", "Amount"]
    # The Columns control lists every field, the shown ones ticked, first and in order.
    ticked = re.findall(r'id="show-(\w+)" name="show\.\w+"\s+checked', page)
    assert ticked == ["title", "client", "amount"]
    assert 'id="show-close_date"' in page and 'id="show-created_at"' in page


def test_an_unknown_column_says_so_in_words(admin: httpx.Client) -> None:
    answer = admin.get("/records/deal", params={"columns": "title,amout"})
    assert answer.status_code == 400
    assert "unknown column 'amout'" in visible_text(answer.text)


# ---------------------------------------------------------------- the filter builder


def test_the_builder_builds_an_or_filter_and_the_list_shows_its_rows(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    answer = admin.get("/records/deal/filter", params=[
        ("sort", "-amount"), ("match", "any"),
        ("c0.field", "stage"), ("c0.op", "eq"), ("c0.value", "won"),
        ("c1.field", "amount"), ("c1.op", "gt"), ("c1.value", "5000"), ("apply", "1")])
    assert answer.status_code == 303
    params = dict(parse_qsl(urlsplit(answer.headers["location"]).query))
    assert params["sort"] == "-amount"
    assert json.loads(params["filter"]) == {"or": [
        {"field": "stage", "op": "eq", "value": "won"},
        {"field": "amount", "op": "gt", "value": "5000"}]}
    expected = {r.title for r in query(demo_server.db_url,
                "SELECT title FROM deal WHERE deleted_at IS NULL "
                "AND (stage = 'won' OR amount > 5000)")}
    page = admin.get(answer.headers["location"]).text
    titles = row_titles(page)
    assert titles and set(titles) <= expected
    assert "(Stage is won or Amount is greater than 5000)" in visible_text(page)
    # The builder on the list shows the same filter again, ready to change.
    assert _selected(page, "match") == "any"
    assert _selected(page, "c0.field") == "stage" and _selected(page, "c0.value") == "won"
    assert _selected(page, "c1.field") == "amount" and _selected(page, "c1.op") == "gt"
    assert 'name="c1.value" value="5000"' in page


def test_add_a_condition_shows_the_builder_again_with_one_more(admin: httpx.Client) -> None:
    params = [("c0.field", "stage"), ("c0.op", "eq"), ("c0.value", "won"), ("add", "row")]
    page = admin.get("/records/deal/filter", params=params).text
    assert "<html" in page and "Filter Deals" in visible_text(page)  # a page of its own
    assert _selected(page, "c0.value") == "won"
    assert 'name="c1.field"' in page and 'name="c2.field"' not in page
    fragment = admin.get("/records/deal/filter", params=params,
                         headers={"HX-Request": "true"}).text
    assert fragment.startswith('<form id="filter-builder"') and "<html" not in fragment
    group = admin.get("/records/deal/filter", params=[*params[:-1], ("add", "group")]).text
    assert "Group 1" in visible_text(group) and 'name="c1.group" value="1"' in group


def test_each_field_offers_the_operators_of_its_type_in_words(admin: httpx.Client) -> None:
    page = admin.get("/records/deal/filter", params=[
        ("c0.field", "amount"), ("c1.field", "close_date"), ("c2.field", "title"),
        ("c3.field", "client.city"), ("c4.field", "stage")]).text
    assert _options(page, "c0.op") == ["is", "is not", "is less than", "is at most",
                                       "is greater than", "is at least", "is one of",
                                       "is empty", "is not empty"]
    assert "is before" in _options(page, "c1.op")
    assert 'type="date" id="c1-value"' in page
    assert "contains" in _options(page, "c2.op") and "starts with" in _options(page, "c2.op")
    assert "Client › City" in _options(page, "c0.field")
    assert _selected(page, "c3.field") == "client.city"
    assert _options(page, "c4.value")[1:] == ["New", "Qualified", "Proposal", "Negotiation",
                                              "Won", "Lost"]


def test_every_engine_operator_has_words_in_the_builder() -> None:
    assert set(OPERATORS) <= set(operator_labels())


def test_a_value_the_engine_refuses_is_said_and_kept(admin: httpx.Client) -> None:
    answer = admin.get("/records/deal/filter", params=[
        ("c0.field", "amount"), ("c0.op", "gt"), ("c0.value", "lots"), ("apply", "1")])
    assert answer.status_code == 400
    text = visible_text(answer.text)
    assert "This filter cannot be applied" in text and "'lots' is not a number" in text
    assert 'name="c0.value" value="lots"' in answer.text


def test_is_empty_needs_no_value(admin: httpx.Client, demo_server: LiveServer) -> None:
    answer = admin.get("/records/deal/filter", params=[
        ("c0.field", "close_date"), ("c0.op", "not_empty"), ("c0.value", ""), ("apply", "1")])
    assert answer.headers["location"].endswith("close_date__empty=false")
    page = admin.get(answer.headers["location"]).text
    assert "Close date is not empty" in visible_text(page)
    empty = admin.get("/records/deal/filter", params=[("c0.field", "close_date"),
                                                      ("c0.op", "empty")]).text
    assert 'id="c0-value"' not in empty


def test_a_link_one_hop_filters_by_the_linked_record(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [city] = query(demo_server.db_url, "SELECT city FROM client WHERE city IS NOT NULL "
                   "AND city NOT LIKE '%<%' ORDER BY id LIMIT 1")
    answer = admin.get("/records/deal/filter", params=[
        ("c0.field", "client.city"), ("c0.op", "eq"), ("c0.value", city.city), ("apply", "1")])
    page = admin.get(answer.headers["location"]).text
    expected = {r.title for r in query(demo_server.db_url,
                "SELECT d.title FROM deal d JOIN client c ON c.id = d.client "
                "WHERE c.city = :city AND d.deleted_at IS NULL", city=city.city)}
    assert expected and set(row_titles(page)) == expected


@pytest.mark.parametrize("builder", [
    Builder(rows=(Row("stage", "eq", "won"), Row("amount", "gt", "10"))),
    Builder(ANY, (Row("stage", "eq", "won"), Row("amount", "gt", "10"))),
    Builder(rows=(Row("title", "contains", "a"),),
            groups=(Block(ANY, (Row("stage", "eq", "won"), Row("stage", "eq", "lost"))),)),
    Builder(ANY, (Row("close_date", "not_empty", ""),),
            (Block(rows=(Row("amount", "lt", "5"), Row("stage", "in", "new,won"))),)),
], ids=["all", "any", "all with an any group", "any with an all group"])
def test_a_filter_survives_the_address(builder: Builder) -> None:
    assert from_params(to_params(builder)) == builder


# ---------------------------------------------------------------- totals


def _money(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", ""))


def test_totals_add_up_every_matching_record(admin: httpx.Client, demo_server: LiveServer) -> None:
    [row] = query(demo_server.db_url, "SELECT count(*) AS n, sum(amount) AS total FROM deal "
                  "WHERE stage = 'won' AND deleted_at IS NULL")
    page = admin.get("/records/deal?stage=won&limit=5").text
    assert 'hx-trigger="load"' in page and "Show totals" in page  # loaded after the rows
    fragment = admin.get("/records/deal/totals?stage=won&limit=5",
                         headers={"HX-Request": "true"}).text
    assert fragment.startswith('<tr id="totals"')
    assert f"Total of {row.n} records" in visible_text(fragment)
    shown = re.findall(r'class="number">([^<]+)<', fragment)
    assert [_money(s) for s in shown] == [Decimal(str(row.total)).quantize(Decimal("0.01"))]


def test_without_javascript_the_totals_link_shows_them_in_the_list(admin: httpx.Client) -> None:
    answer = admin.get("/records/deal/totals?stage=lost")
    assert answer.status_code == 303 and "totals=1" in answer.headers["location"]
    page = admin.get(answer.headers["location"]).text
    assert re.search(r"Total of \d+ records", visible_text(page))
    assert 'hx-trigger="load"' not in page


def test_no_totals_row_without_a_number_column(admin: httpx.Client) -> None:
    page = admin.get("/records/deal?columns=title,stage").text
    assert "Show totals" not in page and 'id="totals"' not in page


# ---------------------------------------------------------------- sorting text


def _add_clients(url: str, names: list[str]) -> None:
    engine = se.connect(url)
    try:
        with write_connection(engine) as conn, conn.begin():  # as the server writes
            stored = se.current(conn)
            model = AppModel(stored.document, stored.version, conn.dialect.name)
            for name in names:
                create_record(conn, model, "client", {"name": name}, user_id=None)
    finally:
        engine.dispose()


def test_text_sorts_by_letters_not_by_case(admin: httpx.Client, demo_server: LiveServer) -> None:
    _add_clients(demo_server.db_url, ["apple farm", "Zebra Ltd", "ёлка", "Ель", "Émile SA"])
    page = admin.get("/records/client", params={"sort": "name", "limit": "500"}).text
    titles = row_titles(page)
    assert [fold(t) for t in titles] == sorted(fold(t) for t in titles)
    assert titles.index("apple farm") < titles.index("Émile SA") < titles.index("Zebra Ltd")
    assert titles.index("Zebra Ltd") < titles.index("ёлка") < titles.index("Ель")  # е = ё
    # Cyrillic after Latin, Chinese after both; "Load more" pages carry on in the same order.
    first = admin.get("/records/client", params={"sort": "-name"}).text
    more = re.search(r'<a href="([^"]*cursor=[^"]*)"', first)
    assert more
    second = admin.get(more.group(1).replace("&amp;", "&")).text
    both = row_titles(first) + row_titles(second)
    assert both == list(reversed(titles))[:len(both)]
