"""What the UI calls an entity, a field and a record: the labels every page shows."""

from __future__ import annotations

from typing import Any

from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.model import AppModel
from kartoteka.ui.i18n import gettext


def entity_label(model: AppModel, entity: str, plural: bool = False) -> str:
    """'Deals' (plural) or 'Deal', falling back to the entity's name."""
    declared = model.entity(entity)
    return str(declared.get("plural" if plural else "label") or declared.get("label")
               or declared["name"])


def entity_noun(model: AppModel, entity: str) -> str:
    """The entity's label inside a sentence: 'deal' ("VIP client" keeps its capitals)."""
    label = entity_label(model, entity)
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def new_label(model: AppModel, entity: str) -> str:
    """'New deal': the button that creates a record, in words of the entity's label."""
    return gettext("New %(entity)s", entity=entity_noun(model, entity))


def field_label(f: Field) -> str:
    return str(f.get("label") or f["name"])


def record_title(model: AppModel, entity: str, record: dict[str, Any]) -> str:
    """What names a record: its title field's value, else 'Deal #12'."""
    title = model.title_field(entity)
    value = record.get(title) if title else None
    if value in (None, ""):
        return gettext("%(entity)s #%(id)s", entity=entity_label(model, entity), id=record["id"])
    if isinstance(value, dict):
        return str(value.get("title") or value["id"])
    return str(value)
