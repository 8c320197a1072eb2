"""OpenAPI: typed record paths per entity, rebuilt when the definition changes."""

from __future__ import annotations

import pytest

from tests.support.servers import LiveServer

pytestmark = pytest.mark.usefixtures("sqlite_url")


def test_each_entity_has_typed_paths(server: LiveServer) -> None:
    doc = server.user().get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    paths = doc["paths"]
    for entity in ("client", "deal", "task"):
        base = f"/api/records/{entity}"
        assert set(paths[base]) == {"get", "post"}
        assert set(paths[f"{base}/{{id}}"]) == {"get", "patch", "delete"}
        assert {f"{base}/query", f"{base}/batch", f"{base}/{{id}}/restore"} <= set(paths)
    assert "/api/records/{entity}" not in paths
    schemas = doc["components"]["schemas"]
    deal = schemas["deal"]["properties"]
    assert deal["amount"]["type"] == ["number", "null"]
    assert deal["stage"]["enum"][:2] == ["new", "qualified"]
    assert deal["client"]["anyOf"] == [{"$ref": "#/components/schemas/Link"}, {"type": "null"}]
    assert deal["client"]["title"] == "Client"  # the field's label
    assert {"id", "version", "deleted_at", "created_by"} <= set(deal)
    assert "id" not in schemas["deal_input"]["properties"]
    created = paths["/api/records/deal"]["post"]
    assert created["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/deal_input"}


def test_every_api_operation_but_login_needs_the_token(server: LiveServer) -> None:
    doc = server.user().get("/openapi.json").json()
    assert doc["components"]["securitySchemes"]["bearer"]["flows"]["password"]["tokenUrl"] == (
        "/api/auth/token")
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            public = (method, path) == ("post", "/api/auth/token")
            assert ("security" in operation) != public, (method, path)


def test_the_document_follows_schema_changes(server: LiveServer) -> None:
    reader, admin = server.user(), server.admin()
    before = reader.get("/openapi.json").json()
    assert "/api/records/supplier" not in before["paths"]
    current = admin.get("/api/schema").json()
    current["definition"]["entities"].append({
        "name": "supplier", "label": "Supplier", "plural": "Suppliers",
        "fields": [{"name": "name", "type": "text", "required": True},
                   {"name": "rating", "type": "integer"}]})
    answer = admin.put("/api/schema", json={"definition": current["definition"],
                                            "base_version": current["version"]})
    assert answer.status_code == 200, answer.text
    after = reader.get("/openapi.json").json()
    assert after["components"]["schemas"]["supplier"]["properties"]["rating"] == {
        "type": ["integer", "null"]}
    assert after["paths"]["/api/records/supplier"]["get"]["tags"] == ["Suppliers"]


def test_docs_page_serves_swagger_ui(server: LiveServer) -> None:
    page = server.user().get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text
