"""Which columns a list shows: the view's choice (`columns=title,amount,stage`), else defaults.

The first column always names the record and links to its card (the title field, or "Deal #12"
when the entity has none): a row without a way to its card would be a dead end. The others are
the chosen fields in the chosen order, declared or system ones (owner, created, last changed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import SYSTEM_FIELDS
from kartoteka.schema_engine.system_columns import SHOWN_COLUMNS
from kartoteka.schema_engine.types import is_summable
from kartoteka.ui.i18n import gettext, label

#: System fields a list may show as columns, the owner first: whose a record is matters more
#: to the people reading a list than when it was made.
SYSTEM_COLUMNS = tuple(sorted(SHOWN_COLUMNS, key=lambda name: name != "owner"))
#: Columns a list may show at most.
MAX_COLUMNS = 30


def system_label(name: str) -> str:
    return {
        "owner": gettext("Owner"),
        "created_at": gettext("Created"),
        "updated_at": gettext("Last changed"),
        "created_by": gettext("Created by"),
        "updated_by": gettext("Last changed by"),
    }[name]


def _system_field(name: str) -> Field:
    return {**SYSTEM_FIELDS[name], "label": system_label(name)}


def available(model: AppModel, entity: str) -> dict[str, Field]:
    """Every field a list of `entity` can show, by name: declared fields, then system ones."""
    return {**model.fields(entity), **{name: _system_field(name) for name in SYSTEM_COLUMNS}}


def parse_columns(model: AppModel, entity: str, text: str) -> list[Field]:
    """The fields of `columns=title,amount` in order; an unknown name is a QueryError that
    names the choices."""
    fields = available(model, entity)
    chosen: list[Field] = []
    for name in (n.strip() for n in text.split(",")):
        if not name or any(f["name"] == name for f in chosen):
            continue
        if name not in fields:
            raise QueryError(f"unknown column {name!r}; columns are: {', '.join(fields)}")
        chosen.append(fields[name])
    if len(chosen) > MAX_COLUMNS:
        raise QueryError(f"a list shows at most {MAX_COLUMNS} columns")
    return chosen


def with_title_first(model: AppModel, entity: str, chosen: Sequence[Field]) -> list[Field]:
    """The title field first (when the entity has one), then the rest of `chosen`."""
    title = model.title_field(entity)
    if title is None:
        return list(chosen)
    return [model.fields(entity)[title], *(f for f in chosen if f["name"] != title)]


def totalled(columns: Sequence[Field]) -> list[Field]:
    """The columns a totals row adds up: the summable ones (money, decimal and grouped whole
    numbers by default; not a year or a code)."""
    return [f for f in columns if f["name"] not in SYSTEM_FIELDS and is_summable(f)]


@dataclass(frozen=True)
class ColumnChoice:
    """A line of the Columns control: shown or not, and its place."""

    name: str
    label: str
    shown: bool
    position: int
    #: The title column is always shown (it links to the card).
    fixed: bool


def column_choices(model: AppModel, entity: str, shown: Sequence[Field]) -> list[ColumnChoice]:
    """Every field, the shown ones first in their order, then the others in theirs."""
    names = [f["name"] for f in shown]
    title = model.title_field(entity)
    fields = available(model, entity)
    order = names + [n for n in fields if n not in names]
    return [ColumnChoice(n, label(fields[n].get("label"), n), n in names, i + 1, n == title)
            for i, n in enumerate(order)]


def columns_from_form(form: Sequence[tuple[str, str]]) -> str:
    """`columns=` of the Columns form: the ticked fields (`show.<name>`) by the numbers of
    their places (`place.<name>`); a field without a number keeps its place in the form."""
    places = {k.removeprefix("place."): v for k, v in form if k.startswith("place.")}
    ticked = [k.removeprefix("show.") for k, _ in form if k.startswith("show.")]
    order = {name: i for i, name in enumerate(dict.fromkeys([*places, *ticked]))}

    def key(name: str) -> tuple[Decimal, int]:
        return _number(places.get(name), order[name] + 1), order[name]

    return ",".join(sorted(dict.fromkeys(ticked), key=key))


def _number(text: str | None, fallback: int) -> Decimal:
    try:
        number = Decimal((text or "").strip())
    except ArithmeticError:
        return Decimal(fallback)
    return number if number.is_finite() else Decimal(fallback)

