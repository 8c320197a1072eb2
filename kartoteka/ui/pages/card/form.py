"""The form that creates or edits a record: its fields, their widgets, values, choices, errors.

A form is built from the app definition of the request, so a field or an entity added a moment
ago is on it at once. Its values come from the stored record (editing), from the fields'
defaults and the query string (`/records/deal/new?client=12`), or from what the user sent
(after an error, every value as typed). Submitted forms become the same raw values the API
takes and go through the same record functions (`create_record`, `update_record`); their
`RecordInvalid` errors land next to their fields, all at once.

Record pickers (link, links) list the chosen records and the first matches of a search of the
target entity (`q`, the list's search): htmx fills them as the user types; without JavaScript
a "Find" button sends the form back with the search, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup
from sqlalchemy import Connection, select

from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.errors import FieldError, RecordInvalid
from kartoteka.schema_engine.message import Message
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import Defaults, json_value, parse_id
from kartoteka.schema_engine.store import USERS
from kartoteka.ui.fields import (
    NOT_SENT,
    CardUrl,
    FormPairs,
    FormValue,
    NoSuchLocalTime,
    Widget,
    from_input,
    option_label,
    show,
    widget,
)
from kartoteka.ui.i18n import gettext, message, ngettext
from kartoteka.ui.labels import entity_label, field_label, record_title
from kartoteka.ui.pages.card.uploads import current_file

#: Records a picker offers besides the chosen ones: the first matches of its search.
PICK_LIMIT = 50
#: Form names that are not fields start with "_" (field names never do).
VERSION, BACK, FIND = "_version", "_back", "_find"


def search_name(field_name: str) -> str:
    """The name of a picker's search box: `_search_client`."""
    return f"_search_{field_name}"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool


@dataclass
class FormField:
    """One field on the form, as its widget draws it."""

    name: str
    label: str
    type: str
    widget: Widget
    required: bool
    value: FormValue
    note: str | None = None
    choices: list[Choice] = field(default_factory=list)
    #: What is wrong with the value, in words.
    error: str | None = None
    #: The value someone else saved while the user was editing (a stale save).
    theirs: Markup | None = None
    #: The form took their value: the user had left the field as it was.
    adopted: bool = False
    #: Pickers: the search text, whether the target can be searched, its plural label.
    search: str = ""
    searchable: bool = False
    target: str = ""
    target_label: str = ""
    #: Read-only fields: the value as the card shows it.
    shown: Markup | None = None

    @property
    def id(self) -> str:
        return f"f-{self.name}"

    @property
    def described_by(self) -> str:
        """The ids of the texts that describe the input (hint, error, their value)."""
        parts = [(self.error, "error"), (self.theirs, "theirs"), (self.note, "hint")]
        return " ".join(f"{self.id}-{suffix}" for text, suffix in parts if text)


@dataclass
class Conflict:
    """Someone else saved the record while the user was editing it."""

    who: str
    fields: list[str]
    when: Markup


@dataclass
class RecordForm:
    """A whole form: where it is sent, its fields, the version it edits, what went wrong."""

    entity: str
    label: str
    action: str
    cancel_url: str
    fields: list[FormField]
    record_id: int | None = None
    version: int | None = None
    back: str = ""
    #: The entity's plural label (the new record's page links to the list).
    plural: str = ""
    #: Problems that belong to no field of the form.
    problems: list[str] = field(default_factory=list)
    conflict: Conflict | None = None

    @property
    def title(self) -> str:
        """The new record's page: 'New deal'."""
        return gettext("New %(entity)s", entity=self.label)

    @property
    def heading(self) -> str:
        return gettext("Details") if self.record_id is None else gettext("Edit details")

    @property
    def submit_label(self) -> str:
        if self.record_id is None:
            return gettext("Create %(entity)s", entity=self.label)
        return gettext("Save")

    @property
    def invalid(self) -> list[FormField]:
        return [f for f in self.fields if f.error]

    @property
    def summary(self) -> str:
        """'2 values need fixing before this can be saved.'"""
        count = len(self.invalid) + len(self.problems)
        return ngettext("%(num)s value needs fixing before this can be saved.",
                        "%(num)s values need fixing before this can be saved.", count)

    def field(self, name: str) -> FormField | None:
        return next((f for f in self.fields if f.name == name), None)


# ---------------------------------------------------------------- values of the form


def stored_values(model: AppModel, entity: str, record: Mapping[str, Any]) -> dict[str, FormValue]:
    """The inputs' values of a stored record."""
    return {name: widget(f).to_form(record.get(name))
            for name, f in model.fields(entity).items()}


def default_values(model: AppModel, entity: str, user_id: int,
                   now: dt.datetime) -> dict[str, FormValue]:
    """The inputs' values of a new record: each field's default ($me, $today, $now resolved)."""
    context = Defaults(user_id, now)
    values: dict[str, FormValue] = {}
    for name, f in model.fields(entity).items():
        default = f.get("default")
        value = None if default is None else json_value(context.resolve(default, f["type"]))
        values[name] = widget(f).to_form(value)
    return values


def typed_values(model: AppModel, entity: str, pairs: FormPairs) -> dict[str, FormValue]:
    """The inputs' values as the user sent them (fields not sent are left out)."""
    values: dict[str, FormValue] = {}
    for name, f in model.fields(entity).items():
        w = widget(f)
        raw = w.from_form(pairs, name)
        if raw is not NOT_SENT:
            values[name] = w.as_typed(raw)
    return values


def submitted(model: AppModel, entity: str, pairs: FormPairs) -> dict[str, Any]:
    """Field name -> the raw value to create or update with, as the API would take it.

    Moments are typed in the user's zone and go on as UTC (`moments.from_input`); a local time
    the clocks skip raises RecordInvalid naming its field, before anything is written."""
    values = {}
    skipped = []
    for name, f in model.fields(entity).items():
        raw = widget(f).from_form(pairs, name)
        if raw is NOT_SENT:
            continue
        if widget(f).input_type == "datetime-local" and isinstance(raw, str):
            try:
                raw = from_input(raw)
            except NoSuchLocalTime as exc:
                skipped.append(FieldError(name, str(exc)))
        values[name] = raw
    if skipped:
        raise RecordInvalid(skipped)
    return values


def searches(pairs: FormPairs) -> dict[str, str]:
    """Picker field name -> the search text sent with the form."""
    prefix = search_name("")
    return {k.removeprefix(prefix): v.strip() for k, v in pairs if k.startswith(prefix)}


# ---------------------------------------------------------------- building the fields


def form_fields(conn: Connection, model: AppModel, entity: str, values: Mapping[str, FormValue],
                card_url: CardUrl, *, titles: Mapping[str, Mapping[str, str]] | None = None,
                search: Mapping[str, str] | None = None,
                only: str | None = None) -> list[FormField]:
    """Every field of `entity` (or the one named `only`) with its value, choices and hint
    (`titles`: known titles of chosen records by field, `search`: pickers' search text)."""
    return [_form_field(conn, model, f, values.get(name), card_url, (titles or {}).get(name, {}),
                        (search or {}).get(name, ""))
            for name, f in model.fields(entity).items() if only in (None, name)]


def _form_field(conn: Connection, model: AppModel, f: Field, value: FormValue | None,
                card_url: CardUrl, titles: Mapping[str, str], search: str) -> FormField:
    w = widget(f)
    item = FormField(name=str(f["name"]), label=field_label(f), type=str(f["type"]), widget=w,
                     required=bool(f.get("required")),
                     value=w.to_form(None) if value is None else value, note=_note(f, w))
    if w.options:
        item.choices = _options(f, item.value)
    elif w.picker:
        _pickable(conn, model, f, item, titles, search)
    elif w.users:
        item.choices = _users(conn, item.value, titles)
    elif w.read_only:
        item.shown = show(f, item.value or None, card_url)
    elif w.upload:
        item.shown = current_file(conn, item.value)
    return item


def _note(f: Field, w: Widget) -> str | None:
    if f.get("currency"):  # a key of money fields alone
        return gettext("In %(currency)s.", currency=f["currency"])
    return w.note()


def _texts(value: FormValue) -> list[str]:
    """The text values of a form value: a bool (a checkbox's) is no choice of an option."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) else []


def _options(f: Field, value: FormValue) -> list[Choice]:
    chosen = set(_texts(value))
    declared = [o if isinstance(o, str) else str(o["value"]) for o in f.get("options", [])]
    known = [Choice(v, option_label(f, v), v in chosen) for v in declared]
    # A value no option has any more (options changed) stays visible, so nothing is lost.
    strays = [Choice(v, v, True) for v in sorted(chosen - set(declared)) if v]
    return strays + known


def _users(conn: Connection, value: FormValue, titles: Mapping[str, str]) -> list[Choice]:
    """The users to choose from; a chosen one who is no longer active stays chosen."""
    users = [replace(c, selected=c.value == value) for c in user_choices(conn)]
    if isinstance(value, str) and value and not any(c.selected for c in users):
        users.insert(0, Choice(value, titles.get(value) or f"#{value}", True))
    return users


def user_choices(conn: Connection) -> list[Choice]:
    """The active users, by name: what a user field offers."""
    label = USERS.c.name
    rows = conn.execute(select(USERS.c.id, USERS.c.name, USERS.c.email)
                        .where(USERS.c.active).order_by(label, USERS.c.email))
    return [Choice(str(r.id), r.name or r.email, False) for r in rows]


def _pickable(conn: Connection, model: AppModel, f: Field, item: FormField,
              titles: Mapping[str, str], search: str) -> None:
    target = str(f["to"])
    item.target = target
    item.target_label = entity_label(model, target, plural=True)
    item.searchable = bool(model.searchable(target))
    item.search = search if item.searchable else ""
    chosen = _texts(item.value)
    item.choices = pick_choices(conn, model, target, [c for c in chosen if c], item.search,
                                titles)


def pick_choices(conn: Connection, model: AppModel, target: str, chosen: Sequence[str],
                 search: str, titles: Mapping[str, str] | None = None) -> list[Choice]:
    """The chosen records of a picker first (selected), then the first records matching
    `search` (every record when it is empty), by title."""
    ids = [c for c in dict.fromkeys(chosen) if parse_id(c) is not None]
    known = dict(titles or {})
    missing = [i for i in ids if i not in known]
    if missing:
        known.update(_titles(model, target, _records(conn, model, target, [
            ("id__in", ",".join(missing))])))
    first = [Choice(i, known.get(i) or f"#{i}", True) for i in ids]
    params = [("q", search)] if search else []
    title = model.title_field(target)
    params += [("sort", title)] if title else []
    matches = _records(conn, model, target, [*params, ("limit", str(PICK_LIMIT))])
    found = _titles(model, target, matches)
    return first + [Choice(i, t, False) for i, t in found.items() if i not in ids]


def _records(conn: Connection, model: AppModel, entity: str,
             params: list[tuple[str, str]]) -> list[dict[str, Any]]:
    query = queries.query_from_params(model, entity, params)
    return queries.run_query(conn, model, query).items


def _titles(model: AppModel, entity: str, records: Iterable[dict[str, Any]]) -> dict[str, str]:
    return {str(r["id"]): record_title(model, entity, r) for r in records}


def chosen_titles(model: AppModel, entity: str,
                  record: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Field -> {id: title} of the records (and users) a stored record links to, trashed ones
    included."""
    found: dict[str, dict[str, str]] = {}
    for name, f in model.fields(entity).items():
        if widget(f).picker or widget(f).users:
            value = record.get(name)
            items = value if isinstance(value, list) else [value] if value else []
            found[name] = {str(v["id"]): str(v.get("title") or f"#{v['id']}") for v in items}
    return found


# ---------------------------------------------------------------- errors


def place_errors(form: RecordForm, errors: Iterable[FieldError]) -> None:
    """Put each error next to its field, in words; the rest above the form."""
    for error in errors:
        item = form.field(error.field)
        if item is None:
            form.problems.append(_sentence(message(error.message)))
            continue
        text = _field_message(item, error.message)
        item.error = text if item.error is None else f"{item.error} {text}"


def _field_message(item: FormField, problem: str | Message) -> str:
    if str(problem) == f"{item.name} is required":  # compared in English, the message's id
        return gettext("This is required: fill it in.")
    return _sentence(message(problem))


def _sentence(message: str) -> str:
    """The record layer's message as a sentence: 'Amount 'abc' is not a number.'"""
    text = message.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."
