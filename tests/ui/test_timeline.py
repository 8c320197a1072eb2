"""A record's timeline over plain HTTP (both databases): what changed, by whom and when, newest
first, one entry per save, values shown as the card shows them, older entries a page at a time."""

from __future__ import annotations

import re
from typing import Any

import httpx
import sqlalchemy as sa

from kartoteka import schema_engine as se
from kartoteka.platform.timeline import read_timeline
from kartoteka.schema_engine.model import load_model
from tests.platform.conftest import ADMIN, LiveServer

from .support import links, query, visible_text

HTMX = {"HX-Request": "true"}


def _entries(page: str) -> list[str]:
    """The text of each timeline entry, newest first."""
    return [visible_text(li) for li in re.findall(
        r'<li class="timeline-entry[^"]*">(.*?)</li>\s*(?=<li class="timeline-entry|</ol>)',
        page, flags=re.S)]


def _api(server: LiveServer) -> httpx.Client:
    return server.client(server.login(*ADMIN))


def _a_deal(server: LiveServer) -> Any:
    [deal] = query(server.db_url, "SELECT id, title, client FROM deal WHERE stage = 'new' "
                   "AND amount IS NOT NULL ORDER BY id LIMIT 1")
    return deal


def test_one_save_is_one_entry_with_a_line_per_field(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = _a_deal(demo_server)
    api = _api(demo_server)
    api.patch(f"/api/records/deal/{deal.id}", json={"amount": 1200}).raise_for_status()
    api.patch(f"/api/records/deal/{deal.id}",
              json={"amount": "1500.50", "stage": "won"}).raise_for_status()
    answer = admin.get(f"/records/deal/{deal.id}/timeline", headers=HTMX)
    assert answer.status_code == 200
    assert "<html" not in answer.text  # the fragment the card loads
    entries = _entries(answer.text)
    assert len(entries) == 3, entries
    newest, older, created = entries
    assert newest.startswith("Stage changed by admin just now")
    assert "Amount: $1,200.00 → $1,500.50" in newest
    assert "Stage: New → Won" in newest
    assert older.startswith("Changed by admin just now")
    assert re.search(r"Amount: \$[\d,]+\.\d\d → \$1,200\.00$", older)
    assert created.startswith("Created by admin")
    assert "Show older" not in visible_text(answer.text)


def test_when_is_relative_with_the_exact_utc_time(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    page = admin.get("/records/client/1/timeline", headers=HTMX).text
    [stamp] = re.findall(r'<time datetime="([^"]+)" title="([^"]+)">([^<]+)</time>', page)
    moment, exact, relative = stamp
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", moment)
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, 20\d\d, \d{1,2}:\d\d\s[AP]M UTC", exact)
    assert relative == "just now" or relative.endswith(" ago")


def test_links_show_their_titles_as_links(admin: httpx.Client, demo_server: LiveServer) -> None:
    deal = _a_deal(demo_server)
    [other] = query(demo_server.db_url, "SELECT id, name FROM client WHERE id <> :id "
                    "ORDER BY id LIMIT 1", id=deal.client)
    [old] = query(demo_server.db_url, "SELECT name FROM client WHERE id = :id", id=deal.client)
    _api(demo_server).patch(f"/api/records/deal/{deal.id}",
                            json={"client": other.id}).raise_for_status()
    page = admin.get(f"/records/deal/{deal.id}/timeline", headers=HTMX).text
    assert f"Client: {old.name} → {other.name}" in _entries(page)[0]
    assert {(f"/records/client/{deal.client}", old.name),
            (f"/records/client/{other.id}", other.name)} <= set(links(page))


def test_trash_and_restore_show_on_the_record_and_on_what_went_with_it(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [pair] = query(demo_server.db_url, "SELECT d.id, d.title, min(t.id) AS task FROM deal d "
                   "JOIN task t ON t.deal = d.id GROUP BY d.id, d.title ORDER BY d.id LIMIT 1")
    api = _api(demo_server)
    api.delete(f"/api/records/deal/{pair.id}").raise_for_status()
    api.post(f"/api/records/deal/{pair.id}/restore").raise_for_status()
    deal = _entries(admin.get(f"/records/deal/{pair.id}/timeline", headers=HTMX).text)
    assert deal[0].startswith("Restored from the trash by admin")
    assert deal[1].startswith("Moved to the trash by admin")
    page = admin.get(f"/records/task/{pair.task}/timeline", headers=HTMX).text
    task = _entries(page)
    assert task[0].startswith(f"Restored from the trash with Deal “{pair.title}” by admin")
    assert task[1].startswith(f"Moved to the trash with Deal “{pair.title}” by admin")
    assert (f"/records/deal/{pair.id}", f"Deal “{pair.title}”") in links(page)


def test_older_entries_come_a_page_at_a_time(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [client] = query(demo_server.db_url, "SELECT id FROM client ORDER BY id LIMIT 1")
    api = _api(demo_server)
    for n in range(24):
        api.patch(f"/api/records/client/{client.id}",
                  json={"city": f"City {n}"}).raise_for_status()
    first = admin.get(f"/records/client/{client.id}/timeline", headers=HTMX).text
    entries = _entries(first)
    assert len(entries) == 20
    assert "City: City 22 → City 23" in entries[0]
    [older] = [href for href, text in links(first) if text == "Show older"]
    assert 'hx-get="' + older.replace("&", "&amp;") in first  # htmx appends it in place
    rest = _entries(admin.get(older, headers=HTMX).text)
    assert "City: City 2 → City 3" in rest[0]
    assert rest[-1].startswith("Created by admin")
    assert len(entries) + len(rest) == 25  # created, then 24 changes
    # Without JavaScript the same link is a page of its own, in the layout.
    page = admin.get(older)
    assert "Signed in as" in page.text and "History of" in visible_text(page.text)
    assert _entries(page.text) == rest


def test_a_removed_field_keeps_its_label(admin: httpx.Client, demo_server: LiveServer) -> None:
    deal = _a_deal(demo_server)
    api = _api(demo_server)
    schema = api.get("/api/schema").json()
    definition = schema["definition"]
    fields = next(e for e in definition["entities"] if e["name"] == "deal")["fields"]
    fields.append({"name": "priority", "type": "text", "label": "Priority"})
    applied = api.put("/api/schema", json={"definition": definition,
                                            "base_version": schema["version"]})
    assert applied.status_code == 200, applied.text
    api.patch(f"/api/records/deal/{deal.id}", json={"priority": "high"}).raise_for_status()
    schema = api.get("/api/schema").json()
    definition = schema["definition"]
    deal_entity = next(e for e in definition["entities"] if e["name"] == "deal")
    deal_entity["fields"] = [f for f in deal_entity["fields"] if f["name"] != "priority"]
    applied = api.put("/api/schema", json={"definition": definition,
                                            "base_version": schema["version"]})
    assert applied.status_code == 200, applied.text
    page = admin.get(f"/records/deal/{deal.id}/timeline", headers=HTMX).text
    assert "Priority (removed): empty → high" in _entries(page)[0].replace("— ", "")


def test_the_whole_page_without_javascript(admin: httpx.Client, demo_server: LiveServer) -> None:
    deal = _a_deal(demo_server)
    page = admin.get(f"/records/deal/{deal.id}/timeline")
    assert page.status_code == 200
    text = visible_text(page.text)
    assert f"History of {deal.title} Deal" in text
    assert (f"/records/deal/{deal.id}", deal.title) in links(page.text)  # back to the card
    assert "Times are shown in UTC." in text


def test_the_card_loads_its_timeline_after_it(admin: httpx.Client, demo_server: LiveServer) -> None:
    deal = _a_deal(demo_server)
    page = admin.get(f"/records/deal/{deal.id}").text
    url = f"/records/deal/{deal.id}/timeline"
    assert re.search(rf'hx-get="{url}" hx-trigger="load, recordSaved from:body"', page)
    assert (url, "Show the history of changes") in links(page)  # without JavaScript


def test_unknown_records_and_bad_cursors(admin: httpx.Client) -> None:
    for path in ("/records/deal/999999/timeline", "/records/deal/abc/timeline",
                 "/records/nothing/1/timeline"):
        answer = admin.get(path)
        assert answer.status_code == 404, path
        assert "Not found" in visible_text(answer.text)
    answer = admin.get("/records/deal/1/timeline?before=abc", headers=HTMX)
    assert answer.status_code == 200 and "Created by admin" in visible_text(answer.text)


def test_the_change_log_is_indexed_by_record(demo_server: LiveServer) -> None:
    engine = se.connect(demo_server.db_url)
    try:
        with engine.connect() as conn:
            indexes = sa.inspect(conn).get_indexes("kt_change")
    finally:
        engine.dispose()
    assert {"name": "ix_kt_change_record", "columns": ["entity_id", "record_id", "id"]} in [
        {"name": i["name"], "columns": i["column_names"]} for i in indexes]


def test_the_reading_function_pages_whole_saves(demo_server: LiveServer) -> None:
    """`read_timeline` (which the timeline API will share) reads rows in batches and never
    splits a save between pages."""
    deal = _a_deal(demo_server)
    api = _api(demo_server)
    for n in range(7):
        api.patch(f"/api/records/deal/{deal.id}", json={
            "amount": 100 + n, "title": f"{deal.title} {n}", "close_date": f"2027-01-0{n + 1}",
        }).raise_for_status()
    engine = se.connect(demo_server.db_url)
    try:
        with engine.connect() as conn:
            model = load_model(conn)
            items, before = [], None
            while True:
                page = read_timeline(conn, model, "deal", deal.id, before=before, limit=2)
                assert len(page.items) == 2 or page.next_before is None
                items += page.items
                if page.next_before is None:
                    break
                before = page.next_before
    finally:
        engine.dispose()
    assert [i.kind for i in items] == ["changed"] * 7 + ["created"]
    assert all(len(i.changes) == 3 for i in items[:7])
    assert [i.changes[0].new for i in items[:7]] == [106, 105, 104, 103, 102, 101, 100]
    assert items[0].to_json()["changes"][1] == {
        "field": "title", "label": "Title", "removed": False, "old": f"{deal.title} 5",
        "new": f"{deal.title} 6"}
    assert items[0].user == {"id": 1, "title": "admin"}
