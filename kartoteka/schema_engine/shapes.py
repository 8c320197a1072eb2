"""The app definition as plain data: the types of its parts and helpers that read them.

This is the bottom of the schema engine: tables, the store, models, records, search and queries
read definitions through it, while `definition` (the JSON Schema and the semantic rules) sits
above them, since checking a rule's filter needs the query parser and a model. Everything here
is re-exported by `kartoteka.schema_engine.definition`, where code outside the engine finds it.

The types are TypedDicts: what a document that passed `check_definition` holds. They mirror
`definition/definition.schema.json` (the JSON Schema stays the one judge of a document: these
types only say what code may rely on once a document is accepted). A key the schema does not
require is `NotRequired`: read it with `.get()`. The rules in `definition/rules.py` read
documents that may be malformed, so they keep reading plain `dict[str, Any]`.

    def title_of(entity: Entity) -> str:
        return entity.get("title_field") or entity["fields"][0]["name"]
"""

# No `from __future__ import annotations`: TypedDict tells NotRequired keys from evaluated
# annotations only (`__required_keys__`, which the tests compare with the JSON Schema).
import copy
import json
from typing import Any, Literal, NotRequired, TypedDict, TypeVar, get_args

from kartoteka.schema_engine.languages import Label, Language

#: The name of a field type: a key of `types.FIELD_TYPES` (a test keeps the two equal).
FieldTypeName = Literal[
    "text",
    "long_text",
    "email",
    "phone",
    "url",
    "integer",
    "decimal",
    "money",
    "percent",
    "boolean",
    "date",
    "datetime",
    "select",
    "stage",
    "multi_select",
    "link",
    "links",
    "user",
    "autonumber",
    "file",
]
FIELD_TYPE_NAMES: tuple[FieldTypeName, ...] = get_args(FieldTypeName)

#: The filter of a view or of a rule's `if`: the records API's JSON filter
#: (`{"field": "amount", "op": "gt", "value": 5000}`, `{"and": [...]}`); its one parser checks it.
Filter = dict[str, Any]

#: A field's `default`: a value of its type, or a marker such as "$me", "$now", "$today".
DefaultValue = str | int | float | bool | list[Any] | None


class OptionObject(TypedDict):
    """An option of a select, multi_select or stage field written as an object."""

    value: str
    label: NotRequired[Label]
    color: NotRequired[str]
    #: Stages only: the chance, in percent, that a deal at this stage is won.
    probability: NotRequired[float]


#: An option is its value alone ("lead") or an object with a label, a colour...
Option = str | OptionObject


class Field(TypedDict):
    """A field of an entity; the keys after `default` apply to some types only."""

    #: Stable across renames; assigned by the server when missing.
    id: NotRequired[str]
    name: str
    type: FieldTypeName
    label: NotRequired[Label]
    description: NotRequired[str]
    required: NotRequired[bool]
    unique: NotRequired[bool]
    indexed: NotRequired[bool]
    hidden: NotRequired[bool]
    default: NotRequired[DefaultValue]
    options: NotRequired[list[Option]]
    won: NotRequired[list[str]]
    lost: NotRequired[list[str]]
    to: NotRequired[str]
    inverse: NotRequired[str]
    on_delete: NotRequired[Literal["restrict", "cascade"]]
    currency: NotRequired[str]
    prefix: NotRequired[str]
    #: Integers only: false shows 2019, not 2,019 (years, codes) and keeps it out of totals.
    group_digits: NotRequired[bool]
    #: Numbers only: whether totals add it up (default: money, decimal, grouped integers).
    summable: NotRequired[bool]


class Index(TypedDict):
    """A composite index of an entity: its columns, in order."""

    fields: list[str]


class Entity(TypedDict):
    """An entity: one table, its fields in display order, and what the platform reads of it."""

    id: NotRequired[str]
    name: str
    label: NotRequired[Label]
    plural: NotRequired[Label]
    description: NotRequired[str]
    icon: NotRequired[str]
    title_field: NotRequired[str]
    timeline: NotRequired[bool]
    #: `"task"` feeds `/tasks`; the three `*_field` keys then name the fields it reads.
    role: NotRequired[Literal["task"]]
    due_field: NotRequired[str]
    done_field: NotRequired[str]
    assignee_field: NotRequired[str]
    fields: list[Field]
    indexes: NotRequired[list[Index]]


class View(TypedDict, total=False):
    """A shared view of a list (personal views are user data, not part of the definition)."""

    id: str
    #: Its name as readers see it: a string or a map by language, like a label.
    name: Label
    entity: str
    columns: list[str]
    filter: Filter
    sort: list[str]


EventName = Literal[
    "created", "updated", "field_changed", "stage_entered", "date_reached", "button"
]
ActionName = Literal["create_record", "set_field", "render_document", "webhook"]


class AutomationWhen(TypedDict):
    """The event of a rule; `field`, `value`, `offset`, `label` as the event needs them."""

    event: EventName
    field: NotRequired[str]
    value: NotRequired[str]
    offset: NotRequired[str]
    label: NotRequired[Label]


class AutomationAction(TypedDict):
    """One step of a rule's `do`; which keys it has depends on `action`."""

    action: ActionName
    entity: NotRequired[str]
    values: NotRequired[dict[str, Any]]
    field: NotRequired[str]
    value: NotRequired[Any]
    template: NotRequired[str]
    url: NotRequired[str]
    #: The name of a stored secret, never the secret itself.
    secret: NotRequired[str]


# A rule: when an event happens to a record of `entity` (and it matches `if`), do the actions.
# The functional form, since `if` is a Python keyword.
Automation = TypedDict(
    "Automation",
    {
        # Buttons and queued jobs address a rule by its name: one plain string.
        "name": NotRequired[str],
        "label": NotRequired[Label],
        "entity": str,
        "when": AutomationWhen,
        "if": NotRequired[Filter],
        "do": list[AutomationAction],
        "enabled": NotRequired[bool],
    },
)


class DocumentTemplate(TypedDict):
    """A document generated from a record: `template` is HTML with Jinja."""

    name: str
    label: NotRequired[Label]
    entity: str
    filename: NotRequired[str]
    template: str


#: A role: permissions per entity and field (its shape is the permissions' to define).
Role = dict[str, Any]


class Document(TypedDict):
    """The app definition: entities, and the optional shared views, rules, templates, roles."""

    entities: list[Entity]
    views: NotRequired[list[View]]
    automations: NotRequired[list[Automation]]
    documents: NotRequired[list[DocumentTemplate]]
    roles: NotRequired[list[Role]]
    #: Its default language, and the languages it offers (schema_engine/languages.py).
    language: NotRequired[Language]
    languages: NotRequired[list[Language]]


# ---------------------------------------------------------------- helpers on documents


def empty_definition() -> Document:
    return {"entities": []}


def canonical(doc: Document) -> str:
    """A stable text form of a document, to tell whether two documents are the same."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


_Part = TypeVar("_Part")


def clone(doc: _Part) -> _Part:
    """A deep copy of a document, or of an entity, a field... of one."""
    return copy.deepcopy(doc)


def entity_by_name(doc: Document, name: str) -> Entity | None:
    return next((e for e in doc["entities"] if e["name"] == name), None)


def field_by_name(entity: Entity, name: str) -> Field | None:
    return next((f for f in entity["fields"] if f["name"] == name), None)
