"""Filter operators: one small entry each, with its SQL (SQLAlchemy Core) and its English.

A field type lists the operators that apply to it (`types.FieldType.operators`); `OPERATORS`
holds what each one means. Values reach an operator parsed already (`query` parses them with
the field's type, as `Operator.value` says) and always as bound parameters.

    OPERATORS["gt"].describe("amount", 5000)   # 'amount is greater than 5000'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    Text,
    case,
    cast,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)

from kartoteka.schema_engine import search
from kartoteka.schema_engine.dialects import ByDialect
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.types import field_type

#: How an operator takes its value: one value of the field's type, a list of them, a piece of
#: text, yes or no, or one element of a multi-valued field (an option, a record id).
ValueKind = Literal["one", "many", "text", "flag", "member"]


@dataclass(frozen=True)
class Target:
    """What a condition is about: a field of an entity, in the table the query reads it from."""

    model: AppModel
    entity: str
    field: Field
    table: FromClause

    @property
    def column(self) -> ColumnElement[Any]:
        return self.table.c[self.field["name"]]

    @property
    def type_name(self) -> str:
        return str(self.field["type"])

    @property
    def family(self) -> str:
        """How its values are stored, which says what "empty" and "has" mean in SQL."""
        return field_type(self.type_name).family


Build = Callable[[Target, Any], ColumnElement[bool]]


@dataclass(frozen=True)
class Operator:
    """One filter operator: its name in queries (`amount__gt`), its SQL and its English."""

    name: str
    #: How a person reads it: "{field} is greater than {value}".
    description: str
    value: ValueKind
    build: Build
    #: Wording for dates and moments ("{field} is before {value}"), when it reads better.
    temporal: str | None = None
    #: Wording for a `false` value of a yes-or-no operator ("{field} is not empty").
    negation: str | None = None

    def describe(self, label: str, value: Any) -> str:
        """'amount is greater than 5000' for `describe("amount", 5000)`."""
        template = self.description
        if value is False and self.negation:
            template = self.negation
        elif isinstance(value, dt.date) and self.temporal:
            template = self.temporal
        return template.format(field=label, value=shown(value))


def shown(value: Any) -> str:
    """A filter value as a sentence shows it: 5000, 2026-05-01, won, lost."""
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 12.50 -> 12.5, 1E+3 -> 1000
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- SQL of the operators


# Values are `object`, not Any: compared with Any, SQLAlchemy's overloads give Any, not SQL.
def _eq(t: Target, value: object) -> ColumnElement[bool]:
    return t.column == value


def _ne(t: Target, value: object) -> ColumnElement[bool]:
    """Records without a value are "not 5000" too."""
    return or_(t.column != value, t.column.is_(None))


def _in(t: Target, values: list[Any]) -> ColumnElement[bool]:
    return t.column.in_(values)


def _contains(t: Target, text: str) -> ColumnElement[bool]:
    return search.contains(t.model, t.entity, t.field["name"], text, table=t.table)


def _startswith(t: Target, text: str) -> ColumnElement[bool]:
    return search.startswith(t.model, t.entity, t.field["name"], text, table=t.table)


def _empty(t: Target, flag: bool) -> ColumnElement[bool]:
    condition = EMPTY.get(t.family, _no_value)(t)
    return condition if flag else not_(condition)


def _has(t: Target, value: Any) -> ColumnElement[bool]:
    return HAS[t.family](t, value)


def _lt(t: Target, value: object) -> ColumnElement[bool]:
    return t.column < value


def _lte(t: Target, value: object) -> ColumnElement[bool]:
    return t.column <= value


def _gt(t: Target, value: object) -> ColumnElement[bool]:
    return t.column > value


def _gte(t: Target, value: object) -> ColumnElement[bool]:
    return t.column >= value


# ---------------------------------------------------------------- empty and has, by storage family


def _no_value(t: Target) -> ColumnElement[bool]:
    return t.column.is_(None)


def _no_text(t: Target) -> ColumnElement[bool]:
    return or_(t.column.is_(None), t.column == "")


def _no_options(t: Target) -> ColumnElement[bool]:
    """A multi_select is empty without a value, with JSON null or with an empty list."""
    column = t.column
    postgresql = case(
        (func.jsonb_typeof(column) == "array", func.jsonb_array_length(column) == 0),
        else_=true(),
    )
    sqlite = func.coalesce(func.json_array_length(column), 0) == 0
    return ByDialect(postgresql, sqlite)


def _no_links(t: Target) -> ColumnElement[bool]:
    return not_(t.table.c.id.in_(_linked_ids(t)))


def _has_option(t: Target, option: str) -> ColumnElement[bool]:
    column = t.column
    postgresql = column.op("@>")(func.jsonb_build_array(cast(literal(option), Text)))
    elements = func.json_each(column).table_valued("value")
    sqlite = select(elements.c.value).where(elements.c.value == option).exists()
    return ByDialect(postgresql, sqlite)


def _has_link(t: Target, record_id: int) -> ColumnElement[bool]:
    return t.table.c.id.in_(_linked_ids(t, record_id))


def _linked_ids(t: Target, record_id: int | None = None) -> Select[Any]:
    """Ids of the records linked (to `record_id`, or to any live record) through a `links`."""
    junction = t.model.junction(t.entity, t.field)
    target = t.model.table(t.field["to"])
    query = (
        select(junction.source)
        .join(target, target.c.id == junction.target)
        .where(target.c.deleted_at.is_(None))
    )
    if record_id is not None:
        query = query.where(junction.target == record_id)
    return query.correlate(None)


#: What "empty" is, by the family a type is stored in (a column without a value elsewhere): so
#: a new type stored as text or as a set of options is empty as they are.
EMPTY: dict[str, Callable[[Target], ColumnElement[bool]]] = {
    "text": _no_text,
    "json": _no_options,
    "junction": _no_links,
}
#: Membership in a set of values, by the family the set is stored in.
HAS: dict[str, Callable[[Target, Any], ColumnElement[bool]]] = {
    "json": _has_option,
    "junction": _has_link,
}


# ---------------------------------------------------------------- the registry

OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator("eq", "{field} is {value}", "one", _eq),
        Operator("ne", "{field} is not {value}", "one", _ne),
        Operator("lt", "{field} is less than {value}", "one", _lt, "{field} is before {value}"),
        Operator(
            "lte", "{field} is at most {value}", "one", _lte, "{field} is on or before {value}"
        ),
        Operator("gt", "{field} is greater than {value}", "one", _gt, "{field} is after {value}"),
        Operator(
            "gte", "{field} is at least {value}", "one", _gte, "{field} is on or after {value}"
        ),
        Operator("in", "{field} is one of {value}", "many", _in),
        Operator("contains", "{field} contains {value}", "text", _contains),
        Operator("startswith", "{field} starts with {value}", "text", _startswith),
        Operator("empty", "{field} is empty", "flag", _empty, negation="{field} is not empty"),
        Operator("has", "{field} has {value}", "member", _has),
    )
}


def operators_of(field: Field) -> tuple[str, ...]:
    """The names of the operators that apply to a field, as its type lists them."""
    return field_type(field["type"]).operators
