"""Failed sign-ins, counted per client address and per account in the database, so that every
server process sees the same counts.

Per address: at most `login_address_failures` failures within `login_window` seconds, then 429
for the rest of the window. A sign-in counts as a failure *before* its password is checked (one
atomic upsert whose answer says whether it is still within the limit) and is given back when
the password was right: a burst of parallel guesses from one address checks no more passwords
than the limit.

Per account: growing delays only, never a lock, so that nobody can lock someone else out.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from sqlalchemy import Connection, case, delete, update

from kartoteka.platform.accounts.tokens import now
from kartoteka.platform.errors import TooManyAttempts
from kartoteka.platform.tables import LOGIN_ADDRESSES, LOGIN_FAILURES
from kartoteka.settings import Settings

ACCOUNTS = LOGIN_FAILURES
ADDRESSES = LOGIN_ADDRESSES


def account_key(username: str) -> str:
    return username.strip().casefold()


def address_key(host: str | None) -> str:
    """Whom an address stands for: itself, or for IPv6 its /64 (one subscriber has a whole
    /64, so counting single addresses would not count them at all)."""
    if not host:
        return "unknown"
    try:
        parsed = ipaddress.ip_address(host)
    except ValueError:
        return host[:100]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


class AddressThrottled(TooManyAttempts):
    """Too many failed sign-ins from the client's address within the window."""


def count_attempt(conn: Connection, address: str, settings: Settings) -> None:
    """Count a sign-in from `address` as a failure until it succeeds; raises AddressThrottled
    (and checks no password) beyond the limit. The caller commits at once."""
    moment = now()
    window = dt.timedelta(seconds=settings.login_window)
    cutoff = moment - window
    conn.execute(delete(ADDRESSES).where(ADDRESSES.c.window_start <= cutoff))
    expired = ADDRESSES.c.window_start <= cutoff
    statement = dialect_insert(conn)(ADDRESSES).values(
        address=address, failures=1, window_start=moment)
    statement = statement.on_conflict_do_update(
        index_elements=[ADDRESSES.c.address],
        set_={"failures": case((expired, 1), else_=ADDRESSES.c.failures + 1),
              "window_start": case((expired, moment), else_=ADDRESSES.c.window_start)},
    ).returning(ADDRESSES.c.failures, ADDRESSES.c.window_start)
    failures, started = conn.execute(statement).one()
    if failures > settings.login_address_failures:
        wait = (started + window - moment).total_seconds()
        raise AddressThrottled(
            f"too many failed sign-ins from this address (the limit is "
            f"{settings.login_address_failures} in {_duration(settings.login_window)}); "
            f"try again in {_duration(wait)}", retry_after=wait)


def give_back_attempt(conn: Connection, address: str) -> None:
    """A sign-in from `address` was right after all: it is no failure."""
    conn.execute(update(ADDRESSES)
                 .where(ADDRESSES.c.address == address, ADDRESSES.c.failures > 0)
                 .values(failures=ADDRESSES.c.failures - 1))


def record_failure(conn: Connection, account: str, settings: Settings) -> float:
    """Count a failed sign-in for the account; returns how long to wait before answering it.

    One upsert, so that simultaneous failures for one account each count.
    """
    moment = now()
    cutoff = moment - dt.timedelta(seconds=settings.login_window)
    # Failures older than the window are forgotten: made-up accounts leave no rows behind,
    # and an account's count starts again at 1.
    conn.execute(delete(ACCOUNTS).where(ACCOUNTS.c.last_failure_at <= cutoff))
    counted = case((ACCOUNTS.c.last_failure_at > cutoff, ACCOUNTS.c.failures + 1), else_=1)
    statement = dialect_insert(conn)(ACCOUNTS).values(
        account=account, failures=1, last_failure_at=moment)
    statement = statement.on_conflict_do_update(
        index_elements=[ACCOUNTS.c.account],
        set_={"failures": counted, "last_failure_at": moment},
    ).returning(ACCOUNTS.c.failures)
    return delay_after(int(conn.execute(statement).scalar_one()), settings)


def dialect_insert(conn: Connection) -> Any:
    """The dialect's INSERT that has ON CONFLICT (imported only for the database in use)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def delay_after(failures: int, settings: Settings) -> float:
    """0 for the free failures, then login_delay doubled per failure, up to login_max_delay."""
    extra = failures - settings.login_free_failures
    if extra <= 0:
        return 0.0
    return float(min(settings.login_max_delay, settings.login_delay * 2 ** (extra - 1)))


def clear_failures(conn: Connection, account: str) -> None:
    conn.execute(delete(ACCOUNTS).where(ACCOUNTS.c.account == account))


def _duration(seconds: float) -> str:
    if seconds < 90:
        whole = max(1, round(seconds))
        return f"{whole} second{'s' if whole != 1 else ''}"
    return f"{round(seconds / 60)} minutes"
