"""The app definition as plain data: the types of its parts and helpers that read them.

This is the bottom of the schema engine: tables, the store, models, records, search and queries
read definitions through it, while `definition` (the JSON Schema and the semantic rules) sits
above them, since checking a rule's filter needs the query parser and a model. Everything here
is re-exported by `kartoteka.schema_engine.definition`, where code outside the engine finds it.
"""

from __future__ import annotations

import copy
import json
from typing import Any

Document = dict[str, Any]
Entity = dict[str, Any]
Field = dict[str, Any]


def empty_definition() -> Document:
    return {"entities": []}


def canonical(doc: Document) -> str:
    """A stable text form of a document, to tell whether two documents are the same."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def clone(doc: Document) -> Document:
    return copy.deepcopy(doc)


def entity_by_name(doc: Document, name: str) -> Entity | None:
    return next((e for e in doc["entities"] if e["name"] == name), None)


def field_by_name(entity: Entity, name: str) -> Field | None:
    return next((f for f in entity["fields"] if f["name"] == name), None)
