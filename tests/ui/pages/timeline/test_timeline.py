"""A record's timeline over plain HTTP (both databases): what happened, by whom and when, newest
first, one entry per save, values shown as the card shows them, older entries a page at a time;
logging an interaction, filtering by kind and completing a task from it."""

from __future__ import annotations

import re
from typing import Any

import httpx
import sqlalchemy as sa

from kartoteka import schema_engine as se
from kartoteka.platform.timeline import read_timeline
from kartoteka.schema_engine.model import load_model
from tests.support.pages import QUOTED_PLURAL, csrf_of, links, query, visible_text
from tests.support.servers import ADMIN, LiveServer

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


def _new_client(server: LiveServer, name: str = "Fresh client") -> int:
    answer = _api(server).post("/api/records/client", json={"name": name})
    answer.raise_for_status()
    return int(answer.json()["id"])


def test_one_save_is_one_entry_with_a_line_per_field(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    deal = _a_deal(demo_server)
    api = _api(demo_server)
    api.patch(f"/api/records/deal/{deal.id}", json={"amount": 1200}).raise_for_status()
    api.patch(f"/api/records/deal/{deal.id}",
              json={"amount": "1500.50", "stage": "negotiation"}).raise_for_status()
    answer = admin.get(f"/records/deal/{deal.id}/timeline?kind=created,changed,stage",
                       headers=HTMX)
    assert answer.status_code == 200
    assert "<html" not in answer.text  # the fragment the card loads
    entries = _entries(answer.text)
    assert len(entries) == 3, entries
    newest, older, created = entries
    assert newest.startswith("Stage changed by admin just now")
    assert "Amount: $1,200.00 → $1,500.50" in newest
    assert "Stage: New → Negotiation" in newest
    assert older.startswith("Changed by admin just now")
    assert re.search(r"Amount: \$[\d,]+\.\d\d → \$1,200\.00$", older)
    assert created.startswith("Created by admin")
    assert "Show older" not in visible_text(answer.text)


def test_when_is_relative_with_the_exact_time(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    client = _new_client(demo_server)
    page = admin.get(f"/records/client/{client}/timeline", headers=HTMX).text
    [stamp] = re.findall(r'<time datetime="([^"]+)" title="([^"]+)">([^<]+)</time>', page)
    moment, exact, relative = stamp
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", moment)
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, 20\d\d, \d{1,2}:\d\d\s[AP]M [A-Z+\-\d]+", exact)
    assert relative == "just now"


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
    client = _new_client(demo_server)
    api = _api(demo_server)
    for n in range(24):
        api.patch(f"/api/records/client/{client}",
                  json={"city": f"City {n}"}).raise_for_status()
    first = admin.get(f"/records/client/{client}/timeline", headers=HTMX).text
    entries = _entries(first)
    assert len(entries) == 20
    assert "City: City 22 → City 23" in entries[0]
    [older] = [href for href, text in links(first) if text == "Show older"]
    assert 'hx-get="' + older.replace("&", "&amp;") in first  # htmx appends it in place
    more = admin.get(older, headers=HTMX).text
    rest = _entries(more)
    assert "Show in the history" not in more  # the filters are on the first page only
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
    assert "Times are shown in" in text
    assert f'action="/records/deal/{deal.id}/notes"' in page.text  # the log form


def test_the_card_loads_its_timeline_after_it(admin: httpx.Client, demo_server: LiveServer) -> None:
    deal = _a_deal(demo_server)
    page = admin.get(f"/records/deal/{deal.id}").text
    url = f"/records/deal/{deal.id}/timeline"
    assert re.search(rf'hx-get="{url}" hx-trigger="load, recordSaved from:body"', page)
    assert (url, "Show the history of changes") in links(page)  # without JavaScript
    # `?kind=` on the card filters what it loads.
    filtered = admin.get(f"/records/deal/{deal.id}?kind=call").text
    assert f'hx-get="{url}?kind=call"' in filtered


def test_unknown_records_and_bad_cursors(admin: httpx.Client) -> None:
    for path in ("/records/deal/999999/timeline", "/records/deal/abc/timeline",
                 "/records/nothing/1/timeline"):
        answer = admin.get(path)
        assert answer.status_code == 404, path
        assert "Not found" in visible_text(answer.text)
    answer = admin.get("/records/deal/1/timeline?before=abc", headers=HTMX)
    assert answer.status_code == 200 and "Created by admin" in visible_text(answer.text)
    unknown = admin.get("/records/deal/1/timeline?kind=fax")
    assert unknown.status_code == 400
    assert "unknown timeline kind 'fax'" in visible_text(unknown.text)


def test_the_change_log_is_indexed_by_record(demo_server: LiveServer) -> None:
    engine = se.connect(demo_server.db_url)
    try:
        with engine.connect() as conn:
            indexes = sa.inspect(conn).get_indexes("kt_change")
    finally:
        engine.dispose()
    assert {"name": "ix_kt_change_record", "columns": ["entity_id", "record_id", "id"]} in [
        {"name": i["name"], "columns": i["column_names"]} for i in indexes]


def test_the_card_reads_pages_of_whole_saves(demo_server: LiveServer) -> None:
    """The card's pages (`whole_saves`) never split a save; the API's count items."""
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
                page = read_timeline(conn, model, "deal", deal.id, before=before, limit=2,
                                     kinds={"changed", "created"}, whole_saves=True)
                assert len(page.items) in (3, 4) or page.next_before is None
                items += page.items
                if page.next_before is None:
                    break
                before = page.next_before
            plain = read_timeline(conn, model, "deal", deal.id, limit=2, kinds={"changed"})
    finally:
        engine.dispose()
    assert [i.kind for i in items] == ["changed"] * 21 + ["created"]
    assert [i.change.new for i in items[:21] if i.change and i.change.name == "amount"] == [
        106, 105, 104, 103, 102, 101, 100]
    assert len(plain.items) == 2 and plain.next_before == plain.items[-1].id
    assert items[0].user == {"id": 1, "title": "admin"}


# ---------------------------------------------------------------- logging, filters, tasks


def test_log_a_call_with_htmx_then_without_javascript(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    client = _new_client(demo_server, "Callers Ltd")
    card = admin.get(f"/records/client/{client}").text
    assert '<label for="log-kind">What happened</label>' in card
    assert '<label for="log-text">What was said or done</label>' in card
    assert "Log it" in visible_text(card)
    token = csrf_of(card)
    path = f"/records/client/{client}/notes"
    logged = admin.post(path, headers=HTMX, data={
        "csrf_token": token, "kind": "call", "text": "Asked for <b>prices</b>\nCall back Monday"})
    assert logged.status_code == 200, logged.text
    assert 'hx-swap-oob="afterbegin:#timeline-entries"' in logged.text
    [entry] = _entries(logged.text)
    assert entry.startswith("Call logged by admin just now Asked for <b>prices</b>")
    assert "&lt;b&gt;prices&lt;/b&gt;" in logged.text  # what was typed is text, not HTML
    assert '<option value="call" selected>' in logged.text  # the form stays on calls
    assert "</textarea>" in logged.text and "Call back Monday</textarea>" not in logged.text
    # Without JavaScript: a plain POST, then the history page shows it first.
    plain = admin.post(path, data={"csrf_token": token, "kind": "meeting", "text": "Met at fair"})
    assert plain.status_code == 303
    assert plain.headers["location"] == f"/records/client/{client}/timeline"
    history = _entries(admin.get(plain.headers["location"]).text)
    assert history[0] == history[0].split(" just now")[0] + " just now Met at fair"
    assert history[0].startswith("Meeting logged by admin")
    assert history[1].startswith("Call logged by admin") and len(history) == 3


def test_bad_input_is_said_next_to_its_field(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    client = _new_client(demo_server)
    token = csrf_of(admin.get(f"/records/client/{client}").text)
    path = f"/records/client/{client}/notes"
    empty = admin.post(path, headers=HTMX, data={"csrf_token": token, "kind": "call",
                                                 "text": "   "})
    assert empty.status_code == 422
    assert 'aria-invalid="true" aria-describedby="log-text-error"' in empty.text
    assert "Write what happened." in visible_text(empty.text)
    long = admin.post(path, data={"csrf_token": token, "kind": "fax", "text": "x" * 10_001})
    assert long.status_code == 422 and "History of" in visible_text(long.text)  # no JS: page
    words = visible_text(long.text)
    assert "Choose what happened: a note, a call, an email or a meeting." in words
    assert "This is 10,001 characters long; the most is 10,000." in words
    assert ("x" * 10_001) + "</textarea>" in long.text  # what was typed is kept
    assert len(_entries(long.text)) == 1  # nothing was logged
    refused = admin.post(path, data={"kind": "call", "text": "No token"})
    assert refused.status_code == 403
    # A record in the trash takes no notes, and its card has no form.
    _api(demo_server).delete(f"/api/records/client/{client}").raise_for_status()
    trashed = admin.post(path, data={"csrf_token": token, "kind": "call", "text": "Hi"})
    assert trashed.status_code == 409 and "Restore it first" in visible_text(trashed.text)
    assert "log-text" not in admin.get(f"/records/client/{client}").text


def test_filters_by_kind_work_as_links(admin: httpx.Client, demo_server: LiveServer) -> None:
    client = _new_client(demo_server, "Filtered")
    api = _api(demo_server)
    for kind, text in (("call", "First call"), ("note", "A note"), ("call", "Second call")):
        api.post(f"/api/records/client/{client}/notes",
                 json={"kind": kind, "text": text}).raise_for_status()
    api.post("/api/records/task", json={"title": "Visit them", "client": client})
    page = admin.get(f"/records/client/{client}/timeline", headers=HTMX).text
    filters = dict((text, href) for href, text in links(page) if "kind=" in href)
    assert list(filters)[:4] == ["Notes", "Calls", "Emails", "Meetings"]
    assert filters["Calls"] == f"/records/client/{client}/timeline?kind=call"
    assert QUOTED_PLURAL in filters  # the timeline entity's own plural, escaped as text
    assert "Tasks &amp; &#34;to-dos&#34;" in page or "Tasks &amp; &quot;to-dos&quot;" in page
    calls = admin.get(filters["Calls"], headers=HTMX).text
    assert [e.split(" just now ")[1] for e in _entries(calls)] == ["Second call", "First call"]
    assert re.search(r'aria-current="true">Calls</a>', calls)
    tasks = _entries(admin.get(filters[QUOTED_PLURAL]).text)  # also a page without JavaScript
    assert len(tasks) == 1 and tasks[0].startswith("Task added by admin")
    nothing = admin.get(f"/records/client/{client}/timeline?kind=document", headers=HTMX).text
    assert "Nothing of this kind has happened to this record yet." in visible_text(nothing)


def test_complete_a_task_in_place_and_a_stale_one_says_so(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    client = _new_client(demo_server, "Tasked")
    api = _api(demo_server)
    task = api.post("/api/records/task", json={
        "title": "Send <the> offer", "client": client, "due": "2030-01-02T09:00:00Z"}).json()
    page = admin.get(f"/records/client/{client}/timeline", headers=HTMX).text
    [entry] = [e for e in _entries(page) if e.startswith("Task added")]
    assert "Send <the> offer" in entry and "Due: Jan 2, 2030" in entry
    assert (f"/records/task/{task['id']}", "Send <the> offer") in links(page)
    assert re.search(r'Complete<span class="visually-hidden"> Send &lt;the&gt; offer', page)
    token = csrf_of(page)
    path = f"/records/task/{task['id']}/complete"
    done = admin.post(path, headers=HTMX, data={"csrf_token": token, "version": "1"})
    assert done.status_code == 200
    assert "Done" in visible_text(done.text) and "Complete" not in visible_text(done.text)
    assert api.get(f"/api/records/task/{task['id']}").json()["done"] is True
    assert "Done" in visible_text(admin.get(f"/records/client/{client}/timeline",
                                            headers=HTMX).text)
    # The page showed version 1; the task is at version 2 now: nothing changes, and it says so.
    stale = admin.post(path, headers=HTMX, data={"csrf_token": token, "version": "1"})
    assert stale.status_code == 412
    assert "Someone changed this task since the page was loaded" in visible_text(stale.text)
    # Without JavaScript: back to the page it was completed from.
    other = api.post("/api/records/task", json={"title": "Second", "client": client}).json()
    back = f"/records/client/{client}/timeline"
    plain = admin.post(f"/records/task/{other['id']}/complete",
                       data={"csrf_token": token, "version": "1", "back": back})
    assert plain.status_code == 303 and plain.headers["location"] == back
    stale_page = admin.post(f"/records/task/{other['id']}/complete",
                            data={"csrf_token": token, "version": "1", "back": back})
    assert stale_page.status_code == 412
    assert "This task has changed" in visible_text(stale_page.text)
    not_task = admin.post(f"/records/client/{client}/complete",
                          data={"csrf_token": token, "version": "1"})
    assert not_task.status_code == 400 and "Only tasks can be completed." in not_task.text


def test_a_deals_items_say_whose_they_are_on_the_client(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    client = _new_client(demo_server, "Owner")
    api = _api(demo_server)
    deal = api.post("/api/records/deal", json={"title": "Big order", "client": client}).json()
    api.post(f"/api/records/deal/{deal['id']}/notes",
             json={"kind": "email", "text": "Sent terms"}).raise_for_status()
    page = admin.get(f"/records/client/{client}/timeline", headers=HTMX).text
    entries = _entries(page)
    assert entries[0].startswith("Deal: Big order Email logged by admin")
    assert entries[1].startswith("Deal: Big order Created by admin")
    assert entries[2].startswith("Created by admin")
    assert (f"/records/deal/{deal['id']}", "Deal: Big order") in links(page)
