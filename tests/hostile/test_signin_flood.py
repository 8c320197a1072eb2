"""Many sign-ins at once from many addresses (a crowd of guessers the throttles do not slow):
password checks run no more at once than the machine-wide cap, those that wait too long are
answered 503 with Retry-After, and another signed-in user is served meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.settings import Settings
from tests.support.bystander import Bystander
from tests.support.servers import MakeServer
from tests.support.sign_ins import CheckCounter, at_once, real_password_cost

pytestmark = pytest.mark.usefixtures("db_url")  # on SQLite and on PostgreSQL


def test_a_crowd_of_guessers_is_checked_one_at_a_time(
    make_server: MakeServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = Settings(password_checks=1, password_check_dir=str(tmp_path),
                        password_check_wait=3.0)
    server = make_server(settings=settings)
    real_password_cost(monkeypatch)
    counter = CheckCounter().install(monkeypatch)
    guesses = [(f"guess-{n}@example.com", "not the password", f"198.51.100.{n}")
               for n in range(30)]
    with Bystander(server) as other:  # which signs in first: its check is not counted
        before = counter.checks
        answered = at_once(server, guesses)
        checked = counter.checks - before
    other.assert_served()
    assert counter.most_at_once == 1
    assert set(answered) == {401, 503}, answered  # checked, or told the server is busy
    assert answered[401] == checked


def test_a_full_queue_is_answered_503_at_once(
    make_server: MakeServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = Settings(password_checks=1, password_check_dir=str(tmp_path),
                        password_check_queue=2, password_check_wait=60)
    server = make_server(settings=settings)
    real_password_cost(monkeypatch)
    guesses = [(f"guess-{n}@example.com", "not the password", f"198.51.100.{n}")
               for n in range(12)]
    with Bystander(server) as other:
        answered = at_once(server, guesses)
    other.assert_served()
    assert answered[503] >= 1 and answered[401] >= 1
    assert sum(answered.values()) == 12
    busy = server.client().post("/api/auth/token", data={"username": "x@example.com",
                                                         "password": "y"})
    assert busy.status_code == 401  # the queue empties: served again
