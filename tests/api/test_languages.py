"""The API's messages follow Accept-Language, else the user's chosen language; the engine's
errors are translated at the edge, with the same JSON shape in every language."""

from __future__ import annotations

import httpx
import pytest

from kartoteka import schema_engine as se
from kartoteka.platform.accounts import set_language
from tests.support.pages import query
from tests.support.servers import USER, LiveServer

pytestmark = pytest.mark.usefixtures("db_url")  # every test on SQLite and on PostgreSQL

MISSING = "/api/records/deal/987654"


@pytest.fixture
def api(server: LiveServer) -> httpx.Client:
    return server.user()


def choose(server: LiveServer, language: str) -> None:
    """The user's choice, as /account stores it."""
    [row] = query(server.db_url, "SELECT id FROM kt_user WHERE email = :e", e=USER[0])
    engine = se.connect(server.db_url)
    with engine.begin() as conn:
        set_language(conn, row.id, language)
    engine.dispose()


def test_an_engine_error_in_english_and_in_russian(api: httpx.Client) -> None:
    english = api.get(MISSING, headers={"Accept-Language": "en-GB,en;q=0.9"})
    russian = api.get(MISSING, headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert english.status_code == russian.status_code == 404
    assert english.json() == {"detail": "deal 987654 does not exist", "errors": []}
    assert russian.json() == {"detail": "записи deal 987654 не существует", "errors": []}
    assert "Accept-Language" in russian.headers["vary"]  # for caches between


def test_field_errors_keep_their_shape_in_russian(api: httpx.Client) -> None:
    sent = {"title": "Supply", "amount": "a lot"}
    english = api.post("/api/records/deal", json=sent)
    russian = api.post("/api/records/deal", json=sent, headers={"Accept-Language": "ru"})
    assert english.status_code == russian.status_code == 422
    assert english.json()["detail"].startswith("the record has 1 invalid value: amount: ")
    assert russian.json()["detail"].startswith("в записи 1 неверное значение: amount: ")
    assert [e["field"] for e in russian.json()["errors"]] == ["amount"]


def test_without_accept_language_the_users_choice_speaks(
    server: LiveServer, api: httpx.Client
) -> None:
    assert api.get(MISSING).json()["detail"] == "deal 987654 does not exist"
    choose(server, "ru")
    assert api.get(MISSING).json()["detail"] == "записи deal 987654 не существует"
    # The browser's language comes first for the API.
    answer = api.get(MISSING, headers={"Accept-Language": "en"})
    assert answer.json()["detail"] == "deal 987654 does not exist"


def test_a_language_it_does_not_speak_is_english(api: httpx.Client) -> None:
    answer = api.get(MISSING, headers={"Accept-Language": "de-DE,fr;q=0.9"})
    assert answer.json()["detail"] == "deal 987654 does not exist"
