"""Record queries: the query-string and JSON forms, checked against the model.

    query = query_from_params(model, "deal", [("stage", "won"), ("amount__gt", "5000")])
    page = run_query(conn, model, query)        # Page(items, next_cursor, count)
    run_groups(conn, model, query_from_json(model, "deal", {"group_by": "stage"}))

A `Query` (`tree`) is plain data, checked when it is made: every field, operator and value is
resolved and parsed with the field's type here, so that a bad request is a `QueryError` naming
the valid choices before any SQL runs. `run` runs it; its names are importable from here too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from kartoteka.schema_engine.definition.filters import (
    MAX_DEPTH,
    Branch,
    FilterProblem,
    Leaf,
    Negation,
    Tree,
    parse_filter,
)
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.limits import DEFAULT as DEFAULT_LIMITS
from kartoteka.schema_engine.limits import Limits
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.names import QUERY_WORDS
from kartoteka.schema_engine.query import keyset
from kartoteka.schema_engine.query.operators import OPERATORS, operators_of
from kartoteka.schema_engine.query.run import (
    count_records,
    count_select,
    page_select,
    run_groups,
    run_query,
    run_totals,
    where_clause,
)
from kartoteka.schema_engine.query.tree import (
    DEFAULT_LIMIT,
    Condition,
    FieldPath,
    Group,
    Node,
    Not,
    Page,
    Query,
)
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.system_columns import SYSTEM
from kartoteka.schema_engine.types import (
    ConversionError,
    field_type,
    parse_boolean,
)

#: The names of `tree` and `run` stay importable from here, where they were first.
__all__ = [
    "DEFAULT_LIMIT",
    "MAX_DEPTH",
    "MAX_LIMIT",
    "OPERATORS",
    "Condition",
    "FieldPath",
    "Group",
    "Node",
    "Not",
    "Page",
    "Query",
    "count_records",
    "count_select",
    "filter_problems",
    "page_select",
    "query_from_json",
    "query_from_params",
    "run_groups",
    "run_query",
    "run_totals",
    "where_clause",
]

MAX_LIMIT = 500
#: Conditions a query has at most, unless the engine's limits say otherwise (`model.limits`
#: bounds them, the values of an `in` and the depth of a JSON filter, so that no request builds
#: an unbounded statement).
MAX_CONDITIONS = DEFAULT_LIMITS.conditions
#: Query-string words that are not filters (the rest are `field` or `field__op`): the words no
#: field may be named, so that a name never shadows one.
SETTINGS = QUERY_WORDS
JSON_KEYS = (*SETTINGS, "group_by", "aggregate")

#: Columns every record has, usable in filters and sorting after the declared fields.
SYSTEM_FIELDS: dict[str, Field] = {c.name: c.as_field() for c in SYSTEM if c.queried}


# ---------------------------------------------------------------- the two forms


def query_from_params(model: AppModel, entity: str, params: Sequence[tuple[str, str]]) -> Query:
    """The query of `GET /api/records/{entity}?stage=won&amount__gt=5000&sort=-amount`.

    Queries are kept per model by their parameters: a list asked for again (a page reloaded,
    a script polling) is not parsed again. Parsing depends on nothing else, and a Query is
    immutable."""
    found: Query = model.memo.queries.get_or_make(
        (entity, tuple(params)), lambda: _parse_params(model, entity, params))
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
        conditions.append(parser.filter(_json_filter(settings["filter"], model.limits)))
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
        filter=None if raw_filter is None else parser.filter(raw_filter),
        q=body.get("q"),
        sort=body.get("sort"),
        limit=body.get("limit"),
        cursor=body.get("cursor"),
        count=body.get("count"),
        trashed=body.get("trashed"),
        group_by=body.get("group_by"),
        aggregate=body.get("aggregate"),
    )


def filter_problems(model: AppModel, entity: str, data: Any) -> list[FilterProblem]:
    """Every problem of a JSON filter on `entity`, each at its path (`$.or[1]`): what
    `query_from_json` refuses, all at once (a rule's `if`, checked with the definition)."""
    return parse_filter(data, _Parser(model, entity)._condition_of, limits=model.limits).problems


def _split_key(key: str) -> tuple[str, str]:
    """'amount__gt' -> ('amount', 'gt'); 'client.city' -> ('client.city', 'eq')."""
    path, _, op = key.partition("__")
    return path, op or "eq"


def _json_filter(text: str, limits: Limits) -> Any:
    try:
        return json.loads(text)
    except RecursionError:  # nested deeper than Python's parser goes: far past any bound
        raise QueryError(f"filter groups nest at most {limits.filter_depth} deep") from None
    except ValueError:
        raise QueryError(
            'filter must be JSON, such as {"field": "stage", "op": "eq", "value": "won"}'
        ) from None


def _node(tree: Tree[Condition]) -> Node:
    """The query's node of a parsed filter."""
    if isinstance(tree, Branch):
        return Group(tree.kind, tuple(_node(item) for item in tree.items))
    if isinstance(tree, Negation):
        return Not(_node(tree.item))
    return tree


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
        self.limits = model.limits
        self.conditions = 0

    def query(self, **given: Any) -> Query:
        sort = keyset.sort_keys(self.model, self.entity, self._sort_fields(given["sort"]))
        cursor = _text_or_none(given["cursor"], "cursor")
        q = _text_or_none(given["q"], "q")
        if q is not None and q.strip() and not self.model.searchable(self.entity):
            raise QueryError(f"entity {self.entity!r} has no text fields for q to search")
        if q is not None:
            self._count_words(q)
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
        if not field_type(link["type"]).is_link:
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
        if self.conditions > self.limits.conditions:
            raise QueryError(f"a query has at most {self.limits.conditions} conditions; "
                             "this one has more")
        path = self.path(path_text)
        allowed = operators_of(path.field)
        if op not in allowed:
            raise QueryError(
                f"operator {op!r} does not apply to {path.name} ({path.field['type']}); "
                f"use one of: {', '.join(allowed)}"
            )
        return Condition(path, op, _value(path, op, raw, self.limits))

    def _count_words(self, q: str) -> None:
        """Each word of `q` is a condition (on every text field), counted with the others."""
        self.conditions += len(q.split(None, self.limits.conditions))
        if self.conditions > self.limits.conditions:
            raise QueryError(f"a query has at most {self.limits.conditions} conditions, each "
                             "word of q one of them; this one has more")

    def filter(self, data: Any) -> Node:
        """A JSON filter, read by the one walker of the grammar; its first problem is the
        QueryError."""
        parsed = parse_filter(data, self._condition_of, limits=self.limits)
        if parsed.problems or parsed.tree is None:
            raise QueryError(parsed.problems[0].message)
        return _node(parsed.tree)

    def _condition_of(self, leaf: Leaf) -> Condition:
        return self.condition(leaf.field, leaf.op, leaf.value)

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
        if field_type(f["type"]).many or raw in SYSTEM_FIELDS:
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
    allowed = field_type(f["type"]).aggregates
    if how not in allowed:
        choices = ", ".join(allowed) or "none: aggregate number fields"
        raise QueryError(f"cannot aggregate {f['name']} ({f['type']}) by {how!r}; use {choices}")
    return str(how)


# ---------------------------------------------------------------- values


def _value(path: FieldPath, op: str, raw: Any, limits: Limits) -> Any:
    """`raw` parsed for `op` on the field: a QueryError says what is wrong with it."""
    key = f"{path.name}__{op}"
    kind = OPERATORS[op].value
    try:
        if kind == "flag":
            return parse_boolean(raw, path.field)
        if kind == "many":
            return [_one(path.field, item, key) for item in _items(raw, key, limits)]
        if kind == "text":
            return _text(raw, key)
        if kind == "member":
            return _member(path.field, _present(raw, key))
        return _one(path.field, raw, key)
    except ConversionError as exc:
        raise QueryError(f"bad value for {key}: {exc}") from None


def _one(f: Field, raw: Any, key: str) -> Any:
    # A record or user as read: {"id": 5, "title": ...}
    record = isinstance(raw, dict) and field_type(f["type"]).is_reference
    if isinstance(raw, (list, dict)) and not record:
        raise QueryError(f"{key} takes one value, not {type(raw).__name__}; use __in for several")
    value = field_type(f["type"]).parse(_present(raw, key), f)
    if isinstance(value, Decimal) and abs(value.adjusted()) > 100:
        raise ConversionError(f"{raw!r} is out of range")
    return value


def _items(raw: Any, key: str, limits: Limits) -> list[Any]:
    items = raw.split(",", limits.in_values) if isinstance(raw, str) else raw
    if isinstance(items, list) and len(items) > limits.in_values:
        raise QueryError(f"{key} takes at most {limits.in_values} values")
    if isinstance(raw, str):
        items = [i.strip() for i in items]
    if not isinstance(items, list) or not items or any(i in ("", None) for i in items):
        raise QueryError(f"{key} takes a list of values, such as won,lost")
    return items


def _text(raw: Any, key: str) -> str:
    if isinstance(raw, (list, dict, bool)) or raw is None:
        raise QueryError(f"{key} takes text")
    return _no_nul(str(_present(raw, key)), key)


def _member(f: Field, raw: Any) -> Any:
    kind = field_type(f["type"])
    return (kind.parse_item or kind.parse)(raw, f)


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
