"""Documents over HTTP: a user generates one by hand through the API, bad templates are refused
with their field, and apply refuses a template that reaches into Python."""

from __future__ import annotations

from tests.support.servers import MakeServer


def test_a_user_generates_a_document_through_the_api(db_url: str,
                                                     make_server: MakeServer) -> None:
    server = make_server()
    client = server.user()
    client_id = client.post("/api/records/client", json={"name": "Acme"}).json()["id"]
    deal = client.post("/api/records/deal", json={"title": "Vans", "amount": 990,
                                                  "client": client_id}).json()
    answer = client.post(f"/api/records/deal/{deal['id']}/documents",
                         json={"template": "proposal"})
    assert answer.status_code == 201, answer.text
    entry = answer.json()
    assert entry["kind"] == "document" and entry["template"] == "proposal"
    assert entry["label"] == "Commercial proposal"
    assert entry["by"]["id"] is not None
    names = [f["name"] for f in entry["files"]]
    assert names == ["Proposal Vans.pdf", "Proposal Vans.html"]
    pdf = client.get(entry["files"][0]["url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert 'filename="Proposal Vans.pdf"' in pdf.headers["content-disposition"]


def test_generating_an_unknown_or_missing_template_is_422(db_url: str,
                                                         make_server: MakeServer) -> None:
    server = make_server()
    client = server.admin()
    deal = client.post("/api/records/deal", json={"title": "Vans"}).json()
    url = f"/api/records/deal/{deal['id']}/documents"
    unknown = client.post(url, json={"template": "invoice"})
    assert unknown.status_code == 422
    assert "documents of deal are: proposal" in unknown.json()["detail"]
    missing = client.post(url, json={})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "template"
    assert client.post("/api/records/deal/999/documents",
                       json={"template": "proposal"}).status_code == 404


def test_a_broken_template_is_refused_at_apply_and_nothing_changes(
        db_url: str, make_server: MakeServer) -> None:
    server = make_server()
    client = server.admin()
    current = client.get("/api/schema").json()
    doc = current["definition"]
    doc["documents"][0]["template"] = "<p>{{ ''.__class__ }}</p>"
    answer = client.put("/api/schema", json={"definition": doc,
                                             "base_version": current["version"]})
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == "$.documents[0].template"
    assert "'__class__' is not allowed" in error["message"]
    assert client.get("/api/schema").json()["version"] == current["version"]
