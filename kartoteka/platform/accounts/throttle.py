"""Failed logins per account: answered more and more slowly, then refused (429) for a while.

The counters live in the database (`kt_login_failure`), so that every server process sees them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, case, delete, select, update

from kartoteka.platform.accounts.tokens import now
from kartoteka.platform.errors import TooManyAttempts
from kartoteka.platform.tables import LOGIN_FAILURES
from kartoteka.settings import Settings

TABLE = LOGIN_FAILURES


def account_key(username: str) -> str:
    return username.strip().casefold()


def check_not_locked(conn: Connection, account: str) -> None:
    """Raise TooManyAttempts while the account's logins are locked."""
    locked_until = conn.execute(
        select(TABLE.c.locked_until).where(TABLE.c.account == account)
    ).scalar()
    if locked_until is None:
        return
    wait = (locked_until - now()).total_seconds()
    if wait > 0:
        raise TooManyAttempts(
            f"too many failed logins for this account; try again in {_duration(wait)}",
            retry_after=wait,
        )


def record_failure(conn: Connection, account: str, settings: Settings) -> float:
    """Count a failed login; returns how long to wait before answering it (seconds).

    One upsert, so that simultaneous failures for one account each count.
    """
    moment = now()
    cutoff = moment - dt.timedelta(seconds=settings.login_lock_seconds)
    # Failures older than the lock time are forgotten: the count starts again at 1.
    counted = case((TABLE.c.last_failure_at > cutoff, TABLE.c.failures + 1), else_=1)
    statement = dialect_insert(conn)(TABLE).values(
        account=account, failures=1, last_failure_at=moment)
    statement = statement.on_conflict_do_update(
        index_elements=[TABLE.c.account],
        set_={"failures": counted, "last_failure_at": moment, "locked_until": None},
    ).returning(TABLE.c.failures)
    failures = int(conn.execute(statement).scalar_one())
    if failures >= settings.login_lock_after:
        until = moment + dt.timedelta(seconds=settings.login_lock_seconds)
        conn.execute(update(TABLE).where(TABLE.c.account == account).values(locked_until=until))
    return delay_after(failures, settings)


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
    conn.execute(delete(TABLE).where(TABLE.c.account == account))


def _duration(seconds: float) -> str:
    if seconds < 90:
        whole = max(1, round(seconds))
        return f"{whole} second{'s' if whole != 1 else ''}"
    return f"{round(seconds / 60)} minutes"
