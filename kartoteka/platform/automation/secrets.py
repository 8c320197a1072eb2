"""Webhook secrets: named in the app definition, their values kept apart in `kt_webhook_secret`.

A webhook action names its secret (`{"action": "webhook", "url": ..., "secret": "warehouse"}`);
an administrator sets the value (`PUT /api/automation/secrets/warehouse`, or the automations
page), which is never shown back: only whether it is set. So neither the definition's history,
nor `GET /api/schema`, nor an exported app holds a value; and users who are not administrators
see no webhook's URL or secret name at all (`for_users`).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, select

from kartoteka.platform.accounts.throttle import dialect_insert
from kartoteka.platform.errors import NotFound, Unprocessable
from kartoteka.platform.tables import WEBHOOK_SECRETS
from kartoteka.schema_engine import KartotekaError
from kartoteka.schema_engine.definition import SECRET_NAME

#: The longest value a secret may have, in characters.
MAX_VALUE = 1000


class UnknownSecret(NotFound):
    """No secret has this name (deleting one that was never set)."""


class BadSecret(Unprocessable):
    """A name that is not a secret's name, or a value that cannot be one."""


class SecretNotSet(KartotekaError):
    """A webhook names a secret whose value no administrator has set (the job fails: an
    administrator sets it, then retries the run)."""


@dataclass(frozen=True)
class SecretState:
    """A secret as the automations page and the API show it: never its value."""

    name: str
    is_set: bool
    updated_at: dt.datetime | None = None
    #: The rules whose webhooks name it.
    rules: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        at = self.updated_at.isoformat() if self.updated_at else None
        return {"name": self.name, "set": self.is_set, "updated_at": at, "rules": self.rules}


def _webhooks(doc: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(rule name, action) of every webhook action of the definition."""
    found = []
    for i, rule in enumerate(doc.get("automations") or []):
        if not isinstance(rule, dict):
            continue
        for action in rule.get("do") or []:
            if isinstance(action, dict) and action.get("action") == "webhook":
                found.append((str(rule.get("name") or f"Rule {i + 1}"), action))
    return found


def named_secrets(doc: Mapping[str, Any]) -> dict[str, list[str]]:
    """The secret names the definition's webhooks use -> the rules using each."""
    names: dict[str, list[str]] = {}
    for rule, action in _webhooks(doc):
        secret = action.get("secret")
        if isinstance(secret, str):
            rules = names.setdefault(secret, [])
            if rule not in rules:
                rules.append(rule)
    return names


def secret_states(conn: Connection, doc: Mapping[str, Any]) -> list[SecretState]:
    """Every secret the definition names or that is set, by name."""
    stored = {row.name: row.updated_at for row in conn.execute(
        select(WEBHOOK_SECRETS.c.name, WEBHOOK_SECRETS.c.updated_at))}
    used = named_secrets(doc)
    return [SecretState(name, name in stored, stored.get(name), used.get(name, []))
            for name in sorted({*stored, *used})]


def check_name(name: str) -> str:
    if not SECRET_NAME.fullmatch(name):
        raise BadSecret(f"{name[:80]!r} is not a secret's name; a name has lowercase latin "
                        "letters, digits and _, starts with a letter and is at most 63 long")
    return name


def set_secret(conn: Connection, name: str, value: Any, user_id: int | None) -> SecretState:
    """Store the value of secret `name` (replacing it); the caller commits."""
    check_name(name)
    if not isinstance(value, str) or not value.strip():
        raise BadSecret("the secret's value must be a non-empty string (the key the receiver "
                        "checks signatures with)")
    if len(value) > MAX_VALUE:
        raise BadSecret(f"the secret's value is {len(value):,} characters long; the limit is "
                        f"{MAX_VALUE:,}")
    now = dt.datetime.now(dt.UTC)
    row = {"name": name, "value": value, "updated_at": now, "updated_by": user_id}
    statement = dialect_insert(conn)(WEBHOOK_SECRETS).values(row)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[WEBHOOK_SECRETS.c.name],
        set_={"value": value, "updated_at": now, "updated_by": user_id}))
    return SecretState(name, True, now)


def delete_secret(conn: Connection, name: str) -> None:
    """Forget the value of secret `name`; the caller commits."""
    check_name(name)
    gone = conn.execute(delete(WEBHOOK_SECRETS).where(WEBHOOK_SECRETS.c.name == name)).rowcount
    if not gone:
        raise UnknownSecret(f"there is no secret {name!r} to delete")


def secret_value(conn: Connection, name: str) -> str:
    """The value of secret `name`, for signing; SecretNotSet when no administrator set it."""
    value = conn.execute(select(WEBHOOK_SECRETS.c.value).where(
        WEBHOOK_SECRETS.c.name == name)).scalar()
    if value is None:
        raise SecretNotSet(f"the webhook's secret {name!r} is not set; an administrator sets "
                           "it on the automations page (or PUT /api/automation/secrets/"
                           f"{name}), then runs the job again")
    return str(value)


def for_users(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The definition as users who are not administrators see it: webhooks without their URL
    and secret (a URL may carry a key, and says where the data goes)."""
    if not _webhooks(doc):
        return dict(doc)  # nothing to hide: no copy of a large definition
    shown = {**doc, "automations": copy.deepcopy(doc["automations"])}
    for _rule, action in _webhooks(shown):
        action.pop("url", None)
        action.pop("secret", None)
    return shown
