"""Huge request bodies: refused at once, before they are read, without memory or disk growing.

Each body is generated while it is sent (hundreds of MB, never held by the test) over a raw
socket, so that the test sees when the answer comes: long before the body is sent in full.
The server runs in a thread of the test process: the process's peak resident memory is its.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kartoteka.settings import Settings
from tests.support.bystander import Bystander
from tests.support.pages import signed_in
from tests.support.servers import USER, LiveServer, MakeServer
from tests.support.streams import MIB, Streamed, folder_size, stream_body

#: How much more memory the test process may hold while refusing a body of hundreds of MB:
#: far below the body, above what a busy test process moves by itself.
MEMORY_BOUND = 64 * MIB
#: The most the data directory may grow meanwhile (nothing is stored; the log may write).
DISK_BOUND = 1 * MIB


def _checked(answer: Streamed, status: int, *, sent_at_most: int) -> None:
    print(answer.figures())  # the figures of the closing note (pytest -s shows them)
    assert answer.status == status, (answer.status, answer.body[:300])
    assert answer.sent <= sent_at_most < answer.total, answer.figures()
    assert answer.memory_growth < MEMORY_BOUND, answer.figures()
    assert answer.headers.get("connection") == "close"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def live(db_url: str, make_server: MakeServer, data_dir: Path) -> LiveServer:
    return make_server(settings=Settings(data_dir=str(data_dir)))


#: A declared length over the limit is refused (413) without looking up the caller; a body
#: without one, as soon as it passes 16 KiB from a caller without a token (401).
ANONYMOUS = [pytest.param(False, 413, id="content-length"), pytest.param(True, 401, id="chunked")]


@pytest.mark.parametrize(("chunked", "status"), ANONYMOUS)
def test_an_anonymous_300_mb_json_body_is_refused_at_once(
        live: LiveServer, data_dir: Path, chunked: bool, status: int) -> None:
    disk_before = folder_size(data_dir)
    with Bystander(live) as other:
        answer = stream_body(live.url, "/api/records/deal", 300 * MIB, chunked=chunked)
    other.assert_served()
    _checked(answer, status, sent_at_most=8 * MIB)
    if status == 401:
        assert "16 KiB" in answer.body and "Bearer" in answer.body
        assert answer.headers["www-authenticate"] == "Bearer"
    else:
        assert "a JSON body may be at most 10 MiB" in answer.body
    assert folder_size(data_dir) - disk_before < DISK_BOUND


@pytest.mark.parametrize(("chunked", "status"), ANONYMOUS)
def test_an_anonymous_500_mb_upload_is_refused_at_once(
        live: LiveServer, data_dir: Path, chunked: bool, status: int) -> None:
    disk_before = folder_size(data_dir)
    with Bystander(live) as other:
        answer = stream_body(live.url, "/api/files", 500 * MIB, chunked=chunked, upload=True)
    other.assert_served()
    _checked(answer, status, sent_at_most=8 * MIB)
    assert folder_size(data_dir) - disk_before < DISK_BOUND


def test_an_anonymous_body_within_the_limit_but_over_16_kib_is_refused(
        live: LiveServer) -> None:
    with Bystander(live) as other:
        answer = stream_body(live.url, "/api/records/deal", 5 * MIB)
    other.assert_served()
    _checked(answer, 401, sent_at_most=4 * MIB)


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_signed_in_json_body_over_the_limit_is_refused(
        live: LiveServer, data_dir: Path, chunked: bool) -> None:
    token = live.login(*USER)
    with Bystander(live) as other:
        answer = stream_body(live.url, "/api/records/deal", 300 * MIB, chunked=chunked,
                             headers={"Authorization": f"Bearer {token}"})
    other.assert_served()
    # A declared length is refused before a byte is read; a chunked body once it passes the
    # limit (10 MiB), plus what the sockets' buffers held.
    _checked(answer, 413, sent_at_most=(10 + 8) * MIB)
    assert "a JSON body may be at most 10 MiB" in answer.body


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_signed_in_upload_over_the_limit_is_refused_and_nothing_kept(
        live: LiveServer, data_dir: Path, chunked: bool) -> None:
    token = live.login(*USER)
    disk_before = folder_size(data_dir)
    with Bystander(live) as other:
        answer = stream_body(live.url, "/api/files", 500 * MIB, chunked=chunked, upload=True,
                             headers={"Authorization": f"Bearer {token}"})
    other.assert_served()
    _checked(answer, 413, sent_at_most=(25 + 8) * MIB)
    assert folder_size(data_dir) - disk_before < DISK_BOUND


def test_the_web_ui_refuses_a_huge_form_with_a_page(live: LiveServer) -> None:
    browser = signed_in(live.url, *USER)
    cookie = "; ".join(f"{name}={value}" for name, value in browser.cookies.items())
    browser.close()
    with Bystander(live) as other:
        anonymous = stream_body(live.url, "/records/deal/new", 300 * MIB, upload=True)
        member = stream_body(live.url, "/records/deal/new", 300 * MIB, upload=True,
                             headers={"Cookie": cookie})
    other.assert_served()
    _checked(anonymous, 413, sent_at_most=8 * MIB)
    small = stream_body(live.url, "/records/deal/new", 20 * MIB, upload=True)
    _checked(small, 401, sent_at_most=8 * MIB)
    assert "Sign in first" in small.body and "16 KiB" in small.body
    _checked(member, 413, sent_at_most=8 * MIB)
    assert "larger than 64 MiB" in member.body


def test_small_bodies_and_sign_in_forms_pass(live: LiveServer) -> None:
    """The limits leave what users do alone: signing in, a record, a file within the limit."""
    api = live.user()  # signs in through POST /api/auth/token, a small anonymous form
    rows = [{"title": f"deal {n} " + "x" * 300} for n in range(100)]  # 31 KiB of JSON
    created = api.post("/api/records/deal/batch", json={"create": rows})
    assert created.status_code == 201, created.text
    assert len(created.json()["ids"]) == 100
    upload = api.post("/api/files", files={"file": ("a.bin", os.urandom(3 * MIB))})
    assert upload.status_code == 201, upload.text
