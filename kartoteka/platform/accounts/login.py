"""Logging in: a password for an API token or a web session, with failed logins throttled."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from kartoteka.platform.accounts import throttle
from kartoteka.platform.accounts.tokens import issue_token
from kartoteka.platform.accounts.users import User, authenticate
from kartoteka.platform.errors import Unauthorized
from kartoteka.schema_engine.db import write_connection
from kartoteka.settings import Settings

WRONG_LOGIN = "wrong email or password"


class LoginFailed(Unauthorized):
    """Wrong email or password; the answer waits `delay` seconds (slowing guessers down)."""

    def __init__(self, delay: float) -> None:
        super().__init__(WRONG_LOGIN)
        self.delay = delay


def check_login(engine: Engine, settings: Settings, username: str, password: str) -> User:
    """The user of a right email and password; raises LoginFailed (counted) or
    TooManyAttempts. The caller clears the account's failures when it lets the user in."""
    account = throttle.account_key(username)
    with engine.connect() as conn:
        throttle.check_not_locked(conn, account)
        user = authenticate(conn, username, password)
        conn.rollback()  # argon2 took its time: hold no transaction while writing below
    if user is None:
        with write_connection(engine) as conn:
            delay = throttle.record_failure(conn, account, settings)
            conn.commit()
        raise LoginFailed(delay)
    return user


def login(engine: Engine, settings: Settings, username: str, password: str) -> dict[str, Any]:
    """A new token for a right email and password: the body of POST /api/auth/token."""
    user = check_login(engine, settings, username, password)
    with write_connection(engine) as conn:
        throttle.clear_failures(conn, throttle.account_key(username))
        token = issue_token(conn, user.id, settings.token_lifetime)
        conn.commit()
    return {"access_token": token, "token_type": "bearer",
            "expires_in": int(settings.token_lifetime)}

