"""The pipeline page `/records/{entity}/pipeline` over plain HTTP (SQLite and PostgreSQL): per
stage the records and money in it now, the average time spent in it and the share that went on
to win, from stage moves whose moments the test sets in the change log."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import httpx
import pytest

from tests.support.changelog import DAY, START, date_moves
from tests.support.pages import links, signed_in, ui_definition, visible_text
from tests.support.servers import USER, LiveServer, MakeServer


@pytest.fixture
def pipeline(db_url: str, make_server: MakeServer) -> LiveServer:
    """Three deals with a known history (no automations to add moves of their own).

    A: new (2 days) -> proposal (1 day) -> won, $1,000. B: new (1 day) -> lost, $250.
    C: new since, $40.
    """
    doc = copy.deepcopy(ui_definition())
    doc["automations"] = []
    server = make_server(definition=doc)
    api = server.admin()
    moves = {"A": (1000, ["proposal", "won"], [2, 3]), "B": (250, ["lost"], [1]),
             "C": (40, [], [])}
    for title, (amount, stages, days) in moves.items():
        deal = api.post("/api/records/deal", json={"title": title, "amount": amount,
                                                   "stage": "new"}).json()
        for stage in stages:
            assert api.patch(f"/api/records/deal/{deal['id']}", json={"stage": stage}).is_success
        date_moves(server.db_url, deal["id"], [START + n * DAY for n in [0, *days]])
    return server


@pytest.fixture
def user(pipeline: LiveServer) -> Iterator[httpx.Client]:
    client = signed_in(pipeline.url, *USER)
    yield client
    client.close()


def _rows(page: str) -> dict[str, str]:
    """Stage -> the rest of its row, as read."""
    body = re.search(r"<tbody>(.*?)</tbody>", page, flags=re.S)
    assert body, "no table"
    found = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), flags=re.S):
        stage = visible_text(re.search(r"<th[^>]*>(.*?)</th>", row, flags=re.S).group(1))
        found[stage] = visible_text(re.sub(r"<th[^>]*>.*?</th>", "", row, flags=re.S))
    return found


def test_each_stage_with_its_records_money_time_and_wins(user: httpx.Client) -> None:
    page = user.get("/records/deal/pipeline")
    assert page.status_code == 200
    assert "Deals pipeline" in visible_text(page.text)
    assert _rows(page.text) == {
        "New": "1 record $40.00 1.5 days 33%",
        "Qualified": "0 records $0.00 — —",
        "Proposal": "0 records $0.00 1 day 100%",
        "Negotiation": "0 records $0.00 — —",
        "Won": "1 record $1,000.00 — 100%",
        "Lost": "1 record $250.00 — 0%",
    }
    # A stage's count opens its records in the list.
    assert ("/records/deal?stage=won", "1 record") in links(page.text)


def test_the_board_links_to_the_pipeline(user: httpx.Client) -> None:
    board = user.get("/records/deal/board")
    assert ("/records/deal/pipeline?field=stage", "Pipeline figures") in links(board.text)
    page = user.get("/records/deal/pipeline")
    assert ("/records/deal/board", "Show the board") in links(page.text)


def test_an_entity_without_stages_has_no_pipeline(user: httpx.Client) -> None:
    page = user.get("/records/client/pipeline")
    assert page.status_code == 404
    assert "Clients have no stage field, so there is no pipeline for them." in visible_text(
        page.text)
    wrong = user.get("/records/deal/pipeline?field=amount")
    assert wrong.status_code == 404
    assert "'amount' is not a stage field of 'deal'" in visible_text(wrong.text)


def test_signed_out_visitors_go_to_the_login(pipeline: LiveServer) -> None:
    with httpx.Client(base_url=pipeline.url, timeout=30) as anonymous:
        answer = anonymous.get("/records/deal/pipeline")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")
