"""Open redirects: no next=/back= target sends a browser to another site, on the raw Location
(and HX-Redirect) headers and in the links a page draws from it; another user is served
meanwhile. The known bypass families are in tests/support/redirects.py; Chromium follows them
in tests/browser/test_redirects.py."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest

from tests.support.bystander import Bystander
from tests.support.pages import csrf_of, login_form, signed_in, ui_definition
from tests.support.redirects import BYPASSES, EVIL
from tests.support.servers import ADMIN, LiveServer, MakeServer

pytestmark = pytest.mark.usefixtures("db_url")  # on SQLite and on PostgreSQL


@pytest.fixture
def site(make_server: MakeServer) -> LiveServer:
    return make_server(definition=ui_definition())


def test_signing_in_never_leaves_the_site(site: LiveServer) -> None:
    with Bystander(site) as other, httpx.Client(base_url=site.url, timeout=30) as client:
        for target in BYPASSES:
            client.cookies.clear()
            answer = login_form(client, *ADMIN, next_path=target)
            assert answer.status_code == 303, target
            assert answer.headers["location"] == "/", target
            # Signed in already, the login page sends the browser on at once.
            again = client.get(f"/login?next={quote(target, safe='')}")
            assert again.status_code == 303 and again.headers["location"] == "/", target
    other.assert_served()


def test_a_new_records_back_link_stays_on_the_site(site: LiveServer) -> None:
    admin = signed_in(site.url, *ADMIN)
    with Bystander(site) as other:
        for number, target in enumerate(BYPASSES):
            form = admin.get(f"/records/client/new?back={quote(target, safe='')}")
            assert form.status_code == 200, target
            assert EVIL not in form.text and "javascript:" not in form.text, target
            saved = admin.post("/records/client/new", data={
                "csrf_token": csrf_of(form.text), "name": f"Client {number}", "_back": target})
            assert saved.status_code == 303, (target, saved.text[:300])
            assert re.fullmatch(r"/records/client/\d+", saved.headers["location"]), target
            # htmx asks for an order to load the next page instead: the same check.
            fragment = admin.post("/records/client/new", headers={"HX-Request": "true"}, data={
                "csrf_token": csrf_of(form.text), "name": f"Client {number}b", "_back": target})
            assert re.fullmatch(r"/records/client/\d+", fragment.headers["hx-redirect"]), target
    other.assert_served()
    admin.close()
