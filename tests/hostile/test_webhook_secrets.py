"""Hostile: a signed-in user who is not an administrator looks for webhook secrets and URLs.

Nothing they can read holds them (the definition, its history, the secrets API, the OpenAPI
document), and the stored definition versions never did; another user is served meanwhile."""

from __future__ import annotations

from tests.hostile._hooks import Figures, crm_with
from tests.support.bystander import Bystander
from tests.support.pages import query
from tests.support.servers import MakeServer

VALUE = "hostile-test-s3cret-value"
URL = "https://erp.example.com/hooks/kartoteka?key=url-held-key"
RULE = {"name": "Tell the ERP", "entity": "deal", "when": {"event": "created"},
        "do": [{"action": "webhook", "url": URL, "secret": "erp"}]}


def test_a_plain_user_finds_no_webhook_secret_nor_url(db_url: str,
                                                      make_server: MakeServer) -> None:
    server = make_server(crm_with([RULE]))
    admin = server.admin()
    assert admin.put("/api/automation/secrets/erp", json={"value": VALUE}).status_code == 200
    prying = server.user()
    figures = Figures("a plain user reads every place a webhook secret or URL could be")
    with Bystander(server) as other:
        answers = [prying.get(path) for path in (
            "/api/schema", "/api/schema/history", "/api/automation/secrets", "/openapi.json")]
        refused = [prying.put("/api/automation/secrets/erp", json={"value": "mine"}),
                   prying.delete("/api/automation/secrets/erp")]
    other.assert_served()
    statuses = [a.status_code for a in answers + refused]
    figures.report(f"statuses {statuses}, no secret or URL in any answer")
    for answer in answers:
        assert VALUE not in answer.text and "url-held-key" not in answer.text, answer.url
    assert [a.status_code for a in answers] == [200, 200, 403, 200]
    assert answers[0].json()["definition"]["automations"][0]["do"] == [{"action": "webhook"}]
    assert [r.status_code for r in refused] == [403, 403]
    stored = query(server.db_url, "SELECT document FROM kt_schema_version")
    assert stored and not [row for row in stored if VALUE in row.document]
    assert admin.get("/api/automation/secrets").json()["items"][0]["set"] is True
