"""Tokens over real HTTP: login, 401 without a valid token, expiry, revocation, throttling."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
import time_machine
from sqlalchemy import select

from kartoteka.platform.accounts import throttle
from kartoteka.platform.tables import LOGIN_FAILURES
from kartoteka.schema_engine import connect
from kartoteka.settings import Settings
from tests.support.servers import ADMIN, USER, LiveServer, MakeServer

pytestmark = pytest.mark.usefixtures("db_url")  # every test on SQLite and on PostgreSQL

#: Where the tests that need the server's clock set it.
MOMENT = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def login(server: LiveServer, email: str, password: str) -> tuple[int, dict[str, str], float]:
    """(status, headers, seconds taken) of one login attempt."""
    started = time.monotonic()
    answer = server.client().post("/api/auth/token", data={"username": email, "password": password})
    return answer.status_code, dict(answer.headers), time.monotonic() - started


def test_every_api_route_needs_a_valid_bearer_token(server: LiveServer) -> None:
    anonymous = server.client()
    for method, path in [("GET", "/api/schema"), ("GET", "/api/schema/history"),
                         ("PUT", "/api/schema"), ("GET", "/api/records/deal"),
                         ("GET", "/api/records/deal/1"), ("DELETE", "/api/auth/token"),
                         ("POST", "/api/records/nope/batch")]:
        answer = anonymous.request(method, path, content=b"not even JSON")
        assert answer.status_code == 401, (method, path, answer.text)
        assert "Bearer" in answer.json()["detail"]
        assert answer.headers["www-authenticate"] == "Bearer"
    for header in ("Bearer nonsense", "Basic YWRtaW46YWRtaW4=", "Bearer"):
        answer = anonymous.get("/api/schema", headers={"Authorization": header})
        assert answer.status_code == 401
        assert answer.json()["detail"]


def test_a_token_works_until_it_is_revoked(server: LiveServer) -> None:
    answer = server.client().post("/api/auth/token",
                                  data={"username": "ADMIN@example.com", "password": ADMIN[1]})
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 12 * 3600
    admin = server.client(body["access_token"])
    other = server.client(server.login(*ADMIN))
    assert admin.get("/api/schema").status_code == 200
    assert admin.delete("/api/auth/token").status_code == 204
    assert admin.get("/api/schema").status_code == 401
    assert admin.delete("/api/auth/token").status_code == 401
    assert other.get("/api/schema").status_code == 200  # only the token sent was revoked


def test_tokens_expire(make_server: MakeServer) -> None:
    server = make_server(settings=Settings(token_lifetime=60))
    # The server's clock is the test's: a slow machine cannot use up the token's lifetime.
    with time_machine.travel(MOMENT, tick=False) as clock:
        answer = server.client().post("/api/auth/token",
                                      data={"username": USER[0], "password": USER[1]})
        assert answer.json()["expires_in"] == 60
        client = server.client(answer.json()["access_token"])
        assert client.get("/api/schema").status_code == 200
        clock.shift(59)
        assert client.get("/api/schema").status_code == 200
        clock.shift(2)
        expired = client.get("/api/schema")
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]


def test_wrong_password_and_unknown_account_are_answered_alike(server: LiveServer) -> None:
    wrong = server.client().post("/api/auth/token",
                                 data={"username": ADMIN[0], "password": "wrong password"})
    unknown = server.client().post("/api/auth/token",
                                   data={"username": "who@example.com", "password": ADMIN[1]})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "access_token" not in wrong.text


def test_a_login_form_without_its_fields_is_a_422_naming_them(server: LiveServer) -> None:
    answer = server.client().post("/api/auth/token", data={"username": ADMIN[0]})
    assert answer.status_code == 422
    assert answer.json()["errors"] == [{"field": "password", "message": "Field required"}]


def test_repeated_failures_are_slowed_down_then_refused_for_a_while(
    make_server: MakeServer, monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings(login_free_failures=2, login_delay=0.2, login_max_delay=0.3,
                        login_lock_after=5, login_lock_seconds=60)
    server = make_server(settings=settings)
    delays = _delays_chosen(monkeypatch)
    email = ADMIN[0]
    # The server's clock is the test's: however busy the machine, the failures fall within the
    # lock's window, and the lock lasts until the test moves the clock on.
    with time_machine.travel(MOMENT, tick=False) as clock:
        took = []
        for _ in range(5):
            status, _headers, seconds = login(server, email, "wrong password")
            assert status == 401
            took.append(seconds)
        # The free failures are answered at once; then 0.2 s, then 0.3 s (the maximum).
        assert delays == [0.0, 0.0, 0.2, 0.3, 0.3]
        assert all(seconds >= delay for seconds, delay in zip(took, delays, strict=True))
        assert _failures(server, email) == (5, MOMENT + dt.timedelta(seconds=60))
        status, headers, _took = login(server, email, ADMIN[1])
        assert status == 429  # even the right password, while locked
        assert headers["retry-after"] == "60"
        assert login(server, USER[0], USER[1])[0] == 200  # other accounts are not affected
        clock.shift(61)
        assert login(server, email.upper(), ADMIN[1])[0] == 200
        assert _failures(server, email) is None
        # A success starts the count afresh: the next failure is a free one again.
        assert login(server, email, "wrong password")[0] == 401
    assert delays[-1] == 0.0


def _delays_chosen(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the server's throttle chooses for failed logins, in order (the server runs in
    this process: uvicorn in a thread)."""
    chosen: list[float] = []
    record_failure = throttle.record_failure

    def recording(*args: Any, **kwargs: Any) -> float:
        chosen.append(record_failure(*args, **kwargs))
        return chosen[-1]

    monkeypatch.setattr(throttle, "record_failure", recording)
    return chosen


def _failures(server: LiveServer, email: str) -> tuple[int, dt.datetime | None] | None:
    """The failures the database holds for the account, and until when it is locked."""
    failures = LOGIN_FAILURES.c
    engine = connect(server.db_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(failures.failures, failures.locked_until)
                               .where(failures.account == throttle.account_key(email))).first()
    finally:
        engine.dispose()
    return None if row is None else (row.failures, row.locked_until)


def test_only_administrators_change_the_schema(server: LiveServer) -> None:
    user, admin = server.user(), server.admin()
    current = user.get("/api/schema")
    assert current.status_code == 200
    change = {"definition": current.json()["definition"], "base_version": 1}
    for answer in (user.put("/api/schema", json=change),
                   user.post("/api/schema/plan", json={"definition": change["definition"]})):
        assert answer.status_code == 403
        assert "administrators" in answer.json()["detail"]
    assert admin.put("/api/schema", json=change).status_code == 200


@pytest.mark.parametrize("body", [b"", b"[1, 2]", b"{oops"])
def test_admin_check_comes_before_reading_the_body(server: LiveServer, body: bytes) -> None:
    assert server.user().put("/api/schema", content=body).status_code == 403
