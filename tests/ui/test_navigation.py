"""The menu: every entity with its plural label, new ones as soon as they are applied."""

from __future__ import annotations

import re

import httpx

from tests.support.pages import QUOTED_PLURAL, links
from tests.support.servers import LiveServer


def menu(page: str) -> list[tuple[str, str]]:
    nav = page.split('<ul class="entities">')[1].split("</ul>")[0]
    return links(nav)


def test_the_menu_lists_every_entity(admin: httpx.Client) -> None:
    page = admin.get("/records/deal").text
    assert menu(page) == [("/records/client", "Clients"), ("/records/deal", "Deals"),
                          ("/records/task", QUOTED_PLURAL)]
    assert re.search(r'href="/records/deal" aria-current="page"', page)
    assert "Signed in as admin" in page


def test_a_new_entity_is_in_the_menu_once_applied(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    api = demo_server.admin()
    stored = api.get("/api/schema").json()
    doc = stored["definition"]
    doc["entities"].append({"name": "supplier", "label": "Supplier", "plural": "Suppliers",
                            "fields": [{"name": "name", "type": "text"}]})
    applied = api.put("/api/schema", json={"definition": doc, "base_version": stored["version"]})
    assert applied.status_code == 200, applied.text
    assert ("/records/supplier", "Suppliers") in menu(admin.get("/records/deal").text)
    page = admin.get("/records/supplier")
    assert page.status_code == 200
    assert "There are no records here yet." in page.text
