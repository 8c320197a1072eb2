"""Web sessions: a random key per signed-in browser, stored only as its sha256 in `kt_session`.

Signing out deletes the row, so a copied cookie stops working at once; a deactivated user's
sessions stop working from their next request.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from kartoteka.platform.accounts.tokens import Caller, KeyStore
from kartoteka.platform.tables import SESSIONS

_SESSIONS = KeyStore(SESSIONS, "key_hash")


def start_session(conn: Connection, user_id: int, lifetime: float) -> str:
    """A new session key for the user, valid for `lifetime` seconds; the caller commits."""
    return _SESSIONS.issue(conn, user_id, lifetime)


def end_session(conn: Connection, key: str) -> bool:
    """Forget a session; whether it was there."""
    return _SESSIONS.revoke(conn, key)


def session_caller(conn: Connection, key: str) -> Caller | None:
    """Who holds this unexpired session (and the current schema version), else None."""
    return _SESSIONS.caller(conn, key)
