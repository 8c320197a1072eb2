"""Spoofed X-Forwarded-For: a client that is no trusted proxy cannot pick the address its
failed sign-ins count against, and behind a trusted proxy only the address the proxy saw
counts; another user is served meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.settings import Settings
from tests.support.bystander import Bystander
from tests.support.servers import ADMIN, LiveServer, MakeServer

pytestmark = pytest.mark.usefixtures("db_url")  # on SQLite and on PostgreSQL

LIMIT = 3


def sign_in(server: LiveServer, password: str, forwarded: str) -> int:
    answer = server.client().post("/api/auth/token", headers={"X-Forwarded-For": forwarded},
                                  data={"username": ADMIN[0], "password": password})
    return answer.status_code


def test_a_direct_client_cannot_choose_its_address(
    make_server: MakeServer, tmp_path: Path
) -> None:
    # No trusted proxy: the test client (loopback) is known by the address it connects from.
    server = make_server(settings=Settings(trusted_proxies=(), login_address_failures=LIMIT,
                                           password_check_dir=str(tmp_path)))
    with Bystander(server) as other:
        answers = [sign_in(server, "wrong", f"198.51.100.{n}") for n in range(LIMIT + 2)]
    other.assert_served()
    assert answers == [401] * LIMIT + [429, 429]


def test_behind_a_trusted_proxy_the_address_it_saw_counts(
    make_server: MakeServer, tmp_path: Path
) -> None:
    # Loopback is the trusted proxy (the default). The guesser writes a fresh address of its
    # own into the header each time; the proxy appends the address it saw, 203.0.113.9.
    server = make_server(settings=Settings(login_address_failures=LIMIT,
                                           password_check_dir=str(tmp_path)))
    with Bystander(server) as other:
        answers = [sign_in(server, "wrong", f"198.51.100.{n}, 203.0.113.9")
                   for n in range(LIMIT + 2)]
        right = sign_in(server, ADMIN[1], "203.0.113.9")
        elsewhere = sign_in(server, ADMIN[1], "198.51.100.1, 203.0.113.10")
    other.assert_served()
    assert answers == [401] * LIMIT + [429, 429]
    assert (right, elsewhere) == (429, 200)
