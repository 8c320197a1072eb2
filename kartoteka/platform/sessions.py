"""Web sessions: a random key per signed-in browser, stored only as its sha256 in `kt_session`.

Signing out deletes the row, so a copied cookie stops working at once; a deactivated user's
sessions stop working from their next request.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.engine import Connection

from kartoteka.schema_engine.store import USERS, VERSIONS
from kartoteka.schema_engine.tables import UtcDateTime

from .platform_tables import SESSIONS
from .tokens import Caller, now, token_hash
from .users import User


def start_session(conn: Connection, user_id: int, lifetime: float) -> str:
    """A new session key for the user, valid for `lifetime` seconds; the caller commits."""
    moment = now()
    conn.execute(delete(SESSIONS).where(SESSIONS.c.user_id == user_id,
                                        SESSIONS.c.expires_at <= moment))
    key = secrets.token_urlsafe(32)
    conn.execute(insert(SESSIONS).values(
        key_hash=token_hash(key), user_id=user_id, created_at=moment,
        expires_at=moment + dt.timedelta(seconds=lifetime),
    ))
    return key


def end_session(conn: Connection, key: str) -> bool:
    """Forget a session; whether it was there."""
    result = conn.execute(delete(SESSIONS).where(SESSIONS.c.key_hash == token_hash(key)))
    return bool(result.rowcount)


_CALLER = (
    select(
        USERS.c.id, USERS.c.email, USERS.c.name, USERS.c.is_admin,
        # As for API tokens: one round trip says who it is and which schema version is stored.
        select(func.max(VERSIONS.c.version)).scalar_subquery().label("schema_version"),
    )
    .select_from(SESSIONS.join(USERS, USERS.c.id == SESSIONS.c.user_id))
    .where(USERS.c.active, SESSIONS.c.key_hash == bindparam("hash"),
           SESSIONS.c.expires_at > bindparam("now", type_=UtcDateTime()))
)


def session_caller(conn: Connection, key: str) -> Caller | None:
    """Who holds this unexpired session (and the current schema version), else None."""
    row = conn.execute(_CALLER, {"hash": token_hash(key), "now": now()}).first()
    if row is None:
        return None
    user = User(row.id, row.email, row.name, bool(row.is_admin))
    return Caller(user, int(row.schema_version or 0))
