"""What the UI calls an entity, a field and a record: the labels every page shows."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.languages import Label
from kartoteka.schema_engine.model import AppModel
from kartoteka.ui.i18n import gettext, label


def entity_label(model: AppModel, entity: str, plural: bool = False) -> str:
    """'Deals' (plural) or 'Deal', falling back to the entity's name."""
    declared = model.entity(entity)
    return label(declared.get("plural") if plural else None) or label(
        declared.get("label"), declared["name"])


def entity_noun(model: AppModel, entity: str) -> str:
    """The entity's label inside a sentence: 'deal' ("VIP client" keeps its capitals)."""
    label = entity_label(model, entity)
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def new_label(model: AppModel, entity: str) -> str:
    """'New deal': the button that creates a record, in words of the entity's label."""
    return gettext("New %(entity)s", entity=entity_noun(model, entity))


def field_label(f: Field) -> str:
    return label(f.get("label"), f["name"])


def label_input(value: Any) -> str:
    """A label as one input shows it: its text, or a map by language as JSON."""
    if isinstance(value, Mapping):
        return json.dumps(dict(value), ensure_ascii=False)
    return "" if value is None else str(value)


def label_from_input(text: str) -> Label:
    """What one label input means: a JSON object (`{"en": "Deal", "ru": "Сделка"}`) is a map
    by language; anything else is the text itself (the definition's rules check either)."""
    text = text.strip()
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError:
            return text
        if isinstance(parsed, dict):
            return parsed
    return text


def record_title(model: AppModel, entity: str, record: dict[str, Any]) -> str:
    """What names a record: its title field's value, else 'Deal #12'."""
    title = model.title_field(entity)
    value = record.get(title) if title else None
    if value in (None, ""):
        return gettext("%(entity)s #%(id)s", entity=entity_label(model, entity), id=record["id"])
    if isinstance(value, dict):
        return str(value.get("title") or value["id"])
    return str(value)
