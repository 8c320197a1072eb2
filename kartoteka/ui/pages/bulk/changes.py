"""Changing several records of a list at once: set a field to a value, or move them to the trash.

The rows a user ticks travel as `record=<id>:<version>`, so that a record someone changed
since the list was shown is not overwritten: each change goes through the engine's
`update_record` / `trash_record` (the API's code path) with its version, all in the request's
one transaction. The first problem (an invalid value, a stale or linked record) stops it and
nothing is changed; the message names the record.

After the change the list comes back with a message ("3 deals changed."), carried in the
address signed (`bulk=`), as `flash` does for single records, so nobody can make the site say
something it did not do.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from kartoteka.schema_engine import records
from kartoteka.schema_engine.errors import (
    RecordInvalid,
    RecordLinked,
    RecordNotFound,
    StaleRecord,
)
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import SYSTEM_FIELDS
from kartoteka.ui.fields import field_ui
from kartoteka.ui.i18n import error_text, gettext, message, ngettext
from kartoteka.ui.labels import entity_label, field_label, record_title
from kartoteka.ui.pages.list.columns import system_label
from kartoteka.ui.pages.list.filter_fields import Choice, Widget, widget
from kartoteka.ui.security import Signer

#: Records one bulk change takes at most (ten pages of a list).
MAX_RECORDS = 500
CHANGE, TRASH = "change", "trash"
ACTIONS = (CHANGE, TRASH)
PARAM = "bulk"
#: Seconds a message stays readable after the change.
LIFETIME = 600
_PREFIX = "bulk:"


@dataclass(frozen=True)
class Picked:
    """A ticked row: the record and the version the user saw."""

    id: int
    version: int | None

    @property
    def token(self) -> str:
        return f"{self.id}:{self.version}" if self.version is not None else str(self.id)


def picked(values: Sequence[str]) -> list[Picked]:
    """The records of `record=12:3` pairs (malformed ones are left out, repeats once)."""
    found: dict[int, Picked] = {}
    for value in values:
        text, _, version_text = value.partition(":")
        number, version = records.parse_id(text), records.parse_id(version_text)
        if number is not None and (not version_text or version is not None):
            found.setdefault(number, Picked(number, version))
    return list(found.values())[:MAX_RECORDS]


class BulkRefused(Exception):
    """A bulk change stopped: nothing was changed; the message names the record and why."""


def changeable(model: AppModel, entity: str) -> list[Choice]:
    """The fields a bulk change may set, with their labels."""
    fields = [Choice(name, field_label(f), f) for name, f in model.fields(entity).items()
              if field_ui(f).bulk_editable]
    return [*fields, Choice("owner", system_label("owner"), SYSTEM_FIELDS["owner"])]


def value_widget(choice: Choice, users: Sequence[tuple[int, str]]) -> Widget:
    return widget(choice, "eq", users)


def apply_change(conn: Connection, model: AppModel, entity: str, chosen: Sequence[Picked],
                 action: str, values: dict[str, Any], user_id: int) -> int:
    """Change (or trash) every record in `chosen`; raises BulkRefused at the first problem."""
    for pick in chosen:
        try:
            if action == TRASH:
                records.trash_record(conn, model, entity, pick.id, user_id=user_id,
                                     if_version=pick.version)
            else:
                records.update_record(conn, model, entity, pick.id, values, user_id=user_id,
                                      if_version=pick.version)
        except (RecordInvalid, StaleRecord, RecordLinked, RecordNotFound) as exc:
            raise BulkRefused(_refusal(conn, model, entity, pick, exc)) from None
    return len(chosen)


def _refusal(conn: Connection, model: AppModel, entity: str, pick: Picked,
             exc: Exception) -> str:
    """Why `pick` stopped the change, in words, naming it."""
    name = _name(conn, model, entity, pick.id)
    if isinstance(exc, StaleRecord):
        return gettext("%(record)s was changed by someone else since the list was shown. "
                       "Nothing was changed: reload the list and try again.", record=name)
    if isinstance(exc, RecordNotFound):
        return gettext("%(record)s is no longer there (it may be in the trash). Nothing was "
                       "changed: reload the list and try again.", record=name)
    if isinstance(exc, RecordInvalid):
        problems = "; ".join(message(e.message) for e in exc.errors)
        return gettext("%(record)s cannot take this value: %(problems)s. Nothing was changed.",
                       record=name, problems=problems)
    return gettext("%(record)s cannot go to the trash: %(problem)s. Nothing was changed.",
                   record=name, problem=error_text(exc))


def _name(conn: Connection, model: AppModel, entity: str, record_id: int) -> str:
    label = entity_label(model, entity)
    try:
        record = records.read_record(conn, model, entity, record_id)
    except RecordNotFound:
        return gettext("%(entity)s #%(id)s", entity=label, id=record_id)
    return gettext("%(entity)s “%(title)s”", entity=label,
                   title=record_title(model, entity, record))


# ---------------------------------------------------------------- the message afterwards


def notice_value(signer: Signer, action: str, entity: str, count: int) -> str:
    """The signed `bulk=` value saying what was done."""
    payload = json.dumps({"a": action, "e": entity, "n": count})
    return signer.sign(_PREFIX + payload)


def read_notice(signer: Signer, model: AppModel, value: str | None) -> str | None:
    """The message of a `bulk=` value this server signed lately, else None."""
    text = signer.unsign(value, LIFETIME)
    if text is None or not text.startswith(_PREFIX):
        return None
    try:
        data = json.loads(text.removeprefix(_PREFIX))
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("e") not in model.entities:
        return None
    count = data.get("n")
    if not isinstance(count, int):
        return None
    return _message(model, data["e"], data.get("a"), count)


def _message(model: AppModel, entity: str, action: Any, count: int) -> str:
    what = (entity_label(model, entity) if count == 1
            else entity_label(model, entity, plural=True)).lower()
    if action == TRASH:
        return ngettext("%(num)s %(what)s moved to the trash.",
                        "%(num)s %(what)s moved to the trash.", count, what=what)
    return ngettext("%(num)s %(what)s changed.", "%(num)s %(what)s changed.", count, what=what)
