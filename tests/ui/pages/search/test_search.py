"""The header's search over every entity, over plain HTTP (both databases): grouped by entity,
case- and accent-insensitive, a fragment for htmx and a page without JavaScript."""

from __future__ import annotations

import re

import httpx

from tests.support.pages import XSS_NAME, links, query, visible_text
from tests.support.servers import LiveServer

HTMX = {"HX-Request": "true"}


def _groups(page: str) -> dict[str, list[str]]:
    """Entity heading -> the record names listed under it."""
    found = {}
    for heading, body in re.findall(
            r'<section class="search-group" aria-label="[^"]*">\s*<h2>(.*?)</h2>(.*?)</section>',
            page, flags=re.S):
        names = [visible_text(a) for a in re.findall(r"<li><a [^>]*>(.*?)</a>", body, re.S)]
        found[visible_text(heading)] = names
    return found


def test_a_client_is_found_by_part_of_its_name_in_another_case(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [client] = query(demo_server.db_url, "SELECT id, name FROM client WHERE name LIKE '%омаш%'")
    for term in ("ромаш", "РОМАШ", "Ромашка"):
        page = admin.get("/search", params={"q": term})
        assert page.status_code == 200
        groups = _groups(page.text)
        assert client.name in groups["Clients"], (term, groups)
        assert (f"/records/client/{client.id}", client.name) in links(page.text)
        assert f"Results for “{term}”" in visible_text(page.text)


def test_accents_do_not_matter(admin: httpx.Client, demo_server: LiveServer) -> None:
    [client] = query(demo_server.db_url, "SELECT name FROM client WHERE name = 'Dunărea SRL'")
    groups = _groups(admin.get("/search", params={"q": "dunarea"}).text)
    assert client.name in groups["Clients"]
    deals = [d.title for d in query(demo_server.db_url,
                                    "SELECT title FROM deal WHERE title LIKE '%Dunărea%'")]
    assert deals and set(groups["Deals"]) <= set(deals)  # deals named after it, grouped apart
    assert len(groups["Deals"]) == min(5, len(deals))


def test_each_entity_shows_five_and_links_to_the_rest(admin: httpx.Client) -> None:
    page = admin.get("/search", params={"q": "ltd"}).text
    groups = _groups(page)
    assert set(groups) >= {"Clients", "Deals"}
    assert all(len(names) <= 5 for names in groups.values())
    assert len(groups["Deals"]) == 5
    assert ("/records/deal?q=ltd", "See all matching Deals…") in links(page)
    assert all("ltd" in name.casefold() for name in groups["Clients"] + groups["Deals"])


def test_htmx_gets_only_the_results(admin: httpx.Client, demo_server: LiveServer) -> None:
    answer = admin.get("/search", params={"q": "ромаш"}, headers=HTMX)
    assert answer.status_code == 200
    assert "<html" not in answer.text and "Signed in as" not in answer.text
    assert "ООО «Ромашка»" in _groups(answer.text)["Clients"]
    assert admin.get("/search", params={"q": "  "}, headers=HTMX).text.strip() == ""


def test_nothing_found_says_so(admin: httpx.Client) -> None:
    text = visible_text(admin.get("/search", params={"q": "zzqqxx"}).text)
    assert "Nothing matches “zzqqxx”." in text


def test_the_search_page_without_words_explains_itself(admin: httpx.Client) -> None:
    text = visible_text(admin.get("/search").text)
    assert "Search everything" in text
    assert "find records of every list at once" in text


def test_every_page_has_the_search_box(admin: httpx.Client) -> None:
    for path in ("/records/client", "/records/deal/1", "/search?q=x"):
        page = admin.get(path).text
        assert re.search(r'<label for="global-q">Search everything</label>', page), path
        assert re.search(r'<form class="global-search" method="get" action="/search"', page)
    # The page of a search keeps the words in the box.
    assert 'name="q" value="ромаш"' in admin.get("/search", params={"q": "ромаш"}).text


def test_html_in_names_is_shown_as_text(admin: httpx.Client) -> None:
    page = admin.get("/search", params={"q": "<script>"}).text
    assert XSS_NAME in _groups(page)["Clients"]
    assert "<script>alert" not in page
    assert "Results for “&lt;script&gt;”" in page


def test_searching_needs_signing_in(demo_server: LiveServer) -> None:
    answer = httpx.get(f"{demo_server.url}/search?q=a", follow_redirects=False, timeout=30)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")
