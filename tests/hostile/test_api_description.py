"""The API description (/openapi.json, /docs) is for signed-in users, and Swagger UI's files
come from this server (npm's swagger-ui-dist, pinned), never from a CDN."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from kartoteka.settings import Settings
from kartoteka.ui.assets import VENDOR_FILES, vendor_dir
from tests.support.bystander import Bystander
from tests.support.pages import signed_in
from tests.support.servers import USER, LiveServer, MakeServer

ROOT = Path(__file__).resolve().parents[2]


def test_an_anonymous_client_gets_no_description(db_url: str, server: LiveServer) -> None:
    with Bystander(server) as other, httpx.Client(base_url=server.url) as anonymous:
        document = anonymous.get("/openapi.json")
        page = anonymous.get("/docs")
        forged = anonymous.get("/openapi.json", headers={"Authorization": "Bearer forged"})
    other.assert_served()
    assert document.status_code == 401 and forged.status_code == 401
    assert "signed-in" in document.json()["detail"]
    assert "paths" not in document.text
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/docs"


def test_signed_in_users_get_it_by_token_or_by_the_web_session(
        db_url: str, server: LiveServer) -> None:
    assert "/api/records/deal" in server.user().get("/openapi.json").json()["paths"]
    browser = signed_in(server.url, *USER)
    try:
        assert browser.get("/openapi.json").status_code == 200
        assert browser.get("/docs").status_code == 200
    finally:
        browser.close()


def test_a_setting_opens_it_to_everyone(db_url: str, make_server: MakeServer) -> None:
    server = make_server(settings=Settings(public_api_docs=True))
    with httpx.Client(base_url=server.url) as anonymous:
        assert anonymous.get("/openapi.json").status_code == 200
        assert anonymous.get("/docs").status_code == 200


def test_swagger_ui_comes_from_this_server_pinned(db_url: str, server: LiveServer) -> None:
    api = server.user()
    page = api.get("/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/vendor/") for s in sources), sources
    assert "http://" not in page and "https://" not in page
    assert '"validatorUrl": null' in page  # no badge from validator.swagger.io either
    for url in sources:
        served = api.get(url)
        assert served.status_code == 200, url
        name = url.removeprefix("/vendor/")
        assert served.content == (vendor_dir(None) / VENDOR_FILES[name]).read_bytes()
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["swagger-ui-dist"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "pinned to one exact version"
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/swagger-ui-dist"]["version"] == pinned
