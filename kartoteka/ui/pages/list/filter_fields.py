"""What the filter builder offers: every field (and the fields one link away), the operators the
API offers for each type, in words, and the input each value needs.

The operators are the engine's (`operators_of`): the builder offers exactly those, so that
nothing it builds is refused for its operator. `OPERATOR_LABELS` words each one for people
("is less than"; "is before" for dates); a test checks every engine operator has its words.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Connection, func, select

from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import SYSTEM_FIELDS, operators_of
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.types import field_type, option_values
from kartoteka.ui.fields import as_input, from_input, option_label, zone_name
from kartoteka.ui.i18n import gettext
from kartoteka.ui.pages.list.columns import SYSTEM_COLUMNS, system_label
from kartoteka.ui.pages.list.filters import NOT_EMPTY, Block, Builder, Row

#: Users a select offers at most (a team's users; beyond that the API is the way).
MAX_USERS = 500
#: System fields people filter by (the id and who last changed a record are left to the API).
SYSTEM_CHOICES = tuple(name for name in SYSTEM_COLUMNS if name != "updated_by")


def user_choices(conn: Connection) -> list[tuple[int, str]]:
    """(id, name) of the users, by name: what a user field's select offers."""
    label = func.coalesce(func.nullif(USERS.c.name, ""), USERS.c.email)
    rows = conn.execute(select(USERS.c.id, label).order_by(func.lower(label), USERS.c.id)
                        .limit(MAX_USERS)).all()
    return [(int(row[0]), str(row[1])) for row in rows]


def operator_labels() -> dict[str, str]:
    """Each builder operator in words (read at render time: gettext follows the language)."""
    return {
        "eq": gettext("is"),
        "ne": gettext("is not"),
        "lt": gettext("is less than"),
        "lte": gettext("is at most"),
        "gt": gettext("is greater than"),
        "gte": gettext("is at least"),
        "in": gettext("is one of"),
        "contains": gettext("contains"),
        "startswith": gettext("starts with"),
        "empty": gettext("is empty"),
        NOT_EMPTY: gettext("is not empty"),
        "has": gettext("has"),
    }


def temporal_labels() -> dict[str, str]:
    """Words for dates and moments, where they read better."""
    return {
        "lt": gettext("is before"),
        "lte": gettext("is on or before"),
        "gt": gettext("is after"),
        "gte": gettext("is on or after"),
    }


@dataclass(frozen=True)
class Choice:
    """A field the builder offers: its path in filters, its label, its definition."""

    path: str
    label: str
    field: Field

    @property
    def type_name(self) -> str:
        return str(self.field["type"])


def field_choices(model: AppModel, entity: str) -> list[Choice]:
    """Every field of `entity`, some system fields, then the fields of each linked entity
    ("Client › City")."""
    own = [Choice(name, _label(f), f) for name, f in model.fields(entity).items()]
    system = [Choice(name, system_label(name), SYSTEM_FIELDS[name]) for name in SYSTEM_CHOICES]
    linked = []
    for link in model.fields(entity).values():
        if not field_type(link["type"]).is_link:
            continue
        for name, f in model.fields(link["to"]).items():
            if not field_type(f["type"]).is_link:
                linked.append(Choice(f"{link['name']}.{name}", gettext(
                    "%(link)s › %(field)s", link=_label(link), field=_label(f)), f))
    return [*own, *system, *linked]


def _label(f: Field) -> str:
    return str(f.get("label") or f["name"])


def choice_of(choices: Sequence[Choice], path: str) -> Choice | None:
    return next((c for c in choices if c.path == path), None)


@dataclass(frozen=True)
class OpChoice:
    value: str
    label: str


def op_choices(choice: Choice) -> list[OpChoice]:
    """The operators of a field in words; `empty` comes as "is empty" and "is not empty"."""
    labels = operator_labels()
    if field_type(choice.type_name).family in ("date", "datetime"):
        labels.update(temporal_labels())
    found = []
    for op in operators_of(choice.field):
        found.append(OpChoice(op, labels[op]))
        if op == "empty":
            found.append(OpChoice(NOT_EMPTY, labels[NOT_EMPTY]))
    return found


@dataclass(frozen=True)
class Widget:
    """The input of a condition's value: `kind` is none, select, date, datetime-local, number
    or text; `options` are (value, label) for a select; `hint` says how to type a list."""

    kind: str
    options: tuple[tuple[str, str], ...] = ()
    hint: str = ""


def widget(choice: Choice, op: str, users: Sequence[tuple[int, str]]) -> Widget:
    """The input the value of `choice` `op` needs."""
    if op in ("empty", NOT_EMPTY):
        return Widget("none")
    if op == "in":
        return Widget("text", hint=_list_hint(choice))
    kind = field_type(choice.type_name)
    if _has_options(choice):
        return Widget("select", tuple((o, option_label(choice.field, o))
                                      for o in option_values(choice.field)))
    if kind.points_to == "user":
        return Widget("select", tuple((str(i), name) for i, name in users))
    family = kind.family
    if family == "boolean":
        return Widget("select", (("true", gettext("Yes")), ("false", gettext("No"))))
    if op in ("contains", "startswith"):
        return Widget("text")
    if family in ("integer", "numeric"):
        return Widget("number")
    if family == "date":
        return Widget("date")
    if family == "datetime":
        return Widget("datetime-local", hint=gettext("Date and time in %(zone)s",
                                                     zone=zone_name()))
    if kind.is_link:
        return Widget("number", hint=gettext("The record's number, as its card shows it"))
    return Widget("text")


def _has_options(choice: Choice) -> bool:
    """Its values are picked from the field's `options` (select, stage, multi_select)."""
    return "options" in field_type(choice.type_name).keys


def _list_hint(choice: Choice) -> str:
    if _has_options(choice):
        return gettext("Separate values with commas: %(example)s",
                       example=", ".join(option_values(choice.field)[:2]))
    return gettext("Separate values with commas")


# ---------------------------------------------------------------- moments in the user's zone


def typed_to_utc(model: AppModel, entity: str, builder: Builder) -> Builder:
    """The builder with the moments typed in the user's zone as UTC, as its URL holds them
    ("due is before 18:00" means 18:00 where the user is; a time the clocks skip is the moment
    they jumped)."""
    return _moments(model, entity, builder, lambda text: from_input(text, skipped="jump"))


def utc_to_typed(model: AppModel, entity: str, builder: Builder) -> Builder:
    """The builder of a URL with its moments as the user's zone shows them in an input."""
    return _moments(model, entity, builder, as_input)


def _moments(model: AppModel, entity: str, builder: Builder,
             convert: Callable[[str], str]) -> Builder:
    choices = field_choices(model, entity)

    def row(r: Row) -> Row:
        choice = choice_of(choices, r.path)
        if (choice is None or field_type(choice.type_name).family != "datetime"
                or r.op in ("empty", NOT_EMPTY) or not r.value):
            return r
        parts = r.value.split(",") if r.op == "in" else [r.value]
        return replace(r, value=",".join(convert(p.strip()) for p in parts))

    groups = tuple(Block(g.match, tuple(map(row, g.rows))) for g in builder.groups)
    return replace(builder, rows=tuple(map(row, builder.rows)), groups=groups)


# ---------------------------------------------------------------- the builder as a form shows it


@dataclass(frozen=True)
class RowView:
    """A condition's inputs: `number` names them in the form (`c3.field`), `group` is 0 at the
    top, else the group's number."""

    number: int
    group: int
    path: str
    op: str
    value: str
    ops: list[OpChoice]
    widget: Widget


@dataclass(frozen=True)
class GroupView:
    number: int
    match: str
    rows: list[RowView]


@dataclass(frozen=True)
class BuilderView:
    """Everything the builder's form shows."""

    match: str
    rows: list[RowView]
    groups: list[GroupView]
    choices: list[Choice]
    #: False when the list's filter has parts the builder cannot show (applying replaces them).
    exact: bool


def builder_view(model: AppModel, entity: str, builder: Builder,
                 users: Sequence[tuple[int, str]]) -> BuilderView:
    """The form of `builder`; a blank one starts with one condition to fill in."""
    choices = field_choices(model, entity)
    if builder.empty:
        builder = Builder(builder.match, (Row(),), (), builder.exact)
    # The address may hold more conditions than the builder adds (up to the query limit).
    counter = itertools.count()
    rows = [_row_view(choices, row, next(counter), 0, users) for row in builder.rows]
    groups = [
        GroupView(g, block.match,
                  [_row_view(choices, row, next(counter), g, users) for row in block.rows])
        for g, block in enumerate(builder.groups, start=1)
    ]
    return BuilderView(builder.match, rows, groups, choices, builder.exact)


def _row_view(choices: Sequence[Choice], row: Row, number: int, group: int,
              users: Sequence[tuple[int, str]]) -> RowView:
    choice = choice_of(choices, row.path) or choices[0]
    ops = op_choices(choice)
    values = [o.value for o in ops]
    op = row.op if row.op in values else ("contains" if "contains" in values else values[0])
    value = row.value if choice.path == row.path else ""
    return RowView(number, group, choice.path, op, value, ops, widget(choice, op, users))
