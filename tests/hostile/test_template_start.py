"""Starting an empty app from a template (issue 15), attacked: a plain user, a request without
the page's CSRF token and template names that try to leave the templates folder change nothing,
each answered in words, while another signed-in user is served normally."""

from __future__ import annotations

from contextlib import closing

import pytest

from tests.support.bystander import Bystander
from tests.support.forms import post_form
from tests.support.pages import csrf_of, signed_in, visible_text
from tests.support.servers import ADMIN, USER, MakeServer

NAMES = ["..%2F..%2Fpyproject", "crm.json", "CRM", "empty%00crm", "x" * 5000, "%E2%80%AEcrm",
         "__init__"]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_a_made_up_template_name_is_not_found_and_nothing_changes(
    db_url: str, make_server: MakeServer, name: str
) -> None:
    server = make_server(definition={"entities": []})
    with Bystander(server, path="/api/schema") as other, \
            closing(signed_in(server.url, *ADMIN)) as admin:
        token = csrf_of(admin.get("/").text)
        answer = post_form(admin, f"/schema/templates/{name}", [("csrf_token", token)])
        assert answer.status_code == 404, answer.text[:200]
        assert "Not found" in visible_text(answer.text) or "not found" in answer.text.lower()
    other.assert_served()
    assert server.admin().get("/api/schema").json()["definition"]["entities"] == []


def test_a_plain_user_or_a_forged_form_cannot_start_a_template(
    db_url: str, make_server: MakeServer
) -> None:
    server = make_server(definition={"entities": []})
    with Bystander(server, path="/api/schema") as other, \
            closing(signed_in(server.url, *USER)) as user, \
            closing(signed_in(server.url, *ADMIN)) as admin:
        token = csrf_of(user.get("/").text)
        refused = post_form(user, "/schema/templates/crm", [("csrf_token", token)])
        assert refused.status_code == 403
        assert "Only administrators" in visible_text(refused.text)
        forged = post_form(admin, "/schema/templates/crm", [("csrf_token", "forged")])
        assert forged.status_code == 403
        missing = post_form(admin, "/schema/templates/crm", [])
        assert missing.status_code == 403
    other.assert_served()
    assert server.admin().get("/api/schema").json()["definition"]["entities"] == []
