"""Sorting and keyset pagination of record queries.

Records sort by the keys asked for, then by `id` (which follows the first key's direction, so
that `sort=-amount` reads an index on amount backwards). Empty values sort last in both
directions, on both databases. Select and stage fields sort in the order of their options; link
fields by the title of the linked record; text by its case- and accent-folded shadow column
(a cursor then carries the folded text).

A cursor is the sort values of the last row of a page (id included), so the next page starts
right after it: no row is skipped or repeated among rows that do not change while paging, and
pages stay fast however deep. It is opaque (base64 of JSON) and tied to its sort.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.sql.sqltypes import NullType

from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.tables import is_searchable, shadow_name
from kartoteka.schema_engine.types import field_type, option_values

_ID: Field = {"id": "id", "name": "id", "type": "integer"}


@dataclass(frozen=True)
class SortKey:
    """One sort key: a field of the entity, its direction and the kind of its sort values."""

    field: Field
    descending: bool
    #: text, integer, numeric, boolean, date or datetime: how a cursor carries its values.
    kind: str

    @property
    def name(self) -> str:
        return ("-" if self.descending else "") + str(self.field["name"])


def sort_keys(
    model: AppModel, entity: str, wanted: Sequence[tuple[Field, bool]]
) -> tuple[SortKey, ...]:
    """The sort keys of `sort=-amount,title`: checked, with `id` last (`-id` when none)."""
    keys: list[SortKey] = []
    for f, descending in wanted:
        if not field_type(f["type"]).sortable:
            raise QueryError(f"cannot sort by {f['name']} ({f['type']}): it holds several values")
        if any(k.field["name"] == f["name"] for k in keys):
            raise QueryError(f"sort names {f['name']} twice")
        keys.append(SortKey(f, descending, _kind(model, f)))
    if not any(k.field["name"] == "id" for k in keys):
        keys.append(SortKey(_ID, keys[0].descending if keys else True, "integer"))
    return tuple(keys)


def _kind(model: AppModel, f: Field) -> str:
    kind = field_type(f["type"])
    if kind.by_option:
        return "integer"  # the option's position
    if kind.points_to == "user":
        return "text"
    if kind.is_link:
        title = model.title_field(f["to"])
        return _family_kind(model.field(f["to"], title)) if title else "integer"
    return _family_kind(f)


def _family_kind(f: Field) -> str:
    family = field_type(f["type"]).family
    return family if family in _DECODERS else "text"


# ---------------------------------------------------------------- SQL


@dataclass(frozen=True)
class SortExpressions:
    """The SQL of a query's sort keys: what to select, how to order, where a page starts."""

    keys: tuple[SortKey, ...]
    columns: tuple[ColumnElement[Any], ...]

    def labelled(self) -> list[ColumnElement[Any]]:
        """The sort columns to select, read raw: only the last row of a page needs its values
        typed (`values_of`), so no row pays for converting them."""
        return [type_coerce(c, NullType()).label(f"kt_sort_{i}")
                for i, c in enumerate(self.columns)]

    def values_of(self, row: Sequence[Any]) -> tuple[Any, ...]:
        """The typed sort values of a row of a statement that selects `labelled()` last (a
        row of SQLAlchemy's or the driver's)."""
        start = len(row) - len(self.keys)
        return tuple(
            None if (raw := row[start + i]) is None else _TYPED[key.kind](raw)
            for i, key in enumerate(self.keys)
        )

    def order(self, columns: Sequence[ColumnElement[Any]] | None = None) -> list[Any]:
        """ORDER BY: each key in its direction, empty values last (`columns`: the same keys
        as a subquery names them)."""
        order = []
        for key, column in zip(self.keys, columns or self.columns, strict=True):
            direction = column.desc() if key.descending else column.asc()
            order.append(direction if key.field is _ID else direction.nulls_last())
        return order

    def after(self, values: Sequence[Any], *, first_present: bool = False) -> ColumnElement[bool]:
        """Rows that sort after the row with these sort values (empty values last);
        `first_present`: among rows whose first key has a value."""
        condition: ColumnElement[bool] | None = None
        pairs = list(zip(self.keys, self.columns, values, strict=True))
        for i, (key, column, value) in reversed(list(enumerate(pairs))):
            if value is None:  # nothing sorts after an empty value but other empty values
                beyond, equal = None, column.is_(None)
            else:
                bound = literal(value, column.type)  # also True and False, which SQLAlchemy
                further = column < bound if key.descending else column > bound  # won't compare
                empty = i == 0 and first_present
                beyond = further if empty else or_(further, column.is_(None))
                equal = column == bound
            if condition is None:
                condition = beyond if beyond is not None else equal
            elif beyond is None:
                condition = and_(equal, condition)
            else:
                condition = or_(beyond, and_(equal, condition))
        assert condition is not None
        return condition


def page_statement(
    base: Select[Any],
    keys: SortExpressions,
    after: Sequence[Any] | None,
    size: int,
    *,
    split: bool,
) -> Select[Any]:
    """`size` rows of `base` (which selects `keys.labelled()`) from the cursor on, in order.

    `split` (PostgreSQL): a B-tree index read backwards gives empty values first, so
    `ORDER BY amount DESC NULLS LAST` would sort the whole table. The rows with a first key
    and those without are read apart, each in an order an index serves, and put together.
    """
    if not split or len(keys.keys) == 1:
        sliced = base if after is None else base.where(keys.after(after))
        return sliced.order_by(*keys.order()).limit(size)
    first, parts = keys.columns[0], []
    if after is None or after[0] is not None:
        present = base.where(first.is_not(None))
        if after is not None:
            present = present.where(keys.after(after, first_present=True))
        native = first.desc() if keys.keys[0].descending else first.asc()
        parts.append(present.order_by(native, *keys.order()[1:]).limit(size))
    empty = base.where(first.is_(None))
    if after is not None and after[0] is None:
        empty = empty.where(keys.after(after))
    parts.append(empty.order_by(*keys.order()[1:]).limit(size))
    if len(parts) == 1:
        return parts[0]
    both = union_all(*parts).subquery("kt_page")
    sorted_by = [both.c[f"kt_sort_{i}"] for i in range(len(keys.columns))]
    return select(*both.c).order_by(*keys.order(sorted_by)).limit(size)


def expressions(
    model: AppModel,
    entity: str,
    keys: Sequence[SortKey],
    id_column: ColumnElement[Any] | None = None,
) -> SortExpressions:
    """The SQL of `keys`; `id_column` stands for the record id (a joined table's rowid)."""
    table = model.table(entity)
    columns = [
        id_column
        if id_column is not None and key.field["name"] == "id"
        else _expression(model, table, key.field)
        for key in keys
    ]
    return SortExpressions(tuple(keys), tuple(columns))


def _expression(model: AppModel, table: FromClause, f: Field) -> ColumnElement[Any]:
    column, kind = table.c[f["name"]], field_type(f["type"])
    if kind.by_option:
        options = option_values(f)
        positions = [(column == option, i) for i, option in enumerate(options)]
        return case((column.is_(None), None), *positions, else_=len(options))
    if kind.points_to == "user":
        label = func.coalesce(func.nullif(USERS.c.name, ""), USERS.c.email)
        return select(label).where(USERS.c.id == column).scalar_subquery()
    if kind.is_link:
        target = model.table(f["to"]).alias(f"kt_sort_{f['name']}")
        title = model.title_field(f["to"])
        if title is None:
            return column
        key = _text_key(target, model.field(f["to"], title))
        return select(key).where(target.c.id == column).scalar_subquery()
    return _text_key(table, f)


def _text_key(table: FromClause, f: Field) -> ColumnElement[Any]:
    """What a field sorts by: text by its folded shadow column (`search_index`), so that case
    and accents do not split the alphabet ("apple" before "Zebra", "Émile" with "emile",
    "ольга" with "Ольга"), the same on both databases; other values by their column."""
    if f["name"] in table.c and is_searchable(f):
        return table.c[shadow_name(f)]
    return table.c[f["name"]]


def _typed_numeric(raw: Any) -> Decimal:
    """SQLite gives integers or reals (whose shortest repr is the stored value), PostgreSQL
    decimals."""
    if isinstance(raw, Decimal):
        return raw
    return Decimal(repr(raw) if isinstance(raw, float) else raw)


def _typed_moment(raw: Any) -> dt.datetime:
    """SQLite gives the stored text (UTC), PostgreSQL an aware datetime."""
    moment = dt.datetime.fromisoformat(raw) if isinstance(raw, str) else raw
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


#: Per sort kind: the raw driver value as the typed value a cursor carries.
_TYPED: dict[str, Callable[[Any], Any]] = {
    "text": lambda raw: raw,
    "integer": int,
    "numeric": _typed_numeric,
    "boolean": bool,
    "date": lambda raw: dt.date.fromisoformat(raw) if isinstance(raw, str) else raw,
    "datetime": _typed_moment,
}


# ---------------------------------------------------------------- cursors


def encode_cursor(values: Sequence[Any], keys: Sequence[SortKey]) -> str:
    """The opaque cursor of the row with these sort values."""
    payload = {"s": ",".join(k.name for k in keys), "v": [_encode(v) for v in values]}
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, keys: Sequence[SortKey]) -> tuple[Any, ...]:
    """The sort values a cursor carries; a QueryError when it is not one of this sort's."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if payload["s"] != ",".join(k.name for k in keys) or len(payload["v"]) != len(keys):
            raise ValueError("another sort")
        values = tuple(_decode(k, v) for k, v in zip(keys, payload["v"], strict=True))
    except (ValueError, TypeError, KeyError, InvalidOperation, binascii.Error):
        raise QueryError(
            "the cursor does not belong to this query (or is damaged); "
            "ask for the first page again, without a cursor"
        ) from None
    if values[-1] is None:
        raise QueryError("the cursor is damaged; ask for the first page again")
    return values


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return value


def _numeric(value: Any) -> Decimal:
    number = Decimal(_text(value))
    if not number.is_finite():
        raise ValueError(value)
    return number


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(value)
    return value


def _moment(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(_text(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


_DECODERS: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "integer": _integer,
    "numeric": _numeric,
    "boolean": _boolean,
    "date": lambda value: dt.date.fromisoformat(_text(value)),
    "datetime": _moment,
}


def _decode(key: SortKey, value: Any) -> Any:
    return None if value is None else _DECODERS[key.kind](value)
