"""What a query is: plain data, checked when it is made (`parse`) and run as it is (`run`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kartoteka.schema_engine.languages import label_text
from kartoteka.schema_engine.query import keyset
from kartoteka.schema_engine.query.operators import OPERATORS
from kartoteka.schema_engine.shapes import Field

DEFAULT_LIMIT = 50


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
        """In English (else any language the label has): the engine's descriptions are
        English; pages show their own labels (ui/pages/list/sentences.py)."""
        own = label_text(self.field.get("label"), "en") or str(self.field["name"])
        if self.link is None:
            return own
        return f"{label_text(self.link.get('label'), 'en') or self.link['name']} {own}"


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
