"""The list page over plain HTTP: columns, values, search, sort, filters, pages, fragments."""

from __future__ import annotations

import re

import httpx

from tests.support.pages import links, query, row_titles, visible_text
from tests.support.servers import LiveServer


def test_the_list_shows_the_title_field_and_the_next_fields(admin: httpx.Client) -> None:
    page = admin.get("/records/deal").text
    headers = re.findall(r'<th scope="col"[^>]*>\s*<a [^>]*>([^<]*)', page)
    assert headers == ["Title", "Amount", "Stage", "Client", "Close date"]
    assert len(row_titles(page)) == 50
    assert "Load more" in page


def test_values_show_as_their_type_says(admin: httpx.Client, demo_server: LiveServer) -> None:
    [deal] = query(demo_server.db_url, "SELECT d.id, d.title, c.id AS client_id, c.name "
                   "FROM deal d JOIN client c ON c.id = d.client "
                   "WHERE d.amount IS NOT NULL AND d.close_date IS NOT NULL "
                   "ORDER BY d.id LIMIT 1")
    page = admin.get(f"/records/deal?id={deal.id}").text
    row = visible_text(page.split('<th scope="row">')[1].split("</tr>")[0])
    assert re.search(r"\$[\d,]+\.\d\d", row)  # money with its currency
    assert re.search(r"[A-Z][a-z]{2} \d{1,2}, 20\d\d", row)  # a date as people write it
    assert re.search(r"New|Qualified|Proposal|Negotiation|Won|Lost", row)  # the stage's label
    assert (f"/records/client/{deal.client_id}", deal.name) in links(page)
    assert (f"/records/deal/{deal.id}", deal.title) in links(page)


def test_search_finds_part_of_a_name_in_another_case(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [client] = query(demo_server.db_url,
                     "SELECT name FROM client WHERE name LIKE 'ООО%' ORDER BY id LIMIT 1")
    part = client.name[5:-1].upper()  # "ООО «Ромашка»" -> "РОМАШКА"
    page = admin.get("/records/client", params={"q": part}).text
    titles = row_titles(page)
    assert client.name in titles
    assert all(part.casefold() in title.casefold() for title in titles)
    assert f'value="{part}"' in page  # the search box keeps what was typed


def test_nothing_found_is_said_in_words(admin: httpx.Client) -> None:
    page = admin.get("/records/client", params={"q": "zzzqqq"}).text
    assert "No records match." in visible_text(page)


def test_a_column_header_sorts_up_then_down(admin: httpx.Client) -> None:
    page = admin.get("/records/deal").text
    by_amount = dict((text, href) for href, text in links(page))["Amount"]
    assert by_amount == "/records/deal?sort=amount"
    ascending = admin.get(by_amount).text
    assert 'aria-sort="ascending"' in ascending
    amounts = _amounts(ascending)
    assert amounts == sorted(amounts)
    descending_link = dict((text, href) for href, text in links(ascending))["Amount ▲"]
    assert descending_link == "/records/deal?sort=-amount"
    amounts = _amounts(admin.get(descending_link).text)
    assert amounts == sorted(amounts, reverse=True)


def _amounts(page: str) -> list[float]:
    return [float(a.replace(",", "")) for a in re.findall(r'class="number">\$([\d,.]+)', page)]


def test_filters_of_the_api_pass_through(admin: httpx.Client, demo_server: LiveServer) -> None:
    won = {row.title for row in query(demo_server.db_url,
                                      "SELECT title FROM deal WHERE stage = 'won'")}
    page = admin.get("/records/deal?stage=won&sort=-amount").text
    assert set(row_titles(page)) <= won and row_titles(page)
    assert "Only records where: Stage is won" in visible_text(page)
    # Searching keeps the filter and the sort: the form sends them along.
    assert '<input type="hidden" name="stage" value="won">' in page
    assert '<input type="hidden" name="sort" value="-amount">' in page


def test_load_more_follows_with_the_next_records(admin: httpx.Client) -> None:
    first = admin.get("/records/deal?sort=title").text
    more = dict((text, href) for href, text in links(first))["Load more"]
    assert "cursor=" in more and "sort=title" in more
    second = admin.get(more).text
    seen = row_titles(first) + row_titles(second)
    assert len(seen) == 100 and len(set(seen)) == len(set(row_titles(first))) + len(
        set(row_titles(second)))
    third = admin.get(dict((t, h) for h, t in links(second))["Load more"]).text
    assert len(row_titles(third)) == 50 and "Load more" not in third  # 150 deals in all


def test_htmx_gets_just_the_records(admin: httpx.Client) -> None:
    answer = admin.get("/records/client?q=a", headers={"HX-Request": "true"})
    assert answer.text.startswith('<div id="records"')
    assert "<html" not in answer.text and "Sign out" not in answer.text
    assert answer.headers["Vary"] == "HX-Request, Accept-Language"  # pages vary by language too
    restore = admin.get("/records/client?q=a", headers={
        "HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert restore.text.startswith("<!doctype html>")


def test_an_unknown_entity_is_a_page_in_words(admin: httpx.Client) -> None:
    answer = admin.get('/records/"nope"<b>')
    assert answer.status_code == 404
    assert 'There is no list called “"nope"<b>”.' in visible_text(answer.text)
    assert '"nope"<b>' not in answer.text
    assert "Sign out" in answer.text  # the menu is still there


def test_a_bad_filter_says_what_is_wrong(admin: httpx.Client) -> None:
    answer = admin.get("/records/deal?stage=bogus")
    assert answer.status_code == 400
    assert "'bogus' is not one of the options" in visible_text(answer.text)
