"""The record card over plain HTTP: fields, system fields, related lists both ways, trash."""

from __future__ import annotations

import re

import httpx

from tests.support.pages import links, query, row_titles, visible_text
from tests.support.servers import ADMIN, LiveServer


def test_the_client_card_lists_the_clients_deals(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [client] = query(demo_server.db_url, "SELECT c.id, c.name, c.email FROM client c WHERE "
                     "(SELECT count(*) FROM deal d WHERE d.client = c.id) > 1 ORDER BY c.id "
                     "LIMIT 1")
    deals = query(demo_server.db_url, "SELECT id, title FROM deal WHERE client = :id",
                  id=client.id)
    page = admin.get(f"/records/client/{client.id}").text
    text = visible_text(page)
    assert f"<h1>{client.name} " in page.replace("&#34;", '"') or client.name in text
    assert f"Email {client.email}" in text
    related = page.split('id="related-deal-client"')[1].split("</section>")[0]
    assert sorted(row_titles(related)) == sorted(d.title for d in deals)
    assert {(f"/records/deal/{d.id}", d.title) for d in deals} <= set(links(related))
    assert "Tasks" in visible_text(page)  # tasks link to clients too


def test_the_deal_card_links_to_its_client(admin: httpx.Client, demo_server: LiveServer) -> None:
    [deal] = query(demo_server.db_url, "SELECT d.id, c.id AS client_id, c.name FROM deal d "
                   "JOIN client c ON c.id = d.client ORDER BY d.id LIMIT 1")
    page = admin.get(f"/records/deal/{deal.id}").text
    assert (f"/records/client/{deal.client_id}", deal.name) in links(page)


def test_system_fields_say_who_and_when_in_utc(admin: httpx.Client) -> None:
    text = visible_text(admin.get("/records/client/1").text)
    assert re.search(r"Created [A-Z][a-z]{2} \d{1,2}, 20\d\d, \d{1,2}:\d\d [AP]M UTC by admin",
                     text)
    assert "Times are shown in UTC." in text
    assert "Owner admin" in text


def test_a_trashed_record_says_so(admin: httpx.Client, demo_server: LiveServer) -> None:
    [task] = query(demo_server.db_url, "SELECT id FROM task ORDER BY id LIMIT 1")
    api = demo_server.client(demo_server.login(*ADMIN))
    assert api.delete(f"/api/records/task/{task.id}").status_code == 200
    page = admin.get(f"/records/task/{task.id}")
    assert page.status_code == 200
    assert "This task is in the trash." in visible_text(page.text)
    assert "/edit" not in page.text  # nothing to edit until it is restored


def test_an_unknown_record_is_a_page_in_words(admin: httpx.Client) -> None:
    for path in ("/records/deal/999999", "/records/deal/abc", "/records/deal/0"):
        answer = admin.get(path)
        assert answer.status_code == 404, path
        assert "does not exist" in visible_text(answer.text)
