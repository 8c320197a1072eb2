"""The platform's own tables (`kt_` prefix): API tokens, web sessions, failed sign-ins (per
account and per client address), the server's secrets, personal saved views of lists and the
automation queue.

They live beside the schema engine's tables and are created by `kartoteka init`, by the demo
and, for databases made before they existed, when a server starts.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    inspect,
)

from kartoteka.schema_engine import upgrades
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
    # Indexed: failures older than the window are deleted as new ones come.
    Column("last_failure_at", UtcDateTime(), nullable=False, index=True),
)

LOGIN_ADDRESSES = Table(
    "kt_login_address",
    METADATA,
    # The client address a sign-in came from (an IPv6 one as its /64: one subscriber's block).
    Column("address", Text, primary_key=True),
    # Sign-ins whose password was checked, or is being checked, and was not right, since
    # `window_start`: counted before the check, so that a burst checks no more than the limit.
    Column("failures", Integer, nullable=False),
    Column("window_start", UtcDateTime(), nullable=False, index=True),
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

JOBS = Table(
    "kt_job",
    METADATA,
    # The automation queue (automation.py): one row per rule to run for a record ("rule"), or per
    # webhook call a rule made ("webhook"). `payload` (JSON text) carries what the job needs: the
    # rule as it was when the event happened, the event's time, a webhook's URL and body.
    Column("id", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("entity", Text, nullable=False),
    Column("record_id", Integer, nullable=False),
    Column("event", Text, nullable=False),
    Column("payload", Text, nullable=False),
    # pending -> running (claimed, until `leased_until`) -> done | failed; or back to pending.
    Column("state", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("depth", Integer, nullable=False),
    Column("error", Text),
    # A random token per claim: only the worker holding the current lease may finish the job.
    Column("lease", Text),
    Column("leased_until", UtcDateTime()),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("run_at", UtcDateTime(), nullable=False),
    Column("finished_at", UtcDateTime()),
    # Date rules fire once per rule, record and date: "date:<rule>:<entity>:<id>:<date>".
    Column("dedupe", Text, unique=True),
    Index("ix_kt_job_state_run_at", "state", "run_at"),
    sqlite_autoincrement=True,
)

ATTACHMENTS = Table(
    "kt_attachment",
    METADATA,
    # A stored file (kartoteka.platform.files): its bytes live content-addressed under the data
    # directory by `sha256`; the row gives it a name and a type. `entity_id`/`record_id` say
    # which record it belongs to (null for an upload not yet attached), `field_id` the file
    # field holding it (null for generated documents).
    Column("id", Integer, primary_key=True),
    Column("entity_id", Text),
    Column("record_id", Integer),
    Column("field_id", Text),
    Column("sha256", Text, nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("content_type", Text, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("created_by", Integer, ForeignKey(f"{USER_TABLE}.id", ondelete="SET NULL")),
    Index("ix_kt_attachment_record", "entity_id", "record_id"),
    sqlite_autoincrement=True,
)

PLATFORM_TABLES = [
    TOKENS, LOGIN_FAILURES, LOGIN_ADDRESSES, SESSIONS, SECRETS, VIEWS, JOBS, ATTACHMENTS,
]


#: Steps that change a platform table of an earlier release (kartoteka.schema_engine.upgrades);
#: the table's definition above changes with each, so that new databases are made as upgraded.
def _sign_in_throttles(conn: Connection) -> None:
    """Accounts are no longer locked (growing delays only), and their old failures go; client
    addresses are counted."""
    with upgrades.operations(conn).batch_alter_table(LOGIN_FAILURES.name) as batch:
        batch.drop_column("locked_until")
    for index in LOGIN_FAILURES.indexes:
        index.create(conn, checkfirst=True)
    LOGIN_ADDRESSES.create(conn, checkfirst=True)


PLATFORM_STEPS: list[upgrades.Step] = [
    upgrades.Step(1, "kt_login_failure loses locked_until, indexes last_failure_at; "
                  "kt_login_address", _sign_in_throttles),
]
PLATFORM = upgrades.Component(name="platform", marker=TOKENS.name, steps=PLATFORM_STEPS)


def upgrade_tables(conn: Connection) -> None:
    """Bring Kartoteka's own tables to this release: run the engine's and the platform's
    upgrade steps the database lacks, then create the platform tables that are missing (all of
    them in a new database, stamped as this release). The caller commits."""
    upgrades.upgrade(conn, upgrades.ENGINE)
    fresh = not inspect(conn).has_table(PLATFORM.marker)
    if not fresh:
        upgrades.upgrade(conn, PLATFORM)
    METADATA.create_all(conn, tables=PLATFORM_TABLES, checkfirst=True)
    if fresh:
        upgrades.stamp_latest(conn, PLATFORM)
