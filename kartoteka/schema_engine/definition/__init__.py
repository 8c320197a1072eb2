"""The app definition: one JSON document, its JSON Schema and its semantic rules.

Modules: `document` (validating and checking a whole definition), `rules` (names, links, stages,
defaults, views), `filters` (the JSON filter grammar, read for views, rules and queries alike),
`automations` (rules of `automations`, relative dates), `documents` (templates of generated
documents), `messages` (JSON Schema errors explained). `Document`, `Entity`, `Field` (the
document's TypedDicts, with the rest of its parts and `FieldTypeName`, the Literal of field type
names) and the helpers on them come from `kartoteka.schema_engine.shapes`, below the tables and
queries.
"""

from kartoteka.schema_engine.definition.automations import (
    DATE_TYPES,
    SECRET_NAME,
    Offset,
    looks_relative,
    parse_offset,
)
from kartoteka.schema_engine.definition.document import (
    check_definition,
    json_schema,
    validate_definition,
)
from kartoteka.schema_engine.definition.filters import (
    Branch,
    ConditionError,
    FilterProblem,
    Leaf,
    Negation,
    ParsedFilter,
    Tree,
    parse_filter,
)
from kartoteka.schema_engine.definition.rules import set_template_checker
from kartoteka.schema_engine.shapes import (
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
    canonical,
    clone,
    empty_definition,
    entity_by_name,
    field_by_name,
)

__all__ = [
    "DATE_TYPES",
    "FIELD_TYPE_NAMES",
    "SECRET_NAME",
    "ActionName",
    "Automation",
    "AutomationAction",
    "AutomationWhen",
    "Branch",
    "ConditionError",
    "DefaultValue",
    "Document",
    "DocumentTemplate",
    "Entity",
    "EventName",
    "Field",
    "FieldTypeName",
    "Filter",
    "FilterProblem",
    "Index",
    "Leaf",
    "Negation",
    "Offset",
    "Option",
    "OptionObject",
    "ParsedFilter",
    "Role",
    "Tree",
    "View",
    "canonical",
    "check_definition",
    "clone",
    "empty_definition",
    "entity_by_name",
    "field_by_name",
    "json_schema",
    "looks_relative",
    "parse_filter",
    "parse_offset",
    "set_template_checker",
    "validate_definition",
]
