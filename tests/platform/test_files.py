"""Stored files: content-addressed storage, uploads and downloads, the `file` field type."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from urllib.parse import quote

import pytest

from kartoteka.platform import files
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.definition.document import Document, check_definition
from kartoteka.settings import Settings

from .conftest import LiveServer, MakeServer

CYRILLIC = "Договор поставки №7.pdf"
PDF_BYTES = b"%PDF-1.4 a contract\n" * 50


def stored_files(root: Path) -> list[Path]:
    return [p for p in (root / "files").rglob("*") if p.is_file() and not p.name.startswith(".")]


def with_contract_field() -> Document:
    """The crm template with a file field `contract` on deals."""
    doc = copy.deepcopy(load_template("crm"))
    deal = next(e for e in doc["entities"] if e["name"] == "deal")
    deal["fields"].append({"name": "contract", "type": "file", "label": "Contract"})
    return doc


# ---------------------------------------------------------------- storage


def test_the_same_content_is_stored_once_under_its_sha256(tmp_path: Path) -> None:
    storage = files.Storage(tmp_path)
    first = storage.put([b"hello ", b"world"])
    second = storage.put([b"hello world"])
    digest = hashlib.sha256(b"hello world").hexdigest()
    assert first == second == (digest, 11)
    path = tmp_path / "files" / digest[:2] / digest[2:]
    assert path.read_bytes() == b"hello world"
    assert stored_files(tmp_path) == [path]
    assert b"".join(storage.read(digest)) == b"hello world"


def test_content_over_the_limit_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    storage = files.Storage(tmp_path)
    with pytest.raises(files.FileTooLarge, match="larger than"):
        storage.put([b"x" * 600, b"x" * 600], limit=1000)
    assert stored_files(tmp_path) == []
    assert list((tmp_path / "files").iterdir()) == []  # no temporary file left behind


def test_the_data_directory_defaults_beside_sqlite_else_kartoteka_data(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(files.DATA_DIR_VARIABLE, raising=False)
    beside = files.default_data_dir(f"sqlite:///{tmp_path}/crm.db")
    assert beside == Path(f"{tmp_path}/crm.db.files")
    assert files.default_data_dir("postgresql+psycopg://u@h/db") == Path("kartoteka-data")
    monkeypatch.setenv(files.DATA_DIR_VARIABLE, str(tmp_path / "elsewhere"))
    assert files.default_data_dir(f"sqlite:///{tmp_path}/crm.db") == tmp_path / "elsewhere"


@pytest.mark.parametrize(("given", "kept"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\отчёт.xlsx", "отчёт.xlsx"),
    ("a\x00b\nc.txt", "abc.txt"),
    ("", "file"),
])
def test_file_names_lose_folders_and_control_characters(given: str, kept: str) -> None:
    assert files.clean_name(given) == kept


def test_a_download_names_the_file_in_utf8_with_an_ascii_fallback() -> None:
    header = files.content_disposition(CYRILLIC)
    assert header.startswith('attachment; filename="')
    assert f"filename*=UTF-8''{quote(CYRILLIC, safe='')}" in header
    assert header.isascii()


# ---------------------------------------------------------------- over HTTP


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


def test_a_file_field_cannot_be_unique() -> None:
    doc = with_contract_field()
    field = doc["entities"][1]["fields"][-1]
    field["unique"] = True
    paths = [e.path for e in check_definition(doc)]
    assert "$.entities[1].fields[5].unique" in paths


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
