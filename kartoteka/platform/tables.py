"""The platform's own tables (`kt_` prefix): API tokens, web sessions, failed sign-ins (per
account and per client address), the server's secrets, webhook secrets, personal saved views of
lists and the automation queue.

They live beside the schema engine's tables and are created by `kartoteka init`, by the demo
and, for databases made before they existed, when a server starts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

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
    select,
    update,
)

from kartoteka.schema_engine import upgrades
from kartoteka.schema_engine.store import VERSIONS as _VERSIONS
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

WEBHOOK_SECRETS = Table(
    "kt_webhook_secret",
    METADATA,
    # The value of a secret that webhook actions of the definition name (`"secret": "warehouse"`),
    # set by an administrator; kept apart from `kt_secret` (the server's own keys) and from the
    # definition, whose history would keep it forever.
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("updated_by", Integer, ForeignKey(f"{USER_TABLE}.id", ondelete="SET NULL")),
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
    TOKENS, LOGIN_FAILURES, LOGIN_ADDRESSES, SESSIONS, SECRETS, WEBHOOK_SECRETS, VIEWS, JOBS,
    ATTACHMENTS,
]


# ---------------------------------------------------------------- webhook secrets move out



def secret_name_for(rule_name: str, taken: set[str]) -> str:
    """A free secret name made of a rule's name: "tell the warehouse" -> "tell_the_warehouse"."""
    base = re.sub(r"[^a-z0-9]+", "_", rule_name.casefold()).strip("_")[:50]
    if not base or not base[0].isalpha():
        base = f"webhook_{base}".rstrip("_")
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    return name


class _Names:
    """Secret values found in old definitions and jobs -> the names they are moved to."""

    def __init__(self) -> None:
        self.by_value: dict[str, str] = {}

    def name_of(self, value: str, rule_name: str) -> str:
        if value not in self.by_value:
            taken = set(self.by_value.values())
            self.by_value[value] = secret_name_for(rule_name, taken)
        return self.by_value[value]

    def scrub_rule(self, rule: Any, fallback: str) -> bool:
        """Replace each webhook secret value of `rule` by its name; whether any was there."""
        changed = False
        actions = rule.get("do") if isinstance(rule, dict) else None
        for action in actions if isinstance(actions, list) else []:
            if (isinstance(action, dict) and action.get("action") == "webhook"
                    and isinstance(action.get("secret"), str)):
                action["secret"] = self.name_of(action["secret"], str(rule.get("name")
                                                                       or fallback))
                changed = True
        return changed


def _move_webhook_secrets(conn: Connection) -> None:
    """Platform step 10: webhook secret values leave every stored definition version and every
    queued job for `kt_webhook_secret`; the definitions and jobs keep their names."""
    WEBHOOK_SECRETS.create(conn, checkfirst=True)
    names = _Names()
    for version, text in conn.execute(select(_VERSIONS.c.version, _VERSIONS.c.document)):
        doc = json.loads(text)
        rules = doc.get("automations") if isinstance(doc, dict) else None
        changed = [names.scrub_rule(rule, f"webhook {i + 1}")
                   for i, rule in enumerate(rules if isinstance(rules, list) else [])]
        if any(changed):
            conn.execute(update(_VERSIONS).where(_VERSIONS.c.version == version).values(
                document=json.dumps(doc, ensure_ascii=False)))
    for job_id, kind, rule, text in conn.execute(
            select(JOBS.c.id, JOBS.c.kind, JOBS.c.rule, JOBS.c.payload)):
        payload = json.loads(text)
        if kind == "webhook" and isinstance(payload.get("secret"), str):
            payload["secret"] = names.name_of(payload["secret"], str(rule))
        elif not names.scrub_rule(payload.get("rule"), str(rule)):
            continue
        conn.execute(update(JOBS).where(JOBS.c.id == job_id).values(
            payload=json.dumps(payload, ensure_ascii=False)))
    if names.by_value:
        moved = dt.datetime.now(dt.UTC)
        conn.execute(WEBHOOK_SECRETS.insert(), [
            {"name": name, "value": value, "updated_at": moved, "updated_by": None}
            for value, name in names.by_value.items()])


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
    upgrades.Step(10, "webhook secrets move from the definition to kt_webhook_secret",
                  _move_webhook_secrets),
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
