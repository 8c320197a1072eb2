"""The JSON filter grammar, read in one place: the records API, shared views, automation `if`
and the UI's filter builder all walk a filter through `parse_filter`.

    {"or": [{"field": "stage", "op": "eq", "value": "won"},
            {"not": {"field": "amount", "op": "lt", "value": 5000}}]}

A filter is a condition `{"field", "op"?, "value"}` (`op` defaults to `eq`), or a group
`{"and": [...]}`, `{"or": [...]}` (at least one item) or `{"not": {...}}`. Its size is bounded
(`limits.Limits`: groups nest at most `filter_depth` deep, a filter has at most `conditions`
conditions and a list value at most `in_values` items), so that no filter builds an unbounded
statement; every reader gets the bounds here. `parse_filter` gives the tree and every problem,
each at its JSON path, in document order. What a condition means (its field, its operator, its
value) depends on who reads it: a `check` turns each well-formed condition into the reader's
own and raises a `QueryError` (a `ConditionError` to name the key at fault) for a condition it
refuses.

The grammar lives beside the definition, not in `query`: the definition's rules check views
with it, and `query` builds on the definition, not the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeVar, Union, overload

from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.limits import DEFAULT as DEFAULT_LIMITS
from kartoteka.schema_engine.limits import Limits

#: How deep groups nest at most, unless the engine's limits say otherwise.
MAX_DEPTH = DEFAULT_LIMITS.filter_depth
GROUPS = ("and", "or", "not")
CONDITION_KEYS = ("field", "op", "value")

C = TypeVar("C")


@dataclass(frozen=True)
class Leaf:
    """A well-formed condition as written, at its JSON path (`$.or[1]`)."""

    field: str
    op: str
    value: Any
    at: str


@dataclass(frozen=True)
class Branch(Generic[C]):
    """All (`and`) or any (`or`) of its items; an item that could not be read is left out."""

    kind: str
    items: tuple[Tree[C], ...]
    at: str


@dataclass(frozen=True)
class Negation(Generic[C]):
    item: Tree[C]
    at: str


#: A parsed filter whose conditions are `C` (a `Leaf` unless a check made them its own).
Tree: TypeAlias = Union[C, Branch[C], Negation[C]]  # noqa: UP007 (a generic alias needs Union)


@dataclass(frozen=True)
class FilterProblem:
    """What is wrong at `at`, a JSON path relative to the filter (`$`, `$.or[0].op`)."""

    at: str
    message: str


class ConditionError(QueryError):
    """A check's refusal of a condition, naming the key at fault ("field", "op", "value")."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass
class ParsedFilter(Generic[C]):
    """The tree (None when the filter itself cannot be read) and every problem found."""

    tree: Tree[C] | None = None
    problems: list[FilterProblem] = field(default_factory=list)


def _as_leaf(leaf: Leaf) -> Leaf:
    return leaf


@overload
def parse_filter(data: Any, check: None = None, at: str = "$",
                 limits: Limits = DEFAULT_LIMITS) -> ParsedFilter[Leaf]: ...


@overload
def parse_filter(data: Any, check: Callable[[Leaf], C], at: str = "$",
                 limits: Limits = DEFAULT_LIMITS) -> ParsedFilter[C]: ...


def parse_filter(data: Any, check: Callable[[Leaf], Any] | None = None,
                 at: str = "$", limits: Limits = DEFAULT_LIMITS) -> ParsedFilter[Any]:
    """`data` as a tree of `check`'s conditions (the `Leaf`s themselves without one), with
    every problem at its path; past one of `limits`, the walk stops at the first bound."""
    walker: _Walker[Any] = _Walker(check or _as_leaf, limits)
    try:
        tree = walker.node(data, at, 0)
    except _TooLarge:
        return ParsedFilter(None, walker.problems)
    return ParsedFilter(tree, walker.problems)


class _TooLarge(Exception):
    """The filter went past a bound: what follows is not read (it may be very large)."""


class _Walker(Generic[C]):
    def __init__(self, check: Callable[[Leaf], C], limits: Limits) -> None:
        self.check = check
        self.limits = limits
        self.conditions = 0
        self.problems: list[FilterProblem] = []

    def refuse(self, at: str, message: str) -> None:
        self.problems.append(FilterProblem(at, message))

    def too_large(self, at: str, message: str) -> _TooLarge:
        self.refuse(at, message)
        return _TooLarge()

    def node(self, data: Any, at: str, depth: int) -> Tree[C] | None:
        if depth > self.limits.filter_depth:
            raise self.too_large(at, f"filter groups nest at most {self.limits.filter_depth} "
                                     "deep")
        if not isinstance(data, Mapping):
            self.refuse(at, 'a filter is an object: {"field": ..., "op": ..., "value": ...}, '
                            '{"and": [...]}, {"or": [...]} or {"not": {...}}')
            return None
        kind = next((k for k in GROUPS if k in data), None)
        if kind is None:
            return self.leaf(data, at)
        return self.group(kind, data, at, depth)

    def group(self, kind: str, data: Mapping[str, Any], at: str, depth: int) -> Tree[C] | None:
        if len(data) != 1:
            others = ", ".join(sorted(str(k) for k in data if k != kind))
            self.refuse(at, f"a {kind!r} group takes nothing else (found: {others})")
            return None
        items = data[kind]
        if kind == "not":
            item = self.node(items, f"{at}.not", depth + 1)
            return None if item is None else Negation(item, at)
        if not isinstance(items, list):
            self.refuse(f"{at}.{kind}", f"{kind!r} takes a list of conditions")
            return None
        if kind == "or" and not items:
            self.refuse(f"{at}.or", "an 'or' group needs at least one condition")
            return None
        read = [self.node(item, f"{at}.{kind}[{k}]", depth + 1) for k, item in enumerate(items)]
        return Branch(kind, tuple(item for item in read if item is not None), at)

    def leaf(self, data: Mapping[str, Any], at: str) -> C | None:
        self.conditions += 1
        if self.conditions > self.limits.conditions:
            raise self.too_large(at, f"a filter has at most {self.limits.conditions} "
                                     "conditions; this one has more")
        value = data.get("value")
        if isinstance(value, list) and len(value) > self.limits.in_values:
            raise self.too_large(f"{at}.value", f"a condition takes at most "
                                 f"{self.limits.in_values} values; this one has {len(value)}")
        unknown = sorted(str(k) for k in data if k not in CONDITION_KEYS)
        if unknown or not isinstance(data.get("field"), str):
            self.refuse(at, 'a condition is {"field": "amount", "op": "gt", "value": 5000}'
                        + (f"; unknown key {unknown[0]!r}" if unknown else "; field is missing"))
            return None
        op = data.get("op", "eq")
        if not isinstance(op, str):
            self.refuse(f"{at}.op", f"op must be an operator name, not {op!r}")
            return None
        if "value" not in data:
            self.refuse(at, f"the condition on {data['field']} has no value")
            return None
        try:
            return self.check(Leaf(data["field"], op, data["value"], at))
        except ConditionError as exc:
            self.refuse(f"{at}.{exc.key}" if exc.key else at, str(exc))
        except QueryError as exc:
            self.refuse(at, str(exc))
        return None
