"""A save over a stale version: who changed what since the user opened the form.

Every save that changes a record raises its version by one and writes its `changed` rows to the
change log with one time and one author, so the last `current - opened` groups of those rows are
exactly the saves made since the user opened the form. For each field they changed:
- the user left it as it was when they opened the form (their value equals the change's `old`):
  the form takes the value saved meanwhile, so saving again cannot undo that change;
- the user changed it too: their input stays, with the value saved meanwhile shown under it,
  and saving again (over the new version) is their decision.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any

from markupsafe import Markup
from sqlalchemy import Connection, select

from kartoteka.schema_engine import records as changelog
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import Change, writer
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.types import ConversionError
from kartoteka.ui.fields import NOT_SENT, CardUrl, format_moment, show, widget
from kartoteka.ui.i18n import gettext
from kartoteka.ui.pages.card.form import Conflict, RecordForm


def saves_since(conn: Connection, model: AppModel, entity: str, record_id: int,
                opened: int, current: int) -> list[list[Change]]:
    """The saves (each a list of field changes) that took the record from `opened` to
    `current`, oldest first."""
    rows = [c for c in changelog.record_changes(conn, model.entity(entity)["id"], record_id)
            if c.kind == changelog.CHANGED]
    saves = [list(group) for _, group in groupby(rows, key=lambda c: (c.at, c.user_id))]
    count = max(current - opened, 0)
    return saves[-count:] if count else []


def apply_conflict(conn: Connection, model: AppModel, form: RecordForm,
                   current: Mapping[str, Any], opened: int, sent: Mapping[str, Any],
                   card_url: CardUrl) -> None:
    """Mark on `form` what others saved since version `opened`; `sent`: the raw values sent.
    The form then edits the current version."""
    assert form.record_id is not None
    saves = saves_since(conn, model, form.entity, form.record_id, opened, current["version"])
    by_id = {f["id"]: name for name, f in model.fields(form.entity).items()}
    first_old: dict[str, Any] = {}
    for save in saves:
        for change in save:
            name = by_id.get(change.field_id or "")
            if name is not None:
                first_old.setdefault(name, change.old)
    labels = []
    for name, old in first_old.items():
        item = form.field(name)
        if item is None:
            continue
        labels.append(item.label)
        f = model.field(form.entity, name)
        item.theirs = show(f, current.get(name), card_url)
        if _unchanged_by_user(model, form.entity, name, sent.get(name, NOT_SENT), old):
            item.value = widget(f).to_form(current.get(name))
            item.adopted = True
    form.version = current["version"]
    form.conflict = Conflict(
        who=_authors(conn, [c.user_id for save in saves for c in save]),
        fields=labels, when=_when(saves))


def _unchanged_by_user(model: AppModel, entity: str, name: str, raw: Any, old: Any) -> bool:
    """Whether the value the user sent is the one the field had when they opened the form."""
    if raw is NOT_SENT:
        return True
    spec = writer(model, entity).by_name.get(name)
    if spec is None:
        return True
    try:
        value = json.loads(changelog.to_json(spec.convert(raw)) or "null")
    except ConversionError:
        return False
    if isinstance(value, list) and isinstance(old, list):
        return sorted(map(str, value)) == sorted(map(str, old))
    return bool(value == old or (value in (None, []) and old in (None, [])))


def _authors(conn: Connection, user_ids: Sequence[int | None]) -> str:
    ids = list(dict.fromkeys(i for i in user_ids if i is not None))
    if not ids:
        return gettext("Someone")
    rows = conn.execute(select(USERS.c.id, USERS.c.name, USERS.c.email)
                        .where(USERS.c.id.in_(ids)))
    names = {r.id: r.name or r.email for r in rows}
    return gettext(" and ").join(names.get(i, f"#{i}") for i in ids)


def _when(saves: Sequence[Sequence[Change]]) -> Markup:
    if not saves or not saves[-1]:
        return Markup("")
    moment: dt.datetime = saves[-1][0].at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return Markup('<time datetime="{}">{}</time>').format(moment.isoformat(),
                                                        format_moment(moment))
