"""What is worked out once per app model and kept with it: every slot, its size, in one place.

An `AppModel` never changes once built, so what is derived from it (readers, writers, parsed
queries, statements) can be kept as long as the model lives; a new schema version gets a new model
and so a fresh memo, and nothing kept can outlive the definition it was made from. Each slot is
named here with who fills it and how many entries it holds at most; a full slot starts again
rather than grow without end (many different lists, many shapes), which costs one rebuild of
each entry in use instead of the bookkeeping of a least-recently-used order on every read.

Values are typed `Any` here because the types that fill the slots live in modules that import
this one (records, query); each filler reads its slot into a variable of its own type.

    found: RecordReader = model.memo.readers.get_or_make(entity, lambda: RecordReader(...))
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)

#: Parsed queries, statements and plans kept per model, each: a list asking the same things
#: with other values reuses a statement, and SQLAlchemy keeps its compiled form by the
#: statement's cache key, computed once per statement (building a statement and its key took
#: 190 µs of a 50-record page's 570).
QUERIES_KEPT = 256
#: Values the platform derives from the definition once (automation rules, task entities):
#: one per deriving function, so a handful; the bound only guards against a mistake.
DERIVED_KEPT = 32


class Kept(Generic[K]):
    """At most `size` values by key; once full, emptied before the next value is kept."""

    def __init__(self, name: str, size: int) -> None:
        self.name = name
        self.size = size
        self._values: dict[K, Any] = {}

    def get(self, key: K) -> Any:
        """The value kept for `key`, or None."""
        return self._values.get(key)

    def put(self, key: K, value: Any) -> None:
        if len(self._values) >= self.size:
            self._values.clear()
        self._values[key] = value

    def get_or_make(self, key: K, make: Callable[[], Any]) -> Any:
        """The value kept for `key`, made (and kept) the first time. Two threads asking at once
        may both make it: values are pure functions of the model, so either one will do."""
        found = self._values.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"<kept {self.name}: {len(self)} of {self.size}>"


class ModelMemo:
    """Every cache of one app model."""

    def __init__(self, entities: int) -> None:
        # An entity's reader and writer hold its statements and shapers: one each per entity
        # of the definition (unknown names are refused before anything is kept), so these two
        # are never emptied.
        per_entity = max(entities, 1)
        #: records.serialize.RecordReader by entity name.
        self.readers: Kept[str] = Kept("readers", per_entity)
        #: records.values.EntityWriter by entity name.
        self.writers: Kept[str] = Kept("writers", per_entity)
        #: query.parse: a Query by (entity, query-string pairs): a page reloaded or polled is
        #: not parsed again.
        self.queries: Kept[Hashable] = Kept("queries", QUERIES_KEPT)
        #: query.parse: a statement with named parameters by (kind, query shape).
        self.plans: Kept[Hashable] = Kept("plans", QUERIES_KEPT)
        #: query.parse: (query, plan with its values) by (kind, id(query)): a kept
        #: query asked again finds its plan without working out its shape.
        self.plans_by_query: Kept[Hashable] = Kept("plans_by_query", QUERIES_KEPT)
        #: Values other layers derive from the model, by the function deriving them
        #: (`derived`): the platform's automation rules and task entities.
        self.derived: Kept[Callable[..., Any]] = Kept("derived", DERIVED_KEPT)

    def slots(self) -> list[Kept[Any]]:
        """Every slot, for a look at what is kept (`repr` gives name, entries and size)."""
        return [value for value in vars(self).values() if isinstance(value, Kept)]
