"""Stored files: content-addressed storage, safe names, and the `file` field type's rules.
Uploads and downloads over HTTP are tested in tests/api/test_files.py."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

import pytest

from kartoteka.platform import files
from kartoteka.schema_engine.definition.document import check_definition
from tests.support.files import CYRILLIC, stored_files, with_contract_field

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


# ---------------------------------------------------------------- the file field


def test_a_file_field_cannot_be_unique() -> None:
    doc = with_contract_field()
    field = doc["entities"][1]["fields"][-1]
    field["unique"] = True
    paths = [e.path for e in check_definition(doc)]
    assert "$.entities[1].fields[5].unique" in paths
