"""Record queries: the query-string and JSON forms, checked against the model, run as pages.

    query = query_from_params(model, "deal", [("stage", "won"), ("amount__gt", "5000")])
    page = run_query(conn, model, query)        # Page(items, next_cursor, count)
    run_groups(conn, model, query_from_json(model, "deal", {"group_by": "stage"}))

A `Query` is plain data, checked when it is made: every field, operator and value is resolved
and parsed with the field's type there, so that a bad request is a `QueryError` naming the valid
choices before any SQL runs. Running it builds SQLAlchemy Core with bound values only:
`where` here, sorting and keyset cursors in `keyset`, groups in `groups`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    false,
    func,
    not_,
    or_,
    select,
    true,
)

from kartoteka.schema_engine import search
from kartoteka.schema_engine.definition import Field, FieldTypeName
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.prepared import Prepared
from kartoteka.schema_engine.query import keyset
from kartoteka.schema_engine.query.groups import groups
from kartoteka.schema_engine.query.operators import OPERATORS, Target, operators_of
from kartoteka.schema_engine.query.sums import exact_sum
from kartoteka.schema_engine.records import reader, reads_driver_rows
from kartoteka.schema_engine.types import (
    ConversionError,
    field_type,
    parse_boolean,
    parse_option,
    parse_reference,
)

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "OPERATORS",
    "Condition",
    "FieldPath",
    "Group",
    "Not",
    "Page",
    "Query",
    "query_from_json",
    "query_from_params",
    "run_groups",
    "run_query",
    "run_totals",
]

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: Bounds on a JSON filter, so that no request builds an unbounded statement.
MAX_DEPTH = 8
MAX_CONDITIONS = 100
#: Query-string words that are not filters (the rest are `field` or `field__op`).
SETTINGS = ("q", "sort", "limit", "cursor", "count", "trashed", "filter")
JSON_KEYS = (*SETTINGS, "group_by", "aggregate")
AGGREGATES = ("sum", "avg", "min", "max")

#: Columns every record has, usable in filters and sorting after the declared fields.
SYSTEM_FIELDS: dict[str, Field] = {
    name: {"id": name, "name": name, "type": cast(FieldTypeName, type_name), "label": label}
    for name, type_name, label in (
        ("id", "integer", "id"),
        ("created_at", "datetime", "created at"),
        ("updated_at", "datetime", "updated at"),
        ("created_by", "user", "created by"),
        ("updated_by", "user", "updated by"),
        ("owner", "user", "owner"),
    )
}


# ---------------------------------------------------------------- what a query is


@dataclass(frozen=True)
class FieldPath:
    """A field of the queried entity, or of the entity one link away (`client.city`)."""

    field: Field
    link: Field | None = None

    @property
    def name(self) -> str:
        own = str(self.field["name"])
        return f"{self.link['name']}.{own}" if self.link else own

    @property
    def label(self) -> str:
        own = str(self.field.get("label") or self.field["name"])
        return f"{self.link.get('label') or self.link['name']} {own}" if self.link else own


@dataclass(frozen=True)
class Condition:
    """`path` `op` `value`, the value parsed with the field's type."""

    path: FieldPath
    op: str
    value: Any

    def describe(self) -> str:
        """How a person reads it: 'amount is greater than 5000'."""
        return OPERATORS[self.op].describe(self.path.label, self.value)


@dataclass(frozen=True)
class Group:
    """All (`and`) or any (`or`) of its items."""

    kind: str
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Condition | Group | Not


@dataclass(frozen=True)
class Query:
    """A checked query on one entity; `run_query` or (with `group_by`) `run_groups` runs it."""

    entity: str
    filter: Node | None = None
    q: str | None = None
    #: Sort keys in order; the last one is always `id`.
    sort: tuple[keyset.SortKey, ...] = ()
    limit: int = DEFAULT_LIMIT
    #: The sort values (id last) of the row the page starts after: the decoded cursor.
    after: tuple[Any, ...] | None = None
    count: bool = False
    trashed: bool = False
    group_by: str | None = None
    #: (field name, aggregate) pairs: ("amount", "sum") gives `amount_sum` in every group.
    aggregate: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Page:
    """A page of records; `next_cursor` is None exactly when no record follows."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    count: int | None


# ---------------------------------------------------------------- the two forms


def query_from_params(model: AppModel, entity: str, params: Sequence[tuple[str, str]]) -> Query:
    """The query of `GET /api/records/{entity}?stage=won&amount__gt=5000&sort=-amount`.

    Queries are kept per model by their parameters: a list asked for again (a page reloaded,
    a script polling) is not parsed again. Parsing depends on nothing else, and a Query is
    immutable."""
    key = (entity, tuple(params))
    kept = _kept(model, "_parsed_queries")
    found: Query | None = kept.get(key)
    if found is None:
        found = _parse_params(model, entity, params)
        _keep(kept, key, found)
    return found


def _parse_params(model: AppModel, entity: str, params: Sequence[tuple[str, str]]) -> Query:
    parser = _Parser(model, entity)
    settings: dict[str, str] = {}
    conditions: list[Node] = []
    for key, raw in params:
        if key in SETTINGS:
            if key in settings:
                raise QueryError(f"{key} is given twice; give it once")
            settings[key] = raw
        else:
            path, op = _split_key(key)
            conditions.append(parser.condition(path, op, raw))
    if "filter" in settings:
        conditions.append(parser.node(_json_filter(settings["filter"]), 0))
    return parser.query(
        filter=_all(conditions),
        q=settings.get("q"),
        sort=settings.get("sort"),
        limit=settings.get("limit"),
        cursor=settings.get("cursor"),
        count=settings.get("count"),
        trashed=settings.get("trashed"),
    )


def query_from_json(model: AppModel, entity: str, body: Any) -> Query:
    """The query of `POST /api/records/{entity}/query`: the same, with AND/OR/NOT groups,
    `group_by` and `aggregate`."""
    parser = _Parser(model, entity)
    if not isinstance(body, Mapping):
        raise QueryError(f"a query is a JSON object with any of: {', '.join(JSON_KEYS)}")
    unknown = [str(key) for key in body if key not in JSON_KEYS]
    if unknown:
        raise QueryError(f"unknown query key {unknown[0]!r}; keys are: {', '.join(JSON_KEYS)}")
    raw_filter = body.get("filter")
    return parser.query(
        filter=None if raw_filter is None else parser.node(raw_filter, 0),
        q=body.get("q"),
        sort=body.get("sort"),
        limit=body.get("limit"),
        cursor=body.get("cursor"),
        count=body.get("count"),
        trashed=body.get("trashed"),
        group_by=body.get("group_by"),
        aggregate=body.get("aggregate"),
    )


def _split_key(key: str) -> tuple[str, str]:
    """'amount__gt' -> ('amount', 'gt'); 'client.city' -> ('client.city', 'eq')."""
    path, _, op = key.partition("__")
    return path, op or "eq"


def _json_filter(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise QueryError(
            'filter must be JSON, such as {"field": "stage", "op": "eq", "value": "won"}'
        ) from None


def _all(items: list[Node]) -> Node | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else Group("and", tuple(items))


# ---------------------------------------------------------------- checking a query


class _Parser:
    """Resolves names against the model and parses values; every problem is a QueryError."""

    def __init__(self, model: AppModel, entity: str) -> None:
        self.model = model
        self.entity = entity
        self.fields = model.fields(entity)  # raises UnknownEntity
        self.conditions = 0

    def query(self, **given: Any) -> Query:
        sort = keyset.sort_keys(self.model, self.entity, self._sort_fields(given["sort"]))
        cursor = _text_or_none(given["cursor"], "cursor")
        q = _text_or_none(given["q"], "q")
        if q is not None and q.strip() and not self.model.searchable(self.entity):
            raise QueryError(f"entity {self.entity!r} has no text fields for q to search")
        return Query(
            entity=self.entity,
            filter=given["filter"],
            q=q.strip() if q and q.strip() else None,
            sort=sort,
            limit=_limit(given["limit"]),
            after=None if cursor in (None, "") else keyset.decode_cursor(cursor, sort),
            count=_flag(given["count"], "count"),
            trashed=_flag(given["trashed"], "trashed"),
            group_by=self._group_by(given.get("group_by")),
            aggregate=self._aggregate(given.get("aggregate"), given.get("group_by")),
        )

    # ------------------------------------------------------------ fields

    def own_field(self, name: str, entity: str | None = None) -> Field:
        """A declared or system field of `entity` (the queried one by default)."""
        entity = entity or self.entity
        fields = self.model.fields(entity)
        if name in fields:
            return fields[name]
        if name in SYSTEM_FIELDS:
            return SYSTEM_FIELDS[name]
        names = ", ".join([*fields, *SYSTEM_FIELDS])
        raise QueryError(f"unknown field {name!r} on entity {entity!r}; fields are: {names}")

    def path(self, text: str) -> FieldPath:
        """'amount' or 'client.city' (one hop through a link or links field)."""
        first, dot, rest = text.partition(".")
        if not dot:
            return FieldPath(self.own_field(first))
        link = self.own_field(first)
        if link["type"] not in ("link", "links"):
            raise QueryError(
                f"{first} is a {link['type']} field; only link fields lead to other records "
                f"(as in {first}.name)"
            )
        if "." in rest:
            raise QueryError(f"{text!r} goes more than one link deep; filters go one link deep")
        return FieldPath(self.own_field(rest, link["to"]), link)

    # ------------------------------------------------------------ conditions

    def condition(self, path_text: str, op: str, raw: Any) -> Condition:
        self.conditions += 1
        if self.conditions > MAX_CONDITIONS:
            raise QueryError(f"a query has at most {MAX_CONDITIONS} conditions")
        path = self.path(path_text)
        allowed = operators_of(path.field)
        if op not in allowed:
            raise QueryError(
                f"operator {op!r} does not apply to {path.name} ({path.field['type']}); "
                f"use one of: {', '.join(allowed)}"
            )
        return Condition(path, op, _value(path, op, raw))

    def node(self, data: Any, depth: int) -> Node:
        """One node of a JSON filter: a condition, or an and/or/not group."""
        if depth > MAX_DEPTH:
            raise QueryError(f"filter groups nest at most {MAX_DEPTH} deep")
        if not isinstance(data, Mapping):
            raise QueryError(
                'a filter is an object: {"field": ..., "op": ..., "value": ...}, '
                '{"and": [...]}, {"or": [...]} or {"not": {...}}'
            )
        for kind in ("and", "or", "not"):
            if kind in data:
                return self._group(kind, data, depth)
        return self._leaf(data)

    def _group(self, kind: str, data: Mapping[str, Any], depth: int) -> Node:
        if len(data) != 1:
            others = ", ".join(sorted(str(k) for k in data if k != kind))
            raise QueryError(f"a {kind!r} group takes nothing else (found: {others})")
        items = data[kind]
        if kind == "not":
            return Not(self.node(items, depth + 1))
        if not isinstance(items, list):
            raise QueryError(f"{kind!r} takes a list of conditions")
        if kind == "or" and not items:
            raise QueryError("an 'or' group needs at least one condition")
        return Group(kind, tuple(self.node(item, depth + 1) for item in items))

    def _leaf(self, data: Mapping[str, Any]) -> Condition:
        unknown = sorted(str(k) for k in data if k not in ("field", "op", "value"))
        if unknown or not isinstance(data.get("field"), str):
            raise QueryError(
                'a condition is {"field": "amount", "op": "gt", "value": 5000}'
                + (f"; unknown key {unknown[0]!r}" if unknown else "; field is missing")
            )
        op = data.get("op", "eq")
        if not isinstance(op, str):
            raise QueryError(f"op must be an operator name, not {op!r}")
        if "value" not in data:
            raise QueryError(f"the condition on {data['field']} has no value")
        return self.condition(data["field"], op, data["value"])

    # ------------------------------------------------------------ sorting and groups

    def _sort_fields(self, raw: Any) -> list[tuple[Field, bool]]:
        """(field, descending) from 'sort=-amount,title' or ["-amount", "title"]."""
        if raw is None:
            return []
        items = raw.split(",") if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise QueryError('sort is a list of field names, such as "-amount,title"')
        keys: list[tuple[Field, bool]] = []
        for item in (i.strip() for i in items):
            name = item.lstrip("-+")
            if not name:
                raise QueryError(f"sort has an empty item in {raw!r}")
            if "." in name:
                raise QueryError(f"sort by fields of {self.entity}; {name!r} is another entity's")
            keys.append((self.own_field(name), item.startswith("-")))
        return keys

    def _group_by(self, raw: Any) -> str | None:
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise QueryError(f"group_by is a field name of {self.entity}")
        f = self.own_field(raw)
        if f["type"] in ("multi_select", "links") or raw in SYSTEM_FIELDS:
            raise QueryError(
                f"cannot group by {raw} ({f['type']}); group by a field with one value "
                "per record, such as a select or stage field"
            )
        return raw

    def _aggregate(self, raw: Any, group_by: Any) -> tuple[tuple[str, str], ...]:
        if raw is None:
            return ()
        if group_by is None:
            raise QueryError("aggregate needs group_by")
        if not isinstance(raw, Mapping):
            raise QueryError('aggregate is an object, such as {"amount": "sum"}')
        pairs: list[tuple[str, str]] = []
        for name, wanted in raw.items():
            f = self.own_field(str(name))
            for how in wanted if isinstance(wanted, list) else [wanted]:
                pairs.append((f["name"], _aggregate_of(f, how)))
        return tuple(pairs)


def _aggregate_of(f: Field, how: Any) -> str:
    family = field_type(f["type"]).family
    allowed: tuple[str, ...] = AGGREGATES if family in ("integer", "numeric") else ()
    if family in ("date", "datetime"):
        allowed = ("min", "max")
    if how not in allowed:
        choices = ", ".join(allowed) or "none: aggregate number fields"
        raise QueryError(f"cannot aggregate {f['name']} ({f['type']}) by {how!r}; use {choices}")
    return str(how)


# ---------------------------------------------------------------- values


def _value(path: FieldPath, op: str, raw: Any) -> Any:
    """`raw` parsed for `op` on the field: a QueryError says what is wrong with it."""
    key = f"{path.name}__{op}"
    kind = OPERATORS[op].value
    try:
        if kind == "flag":
            return parse_boolean(raw, path.field)
        if kind == "many":
            return [_one(path.field, item, key) for item in _items(raw, key)]
        if kind == "text":
            return _text(raw, key)
        if kind == "member":
            return _member(path.field, _present(raw, key))
        return _one(path.field, raw, key)
    except ConversionError as exc:
        raise QueryError(f"bad value for {key}: {exc}") from None


def _one(f: Field, raw: Any, key: str) -> Any:
    record = isinstance(raw, dict) and f["type"] in ("link", "user")  # {"id": 5, "title": ...}
    if isinstance(raw, (list, dict)) and not record:
        raise QueryError(f"{key} takes one value, not {type(raw).__name__}; use __in for several")
    value = field_type(f["type"]).parse(_present(raw, key), f)
    if isinstance(value, Decimal) and abs(value.adjusted()) > 100:
        raise ConversionError(f"{raw!r} is out of range")
    return value


def _items(raw: Any, key: str) -> list[Any]:
    items = [i.strip() for i in raw.split(",")] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items or any(i in ("", None) for i in items):
        raise QueryError(f"{key} takes a list of values, such as won,lost")
    return items


def _text(raw: Any, key: str) -> str:
    if isinstance(raw, (list, dict, bool)) or raw is None:
        raise QueryError(f"{key} takes text")
    return _no_nul(str(_present(raw, key)), key)


def _member(f: Field, raw: Any) -> Any:
    if f["type"] == "multi_select":
        return parse_option(raw, f)
    return parse_reference(raw, f)


def _present(raw: Any, key: str) -> Any:
    """A value that is there: empty text is a mistake, not a filter on empty values."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        name = key.partition("__")[0]
        raise QueryError(
            f"{key} needs a value; to find records without {name}, use {name}__empty=true"
        )
    return _no_nul(raw, key) if isinstance(raw, str) else raw


def _no_nul(text: str, key: str) -> str:
    """Text a database can take: no NUL character, no lone UTF-16 surrogate."""
    if "\x00" in text:
        raise QueryError(f"{key} has a NUL character, which no value can hold")
    try:
        text.encode()
    except UnicodeEncodeError:
        raise QueryError(f"{key} is not valid Unicode text") from None
    return text


def _text_or_none(raw: Any, key: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise QueryError(f"{key} is text")
    return _no_nul(raw, key)


def _limit(raw: Any) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    text = str(raw).strip() if not isinstance(raw, bool) else ""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
        raise QueryError(f"limit is a whole number from 1 to {MAX_LIMIT}, not {raw!r}")
    return int(text)


def _flag(raw: Any, key: str) -> bool:
    if raw is None:
        return False
    try:
        return parse_boolean(raw, {})
    except ConversionError:
        raise QueryError(f"{key} is true or false, not {raw!r}") from None


# ---------------------------------------------------------------- running a query


def run_query(conn: Connection, model: AppModel, query: Query) -> Page:
    """A page of records: `query.limit` of them from the cursor on, in sort order."""
    plan = _page_plan(conn.dialect.name, model, query)
    prepared = plan.prepared if reads_driver_rows(conn.dialect) else None
    rows: Sequence[Any]
    if prepared is not None:
        rows = prepared.rows(conn, plan.params)
    else:
        rows = conn.execute(plan.statement, plan.params).all()
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    last = plan.page_keys.values_of(rows[-1]) if more else None
    next_cursor = keyset.encode_cursor(last, query.sort) if last is not None else None
    count = count_records(conn, model, query) if query.count else None
    records = reader(model, query.entity).records(conn, rows, from_driver=prepared is not None)
    return Page(records, next_cursor, count)


def page_select(
    dialect: str, model: AppModel, query: Query
) -> tuple[Select[Any], keyset.SortExpressions]:
    """The one statement `run_query` runs for a page (limit + 1 rows, to learn whether more
    follow) on a database of `dialect` ('sqlite' or 'postgresql'), with its values, and its
    sort keys."""
    plan = _page_plan(dialect, model, query)
    return _with_values(plan), plan.page_keys


def count_select(model: AppModel, query: Query) -> Select[Any]:
    """The statement that counts every record of `query` (cursor and limit aside)."""
    return _with_values(_count_plan(model, query))


def count_records(conn: Connection, model: AppModel, query: Query) -> int:
    plan = _count_plan(model, query)
    if plan.prepared is not None and reads_driver_rows(conn.dialect):  # as its page
        row = plan.prepared.first(conn, plan.params)
        assert row is not None
        return int(row[0])
    return int(conn.execute(plan.statement, plan.params).scalar_one())


# ---------------------------------------------------------------- statements kept per shape


@dataclass(frozen=True)
class _Plan:
    """A statement whose condition values are named parameters (`kt_0`, `kt_1`...), and the
    values of one query for them."""

    statement: Select[Any]
    params: dict[str, Any]
    keys: keyset.SortExpressions | None = None
    #: The kept statement, to run on the driver's cursor: on SQLite, SQLAlchemy's work for
    #: each execution (result object, rows) took 30 µs of a 50-record page's 160. None: run
    #: through SQLAlchemy (statements not kept, lists of values expanded at each run).
    prepared: Prepared | None = None

    @property
    def page_keys(self) -> keyset.SortExpressions:
        """The sort keys of a page's plan (a count's plan has none)."""
        assert self.keys is not None, "a count's plan has no sort keys"
        return self.keys


#: Statements kept per model: a list asking the same things with other values reuses one, and
#: SQLAlchemy keeps its compiled form by the statement's cache key, computed once per statement:
#: building a statement and its key took 190 µs of a 50-record page's 570.
_KEPT = 256


def _kept(model: AppModel, name: str) -> dict[Any, Any]:
    """A dict of things kept in `model` under `name` (parsed queries, plans)."""
    found: dict[Any, Any] = model.__dict__.setdefault(name, {})
    return found


def _keep(kept: dict[Any, Any], key: Any, value: Any) -> None:
    """Keep `value`; with _KEPT things kept already, start again rather than grow without
    end (many different lists, many shapes)."""
    if len(kept) >= _KEPT:
        kept.clear()
    kept[key] = value


def _page_plan(dialect: str, model: AppModel, query: Query) -> _Plan:
    def build(binder: _Binder | None) -> _Plan:
        statement, keys = _build_page(dialect, model, query, binder)
        return _Plan(statement, {}, keys, _prepared(statement, binder))

    return _planned(model, ("page", dialect), query, build)


def _count_plan(model: AppModel, query: Query) -> _Plan:
    def build(binder: _Binder | None) -> _Plan:
        where = where_clause(model, query, binder)
        statement = select(func.count()).select_from(model.table(query.entity)).where(where)
        return _Plan(statement, {}, None, _prepared(statement, binder))

    return _planned(model, ("count",), query, build)


def _planned(
    model: AppModel, kind: tuple[str, ...], query: Query, build: Callable[[_Binder | None], _Plan]
) -> _Plan:
    """The kept plan of `query`'s shape with its values, built (and kept) the first time; a
    query without a shape is built with its values in it. The plan of a query asked again (the
    same object: `query_from_params` keeps them) is found without working out its shape."""
    again = _kept(model, "_plans_by_query")
    mine: tuple[Query, _Plan] | None = again.get((*kind, id(query)))
    if mine is not None and mine[0] is query:  # the entry holds the query: its id is its own
        return mine[1]
    shape = _shape(query)
    if shape is None:
        return build(None)
    kept = _kept(model, "_query_plans")
    key = (*kind, shape)
    found: _Plan | None = kept.get(key)
    if found is None:
        found = build(_Binder(query))
        _keep(kept, key, found)
    plan = replace(found, params=_values(query))
    _keep(again, (*kind, id(query)), (query, plan))
    return plan


def _prepared(statement: Select[Any], binder: _Binder | None) -> Prepared | None:
    """A kept statement to run on the driver's cursor, unless it expands a list of values."""
    if binder is None or binder.expands:
        return None
    return Prepared(statement)


def _with_values(plan: _Plan) -> Select[Any]:
    return plan.statement.params(plan.params) if plan.params else plan.statement


def _build_page(
    dialect: str, model: AppModel, query: Query, binder: _Binder | None
) -> tuple[Select[Any], keyset.SortExpressions]:
    records = reader(model, query.entity)
    lead = _lead(dialect, model, query, binder)
    if lead is None:
        keys = keyset.expressions(model, query.entity, query.sort)
        statement = records.select().add_columns(*keys.labelled())
        statement = statement.where(where_clause(model, query, binder))
    else:
        keys = keyset.expressions(model, query.entity, query.sort, lead.driver.fts.c.rowid)
        statement = _led(model, query, lead, binder).add_columns(*keys.labelled())
    split = dialect == "postgresql"
    statement = keyset.page_statement(statement, keys, query.after, query.limit + 1, split=split)
    return statement, keys


#: Operators whose value is bound as a parameter of a kept statement: one value, a list, or a
#: search term (bound as its LIKE patterns and FTS5 phrase).
_BOUND = ("one", "many", "text")


def _bound_conditions(query: Query) -> list[Condition]:
    """The conditions whose values a kept statement binds, in the order of the filter."""
    found: list[Condition] = []

    def walk(node: Node) -> None:
        if isinstance(node, Group):
            for item in node.items:
                walk(item)
        elif isinstance(node, Not):
            walk(node.item)
        elif OPERATORS[node.op].value in _BOUND:
            found.append(node)

    if query.filter is not None:
        walk(query.filter)
    return found


class _Binder:
    """Hands out the condition values of a statement being kept as named parameters, named by
    the condition's place in the filter (`kt_0`, `kt_1`...) whatever order the SQL is built in."""

    def __init__(self, query: Query) -> None:
        bound = _bound_conditions(query)
        self.names = {id(c): f"kt_{i}" for i, c in enumerate(bound)}
        #: Whether a value is a list, expanded into the SQL at each run.
        self.expands = any(OPERATORS[c.op].value == "many" for c in bound)

    def __call__(self, condition: Condition) -> Any:
        kind = OPERATORS[condition.op].value
        name = self.names.get(id(condition))
        if name is None:
            return condition.value
        if kind == "text":
            return search.BoundTerm(search.Term.of(condition.value).folded, name)
        return bindparam(name, expanding=kind == "many")


def _values(query: Query) -> dict[str, Any]:
    """The bound values of `query`, named as `_Binder` names them."""
    values: dict[str, Any] = {}
    for i, condition in enumerate(_bound_conditions(query)):
        if OPERATORS[condition.op].value == "text":
            term = search.Term.of(condition.value)
            values.update({f"kt_{i}_{key}": text for key, text in term.values().items()})
        else:
            values[f"kt_{i}"] = condition.value
    return values


def _shape(query: Query) -> tuple[Any, ...] | None:
    """What a kept statement stands for: the query without its bound values; None for queries
    built anew each time (a search, a cursor, `has`: their values shape the SQL)."""
    if query.q or query.after is not None:
        return None
    nodes = _node_shape(query.filter) if query.filter is not None else ()
    if nodes is None:
        return None
    sort = tuple(key.name for key in query.sort)
    return (query.entity, nodes, sort, query.limit, query.trashed)


def _node_shape(node: Node) -> Any:
    if isinstance(node, Group):
        items = [_node_shape(item) for item in node.items]
        return None if None in items else (node.kind, *items)
    if isinstance(node, Not):
        item = _node_shape(node.item)
        return None if item is None else ("not", item)
    kind = OPERATORS[node.op].value
    if kind == "text":  # a term too short for the trigram index is read without it
        return (node.path.name, node.op, search.Term.of(node.value).indexed)
    if kind in _BOUND:
        return (node.path.name, node.op)
    if kind == "flag":
        return (node.path.name, node.op, bool(node.value))
    return None


@dataclass(frozen=True)
class _Lead:
    """A `contains` whose FTS5 table leads a SQLite query in id order (`search.driver`)."""

    condition: Condition
    driver: search.Driver


def _lead(
    dialect: str, model: AppModel, query: Query, binder: _Binder | None = None
) -> _Lead | None:
    """SQLite, records in id order, a `contains` every record must meet: its FTS5 table can
    give the matches in id order, so that a page reads a page of rows, not every match."""
    if dialect != "sqlite" or len(query.sort) != 1:
        return None
    for condition in _conjuncts(query.filter):
        if condition.op == "contains" and condition.path.link is None:
            name = condition.path.field["name"]
            term = condition.value if binder is None else binder(condition)
            found = search.driver(model, query.entity, name, term)
            if found is not None:
                return _Lead(condition, found)
    return None


def _conjuncts(node: Node | None) -> list[Condition]:
    """The conditions every record of a filter must meet on its own."""
    if isinstance(node, Condition):
        return [node]
    if isinstance(node, Group) and node.kind == "and":
        return [item for item in node.items if isinstance(item, Condition)]
    return []


def _led(
    model: AppModel, query: Query, lead: _Lead, binder: _Binder | None = None
) -> Select[Any]:
    """The records of `query` read through the FTS5 table of `lead`, joined on rowid = id."""
    table = model.table(query.entity)
    rest = _without(query.filter, lead.condition)
    where = where_clause(model, replace(query, filter=rest), binder)
    fts = lead.driver.fts
    joined = fts.join(table, table.c.id == fts.c.rowid)
    select_ = reader(model, query.entity).select(base=joined)
    return select_.where(where, lead.driver.match, lead.driver.like)


def _without(node: Node | None, condition: Condition) -> Node | None:
    if node is condition or node is None:
        return None
    if isinstance(node, Group):
        return Group(node.kind, tuple(item for item in node.items if item is not condition))
    return node


def run_groups(conn: Connection, model: AppModel, query: Query) -> list[dict[str, Any]]:
    """The groups of `query.group_by` with their counts and aggregates (see `groups`)."""
    if query.group_by is None:
        raise QueryError("run_groups needs a query with group_by")
    return groups(conn, model, query, where_clause(model, query))


def where_clause(
    model: AppModel, query: Query, binder: _Binder | None = None
) -> ColumnElement[bool]:
    """Which records a query is about: live (or trashed), matching its filter and q (with
    `binder`, condition values as named parameters)."""
    table = model.table(query.entity)
    deleted = table.c.deleted_at
    live = deleted.is_not(None) if query.trashed else deleted.is_(None)
    parts: list[ColumnElement[bool]] = [live]
    if query.filter is not None:
        parts.append(_sql(model, query.entity, query.filter, binder))
    if query.q:
        parts.append(search.matches(model, query.entity, query.q))
    return and_(*parts)


def _sql(
    model: AppModel, entity: str, node: Node, binder: _Binder | None = None
) -> ColumnElement[bool]:
    if isinstance(node, Group):
        parts = [_sql(model, entity, item, binder) for item in node.items]
        if node.kind == "and":
            return and_(true(), *parts)
        return or_(false(), *parts)
    if isinstance(node, Not):
        # NULL would make NOT (x) unknown: a record "not matching" x is one where x is not true
        return not_(func.coalesce(_sql(model, entity, node.item, binder), false()))
    return _condition_sql(model, entity, node, binder)


def _condition_sql(
    model: AppModel, entity: str, condition: Condition, binder: _Binder | None = None
) -> ColumnElement[bool]:
    path, operator = condition.path, OPERATORS[condition.op]
    value = condition.value if binder is None else binder(condition)
    if path.link is None:
        target = Target(model, entity, path.field, model.table(entity))
        return operator.build(target, value)
    linked = path.link["to"]
    inner = operator.build(Target(model, linked, path.field, model.table(linked)), value)
    return _through(model, entity, path.link, inner)


def _through(
    model: AppModel, entity: str, link: Field, inner: ColumnElement[bool]
) -> ColumnElement[bool]:
    """Records whose `link` points at a record meeting `inner` (one hop)."""
    table, target = model.table(entity), model.table(link["to"])
    matching = select(target.c.id).where(inner).correlate(None)
    if link["type"] == "link":
        return table.c[link["name"]].in_(matching)
    junction = model.junction(entity, link)
    live = matching.where(target.c.deleted_at.is_(None))
    return table.c.id.in_(select(junction.source).where(junction.target.in_(live)).correlate(None))


#: Field families a totals row adds up.
TOTALLED = ("integer", "numeric")


def run_totals(
    conn: Connection, model: AppModel, query: Query, names: Sequence[str]
) -> tuple[int, dict[str, Any]]:
    """How many records `query` selects and the sum of each number field in `names`, over every
    matching record (cursor and limit aside), in one statement: a list's totals row.

        run_totals(conn, model, query, ["amount"])   # (150, {"amount": Decimal("412000.5")})
    """
    table = model.table(query.entity)
    sums = []
    for name in names:
        f = model.field(query.entity, name)
        family = field_type(f["type"]).family
        if family not in TOTALLED:
            raise QueryError(f"cannot add up {name} ({f['type']}); totals are of number fields")
        sums.append(exact_sum(table.c[name], conn.dialect.name, decimal=family != "integer"))
    columns = [column for total in sums for column in total.columns]
    statement = select(func.count(), *columns).select_from(table)
    row = conn.execute(statement.where(where_clause(model, query))).one()
    values, at = {}, 1
    for name, total in zip(names, sums, strict=True):
        values[name] = total.value(row[at : at + len(total.columns)])
        at += len(total.columns)
    return int(row[0]), values
