"""Signing in: an email and password checked for an API token or a web session, throttled.

`sign_in` is the one path both take: count the attempt against the client's address (429
beyond the limit, before any password is checked), read the account, check the password in a
machine-wide slot (`checks`: 503 when none comes in time), then either let the user in or count
the failure against the account and answer it after the account's growing delay.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import Connection, Engine
from starlette.concurrency import run_in_threadpool

from kartoteka.platform.accounts import throttle
from kartoteka.platform.accounts.checks import PasswordChecks
from kartoteka.platform.accounts.tokens import issue_token
from kartoteka.platform.accounts.users import StoredLogin, User, stored_login
from kartoteka.platform.errors import Unauthorized
from kartoteka.schema_engine.db import write_connection
from kartoteka.settings import Settings

WRONG_LOGIN = "wrong email or password"


class LoginFailed(Unauthorized):
    """Wrong email or password (answered once the account's delay has passed)."""

    def __init__(self, delay: float) -> None:
        super().__init__(WRONG_LOGIN)
        self.delay = delay


async def sign_in(engine: Engine, settings: Settings, checks: PasswordChecks, address: str,
                  username: str, password: str) -> User:
    """The user of a right email and password, from the client at `address` (its
    `throttle.address_key`); raises LoginFailed (after its delay), AddressThrottled or
    ChecksBusy. The caller lets the user in with `let_in`, in the transaction that does."""
    stored = await run_in_threadpool(_count_and_read, engine, settings, address, username)
    async with checks.slot():
        right = await run_in_threadpool(stored.matches, password)
    if not right:
        delay = await run_in_threadpool(_count_failure, engine, settings, username)
        await asyncio.sleep(delay)
        raise LoginFailed(delay)
    assert stored.user is not None
    return stored.user


def let_in(conn: Connection, address: str, username: str) -> None:
    """A right sign-in: no failure of the address, and the account's count starts afresh."""
    throttle.give_back_attempt(conn, address)
    throttle.clear_failures(conn, throttle.account_key(username))


async def login(engine: Engine, settings: Settings, checks: PasswordChecks, address: str,
                username: str, password: str) -> dict[str, Any]:
    """A new token for a right email and password: the body of POST /api/auth/token."""
    user = await sign_in(engine, settings, checks, address, username, password)
    return await run_in_threadpool(_issue, engine, settings, address, username, user)


def _count_and_read(engine: Engine, settings: Settings, address: str,
                    username: str) -> StoredLogin:
    with write_connection(engine) as conn:
        throttle.count_attempt(conn, address, settings)
        conn.commit()  # at once: a parallel attempt must see this one counted
    with engine.connect() as conn:
        return stored_login(conn, username)


def _count_failure(engine: Engine, settings: Settings, username: str) -> float:
    with write_connection(engine) as conn:
        delay = throttle.record_failure(conn, throttle.account_key(username), settings)
        conn.commit()
    return delay


def _issue(engine: Engine, settings: Settings, address: str, username: str,
           user: User) -> dict[str, Any]:
    with write_connection(engine) as conn:
        let_in(conn, address, username)
        token = issue_token(conn, user.id, settings.token_lifetime)
        conn.commit()
    return {"access_token": token, "token_type": "bearer",
            "expires_in": int(settings.token_lifetime)}
