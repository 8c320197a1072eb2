"""A burst of parallel wrong guesses from one address checks no more passwords than its limit;
the rest are answered 429 at once, and another signed-in user is served meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.settings import Settings
from tests.support.bystander import Bystander
from tests.support.servers import ADMIN, MakeServer
from tests.support.sign_ins import CheckCounter, at_once

pytestmark = pytest.mark.usefixtures("db_url")  # on SQLite and on PostgreSQL


def test_fifty_parallel_guesses_check_ten_passwords(
    make_server: MakeServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    server = make_server(settings=Settings(password_check_dir=str(tmp_path)))  # limit: 10
    counter = CheckCounter().install(monkeypatch)
    guesses = [(ADMIN[0], f"guess {n}", "203.0.113.50") for n in range(50)]
    with Bystander(server) as other:  # which signs in first: its check is not counted
        before = counter.checks
        answered = at_once(server, guesses)
        checked = counter.checks - before
    other.assert_served()
    assert answered == {401: 10, 429: 40}
    assert checked == 10
    # The window holds: the right password from that address is refused too, not checked.
    assert at_once(server, [(*ADMIN, "203.0.113.50")]) == {429: 1}
    assert counter.checks - before == 10
    assert at_once(server, [(*ADMIN, "203.0.113.51")]) == {200: 1}  # not the account's lock
