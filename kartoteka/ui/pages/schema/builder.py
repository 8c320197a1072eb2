"""The schema builder's edits of the app definition: each returns a new document, never applies.

Every edit copies the current definition and changes one thing (add or replace an entity or a
field, move a field, remove one, put an item of the schema trash back). Entities and fields keep
their stable `id`, so that the schema engine's planner tells a rename from a delete and an add;
a rename also renames what refers to the old name (links pointing at an entity, an entity's
title field, its task fields and indexes). Nothing here touches the database: the routes plan the
new document with the engine and apply it only when the admin confirms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from kartoteka.platform.i18n import reader_label
from kartoteka.schema_engine.definition import Document, Entity, Field, clone
from kartoteka.schema_engine.store import TrashItem
from kartoteka.schema_engine.types import ConversionError, field_type, typed_moment
from kartoteka.ui.errors import PageError
from kartoteka.ui.fields import format_moment
from kartoteka.ui.i18n import gettext

#: Entity settings that name one of its fields.
FieldReference = Literal["title_field", "due_field", "done_field", "assignee_field"]
FIELD_REFERENCES: tuple[FieldReference, ...] = (
    "title_field", "due_field", "done_field", "assignee_field"
)


def entity_position(doc: Document, name: str) -> int:
    """The index of entity `name` in the document; a 404 page when there is none."""
    for i, entity in enumerate(doc["entities"]):
        if entity["name"] == name:
            return i
    raise PageError(404, gettext("Not found"), gettext(
        "There is no entity called “%(name)s”. The Schema page lists every entity.", name=name))


def field_position(entity: Entity, name: str) -> int:
    """The index of field `name` of `entity`; a 404 page when there is none."""
    for j, f in enumerate(entity["fields"]):
        if f["name"] == name:
            return j
    raise PageError(404, gettext("Not found"), gettext(
        "%(entity)s has no field called “%(name)s”.", entity=entity["name"], name=name))


def add_entity(doc: Document, entity: Entity) -> Document:
    new = clone(doc)
    new["entities"].append(clone(entity))
    return new


def replace_entity(doc: Document, name: str, entity: Entity) -> Document:
    """`entity` in the place of entity `name`; links to it follow a new name."""
    new = clone(doc)
    new["entities"][entity_position(doc, name)] = clone(entity)
    if entity["name"] != name:
        _retarget_links(new, name, entity["name"])
    return new


def remove_entity(doc: Document, name: str) -> Document:
    """Without entity `name` (the engine moves it to the schema trash with its records)."""
    new = clone(doc)
    del new["entities"][entity_position(doc, name)]
    return new


def add_field(doc: Document, entity_name: str, f: Field) -> Document:
    new = clone(doc)
    new["entities"][entity_position(doc, entity_name)]["fields"].append(clone(f))
    return new


def replace_field(doc: Document, entity_name: str, name: str, f: Field) -> Document:
    """`f` in the place of field `name`; the entity's references follow a new name."""
    new = clone(doc)
    entity = new["entities"][entity_position(doc, entity_name)]
    entity["fields"][field_position(entity, name)] = clone(f)
    if f["name"] != name:
        _rename_references(entity, name, f["name"])
        _rename_view_fields(new, entity_name, name, f["name"])
    return new


def remove_field(doc: Document, entity_name: str, name: str) -> Document:
    """Without the field (the engine moves it to the schema trash with its values)."""
    new = clone(doc)
    entity = new["entities"][entity_position(doc, entity_name)]
    del entity["fields"][field_position(entity, name)]
    return new


def move_field(doc: Document, entity_name: str, name: str, step: int) -> Document:
    """The field moved `step` places (-1: up, 1: down), staying within the list."""
    new = clone(doc)
    entity = new["entities"][entity_position(doc, entity_name)]
    fields = entity["fields"]
    j = field_position(entity, name)
    k = min(max(j + step, 0), len(fields) - 1)
    fields.insert(k, fields.pop(j))
    return new


def restore_item(doc: Document, item: TrashItem) -> Document:
    """The trashed entity or field back in the document, under its id: the engine restores it
    with its data. A field goes back to the end of its entity's fields."""
    new = clone(doc)
    if item.kind == "entity":
        new["entities"].append(clone(item.entity_definition))
        return new
    owner = next((e for e in new["entities"] if e["id"] == item.entity_id), None)
    if item.kind != "field" or owner is None:
        raise PageError(409, gettext("This cannot be restored"), gettext(
            "Only deleted entities and fields of existing entities can be restored from here; "
            "values cleared by a type change come back when the field takes their type again."))
    owner["fields"].append(clone(item.field_definition))
    return new


def restorable(item: TrashItem, doc: Document) -> bool:
    """Whether the builder offers to restore `item`: an entity, or a field of a live entity."""
    if item.kind == "entity":
        return True
    return item.kind == "field" and any(e["id"] == item.entity_id for e in doc["entities"])


def _retarget_links(doc: Document, old: str, new: str) -> None:
    """Links and shared views of entity `old` follow its new name."""
    for entity in doc["entities"]:
        for f in entity["fields"]:
            if f.get("to") == old:
                f["to"] = new
    for view in doc.get("views", []):
        if view.get("entity") == old:
            view["entity"] = new


def _rename_view_fields(doc: Document, entity: str, old: str, new: str) -> None:
    """Shared views of `entity` keep their columns and sort through a field's rename (their
    filters name fields too: the engine reports those, for the admin to change)."""
    for view in doc.get("views", []):
        if view.get("entity") != entity:
            continue
        if "columns" in view:
            view["columns"] = [new if c == old else c for c in view["columns"]]
        if "sort" in view:
            view["sort"] = [_renamed_sort(key, old, new) for key in view["sort"]]


def _renamed_sort(key: str, old: str, new: str) -> str:
    descending = key.startswith("-")
    return ("-" if descending else "") + new if key.lstrip("-") == old else key


def _rename_references(entity: Entity, old: str, new: str) -> None:
    for key in FIELD_REFERENCES:
        if entity.get(key) == old:
            entity[key] = new
    for index in entity.get("indexes", []):
        index["fields"] = [new if name == old else name for name in index["fields"]]


def option_summary(f: Field) -> list[str]:
    """The options of a select or stage field as people read them: 'Won (won, 100%)'."""
    won, lost = set(f.get("won", [])), set(f.get("lost", []))
    shown = []
    for option in f.get("options", []):
        value = option if isinstance(option, str) else option["value"]
        label = value if isinstance(option, str) else reader_label(option.get("label"), value)
        notes = [gettext("won")] if value in won else [gettext("lost")] if value in lost else []
        if isinstance(option, dict) and "probability" in option:
            notes.append(f"{option['probability']:g}%")
        shown.append(f"{label} ({', '.join(notes)})" if notes else str(label))
    return shown


def _default_shown(f: Field, value: Any) -> Any:
    """A datetime field's default moment in the admin's time zone, as moments are shown."""
    if field_type(f["type"]).family != "datetime" or str(value).startswith("$"):
        return value
    try:
        moment = typed_moment(str(value))
    except (ConversionError, ValueError):
        return value
    return format_moment(moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))


def field_settings(f: Field) -> list[str]:
    """A field's settings in words, for the entity page: required, unique, link target..."""
    settings: list[str] = []
    flags = (("required", gettext("required")), ("unique", gettext("unique")),
             ("hidden", gettext("hidden")))
    settings += [word for key, word in flags if f.get(key)]
    if f.get("indexed") is False:
        settings.append(gettext("not indexed"))
    if f.get("group_digits") is False:
        settings.append(gettext("digits not grouped"))
    if "summable" in f:
        settings.append(gettext("in totals") if f["summable"] else gettext("not in totals"))
    described: dict[str, Any] = {
        "to": lambda v: gettext("links to %(entity)s", entity=v),
        "inverse": lambda v: gettext("seen from there as %(name)s", name=v),
        "on_delete": lambda v: gettext("deleting the target: %(rule)s", rule=v),
        "currency": lambda v: gettext("in %(currency)s", currency=v),
        "prefix": lambda v: gettext("prefix %(prefix)s", prefix=v),
        "default": lambda v: gettext("default %(value)s", value=_default_shown(f, v)),
    }
    settings += [
        show(value) for key, show in described.items() if (value := f.get(key)) not in (None, "")
    ]
    return settings
