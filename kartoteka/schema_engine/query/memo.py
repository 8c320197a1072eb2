"""What a model keeps of its queries: parsed queries (`parse`) and statements (`run`)."""

from __future__ import annotations

from typing import Any

from kartoteka.schema_engine.model import AppModel

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
