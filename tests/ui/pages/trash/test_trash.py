"""Trash and restore from the card over plain HTTP (both databases): the confirmation page says
what will happen (cascades, or the records that refuse it), the move lands on the list with a
message and Undo, a trashed card offers Restore."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.support.pages import csrf_of, links, query, row_titles, visible_text
from tests.support.servers import ADMIN, LiveServer


def _deal_with_tasks(server: LiveServer) -> Any:
    [deal] = query(server.db_url, "SELECT d.id, d.title, count(t.id) AS tasks FROM deal d "
                   "JOIN task t ON t.deal = d.id WHERE d.deleted_at IS NULL "
                   "GROUP BY d.id, d.title HAVING count(t.id) > 1 ORDER BY d.id LIMIT 1")
    return deal


def _client_with_deals(server: LiveServer) -> Any:
    [client] = query(server.db_url, "SELECT c.id, c.name, count(d.id) AS deals FROM client c "
                     "JOIN deal d ON d.client = c.id GROUP BY c.id, c.name "
                     "HAVING count(d.id) > 1 ORDER BY c.id LIMIT 1")
    return client


def _trashed(server: LiveServer, table: str, ids: list[int]) -> list[bool]:
    rows = query(server.db_url, f"SELECT id, deleted_at FROM {table} ORDER BY id")
    found = {r.id: r.deleted_at is not None for r in rows}
    return [found[i] for i in ids]


def _form(page: str) -> dict[str, str]:
    return {"csrf_token": csrf_of(page),
            "version": re.search(r'name="version" value="(\d+)"', page).group(1)}


def test_the_card_offers_to_move_it_to_the_trash(admin: httpx.Client,
                                                 demo_server: LiveServer) -> None:
    deal = _deal_with_tasks(demo_server)
    card = admin.get(f"/records/deal/{deal.id}").text
    assert (f"/records/deal/{deal.id}/trash", "Move to trash") in links(card)


def test_the_confirmation_says_what_goes_with_it(admin: httpx.Client,
                                                 demo_server: LiveServer) -> None:
    deal = _deal_with_tasks(demo_server)
    tasks = query(demo_server.db_url, "SELECT id, title FROM task WHERE deal = :id", id=deal.id)
    page = admin.get(f"/records/deal/{deal.id}/trash")
    assert page.status_code == 200
    text = visible_text(page.text)
    assert f"Move Deal “{deal.title}” to the trash?" in text
    assert f"{deal.tasks} Tasks & \"to-dos\" go to the trash with it:" in text
    assert {(f"/records/task/{t.id}", t.title) for t in tasks} <= set(links(page.text))
    assert "They come back with it when it is restored." in text
    assert re.search(r'<button type="submit" class="danger">Move to trash</button>', page.text)


def test_trash_lands_on_the_list_with_undo(admin: httpx.Client,
                                           demo_server: LiveServer) -> None:
    deal = _deal_with_tasks(demo_server)
    tasks = [t.id for t in query(demo_server.db_url, "SELECT id FROM task WHERE deal = :id",
                                 id=deal.id)]
    confirm = admin.get(f"/records/deal/{deal.id}/trash").text
    moved = admin.post(f"/records/deal/{deal.id}/trash", data=_form(confirm))
    assert moved.status_code == 303
    assert moved.headers["location"].startswith("/records/deal?done=")
    listed = admin.get(moved.headers["location"]).text
    assert f"Deal “{deal.title}” moved to the trash." in visible_text(listed)
    assert _trashed(demo_server, "deal", [deal.id]) == [True]
    assert _trashed(demo_server, "task", tasks) == [True] * len(tasks)
    searched = admin.get("/records/deal", params={"q": deal.title}).text
    assert deal.title not in row_titles(searched)
    assert ("/records/deal?trashed=true", "Trash") in links(listed)  # the list's trash
    in_trash = admin.get("/records/deal", params={"q": deal.title, "trashed": "true"}).text
    assert deal.title in row_titles(in_trash)
    assert ("/records/deal", "Leave the trash") in links(in_trash)

    undo = re.search(r'<form method="post" action="([^"]+)">\s*<input type="hidden" '
                     r'name="csrf_token" value="[^"]+">\s*<input type="hidden" name="then" '
                     r'value="list">\s*<button type="submit">Undo</button>', listed)
    assert undo, listed
    back = admin.post(undo.group(1), data={"csrf_token": csrf_of(listed), "then": "list"})
    assert back.status_code == 303
    listed = admin.get(back.headers["location"]).text
    assert f"Deal “{deal.title}” is back from the trash." in visible_text(listed)
    assert "Undo" not in visible_text(listed)
    assert _trashed(demo_server, "deal", [deal.id]) == [False]
    assert _trashed(demo_server, "task", tasks) == [False] * len(tasks)  # they came back too


def test_a_client_with_deals_cannot_go_and_the_page_says_why(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    client = _client_with_deals(demo_server)
    deals = query(demo_server.db_url, "SELECT id, title FROM deal WHERE client = :id",
                  id=client.id)
    page = admin.get(f"/records/client/{client.id}/trash").text
    text = visible_text(page)
    assert f"Client “{client.name}” cannot go to the trash yet" in text
    assert f"{client.deals} Deals point to Client “{client.name}”:" in text
    assert {(f"/records/deal/{d.id}", d.title) for d in deals} <= set(links(page))
    assert "Move to trash" not in re.sub(r"<title>.*?</title>", "", page)
    # A form sent anyway (an old tab) is refused in words, and nothing moves.
    refused = admin.post(f"/records/client/{client.id}/trash",
                         data={"csrf_token": csrf_of(page), "version": ""})
    assert refused.status_code == 409
    assert "Other records point to this one, so it was not moved to the trash." in \
        visible_text(refused.text)
    assert _trashed(demo_server, "client", [client.id]) == [False]


def test_a_change_made_meanwhile_stops_the_move(admin: httpx.Client,
                                                demo_server: LiveServer) -> None:
    deal = _deal_with_tasks(demo_server)
    confirm = admin.get(f"/records/deal/{deal.id}/trash").text
    api = demo_server.client(demo_server.login(*ADMIN))
    api.patch(f"/api/records/deal/{deal.id}", json={"amount": 77}).raise_for_status()
    answer = admin.post(f"/records/deal/{deal.id}/trash", data=_form(confirm))
    assert answer.status_code == 409
    assert "Someone changed this record since you opened this page" in visible_text(answer.text)
    assert _trashed(demo_server, "deal", [deal.id]) == [False]
    again = admin.post(f"/records/deal/{deal.id}/trash", data=_form(answer.text))
    assert again.status_code == 303  # confirmed again with what is there now


def test_no_move_without_the_forms_token(admin: httpx.Client, demo_server: LiveServer) -> None:
    deal = _deal_with_tasks(demo_server)
    answer = admin.post(f"/records/deal/{deal.id}/trash", data={"version": ""})
    assert answer.status_code == 403
    assert _trashed(demo_server, "deal", [deal.id]) == [False]
    assert admin.post(f"/records/deal/{deal.id}/restore").status_code == 403


def test_a_trashed_card_says_so_and_restores(admin: httpx.Client,
                                             demo_server: LiveServer) -> None:
    deal = _deal_with_tasks(demo_server)
    api = demo_server.client(demo_server.login(*ADMIN))
    api.delete(f"/api/records/deal/{deal.id}").raise_for_status()
    card = admin.get(f"/records/deal/{deal.id}")
    assert card.status_code == 200
    text = visible_text(card.text)
    assert "This deal is in the trash. Restore it to change it." in text
    assert "Move to trash" not in text
    # The confirmation page of a trashed record leads back to its card.
    assert admin.get(f"/records/deal/{deal.id}/trash").status_code == 303
    restored = admin.post(f"/records/deal/{deal.id}/restore",
                          data={"csrf_token": csrf_of(card.text), "then": "card"})
    assert restored.status_code == 303
    assert restored.headers["location"].startswith(f"/records/deal/{deal.id}?done=")
    text = visible_text(admin.get(restored.headers["location"]).text)
    assert f"Deal “{deal.title}” is back from the trash." in text
    assert "is in the trash" not in text


def test_messages_cannot_be_forged(admin: httpx.Client) -> None:
    for value in ("flash:{}", "eyJrIjoidHJhc2hlZCJ9.abc.def", ""):
        page = admin.get("/records/deal", params={"done": value}).text
        assert 'class="flash"' not in page
