"""The app definition: one JSON document, its JSON Schema and its semantic rules.

Modules: `document` (validating and checking a whole definition), `rules` (names, links, stages,
defaults, views), `automations` (rules of `automations`, relative dates), `documents` (templates
of generated documents), `messages` (JSON Schema errors explained), `typed` (the document as
TypedDicts, and the Literal of field type names).
"""

from kartoteka.schema_engine.definition.automations import DATE_TYPES, looks_relative, parse_offset
from kartoteka.schema_engine.definition.document import (
    canonical,
    check_definition,
    clone,
    empty_definition,
    entity_by_name,
    field_by_name,
    json_schema,
    validate_definition,
)
from kartoteka.schema_engine.definition.rules import set_template_checker
from kartoteka.schema_engine.definition.typed import (
    FIELD_TYPE_NAMES,
    ActionName,
    Automation,
    AutomationAction,
    AutomationWhen,
    DefaultValue,
    Document,
    DocumentTemplate,
    Entity,
    EventName,
    Field,
    FieldTypeName,
    Filter,
    Index,
    Option,
    OptionObject,
    Role,
    View,
)

__all__ = [
    "DATE_TYPES",
    "FIELD_TYPE_NAMES",
    "ActionName",
    "Automation",
    "AutomationAction",
    "AutomationWhen",
    "DefaultValue",
    "Document",
    "DocumentTemplate",
    "Entity",
    "EventName",
    "Field",
    "FieldTypeName",
    "Filter",
    "Index",
    "Option",
    "OptionObject",
    "Role",
    "View",
    "canonical",
    "check_definition",
    "clone",
    "empty_definition",
    "entity_by_name",
    "field_by_name",
    "json_schema",
    "looks_relative",
    "parse_offset",
    "set_template_checker",
    "validate_definition",
]
