"""Bearer tokens for the API: random, stored only as their sha256, valid until they expire."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, func, insert, select

from kartoteka.schema_engine.store import USERS, VERSIONS
from kartoteka.schema_engine.tables import UtcDateTime

from .platform_tables import TOKENS
from .users import User


@dataclass(frozen=True)
class Caller:
    """The user a token belongs to, and the schema version stored when it was checked."""

    user: User
    schema_version: int


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(conn: Connection, user_id: int, lifetime: float) -> str:
    """A new token for the user, valid for `lifetime` seconds; the user's expired ones go."""
    moment = now()
    conn.execute(delete(TOKENS).where(TOKENS.c.user_id == user_id, TOKENS.c.expires_at <= moment))
    token = secrets.token_urlsafe(32)
    conn.execute(insert(TOKENS).values(
        token_hash=token_hash(token), user_id=user_id, created_at=moment,
        expires_at=moment + dt.timedelta(seconds=lifetime),
    ))
    return token


def revoke_token(conn: Connection, token: str) -> bool:
    """Forget a token; whether it was there."""
    result = conn.execute(delete(TOKENS).where(TOKENS.c.token_hash == token_hash(token)))
    return bool(result.rowcount)


_CALLER = (
    select(
        USERS.c.id, USERS.c.email, USERS.c.name, USERS.c.is_admin,
        # The schema version rides along: one round trip tells who calls and whether the
        # app definition changed since the last request (another process may have applied).
        select(func.max(VERSIONS.c.version)).scalar_subquery().label("schema_version"),
    )
    .select_from(TOKENS.join(USERS, USERS.c.id == TOKENS.c.user_id))
    .where(USERS.c.active, TOKENS.c.token_hash == bindparam("hash"),
           TOKENS.c.expires_at > bindparam("now", type_=UtcDateTime()))
)


def caller_of(conn: Connection, token: str) -> Caller | None:
    """Who holds this unexpired token (and the current schema version), else None."""
    # Built once, run with parameters: this runs on every request.
    row = conn.execute(_CALLER, {"hash": token_hash(token), "now": now()}).first()
    if row is None:
        return None
    user = User(row.id, row.email, row.name, bool(row.is_admin))
    return Caller(user, int(row.schema_version or 0))
