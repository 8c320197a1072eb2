"""The filter builder's state and how it travels: the list's URL, the builder's form, a view.

A filter as the builder shows it is conditions under "all" or "any", plus groups of conditions
each with its own "all" or "any" (one level, as CRMs offer): "stage is won OR amount is greater
than 5000", "(stage is won or lost) and owner is me". Values stay the text people typed; the
schema engine checks and parses them when the list runs (`query_from_params`), so the list and
the API accept the same filters and give the same errors.

In the URL (as the API reads it), conditions that must all hold are plain `field__op=value`
pairs, and anything with "any" goes in `filter=` as the API's JSON form:

    stage=won&amount__gt=5000                       -> all of two conditions
    filter={"or": [{"field": "stage", "op": "eq", "value": "won"}, ...]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kartoteka.schema_engine.query import SETTINGS, Branch, Leaf, Tree, parse_filter
from kartoteka.ui.digits import is_digits

#: How conditions combine: every one must hold, or any one.
ALL, ANY = "all", "any"
#: The builder's "is not empty": the engine's `empty` with the value false.
NOT_EMPTY = "not_empty"
#: Query-string words of the list page itself, never passed to the engine.
UI_PARAMS = frozenset({"columns", "view", "totals", "select", "done", "bulk"})
#: Conditions a builder holds at most (the engine takes 100 in a query).
MAX_ROWS = 50

Params = list[tuple[str, str]]


@dataclass(frozen=True)
class Row:
    """One condition as typed: a field path (`amount`, `client.city`), a builder operator and
    the value's text."""

    path: str = ""
    op: str = ""
    value: str = ""

    @property
    def blank(self) -> bool:
        return not self.path


@dataclass(frozen=True)
class Block:
    """A group of conditions with its own "all" or "any"."""

    match: str = ALL
    rows: tuple[Row, ...] = ()


@dataclass(frozen=True)
class Builder:
    """A whole filter: conditions and groups under `match`. `exact` is False when the URL's
    filter says more than the builder can show (a "not", groups inside groups)."""

    match: str = ALL
    rows: tuple[Row, ...] = ()
    groups: tuple[Block, ...] = ()
    exact: bool = True

    @property
    def empty(self) -> bool:
        return not self.rows and not self.groups

    def without_blanks(self) -> Builder:
        """The conditions that name a field; groups left without any are dropped."""
        groups = tuple(replace(g, rows=_named(g.rows)) for g in self.groups)
        return replace(self, rows=_named(self.rows), groups=tuple(g for g in groups if g.rows))


def _named(rows: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(r for r in rows if not r.blank)


# ---------------------------------------------------------------- engine operators <-> builder


def builder_op(op: str, value: Any) -> str:
    """The builder's operator for the engine's (`empty` with false is "is not empty")."""
    if op == "empty" and _text(value).strip().casefold() in ("false", "no", "0"):
        return NOT_EMPTY
    return op


def engine_condition(row: Row) -> tuple[str, str]:
    """(engine operator, value) of a builder row."""
    if row.op == NOT_EMPTY:
        return "empty", "false"
    if row.op == "empty":
        return "empty", "true"
    return row.op or "eq", row.value


# ---------------------------------------------------------------- the URL


def filter_params(params: Sequence[tuple[str, str]]) -> Params:
    """The query string's filter pairs: everything but settings and the page's own words."""
    return [(k, v) for k, v in params if (k not in SETTINGS and k not in UI_PARAMS)
            or k == "filter"]


def from_params(params: Sequence[tuple[str, str]]) -> Builder:
    """The builder of a list's URL (values unchecked: the engine checks them)."""
    rows: list[Row] = []
    raw_filter = None
    for key, value in filter_params(params):
        if key == "filter":
            raw_filter = value
            continue
        path, _, op = key.partition("__")
        rows.append(_row(path, builder_op(op or "eq", value), value))
    if raw_filter is None:
        return Builder(rows=tuple(rows))
    try:
        node = json.loads(raw_filter)
    except ValueError:
        return Builder(rows=tuple(rows), exact=False)
    if not rows:
        return from_json(node)
    extra = from_json(node)
    groups = [Block(extra.match, extra.rows)] if extra.rows else []
    return Builder(ALL, tuple(rows), (*groups, *extra.groups), extra.exact)


def to_params(builder: Builder) -> Params:
    """The URL pairs of a builder: plain pairs for "all", `filter=` JSON as soon as "any"
    comes in."""
    builder = builder.without_blanks()
    if builder.match == ANY and len(builder.rows) + len(builder.groups) > 1:
        return [("filter", _dumps(to_json(builder)))]
    plain = [_pair(row) for row in builder.rows]
    groups = [_block_json(g) for g in builder.groups]
    if builder.match == ANY and groups:  # "any" of one group is that group
        plain = []
    if not groups:
        return plain
    node = groups[0] if len(groups) == 1 else {"and": groups}
    return [*plain, ("filter", _dumps(node))]


def _pair(row: Row) -> tuple[str, str]:
    op, value = engine_condition(row)
    return (row.path if op == "eq" else f"{row.path}__{op}"), value


def _dumps(node: Any) -> str:
    return json.dumps(node, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- the API's JSON form


def to_json(builder: Builder) -> dict[str, Any] | None:
    """The API's JSON filter of a builder (None when it has no condition)."""
    builder = builder.without_blanks()
    items = [*(_condition_json(r) for r in builder.rows),
             *(_block_json(g) for g in builder.groups)]
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return {"or" if builder.match == ANY else "and": items}


def _block_json(block: Block) -> dict[str, Any]:
    items = [_condition_json(r) for r in block.rows]
    return items[0] if len(items) == 1 else {"or" if block.match == ANY else "and": items}


def _condition_json(row: Row) -> dict[str, Any]:
    op, value = engine_condition(row)
    return {"field": row.path, "op": op, "value": value}


def from_json(node: Any) -> Builder:
    """The builder of a JSON filter as the engine's grammar reads it (`parse_filter`); what
    the builder cannot show (a "not", groups inside groups, a part that does not read) makes it
    inexact and is left out."""
    if node is None:
        return Builder()
    parsed = parse_filter(node)
    exact = not parsed.problems
    tree = parsed.tree
    if isinstance(tree, Leaf):
        return Builder(rows=(_row_of(tree),), exact=exact)
    if not isinstance(tree, Branch):
        return Builder(exact=False)
    rows: list[Row] = []
    groups: list[Block] = []
    for item in tree.items:
        if isinstance(item, Leaf):
            rows.append(_row_of(item))
        elif (block := _block_of(item)) is not None:
            groups.append(block)
        else:
            exact = False
    return Builder(_kind(tree), tuple(rows), tuple(groups), exact)


def _kind(tree: Branch[Leaf]) -> str:
    return ANY if tree.kind == "or" else ALL


def _block_of(tree: Tree[Leaf]) -> Block | None:
    """A group of conditions only (one level, as the builder shows them)."""
    if not isinstance(tree, Branch) or not tree.items:
        return None
    rows = [_row_of(item) for item in tree.items if isinstance(item, Leaf)]
    return Block(_kind(tree), tuple(rows)) if len(rows) == len(tree.items) else None


def _row_of(leaf: Leaf) -> Row:
    return _row(leaf.field, builder_op(leaf.op, leaf.value), _text(leaf.value))


def _row(path: str, op: str, value: str) -> Row:
    """A row as typed; "is empty" and "is not empty" hold no value."""
    return Row(path, op, "" if op in ("empty", NOT_EMPTY) else value)


def _text(value: Any) -> str:
    """A JSON value as the text of an input."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    if isinstance(value, Mapping) and "id" in value:
        return _text(value["id"])
    return str(value)


# ---------------------------------------------------------------- the builder's form


@dataclass(frozen=True)
class FormChange:
    """What a builder form asks besides its state: a row or group to add, a row to remove."""

    add: str | None = None
    remove: int | None = None
    apply: bool = False


@dataclass(frozen=True)
class _Slot:
    row: Row
    group: int


@dataclass
class _Collected:
    slots: dict[int, dict[str, str]] = field(default_factory=dict)
    matches: dict[int, str] = field(default_factory=dict)


def from_form(form: Sequence[tuple[str, str]]) -> tuple[Builder, FormChange]:
    """The builder a form holds (`match`, `g1.match`, `c0.field`, `c0.op`, `c0.value`,
    `c0.group`) and what its button asked (`add`, `drop`, `apply`), applied."""
    collected = _Collected()
    change = FormChange()
    for key, value in form:
        change = _read_pair(key, value, collected, change)
    slots = [_slot(collected.slots[i]) for i in sorted(collected.slots)]
    top = tuple(s.row for s in slots if s.group == 0)
    groups = [
        Block(_match(collected.matches.get(g)), tuple(s.row for s in slots if s.group == g))
        for g in sorted({s.group for s in slots if s.group > 0} | set(collected.matches) - {0})
    ]
    builder = Builder(_match(collected.matches.get(0)), top, tuple(groups))
    return _changed(builder, change), change


def _read_pair(key: str, value: str, collected: _Collected, change: FormChange) -> FormChange:
    if key == "match":
        collected.matches[0] = value
    elif key == "add":
        return replace(change, add=value)
    elif key == "drop" and is_digits(value):
        return replace(change, remove=int(value))
    elif key == "apply":
        return replace(change, apply=True)
    elif key.startswith("g") and key.endswith(".match") and is_digits(key[1:-6]):
        collected.matches[int(key[1:-6])] = value
    elif key.startswith("c") and "." in key:
        number, _, part = key[1:].partition(".")
        if is_digits(number) and int(number) < MAX_ROWS * 2 and part in _PARTS:
            collected.slots.setdefault(int(number), {})[part] = value
    return change


_PARTS = ("field", "op", "value", "group")


def _slot(parts: Mapping[str, str]) -> _Slot:
    group = parts.get("group", "0")
    return _Slot(Row(parts.get("field", ""), parts.get("op", ""), parts.get("value", "")),
                 int(group) if is_digits(group) else 0)


def _match(value: str | None) -> str:
    return ANY if value == ANY else ALL


def _changed(builder: Builder, change: FormChange) -> Builder:
    """`builder` with the row the form removed gone and the row or group it added there."""
    if change.remove is not None:
        builder = _removed(builder, change.remove)
    if change.add == "group":
        return replace(builder, groups=(*builder.groups, Block(ALL, (Row(),))))
    if change.add and change.add.startswith("g") and is_digits(change.add[1:]):
        return _added_to_group(builder, int(change.add[1:]))
    if change.add:
        return replace(builder, rows=(*builder.rows, Row()))
    return builder


def _removed(builder: Builder, number: int) -> Builder:
    """Without the `number`th row, counting top rows first, then each group's (as numbered)."""
    rows = list(builder.rows)
    if number < len(rows):
        del rows[number]
        return replace(builder, rows=tuple(rows))
    number -= len(rows)
    groups = []
    for group in builder.groups:
        kept = list(group.rows)
        if 0 <= number < len(kept):
            del kept[number]
        number -= len(group.rows)
        if kept:
            groups.append(replace(group, rows=tuple(kept)))
    return replace(builder, groups=tuple(groups))


def _added_to_group(builder: Builder, number: int) -> Builder:
    groups = list(builder.groups)
    if 1 <= number <= len(groups):
        group = groups[number - 1]
        groups[number - 1] = replace(group, rows=(*group.rows, Row()))
    return replace(builder, groups=tuple(groups))
