"""The kanban board over plain HTTP: columns, totals, cards, filters, moves and their refusals."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import httpx
from sqlalchemy import text

from kartoteka import schema_engine as se
from kartoteka.schema_engine.db import write_connection
from tests.support.pages import csrf_of, links, query, visible_text
from tests.support.servers import ADMIN, USER, LiveServer

STAGES = ["New", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]


def _columns(page: str) -> dict[str, str]:
    """Stage label -> the HTML of its column."""
    found = {}
    for part in page.split('<section class="column')[1:]:
        label = re.search(r'<h2 id="column-\d+-label">([^<]*)</h2>', part)
        assert label, part[:300]
        found[html.unescape(label.group(1))] = part.split("</section>")[0]
    return found


def _count(column: str) -> int:
    text = visible_text(re.search(r'<p class="column-count".*?</p>', column, re.S).group(0))
    return int(text.split()[0].replace(",", ""))


def _sum(column: str) -> Decimal:
    sums = re.search(r'<dl class="column-sums">.*?</dl>', column, re.S).group(0)
    amount = re.search(r"\$([\d,]+\.\d\d)", visible_text(sums))
    assert amount, sums
    return Decimal(amount.group(1).replace(",", ""))


def _card_ids(column: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="board-card" id="card-(\d+)"', column)]


def _totals(db_url: str, where: str = "", **params: object) -> dict[str, tuple[int, Decimal]]:
    rows = query(db_url, "SELECT stage, count(*) AS n, coalesce(sum(amount), 0) AS total "
                 f"FROM deal WHERE deleted_at IS NULL {where} GROUP BY stage", **params)
    return {r.stage: (r.n, Decimal(str(r.total)).quantize(Decimal("0.01"))) for r in rows}


def _execute(db_url: str, sql: str, **params: object) -> None:
    engine = se.connect(db_url)
    try:
        with write_connection(engine) as conn, conn.begin():  # as the server writes
            conn.execute(text(sql), params)
    finally:
        engine.dispose()


def _move_form(page: str, deal_id: int) -> dict[str, str]:
    card = page.split(f'id="card-{deal_id}"')[1].split("</li>")[0]
    version = re.search(r'name="version" value="(\d+)"', card)
    assert version, card
    return {"csrf_token": csrf_of(page), "record_id": str(deal_id), "version": version.group(1)}


def test_a_column_per_stage_with_counts_and_sums_of_all_its_records(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    answer = admin.get("/records/deal/board")
    assert answer.status_code == 200
    assert re.fullmatch(r"app;dur=\d+(\.\d+)?", answer.headers["server-timing"])
    columns = _columns(answer.text)
    assert list(columns) == STAGES  # in the options' order, by label
    expected = _totals(demo_server.db_url)
    for label, column in columns.items():
        count, total = expected.get(label.lower(), (0, Decimal("0.00")))
        assert _count(column) == count, label
        assert _sum(column) == total, label
        assert len(_card_ids(column)) == min(count, 20), label
    # won and lost are set apart, after the open stages
    closed = answer.text.split('<section class="board-closed"')[1]
    assert list(_columns('<section class="board-closed"' + closed)) == ["Won", "Lost"]


def test_cards_link_to_the_record_and_show_amount_client_and_owner(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [deal] = query(demo_server.db_url, "SELECT d.id, d.title, d.stage, c.id AS client, c.name "
                   "FROM deal d JOIN client c ON c.id = d.client WHERE d.amount IS NOT NULL "
                   "ORDER BY d.id DESC LIMIT 1")
    page = admin.get("/records/deal/board").text
    card = page.split(f'id="card-{deal.id}"')[1].split("</li>")[0]
    assert (f"/records/deal/{deal.id}", deal.title) in links(card)
    assert (f"/records/client/{deal.client}", deal.name) in links(card)
    text = visible_text(card)
    assert re.search(r"Amount \$[\d,]+\.\d\d", text)
    assert "Owner admin" in text
    assert f'data-stage="{deal.stage}"' in card


def test_show_more_brings_the_next_cards_of_a_column(admin: httpx.Client) -> None:
    page = admin.get("/records/deal/board").text
    column = max(_columns(page).values(), key=_count)
    assert _count(column) > 20
    more = re.search(r'hx-get="([^"]+)"', column.split('class="more"')[1])
    assert more
    shown = _card_ids(column)
    url = html.unescape(more.group(1))
    seen = list(shown)
    while url:
        fragment = admin.get(url, headers={"HX-Request": "true"}).text
        assert "<html" not in fragment
        seen += _card_ids(fragment)
        found = re.search(r'hx-get="([^"]+)"', fragment)
        url = html.unescape(found.group(1)) if found else ""
    assert len(seen) == len(set(seen)) == _count(column)  # each card once, every card
    assert seen == sorted(seen, reverse=True)  # newest first
    # without JavaScript, "Show more" is the list of that stage
    no_js = admin.get(html.unescape(more.group(1)))
    assert no_js.status_code == 303
    assert re.search(r"/records/deal\?stage=\w+", no_js.headers["location"])


def test_filters_from_the_address_apply_to_counts_and_cards(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [user] = query(demo_server.db_url, "SELECT id FROM kt_user WHERE email = :e", e=USER[0])
    ids = [r.id for r in query(demo_server.db_url,
                               "SELECT id FROM deal ORDER BY id LIMIT 7")]
    listed = ",".join(map(str, ids))
    _execute(demo_server.db_url, f"UPDATE deal SET owner = :u WHERE id IN ({listed})", u=user.id)
    page = admin.get("/records/deal/board", params={"owner": user.id}).text
    columns = _columns(page)
    expected = _totals(demo_server.db_url, "AND owner = :u", u=user.id)
    assert sum(_count(c) for c in columns.values()) == 7
    for label, column in columns.items():
        assert _count(column) == expected.get(label.lower(), (0, 0))[0]
        assert set(_card_ids(column)) <= set(ids)
    assert "Only records where:" in visible_text(page)
    # q= searches, as in the list
    [deal] = query(demo_server.db_url, "SELECT id, title FROM deal ORDER BY id LIMIT 1")
    found = admin.get("/records/deal/board", params={"q": deal.title.upper()}).text
    assert deal.id in [i for c in _columns(found).values() for i in _card_ids(c)]


def test_moving_without_javascript_saves_and_comes_back_to_the_board(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [deal] = query(demo_server.db_url, "SELECT id, title, version FROM deal WHERE stage = 'new' "
                   "ORDER BY id DESC LIMIT 1")
    before = _totals(demo_server.db_url)
    page = admin.get("/records/deal/board").text
    answer = admin.post("/records/deal/board/move",
                        data={**_move_form(page, deal.id), "to": "won"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/records/deal/board?moved={deal.id}"
    [stored] = query(demo_server.db_url, "SELECT stage, version FROM deal WHERE id = :i",
                     i=deal.id)
    assert (stored.stage, stored.version) == ("won", deal.version + 1)
    board = admin.get(answer.headers["location"]).text
    assert f"“{deal.title}” is now in Won." in visible_text(board)
    columns = _columns(board)
    assert _count(columns["New"]) == before["new"][0] - 1
    assert _count(columns["Won"]) == before.get("won", (0,))[0] + 1
    assert deal.id in _card_ids(columns["Won"])
    assert "Won" in visible_text(admin.get(f"/records/deal/{deal.id}").text)


def test_a_stale_move_is_refused_and_shows_the_record_as_it_is(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [deal] = query(demo_server.db_url, "SELECT id, title FROM deal WHERE stage = 'qualified' "
                   "ORDER BY id DESC LIMIT 1")
    page = admin.get("/records/deal/board").text
    form = _move_form(page, deal.id)
    api = demo_server.client(demo_server.login(*ADMIN))
    assert api.patch(f"/api/records/deal/{deal.id}",
                     json={"stage": "proposal"}).status_code == 200
    answer = admin.post("/records/deal/board/move", data={**form, "to": "lost"})
    assert answer.status_code == 409
    text = visible_text(answer.text)
    assert f"“{deal.title}” was changed by someone else" in text
    assert "It is shown as it is now, in Proposal" in text
    [stored] = query(demo_server.db_url, "SELECT stage FROM deal WHERE id = :i", i=deal.id)
    assert stored.stage == "proposal"  # never overwritten
    assert deal.id in _card_ids(_columns(answer.text)["Proposal"])


def test_htmx_moves_answer_the_card_and_every_columns_totals(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [deal] = query(demo_server.db_url, "SELECT id, title FROM deal WHERE stage = 'proposal' "
                   "ORDER BY id DESC LIMIT 1")
    page = admin.get("/records/deal/board").text
    form = _move_form(page, deal.id)
    hx = {"HX-Request": "true"}
    answer = admin.post("/records/deal/board/move", data={**form, "to": "negotiation"},
                        headers=hx)
    assert answer.status_code == 200
    assert "<html" not in answer.text and 'id="board-update"' in answer.text
    assert f'id="card-{deal.id}"' in answer.text
    assert 'data-stage="negotiation"' in answer.text
    totals = _totals(demo_server.db_url)
    heads = re.findall(r'<h2 id="column-\d+-label">([^<]*)</h2>\s*<p class="column-count" '
                       r'data-total="(\d+)"', answer.text)
    assert [(label, int(n)) for label, n in heads] == [
        (label, totals.get(label.lower(), (0,))[0]) for label in STAGES]
    # the same form again: its version is stale now
    stale = admin.post("/records/deal/board/move", data={**form, "to": "won"}, headers=hx)
    assert stale.status_code == 409
    assert "Changed by someone else: shown as it is now." in visible_text(stale.text)
    assert 'data-stage="negotiation"' in stale.text


def test_moves_need_the_forms_token_and_a_real_stage(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [deal] = query(demo_server.db_url, "SELECT id, stage FROM deal ORDER BY id DESC LIMIT 1")
    page = admin.get("/records/deal/board").text
    form = _move_form(page, deal.id)
    refused = admin.post("/records/deal/board/move",
                         data={**form, "csrf_token": "forged", "to": "won"})
    assert refused.status_code == 403
    unknown = admin.post("/records/deal/board/move", data={**form, "to": "paid"})
    assert unknown.status_code == 422
    assert "“paid” is not a stage here" in visible_text(unknown.text)
    [stored] = query(demo_server.db_url, "SELECT stage FROM deal WHERE id = :i", i=deal.id)
    assert stored.stage == deal.stage


def test_a_record_trashed_meanwhile_is_said_to_be_gone(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    api = demo_server.client(demo_server.login(*ADMIN))
    created = api.post("/api/records/deal", json={"title": "Soon gone", "stage": "new"}).json()
    page = admin.get("/records/deal/board").text
    form = _move_form(page, created["id"])
    assert api.delete(f"/api/records/deal/{created['id']}").status_code == 200
    answer = admin.post("/records/deal/board/move", data={**form, "to": "won"},
                        headers={"HX-Request": "true"})
    assert answer.status_code == 404
    assert "no longer on the board" in visible_text(answer.text)
    assert f'id="card-{created["id"]}"' not in answer.text


def test_boards_say_in_words_when_there_is_none(admin: httpx.Client) -> None:
    client = admin.get("/records/client/board")
    assert client.status_code == 404
    assert "Clients have no stage field, so there is no board" in visible_text(client.text)
    field = admin.get("/records/deal/board", params={"field": "amount"})
    assert field.status_code == 404
    assert "the stage fields are: stage" in visible_text(field.text)
    bad = admin.get("/records/deal/board", params={"amount__gt": "lots"})
    assert bad.status_code == 400
    assert "Traceback" not in bad.text


def test_titles_typed_as_html_are_shown_as_text(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    api = demo_server.client(demo_server.login(*ADMIN))
    title = '<script>alert("board")</script> & <b>co</b>'
    created = api.post("/api/records/deal", json={"title": title, "stage": "new"}).json()
    page = admin.get("/records/deal/board").text
    assert "<script>alert(" not in page
    assert title in visible_text(page.split(f'id="card-{created["id"]}"')[1].split("</li>")[0])


def test_the_deal_list_links_to_its_board(admin: httpx.Client) -> None:
    assert ("/records/deal/board", "Board") in links(admin.get("/records/deal").text)
    assert ("/records/client/board", "Board") not in links(admin.get("/records/client").text)
