"""/account: the user chooses a language, or leaves it to the browser; pages follow the choice,
then the browser's Accept-Language, then the app's default."""

from __future__ import annotations

import httpx

from tests.support.pages import csrf_of, query
from tests.support.servers import ADMIN, LiveServer

RUSSIAN = {"Accept-Language": "ru-RU,ru;q=0.9"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}


def save(client: httpx.Client, **form: str) -> httpx.Response:
    page = client.get("/account").text
    return client.post("/account", data={"csrf_token": csrf_of(page), "time_zone": "UTC",
                                         **form})


def stored(server: LiveServer) -> tuple[str, str]:
    [row] = query(server.db_url, "SELECT language, time_zone FROM kt_user WHERE email = :e",
                  e=ADMIN[0])
    return row.language, row.time_zone


def test_unchosen_the_page_follows_the_browser(admin: httpx.Client) -> None:
    assert "<h1>Your settings</h1>" in admin.get("/account").text
    russian = admin.get("/account", headers=RUSSIAN).text
    assert "<h1>Ваши настройки</h1>" in russian and '<html lang="ru">' in russian
    assert '<option value="" selected>Как в браузере</option>' in russian
    # Each language by its own name.
    for code, name in [("en", "English"), ("ru", "Русский"), ("ro", "Română"),
                       ("id", "Bahasa Indonesia"), ("zh", "中文")]:
        assert f'<option value="{code}" lang="{code}">{name}</option>' in russian


def test_a_chosen_language_wins_over_the_browser(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    saved = save(admin, language="ru")
    assert saved.status_code == 303
    assert stored(demo_server) == ("ru", "UTC")
    page = admin.get("/account", headers=ENGLISH).text
    assert "<h1>Ваши настройки</h1>" in page
    assert '<option value="ru" lang="ru" selected>Русский</option>' in page
    # Back to the browser's choice.
    assert save(admin, language="").status_code == 303
    assert stored(demo_server) == ("", "UTC")
    assert "<h1>Your settings</h1>" in admin.get("/account", headers=ENGLISH).text


def test_a_language_not_offered_is_refused_and_nothing_is_saved(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    before = stored(demo_server)
    page = admin.get("/account").text
    refused = admin.post("/account", data={"csrf_token": csrf_of(page),
                                           "time_zone": "Europe/Chisinau", "language": "de"})
    assert refused.status_code == 422
    assert "“de” is not a language this app offers. Choose one from the list." in refused.text
    assert stored(demo_server) == before
