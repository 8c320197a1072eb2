"""Files over HTTP: uploads and downloads with their names and types, tokens, size limits, and a
`file` field holding an upload."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from kartoteka.settings import Settings
from tests.support.files import CYRILLIC, PDF_BYTES, stored_files, with_contract_field
from tests.support.servers import LiveServer, MakeServer


def upload(client: object, name: str, content: bytes, kind: str = "application/pdf") -> object:
    return client.post("/api/files", files={"file": (name, content, kind)})  # type: ignore[attr-defined]


def test_an_upload_is_downloaded_with_its_name_and_type(
        db_url: str, make_server: MakeServer, tmp_path: Path) -> None:
    server = make_server(settings=Settings(data_dir=str(tmp_path / "data")))
    client = server.admin()
    answer = client.post("/api/files", files={"file": (CYRILLIC, PDF_BYTES, "application/pdf")})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body == {"id": body["id"], "name": CYRILLIC, "size": len(PDF_BYTES),
                    "content_type": "application/pdf", "url": f"/api/files/{body['id']}"}
    got = client.get(body["url"])
    assert got.status_code == 200
    assert got.content == PDF_BYTES
    assert got.headers["content-type"] == "application/pdf"
    assert f"filename*=UTF-8''{quote(CYRILLIC, safe='')}" in got.headers["content-disposition"]
    assert got.headers["x-content-type-options"] == "nosniff"
    # The same bytes again: a second file, one copy on disk.
    again = client.post("/api/files", files={"file": ("copy.pdf", PDF_BYTES, "application/pdf")})
    assert again.json()["id"] != body["id"]
    assert len(stored_files(tmp_path / "data")) == 1


def test_files_need_a_token_and_unknown_files_are_404(db_url: str, server: LiveServer) -> None:
    assert server.client().post("/api/files", files={"file": ("a.txt", b"a")}).status_code == 401
    assert server.client().get("/api/files/1").status_code == 401
    admin = server.admin()
    assert admin.get("/api/files/999").status_code == 404
    assert admin.get("/api/files/abc").status_code == 404


def test_an_upload_without_a_file_says_how_to_send_one(db_url: str, server: LiveServer) -> None:
    answer = server.admin().post("/api/files", data={"name": "x"})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "file"
    assert "multipart/form-data" in answer.json()["detail"]


def test_a_file_over_the_size_limit_is_refused_with_413(
        db_url: str, make_server: MakeServer, tmp_path: Path) -> None:
    server = make_server(settings=Settings(max_upload_bytes=1000,
                                           data_dir=str(tmp_path / "data")))
    client = server.admin()
    answer = client.post("/api/files", files={"file": ("big.bin", b"x" * 5000)})
    assert answer.status_code == 413
    assert "larger than" in answer.json()["detail"]
    small = client.post("/api/files", files={"file": ("small.txt", b"small", "text/plain")})
    assert small.status_code == 201
    assert small.json()["content_type"] == "text/plain"
    assert len(stored_files(tmp_path / "data")) == 1


def test_a_file_field_holds_an_upload_and_reads_as_the_file(
        db_url: str, make_server: MakeServer) -> None:
    server = make_server(definition=with_contract_field())
    client = server.admin()
    uploaded = upload(client, CYRILLIC, PDF_BYTES).json()  # type: ignore[attr-defined]
    deal = client.post("/api/records/deal", json={"title": "Fleet", "contract": uploaded["id"]})
    assert deal.status_code == 201, deal.text
    assert deal.json()["contract"] == uploaded
    read = client.get(f"/api/records/deal/{deal.json()['id']}").json()
    assert read["contract"]["name"] == CYRILLIC
    assert client.get(read["contract"]["url"]).content == PDF_BYTES
    # Sent back as read, it stays; null clears it.
    same = client.patch(f"/api/records/deal/{read['id']}", json={"contract": read["contract"]})
    assert same.json()["contract"] == uploaded
    cleared = client.patch(f"/api/records/deal/{read['id']}", json={"contract": None})
    assert cleared.json()["contract"] is None
    listed = client.get("/api/records/deal", params={"contract__empty": "false"}).json()
    assert listed["items"] == []


def test_a_file_field_refuses_what_is_not_an_upload(db_url: str, make_server: MakeServer) -> None:
    server = make_server(definition=with_contract_field())
    client = server.admin()
    missing = client.post("/api/records/deal", json={"title": "Fleet", "contract": 999})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "contract", "message":
                                         "file 999 does not exist; upload the file first "
                                         "(POST /api/files gives its id)"}]
    wrong = client.post("/api/records/deal", json={"title": "Fleet", "contract": "contract.pdf"})
    assert wrong.status_code == 422
    assert "is not a file" in wrong.json()["errors"][0]["message"]


def test_a_file_field_cannot_change_type(db_url: str, make_server: MakeServer) -> None:
    server = make_server(definition=with_contract_field())
    client = server.admin()
    current = client.get("/api/schema").json()
    doc = current["definition"]
    deal = next(e for e in doc["entities"] if e["name"] == "deal")
    deal["fields"][-1]["type"] = "integer"
    answer = client.put("/api/schema", json={"definition": doc,
                                             "base_version": current["version"]})
    assert answer.status_code == 422
    assert "a file field cannot become a integer field" in answer.text
