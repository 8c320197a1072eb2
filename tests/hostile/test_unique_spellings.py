"""Unique values compare as people read them: case, surrounding spaces, Unicode spelling (NFC
or NFD) and zero-width characters aside, phones by their digits. A second spelling of a taken
value is a 422 naming the field, in a record, a batch or an edit, on both databases; accents
still count ('Jose' is not 'José': folding them away is search's job)."""

from __future__ import annotations

import copy
import unicodedata

import pytest

from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.definition.document import Document
from tests.support.bystander import Bystander
from tests.support.servers import LiveServer, MakeServer

NFC = unicodedata.normalize("NFC", "José Müller")
NFD = unicodedata.normalize("NFD", "José Müller")


def unique_clients() -> Document:
    """The crm template with clients unique by name and by phone (email is unique already)."""
    doc = copy.deepcopy(load_template("crm"))
    client = next(e for e in doc["entities"] if e["name"] == "client")
    for f in client["fields"]:
        if f["name"] in ("name", "phone"):
            f["unique"] = True
    return doc


@pytest.fixture
def server(make_server: MakeServer) -> LiveServer:
    return make_server(unique_clients())


SPELLINGS = [
    ("email", "dup@x.com", "DUP@x.com"),
    ("email", "dup@x.com", " dup@X.COM\u200b"),
    ("name", NFC, NFD),
    ("name", "Acme", "ACME\ufeff "),
    ("phone", "+1 (555) 010-0100", "1 555 010 0100"),
]


@pytest.mark.parametrize(("field", "first", "second"), SPELLINGS)
def test_a_second_spelling_of_a_unique_value_is_refused(
        db_url: str, server: LiveServer, field: str, first: str, second: str) -> None:
    api = server.admin()
    base = {"name": "Base", "email": "base@x.com", "phone": "+44 20 0000 0000"}
    with Bystander(server) as other:
        kept = api.post("/api/records/client", json={**base, field: first})
        assert kept.status_code == 201, kept.text
        again = api.post("/api/records/client", json={"name": "Other", field: second})
        batch = api.post("/api/records/client/batch", json={"create": [
            {"name": "B1", "email": "b1@x.com", "phone": "111111"},
            {"name": "B2", "email": "b2@x.com", "phone": "222222", field: second}]})
        mine = api.post("/api/records/client", json={"name": "Mine", "email": "mine@x.com",
                                                     "phone": "333333"}).json()
        edit = api.patch(f"/api/records/client/{mine['id']}", json={field: second})
    other.assert_served()
    assert (again.status_code, batch.status_code, edit.status_code) == (422, 422, 422), again.text
    assert [e["field"] for e in again.json()["errors"]] == [field]
    message = again.json()["errors"][0]["message"]
    assert f"is already used by client {kept.json()['id']} as '{first}'" in message
    assert [e["field"] for e in batch.json()["errors"]] == [f"create[1].{field}"]
    assert [e["field"] for e in edit.json()["errors"]] == [field]
    listed = api.get("/api/records/client", params={"limit": 100}).json()["items"]
    assert sorted(r["name"] for r in listed) == sorted([kept.json()["name"], "Mine"])


def test_spellings_in_one_batch_clash_and_accents_still_count(
        db_url: str, server: LiveServer) -> None:
    api = server.admin()
    with Bystander(server) as other:
        both = api.post("/api/records/client/batch", json={"create": [
            {"name": NFC}, {"name": NFD}]})
        accents = api.post("/api/records/client/batch", json={"create": [
            {"name": "José", "email": "jose@x.com"}, {"name": "Jose", "email": "josé@x.com"}]})
    other.assert_served()
    assert both.status_code == 422
    assert both.json()["errors"] == [
        {"field": "create[1].name", "message": f"name '{NFD}' is also given in create[0]"}]
    assert accents.status_code == 201, accents.text
