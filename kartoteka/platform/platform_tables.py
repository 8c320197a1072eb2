"""The platform's own tables (`kt_` prefix): API tokens, web sessions, failed-login counters,
the server's secrets and personal saved views of lists.

They live beside the schema engine's tables and are created by `kartoteka init`, by the demo
and, for databases made before they existed, when a server starts.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, ForeignKey, Index, Integer, MetaData, Table, Text

from kartoteka.schema_engine.tables import NAMING_CONVENTION, USER_TABLE, UtcDateTime

METADATA = MetaData(naming_convention=NAMING_CONVENTION)

#: The user table as the platform tables see it (for their foreign keys only).
_USERS = Table(USER_TABLE, METADATA, Column("id", Integer, primary_key=True))

TOKENS = Table(
    "kt_token",
    METADATA,
    Column("id", Integer, primary_key=True),
    # sha256 of the token: a stolen copy of the database gives no usable token.
    Column("token_hash", Text, nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey(f"{USER_TABLE}.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False, index=True),
    sqlite_autoincrement=True,
)

LOGIN_FAILURES = Table(
    "kt_login_failure",
    METADATA,
    # The account as typed at login, case-folded: unknown accounts are throttled alike, so that
    # answers do not tell which accounts exist.
    Column("account", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", UtcDateTime(), nullable=False),
    Column("locked_until", UtcDateTime()),
)

SESSIONS = Table(
    "kt_session",
    METADATA,
    Column("id", Integer, primary_key=True),
    # sha256 of the session's random key (the key itself travels only in the signed cookie).
    Column("key_hash", Text, nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey(f"{USER_TABLE}.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False, index=True),
    sqlite_autoincrement=True,
)

SECRETS = Table(
    "kt_secret",
    METADATA,
    # Generated once per database, shared by every server process on it ("cookie_signing").
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

VIEWS = Table(
    "kt_view",
    METADATA,
    # A personal saved view of a list: its columns, filter and sort (`spec`, JSON text in the
    # shape of a shared view of the app definition). Sharing copies it into the definition.
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey(f"{USER_TABLE}.id", ondelete="CASCADE"), nullable=False),
    Column("entity", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("spec", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_kt_view_user_entity", "user_id", "entity"),
    sqlite_autoincrement=True,
)

PLATFORM_TABLES = [TOKENS, LOGIN_FAILURES, SESSIONS, SECRETS, VIEWS]


def create_platform_tables(conn: Connection) -> None:
    """Create the platform tables that are missing (the user table must exist already)."""
    METADATA.create_all(conn, tables=PLATFORM_TABLES, checkfirst=True)
