"""Nothing a user typed is injected: values, labels and entity names show as text."""

from __future__ import annotations

import copy

import httpx

from tests.support.pages import (
    QUOTED_PLURAL,
    XSS_CITY,
    XSS_NAME,
    query,
    signed_in,
    ui_definition,
    visible_text,
)
from tests.support.servers import ADMIN, LiveServer, MakeServer


def test_a_client_named_with_a_script_shows_the_characters(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    [client] = query(demo_server.db_url, "SELECT id FROM client WHERE name = :name",
                     name=XSS_NAME)
    for page in (admin.get("/records/client", params={"q": "script"}).text,
                 admin.get(f"/records/client/{client.id}").text):
        assert XSS_NAME in visible_text(page)
        assert XSS_CITY in visible_text(page)
        assert "<script>alert" not in page
        assert "<i>city</i>" not in page


def test_an_entity_label_with_quotes_shows_as_typed(admin: httpx.Client) -> None:
    page = admin.get("/records/task").text
    assert QUOTED_PLURAL in visible_text(page)
    assert QUOTED_PLURAL not in page  # written as &amp; and &#34;


def test_labels_and_options_are_escaped_too(make_server: MakeServer, sqlite_url: str) -> None:
    doc = copy.deepcopy(ui_definition())
    client = doc["entities"][0]
    client["label"] = "Cl'ient"
    client["plural"] = "<b>Clients</b>"
    client["fields"][3]["label"] = '<img src=x onerror="alert(1)">'
    client["fields"][4]["options"][0]["label"] = "<u>Lead</u>"
    server = make_server(definition=doc)
    api = server.admin()
    assert api.post("/api/records/client", json={"name": "Acme"}).status_code == 201
    browser = signed_in(server.url, *ADMIN)
    page = browser.get("/records/client").text
    for typed in ('<img src=x onerror="alert(1)">', "<u>Lead</u>", "<b>Clients</b>"):
        assert typed in visible_text(page)
        assert typed not in page
    card = browser.get("/records/client/1").text
    assert "Cl'ient" in visible_text(card)
    browser.close()
