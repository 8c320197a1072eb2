"""Bearer tokens for the API: random, stored only as their sha256, valid until they expire."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select

from kartoteka.platform.accounts.users import User
from kartoteka.platform.tables import TOKENS
from kartoteka.schema_engine.fast_paths import fast_paths
from kartoteka.schema_engine.prepared import Prepared
from kartoteka.schema_engine.store import USERS, VERSIONS
from kartoteka.schema_engine.tables import UtcDateTime


@dataclass(frozen=True)
class Caller:
    """The user a token belongs to, and the schema version stored when it was checked."""

    user: User
    schema_version: int


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class KeyStore:
    """Random keys held by users until they expire, stored only as their sha256 in `table`
    (its `hash_column`, `user_id`, `created_at`, `expires_at`): API tokens, web sessions."""

    def __init__(self, table: Table, hash_column: str) -> None:
        self.table = table
        self.hash = table.c[hash_column]
        self._caller = Prepared(
            select(
                USERS.c.id, USERS.c.email, USERS.c.name, USERS.c.is_admin, USERS.c.time_zone,
                USERS.c.language,
                # The schema version rides along: one round trip tells who calls and whether
                # the app definition changed since the last request (another process may have
                # applied one).
                select(func.max(VERSIONS.c.version)).scalar_subquery().label("schema_version"),
            )
            .select_from(table.join(USERS, USERS.c.id == table.c.user_id))
            .where(USERS.c.active, self.hash == bindparam("hash"),
                   table.c.expires_at > bindparam("now", type_=UtcDateTime()))
        )

    def issue(self, conn: Connection, user_id: int, lifetime: float) -> str:
        """A new key for the user, valid for `lifetime` seconds; the user's expired ones go.
        The caller commits."""
        moment = now()
        table = self.table
        conn.execute(delete(table).where(table.c.user_id == user_id,
                                         table.c.expires_at <= moment))
        key = secrets.token_urlsafe(32)
        conn.execute(insert(table).values({
            self.hash: token_hash(key), table.c.user_id: user_id, table.c.created_at: moment,
            table.c.expires_at: moment + dt.timedelta(seconds=lifetime),
        }))
        return key

    def revoke(self, conn: Connection, key: str) -> bool:
        """Forget a key; whether it was there."""
        result = conn.execute(delete(self.table).where(self.hash == token_hash(key)))
        return bool(result.rowcount)

    def caller(self, conn: Connection, key: str) -> Caller | None:
        """Who holds this unexpired key (and the current schema version), else None."""
        # Compiled once and run on the driver's cursor: this runs on every request (unless
        # the engine's `driver_reads` fast path is off; the values read are the same).
        params = {"hash": token_hash(key), "now": now()}
        row: Sequence[Any] | None
        if fast_paths(conn).driver_reads:
            row = self._caller.first(conn, params)
        else:
            row = conn.execute(self._caller.statement, params).first()
        if row is None:
            return None
        user_id, email, name, is_admin, time_zone, language, schema_version = row
        return Caller(User(user_id, email, name, bool(is_admin), time_zone, language),
                      int(schema_version or 0))


_TOKENS = KeyStore(TOKENS, "token_hash")


def issue_token(conn: Connection, user_id: int, lifetime: float) -> str:
    """A new API token for the user, valid for `lifetime` seconds."""
    return _TOKENS.issue(conn, user_id, lifetime)


def revoke_token(conn: Connection, token: str) -> bool:
    """Forget a token; whether it was there."""
    return _TOKENS.revoke(conn, token)


def caller_of(conn: Connection, token: str) -> Caller | None:
    """Who holds this unexpired token (and the current schema version), else None."""
    return _TOKENS.caller(conn, token)
