"""The board's pipeline figures over plain HTTP (SQLite and PostgreSQL): each column's average
time in stage and share that went on to win, loaded after the board from stage moves whose
moments the test sets in the change log (the deals of test_pipeline.py, the same history)."""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterator

import httpx
import pytest

from tests.support.changelog import DAY, START, date_moves
from tests.support.pages import links, signed_in, ui_definition, visible_text
from tests.support.servers import USER, LiveServer, MakeServer

FIGURES = "/records/deal/board/figures"


@pytest.fixture
def deals(db_url: str, make_server: MakeServer) -> LiveServer:
    """A: new (2 days) -> proposal (1 day) -> won. B: new (1 day) -> lost. C: new since."""
    doc = copy.deepcopy(ui_definition())
    doc["automations"] = []
    server = make_server(definition=doc)
    api = server.admin()
    for title, stages, days in (("A", ["proposal", "won"], [2, 3]), ("B", ["lost"], [1]),
                                ("C", [], [])):
        deal = api.post("/api/records/deal", json={"title": title, "stage": "new"}).json()
        for stage in stages:
            assert api.patch(f"/api/records/deal/{deal['id']}", json={"stage": stage}).is_success
        date_moves(server.db_url, deal["id"], [START + n * DAY for n in [0, *days]])
    return server


@pytest.fixture
def user(deals: LiveServer) -> Iterator[httpx.Client]:
    client = signed_in(deals.url, *USER)
    yield client
    client.close()


def _labels(board: str) -> dict[str, str]:
    """Column id -> its stage's label."""
    return {i: html.unescape(label) for i, label in
            re.findall(r'<h2 id="(column-\d+)-label">([^<]*)</h2>', board)}


def _figures(page: str, labels: dict[str, str]) -> dict[str, str]:
    """Stage label -> its column's figures, as read."""
    found = re.findall(r'<dl class="column-figures" id="(column-\d+)-figures"[^>]*>(.*?)</dl>',
                       page, flags=re.S)
    return {labels[i]: visible_text(body) for i, body in found}


EXPECTED = {
    "New": "Average time in stage 1.5 days Went on to win 33%",
    "Qualified": "Average time in stage — Went on to win —",
    "Proposal": "Average time in stage 1 day Went on to win 100%",
    "Negotiation": "Average time in stage — Went on to win —",
    # Closed stages: the time alone (everyone in Won won; a lost deal won only if reopened).
    "Won": "Average time in stage —",
    "Lost": "Average time in stage —",
}


def test_the_board_loads_its_figures_after_it(user: httpx.Client) -> None:
    board = user.get("/records/deal/board")
    assert board.status_code == 200
    labels = _labels(board.text)
    # The board itself does not compute them: a place per column, and where to load them from.
    assert set(_figures(board.text, labels).values()) == {""}
    assert f'hx-get="{FIGURES}" hx-trigger="load"' in board.text
    assert "Average time in stage" not in visible_text(board.text)
    loaded = user.get(FIGURES, headers={"HX-Request": "true"})
    assert loaded.status_code == 200
    assert loaded.text.count('hx-swap-oob="true"') == len(EXPECTED)
    assert _figures(loaded.text, labels) == EXPECTED


def test_without_javascript_a_link_shows_the_board_with_its_figures(user: httpx.Client) -> None:
    board = user.get("/records/deal/board")
    assert ("/records/deal/board?figures=1", "Show time in stage and wins") in links(board.text)
    plain = user.get(FIGURES)  # the placeholder's address, followed without htmx
    assert plain.status_code == 303
    assert plain.headers["location"] == "/records/deal/board?figures=1"
    shown = user.get("/records/deal/board?figures=1")
    assert _figures(shown.text, _labels(shown.text)) == EXPECTED
    assert "Show time in stage and wins" not in shown.text
    # The board's filters stay on the board; the figures say they cover every record.
    filtered = user.get("/records/deal/board?q=A&figures=1")
    assert "not only the filtered ones" in visible_text(filtered.text)
    assert _figures(filtered.text, _labels(filtered.text))["New"] == EXPECTED["New"]
    note = user.get(f"{FIGURES}?q=A", headers={"HX-Request": "true"})
    assert "not only the filtered ones" in visible_text(note.text)


def test_figures_of_another_stage_field_or_none(user: httpx.Client) -> None:
    wrong = user.get(f"{FIGURES}?field=amount", headers={"HX-Request": "true"})
    assert wrong.status_code == 404
    assert "“amount” is not a stage field here" in visible_text(wrong.text)
    none = user.get("/records/client/board/figures", headers={"HX-Request": "true"})
    assert none.status_code == 404


def test_signed_out_visitors_go_to_the_login(deals: LiveServer) -> None:
    with httpx.Client(base_url=deals.url, timeout=30) as anonymous:
        answer = anonymous.get(FIGURES, headers={"HX-Request": "true"})
    # htmx is sent to the login page; nothing of the pipeline comes with it.
    assert answer.status_code == 204
    assert answer.headers["hx-redirect"].startswith("/login")
    assert answer.text == ""
