"""Arrays and objects sent for text fields are refused (422 naming the field), never joined
into text nobody typed; nothing of the write is stored."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.bystander import Bystander
from tests.support.servers import LiveServer

GIVEN: list[tuple[dict[str, Any], str, str]] = [
    ({"name": ["Acme", "Ltd"]}, "name", "name takes text, not a list"),
    ({"name": {"first": "Acme"}}, "name", "name takes text, not an object"),
    ({"name": "Acme", "email": ["a@acme.test"]}, "email", "email takes text, not a list"),
    ({"name": "Acme", "phone": {"work": "+1 555 0100"}}, "phone", "phone takes text, not an"),
    ({"name": "Acme", "status": ["lead"]}, "status", "status takes text, not a list"),
]


@pytest.mark.parametrize(("values", "field", "message"), GIVEN)
def test_text_fields_refuse_lists_and_objects(
        db_url: str, server: LiveServer, values: dict[str, Any], field: str,
        message: str) -> None:
    api = server.admin()
    with Bystander(server) as other:
        one = api.post("/api/records/client", json=values)
        batch = api.post("/api/records/client/batch", json={"create": [{"name": "Ok"}, values]})
        kept = api.post("/api/records/client", json={"name": "Kept"}).json()
        edit = api.patch(f"/api/records/client/{kept['id']}", json=values)
    other.assert_served()
    assert (one.status_code, batch.status_code, edit.status_code) == (422, 422, 422)
    assert [e["field"] for e in one.json()["errors"]] == [field]
    assert message in one.json()["errors"][0]["message"]
    assert [e["field"] for e in batch.json()["errors"]] == [f"create[1].{field}"]
    assert [e["field"] for e in edit.json()["errors"]] == [field]
    names = [r["name"] for r in api.get("/api/records/client").json()["items"]]
    assert names == ["Kept"]
    assert api.get(f"/api/records/client/{kept['id']}").json()["version"] == 1
