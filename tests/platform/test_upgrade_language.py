"""Engine step 10: a language is empty until the user chooses one. The previous release stored
"en" for everyone (no page could choose), so every stored "en" becomes ""."""

from __future__ import annotations

from kartoteka import schema_engine as se
from kartoteka.platform.accounts import create_user
from tests.support import previous_release
from tests.support.pages import query
from tests.support.servers import MakeServer


def languages(db_url: str) -> dict[str, str]:
    return {row.email: row.language
            for row in query(db_url, "SELECT email, language FROM kt_user")}


def test_the_old_default_language_becomes_a_choice_not_made(
    db_url: str, make_server: MakeServer
) -> None:
    previous_release.load(db_url)
    before = languages(db_url)
    assert len(before) == 3 and set(before.values()) == {"en"}
    server = make_server(initialize=False)
    assert languages(db_url) == dict.fromkeys(before, "")
    # Unchosen, the API follows the browser: Russian for a Russian browser.
    client = server.client(server.login(*previous_release.DEMO_LOGIN))
    answer = client.get("/api/records/deal/987654", headers={"Accept-Language": "ru"})
    assert answer.json()["detail"] == "записи deal 987654 не существует"
    # A user made after the upgrade has not chosen either (on SQLite the column's old default
    # stays; the new account is written with "").
    engine = se.connect(db_url)
    with engine.begin() as conn:
        create_user(conn, "new@example.com", "new password")
        conn.exec_driver_sql("INSERT INTO kt_user (email, name) VALUES ('raw@example.com', 'r')")
    engine.dispose()
    after = languages(db_url)
    assert after["new@example.com"] == ""
    assert after["raw@example.com"] == ("" if db_url.startswith("postgresql") else "en")


def test_a_new_database_stores_no_language_until_chosen(
    db_url: str, make_server: MakeServer
) -> None:
    server = make_server()
    assert set(languages(server.db_url).values()) == {""}
    engine = se.connect(server.db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO kt_user (email, name) VALUES ('raw@example.com', 'r')")
    engine.dispose()
    assert languages(server.db_url)["raw@example.com"] == ""
