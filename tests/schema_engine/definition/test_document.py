"""The definition validator: every rule, its JSON path and a message that says how to fix it."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kartoteka.schema_engine.definition import messages as definition_messages
from kartoteka.schema_engine.definition.document import (
    check_definition,
    json_schema,
    validate_definition,
)
from kartoteka.schema_engine.errors import DefinitionError, DefinitionInvalid

EXAMPLES = Path(__file__).parents[3] / "examples"

#: What jsonschema writes; a user must never read it.
RAW_JSONSCHEMA_PHRASES = (
    "is not valid under any of the given schemas",
    "is valid under each of",
    "is not of type",
    "does not match",
    "is a required property",
    "Additional properties",
    "should be non-empty",
    "is too short",
    "is too long",
    "should not be valid under",
    "is a dependency of",
    "is not one of [",
    "is less than the minimum",
    "is greater than the maximum",
    "deque(",
)
#: Every message says what to do: "must be ..." or one of these verbs appears in it.
FIX_VERBS = re.compile(r"\b(must|add|remove|use|choose|write|rename|shorten|change|list)\b")


def assert_readable(errors: list[DefinitionError]) -> None:
    """Messages name a fix, never leak jsonschema's wording, and paths are JSONPaths."""
    for error in errors:
        assert error.path.startswith("$"), error
        assert not any(raw in error.message for raw in RAW_JSONSCHEMA_PHRASES), error
        assert FIX_VERBS.search(error.message), f"no fix in: {error}"
        assert "  " not in error.message, error
        assert " a a" not in error.message and " an a " not in error.message, error


def errors_by_path(doc: Any) -> dict[str, str]:
    errors = check_definition(doc)
    assert_readable(errors)
    found: dict[str, str] = {}
    for error in errors:
        earlier = f"{found[error.path]} | " if error.path in found else ""
        found[error.path] = earlier + error.message
    return found


def client() -> dict[str, Any]:
    return {
        "name": "client",
        "title_field": "name",
        "fields": [
            {"name": "name", "type": "text", "required": True},
            {"name": "email", "type": "email", "unique": True},
        ],
    }


def with_deal_fields(*fields: Any, **deal: Any) -> dict[str, Any]:
    """A definition of client and deal; `fields` are the deal's, so they are at entities[1]."""
    return {"entities": [client(), {"name": "deal", "fields": list(fields), **deal}]}


def with_indexed_deal(*indexes: list[Any]) -> dict[str, Any]:
    """A deal with amount, stage and links to clients, declaring `indexes` (lists of fields)."""
    return with_deal_fields(
        {"name": "amount", "type": "money"},
        {"name": "stage", "type": "stage", "options": ["new", "won"]},
        {"name": "client", "type": "link", "to": "client"},
        {"name": "tags", "type": "links", "to": "client"},
        indexes=[{"fields": fields} for fields in indexes],
    )


def with_options(kind: str, options: Any, **extra: Any) -> dict[str, Any]:
    return with_deal_fields({"name": "state", "type": kind, "options": options, **extra})


DEAL = "$.entities[1]"
FIELD = "$.entities[1].fields[0]"

STAGES: list[Any] = [
    {"value": "new", "probability": 10},
    "won",
    {"value": "lost", "label": "Lost", "color": "#dc2626", "probability": 0},
]

#: (id, document, path of the error, words the message must contain).
CASES: list[tuple[str, Any, str, list[str]]] = [
    # --- the shape of the document
    ("not an object", [], "$", ["the app definition must be an object", "not a list"]),
    ("no entities", {}, "$.entities", ["needs 'entities'", "add it"]),
    ("entities not a list", {"entities": {}}, "$.entities", ["'entities' must be a list"]),
    ("entity not an object", {"entities": ["client"]}, "$.entities[0]", ["an entity must be"]),
    ("field not an object", with_deal_fields("title"), FIELD, ["a field must be an object"]),
    (
        "unknown top-level key",
        {"entities": [], "entites": []},
        "$.entites",
        ["unknown key 'entites' in the app definition", "did you mean 'entities'?"],
    ),
    (
        "unknown entity key",
        with_deal_fields(titel_field="amount"),
        f"{DEAL}.titel_field",
        ["unknown key 'titel_field' in an entity", "did you mean 'title_field'?"],
    ),
    (
        "unknown field key",
        with_deal_fields({"name": "title", "type": "text", "requird": True}),
        f"{FIELD}.requird",
        ["unknown key 'requird' in a text field", "did you mean 'required'?"],
    ),
    (
        "unknown option key",
        with_options("select", [{"value": "a", "colour": "red"}]),
        f"{FIELD}.options[0].colour",
        ["unknown key 'colour' in an option", "did you mean 'color'?"],
    ),
    (
        "unknown key with a strange name",
        with_deal_fields({"name": "title", "type": "text", "max length": 5}),
        f'{FIELD}["max length"]',
        ["unknown key 'max length'"],
    ),
    # --- missing keys
    ("entity without name", {"entities": [{"fields": []}]}, "$.entities[0].name", ["needs 'name'"]),
    ("entity without fields", {"entities": [{"name": "client"}]}, "$.entities[0].fields", ["[]"]),
    ("field without name", with_deal_fields({"type": "text"}), f"{FIELD}.name", ["needs 'name'"]),
    (
        "field without type",
        with_deal_fields({"name": "title"}),
        f"{FIELD}.type",
        ["a field needs 'type'", "text, long_text"],
    ),
    # --- types
    (
        "unknown type",
        with_deal_fields({"name": "title", "type": "txt"}),
        f"{FIELD}.type",
        ["unknown field type 'txt'", "did you mean 'text'?", "use one of:"],
    ),
    (
        "a type of another tool",
        with_deal_fields({"name": "amount", "type": "number"}),
        f"{FIELD}.type",
        ["did you mean 'decimal'?"],
    ),
    (
        "a type in capitals",
        with_deal_fields({"name": "amount", "type": "Integer"}),
        f"{FIELD}.type",
        ["did you mean 'integer'?"],
    ),
    (
        "a type that is not a string",
        with_deal_fields({"name": "amount", "type": 5}),
        f"{FIELD}.type",
        ["'type' must be the name of a field type, not 5"],
    ),
    # --- options
    (
        "option of a wrong type",
        with_options("select", ["a", 5]),
        f"{FIELD}.options[1]",
        ["an option must be a string or an object such as", "not 5"],
    ),
    ("empty option", with_options("select", [""]), f"{FIELD}.options[0]", ["cannot be empty"]),
    (
        "option object without value",
        with_options("select", [{"label": "New"}]),
        f"{FIELD}.options[0].value",
        ["an option needs 'value'"],
    ),
    (
        "option with an empty value",
        with_options("select", [{"value": ""}]),
        f"{FIELD}.options[0].value",
        ["'value' cannot be empty"],
    ),
    (
        "option with a bad color",
        with_options("select", [{"value": "a", "color": "#12345"}]),
        f"{FIELD}.options[0].color",
        ["'#12345' is not a color", "#rrggbb"],
    ),
    (
        "option with a probability over 100",
        with_options("stage", [{"value": "a", "probability": 150}]),
        f"{FIELD}.options[0].probability",
        ["'probability' must be between 0 and 100, not 150"],
    ),
    (
        "option with a probability that is not a number",
        with_options("stage", [{"value": "a", "probability": "high"}]),
        f"{FIELD}.options[0].probability",
        ["'probability' must be a number", 'not "high"'],
    ),
    (
        "probability on a select",
        with_options("select", [{"value": "a", "probability": 5}]),
        f"{FIELD}.options[0].probability",
        ["applies only to the stages of a stage field", "remove it"],
    ),
    (
        "option label too long",
        with_options("select", [{"value": "a", "label": "x" * 201}]),
        f"{FIELD}.options[0].label",
        ["201 characters long", "at most 200"],
    ),
    (
        "options as text",
        with_options("select", "a, b"),
        f"{FIELD}.options",
        ["'options' must be a list", 'not "a, b"'],
    ),
    (
        "duplicate option",
        with_options("select", ["a", {"value": "b"}, {"value": "a"}]),
        f"{FIELD}.options[2]",
        ["'a' is listed twice", "options[0]", "remove one"],
    ),
    (
        "select without options",
        with_deal_fields({"name": "state", "type": "select"}),
        f"{FIELD}.options",
        ["a select field needs 'options'"],
    ),
    (
        "stage without options",
        with_deal_fields({"name": "state", "type": "stage"}),
        f"{FIELD}.options",
        ["a stage field needs 'options'"],
    ),
    (
        "multi_select without options",
        with_deal_fields({"name": "tags", "type": "multi_select"}),
        f"{FIELD}.options",
        ["a multi_select field needs 'options'"],
    ),
    (
        "stage with no options",
        with_options("stage", []),
        f"{FIELD}.options",
        ["a stage field needs at least one option"],
    ),
    # --- keys that do not apply to a type
    *[
        (
            f"{key} on a {kind} field",
            with_deal_fields({"name": "thing", "type": kind, key: value}),
            f"{FIELD}.{key}",
            [f"'{key}' does not apply to {article} {kind} field", f"only {owners} fields"],
        )
        for kind, article, key, value, owners in [
            ("text", "a", "options", ["a"], "select, stage and multi_select"),
            ("integer", "an", "to", "client", "link and links"),
            ("text", "a", "inverse", "deals", "link and links"),
            ("user", "a", "on_delete", "cascade", "link and links"),
            ("decimal", "a", "currency", "USD", "money"),
            ("text", "a", "prefix", "INV-", "autonumber"),
            ("decimal", "a", "group_digits", False, "integer"),
            ("text", "a", "summable", False, "integer, decimal, money and percent"),
        ]
    ],
    (
        "won on a select",
        with_options("select", ["a"], won=["a"]),
        f"{FIELD}.won",
        ["'won' does not apply to a select field", "only stage fields"],
    ),
    # --- wrong types of values
    (
        "required as text",
        with_deal_fields({"name": "title", "type": "text", "required": "yes"}),
        f"{FIELD}.required",
        ["'required' must be true or false", 'not "yes"'],
    ),
    (
        "fields as text",
        {"entities": [{"name": "deal", "fields": "title"}]},
        "$.entities[0].fields",
        ["'fields' must be a list"],
    ),
    (
        "empty label",
        with_deal_fields(label=""),
        f"{DEAL}.label",
        ["'label' cannot be empty", "write one or remove"],
    ),
    (
        "default that is an object",
        with_deal_fields({"name": "title", "type": "text", "default": {"a": 1}}),
        f"{FIELD}.default",
        ["'default' must be a string, a number, true or false, a list or null", "an object"],
    ),
    (
        "currency in lowercase",
        with_deal_fields({"name": "amount", "type": "money", "currency": "usd"}),
        f"{FIELD}.currency",
        ["'usd' is not a currency code", "ISO 4217"],
    ),
    (
        "bad id",
        with_deal_fields({"id": "Field 1", "name": "title", "type": "text"}),
        f"{FIELD}.id",
        ["'Field 1' is not a valid id", "remove the id"],
    ),
    (
        "id with a final newline",
        with_deal_fields({"id": "fld_1\n", "name": "title", "type": "text"}),
        f"{FIELD}.id",
        ["is not a valid id"],
    ),
    (
        "currency with a final newline",
        with_deal_fields({"name": "amount", "type": "money", "currency": "USD\n"}),
        f"{FIELD}.currency",
        ["is not a currency code"],
    ),
    (
        "on_delete not a choice",
        with_deal_fields({"name": "client", "type": "link", "to": "client", "on_delete": "null"}),
        f"{FIELD}.on_delete",
        ['\'on_delete\' must be "restrict" or "cascade"', 'not "null"'],
    ),
    (
        "unknown role",
        with_deal_fields(role="admin"),
        f"{DEAL}.role",
        ["'role' must be \"task\"", 'not "admin"'],
    ),
    # --- duplicates
    (
        "duplicate entity names",
        {"entities": [client(), client()]},
        "$.entities[1].name",
        ["already an entity named 'client' (at $.entities[0].name)", "rename one"],
    ),
    (
        "duplicate field names",
        with_deal_fields({"name": "title", "type": "text"}, {"name": "title", "type": "email"}),
        "$.entities[1].fields[1].name",
        ["'deal' already has a field named 'title'", f"{FIELD}.name", "rename one"],
    ),
    (
        "duplicate entity ids",
        {"entities": [{**client(), "id": "ent_1"}, {"id": "ent_1", "name": "deal", "fields": []}]},
        f"{DEAL}.id",
        ["the id 'ent_1' is already used at $.entities[0].id", "remove it"],
    ),
    (
        "duplicate field ids across entities",
        {
            "entities": [
                {"name": "client", "fields": [{"id": "fld_1", "name": "name", "type": "text"}]},
                {"name": "deal", "fields": [{"id": "fld_1", "name": "title", "type": "text"}]},
            ]
        },
        f"{FIELD}.id",
        ["the id 'fld_1' is already used at $.entities[0].fields[0].id"],
    ),
    (
        "a field id equal to an entity id",
        {
            "entities": [
                {"id": "x1", "name": "deal", "fields": [{"id": "x1", "name": "t", "type": "text"}]}
            ]
        },
        "$.entities[0].fields[0].id",
        ["the id 'x1' is already used at $.entities[0].id"],
    ),
    # --- links
    (
        "link without target",
        with_deal_fields({"name": "client", "type": "link"}),
        f"{FIELD}.to",
        ["a link field needs 'to'", "the entity it links to: client or deal"],
    ),
    (
        "link to a missing entity",
        with_deal_fields({"name": "client", "type": "link", "to": "clinet"}),
        f"{FIELD}.to",
        ["link target 'clinet' is not an entity", "did you mean 'client'?", "client, deal"],
    ),
    (
        "many-to-many link to a missing entity",
        with_deal_fields({"name": "products", "type": "links", "to": "product"}),
        f"{FIELD}.to",
        ["link target 'product' is not an entity"],
    ),
    (
        "link target that is not a name",
        with_deal_fields({"name": "client", "type": "link", "to": "Client"}),
        f"{FIELD}.to",
        ["link target 'Client' is not an entity name (did you mean 'client'?)"],
    ),
    (
        "inverse clashing with a field of the target",
        with_deal_fields({"name": "client", "type": "link", "to": "client", "inverse": "email"}),
        f"{FIELD}.inverse",
        ["the inverse name 'email' is already a field of 'client'", "choose another"],
    ),
    (
        "two inverses of one name on a target",
        with_deal_fields(
            {"name": "client", "type": "link", "to": "client", "inverse": "deals"},
            {"name": "partner", "type": "link", "to": "client", "inverse": "deals"},
        ),
        "$.entities[1].fields[1].inverse",
        ["'client' already gets an inverse named 'deals' from", "choose another"],
    ),
    (
        "junction table name too long",
        {
            "entities": [
                {"name": "c" * 40, "fields": [{"name": "p" * 30, "type": "links", "to": "c" * 40}]}
            ]
        },
        "$.entities[0].fields[0].name",
        ["the link table of this field would be named", "72 characters", "63", "at most 21"],
    ),
    (
        "junction column name too long",
        {
            "entities": [
                {"name": "t" * 62, "fields": []},
                {"name": "deal", "fields": [{"name": "things", "type": "links", "to": "t" * 62}]},
            ]
        },
        f"{FIELD}.to",
        ["needs a column 'tttttttttttttttttttt", "shorten the name of the entity", "at most 60"],
    ),
    # --- stages
    (
        "won not among the stages",
        with_options("stage", STAGES, won=["closed"]),
        f"{FIELD}.won[0]",
        ["'closed' is not a stage of this field", "the stages are: new, won, lost"],
    ),
    (
        "lost not among the stages",
        with_options("stage", STAGES, won=["won"], lost=["lost", "dropped"]),
        f"{FIELD}.lost[1]",
        ["'dropped' is not a stage of this field", "from 'lost'"],
    ),
    (
        "a stage both won and lost",
        with_options("stage", STAGES, won=["won"], lost=["won"]),
        f"{FIELD}.lost[0]",
        ["'won' cannot be both won and lost"],
    ),
    # --- the title field
    (
        "title_field that is not a field",
        {"entities": [{**client(), "title_field": "nmae"}]},
        "$.entities[0].title_field",
        ["title_field 'nmae' is not a field of 'client'", "did you mean 'name'?", "choose"],
    ),
    (
        "title_field of a wrong type",
        with_deal_fields(
            {"name": "title", "type": "text"},
            {"name": "won", "type": "boolean"},
            title_field="won",
        ),
        f"{DEAL}.title_field",
        ["title_field 'won' is a boolean field, which cannot be a title", "one of: title"],
    ),
    (
        "title_field on an entity without title fields",
        with_deal_fields({"name": "amount", "type": "money"}, title_field="amount"),
        f"{DEAL}.title_field",
        ["is a money field", "a title is a field of type text", "add one first"],
    ),
    # --- the task role
    *[
        (
            f"task without {key}",
            {
                "entities": [
                    {
                        "name": "task",
                        "role": "task",
                        "fields": [],
                        **{
                            k: v
                            for k, v in {
                                "due_field": "due",
                                "done_field": "done",
                                "assignee_field": "who",
                            }.items()
                            if k != key
                        },
                    }
                ]
            },
            f"$.entities[0].{key}",
            ['an entity with "role": "task" needs', f"'{key}'", "add it"],
        )
        for key in ("due_field", "done_field", "assignee_field")
    ],
    *[
        (
            f"{key} of a wrong type",
            {
                "entities": [
                    {
                        "name": "task",
                        "role": "task",
                        "due_field": "due",
                        "done_field": "done",
                        "assignee_field": "who",
                        "fields": [
                            {"name": "title", "type": "text"},
                            *[
                                {"name": name, **(wrong if name == field else right)}
                                for name, right in [
                                    ("due", {"type": "date"}),
                                    ("done", {"type": "boolean"}),
                                    ("who", {"type": "user"}),
                                ]
                            ],
                        ],
                    }
                ]
            },
            f"$.entities[0].{key}",
            [f"{key} '{field}' is {article}", f"needs {wants}", f"change the type of '{field}'"],
        )
        for key, field, wrong, article, wants in [
            ("due_field", "due", {"type": "text"}, "a text field", "a date or datetime field"),
            ("done_field", "done", {"type": "integer"}, "an integer field", "a boolean field"),
            ("assignee_field", "who", {"type": "link", "to": "task"}, "a link", "a user field"),
        ]
    ],
    (
        "due_field that is not a field",
        {
            "entities": [
                {
                    "name": "task",
                    "due_field": "deadline",
                    "fields": [{"name": "due", "type": "datetime"}],
                }
            ]
        },
        "$.entities[0].due_field",
        ["due_field 'deadline' is not a field of 'task'", "choose one of: due"],
    ),
    # --- defaults
    (
        "$me on a text field",
        with_deal_fields({"name": "owner_name", "type": "text", "default": "$me"}),
        f"{FIELD}.default",
        [
            '"$me" (the user who saves the record) can only be the default of user fields',
            "not of a text field",
        ],
    ),
    (
        "$now on an integer field",
        with_deal_fields({"name": "n", "type": "integer", "default": "$now"}),
        f"{FIELD}.default",
        ['"$now"', "can only be the default of date or datetime fields", "an integer field"],
    ),
    (
        "$today on a user field",
        with_deal_fields({"name": "who", "type": "user", "default": "$today"}),
        f"{FIELD}.default",
        ['"$today"', "date or datetime fields", "not of a user field"],
    ),
    (
        "select default not among the options",
        with_options("select", ["lead", "vip"], default="gold"),
        f"{FIELD}.default",
        ["the default 'gold' is not one of the options (lead, vip)", "remove 'default'"],
    ),
    (
        "multi_select default not among the options",
        with_options("multi_select", ["a", "b"], default=["a", "z"]),
        f"{FIELD}.default",
        ["'z' is not one of the options"],
    ),
    (
        "integer default that is not a number",
        with_deal_fields({"name": "n", "type": "integer", "default": "many"}),
        f"{FIELD}.default",
        ["the default 'many' is not a whole number"],
    ),
    (
        "date default that is not a date",
        with_deal_fields({"name": "d", "type": "date", "default": "tomorrow"}),
        f"{FIELD}.default",
        ["the default 'tomorrow' is not a date"],
    ),
    (
        "boolean default that is not yes or no",
        with_deal_fields({"name": "b", "type": "boolean", "default": "perhaps"}),
        f"{FIELD}.default",
        ["is not yes or no"],
    ),
    (
        "email default that is not an address",
        with_deal_fields({"name": "e", "type": "email", "default": "nobody"}),
        f"{FIELD}.default",
        ["is not an email address"],
    ),
    (
        "list default on a text field",
        with_deal_fields({"name": "t", "type": "text", "default": ["a"]}),
        f"{FIELD}.default",
        ["the default of a text field cannot be a list"],
    ),
    (
        "boolean default on a text field",
        with_deal_fields({"name": "t", "type": "text", "default": True}),
        f"{FIELD}.default",
        ["the default of a text field cannot be true"],
    ),
    (
        "default on a link",
        with_deal_fields({"name": "client", "type": "link", "to": "client", "default": 1}),
        f"{FIELD}.default",
        ["a link field cannot have a default", "remove 'default'"],
    ),
    (
        "default on an autonumber",
        with_deal_fields({"name": "number", "type": "autonumber", "default": 1}),
        f"{FIELD}.default",
        ["an autonumber field cannot have a default"],
    ),
    # --- unique
    *[
        (
            f"unique on {kind}",
            with_deal_fields({"name": "thing", "type": kind, "unique": True, **extra}),
            f"{FIELD}.unique",
            [f"a {kind} field cannot be unique", 'remove "unique"'],
        )
        for kind, extra in [
            ("boolean", dict[str, Any]()),
            ("long_text", {}),
            ("multi_select", {"options": ["a"]}),
            ("links", {"to": "client"}),
        ]
    ],
    # --- declared indexes
    (
        "index names an unknown field",
        with_indexed_deal(["stage", "amout"]),
        f"{DEAL}.indexes[0].fields[1]",
        [
            "unknown field 'amout' on entity 'deal'",
            "did you mean 'amount'?",
            "fields are: amount, stage, client",
            "remove it from this index, or remove the index",
        ],
    ),
    (
        "index names a many-to-many link",
        with_indexed_deal(["tags", "stage"]),
        f"{DEAL}.indexes[0].fields[0]",
        ["'tags' is a links field, which has no column", "remove it from the index"],
    ),
    (
        "index with id before its end",
        with_indexed_deal(["id", "stage"]),
        f"{DEAL}.indexes[0].fields[0]",
        ["'id' can only close an index", "move it to the end"],
    ),
    (
        "index names a system column it cannot",
        with_indexed_deal(["stage", "deleted_at"]),
        f"{DEAL}.indexes[0].fields[1]",
        ["the system column 'deleted_at' cannot be in an index", "created_by"],
    ),
    (
        "index of one field",
        with_indexed_deal(["stage"]),
        f"{DEAL}.indexes[0].fields",
        ["an index needs at least 2 fields", '"indexed"'],
    ),
    (
        "index of nine fields",
        with_indexed_deal(["stage", "amount", "client", "id", "owner", "a", "b", "c", "d"]),
        f"{DEAL}.indexes[0].fields",
        ["an index may cover at most 8 fields, not 9"],
    ),
    (
        "index lists a field twice",
        with_indexed_deal(["stage", "amount", "stage"]),
        f"{DEAL}.indexes[0].fields[2]",
        ['"stage" is listed twice (also at $.entities[1].indexes[0].fields[0])', "remove one"],
    ),
    (
        "two indexes on the same fields",
        with_indexed_deal(["stage", "amount"], ["stage", "client"], ["stage", "amount"]),
        f"{DEAL}.indexes[2].fields",
        ["the index at $.entities[1].indexes[0].fields already covers (stage, amount)"],
    ),
    (
        "index without fields",
        with_deal_fields(indexes=[{}]),
        f"{DEAL}.indexes[0].fields",
        ["an index needs 'fields'", '["stage", "amount"]'],
    ),
    (
        "unknown key in an index",
        with_deal_fields(indexes=[{"fields": ["owner", "id"], "unique": True}]),
        f"{DEAL}.indexes[0].unique",
        ["unknown key 'unique' in an index", "use one of: fields"],
    ),
    (
        "index not an object",
        with_deal_fields(indexes=[["stage", "amount"]]),
        f"{DEAL}.indexes[0]",
        ['an index must be an object such as {"fields": ["stage", "amount"]}'],
    ),
    (
        "indexes not a list",
        with_deal_fields(indexes={"fields": ["stage", "amount"]}),
        f"{DEAL}.indexes",
        ["'indexes' must be a list"],
    ),
    (
        "index field that is not a name",
        with_indexed_deal(["Stage", "amount"]),
        f"{DEAL}.indexes[0].fields[0]",
        ["'Stage' is not a field name", "write the name of one of the entity's fields"],
    ),
    (
        "index field that is not a string",
        with_indexed_deal([5, "amount"]),
        f"{DEAL}.indexes[0].fields[0]",
        ['a field of an index must be a string such as "stage", not 5'],
    ),
]


@pytest.mark.parametrize(
    ("doc", "path", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_each_rule_reports_its_path_and_a_fix(doc: Any, path: str, words: list[str]) -> None:
    found = errors_by_path(doc)
    assert path in found, f"no error at {path}; got {found}"
    for word in words:
        assert word in found[path], f"{word!r} not in {found[path]!r}"


def test_the_case_ids_are_unique() -> None:
    ids = [case[0] for case in CASES]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------- valid documents


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_examples_are_valid(path: Path) -> None:
    doc = json.loads(path.read_text("utf-8"))
    assert check_definition(doc) == []
    assert validate_definition(doc) is doc


VALID_DETAILS: list[tuple[str, dict[str, Any]]] = [
    ("empty", {"entities": []}),
    ("an entity without fields", {"entities": [{"name": "note", "fields": []}]}),
    ("other sections", {"entities": [], "views": [{}], "automations": [], "documents": []}),
    ("$now on a date", with_deal_fields({"name": "d", "type": "date", "default": "$now"})),
    (
        "$today on a datetime",
        with_deal_fields({"name": "d", "type": "datetime", "default": "$today"}),
    ),
    ("$me on a user", with_deal_fields({"name": "who", "type": "user", "default": "$me"})),
    ("null default", with_deal_fields({"name": "t", "type": "text", "default": None})),
    ("select default in any case", with_options("select", ["lead", "vip"], default="VIP")),
    ("multi_select default", with_options("multi_select", ["a", "b"], default=["b"])),
    ("stage with its defaults", with_options("stage", STAGES, won=["won"], lost=["lost"])),
    (
        "decimal default as text",
        with_deal_fields({"name": "n", "type": "decimal", "default": "1,5"}),
    ),
    ("unique text", with_deal_fields({"name": "code", "type": "text", "unique": True})),
    ("link to itself", with_deal_fields({"name": "parent", "type": "link", "to": "deal"})),
    ("links to itself", with_deal_fields({"name": "related", "type": "links", "to": "deal"})),
    ("color name", with_options("select", [{"value": "a", "color": "green"}])),
    (
        "indexes over fields and system columns",
        with_indexed_deal(
            ["stage", "amount"],
            ["amount", "stage"],
            ["owner", "stage", "created_at", "id"],
            ["client", "updated_at", "updated_by", "created_by", "amount", "stage", "id"],
        ),
    ),
    ("no indexes", with_deal_fields(indexes=[])),
    (
        "junction name of exactly 63 characters",
        {
            "entities": [
                {"name": "c" * 40, "fields": [{"name": "p" * 21, "type": "links", "to": "c" * 40}]}
            ]
        },
    ),
    (
        "the same inverse name on different targets",
        with_deal_fields(
            {"name": "client", "type": "link", "to": "client", "inverse": "deals"},
            {"name": "parent", "type": "link", "to": "deal", "inverse": "deals"},
        ),
    ),
]


@pytest.mark.parametrize(("doc"), [d for _, d in VALID_DETAILS], ids=[i for i, _ in VALID_DETAILS])
def test_valid_details_are_accepted(doc: dict[str, Any]) -> None:
    assert check_definition(doc) == []


# ---------------------------------------------------------------- everything at once


def test_all_problems_are_reported_together() -> None:
    doc = {
        "entities": [
            {
                "name": "client",
                "colour": "red",  # unknown key: the schema fails
                "fields": [
                    {"name": "select", "type": "text"},
                    {"name": "Name", "type": "text"},
                    {"name": "tags", "type": "multi_select", "options": []},
                    {"name": "amount", "type": "money", "currency": "usd"},
                ],
            },
            {
                "name": "order",
                "title_field": "nothing",
                "fields": [
                    {"name": "client", "type": "link", "to": "customer"},
                    {"name": "count", "type": "integer", "default": "lots"},
                    {"name": "client", "type": "text"},
                    {"name": "done", "type": "boolean", "unique": True},
                    {"name": "who", "type": "user", "default": "$now"},
                    {"name": "kind", "type": "txt"},
                ],
                "indexes": [{"fields": ["kind", "nothing"]}],
            },
            {"name": "client", "fields": []},
        ]
    }
    found = errors_by_path(doc)
    assert set(found) == {
        "$.entities[0].colour",
        "$.entities[0].fields[0].name",
        "$.entities[0].fields[1].name",
        "$.entities[0].fields[2].options",
        "$.entities[0].fields[3].currency",
        "$.entities[1].name",
        "$.entities[1].title_field",
        "$.entities[1].fields[0].to",
        "$.entities[1].fields[1].name",
        "$.entities[1].fields[1].default",
        "$.entities[1].fields[2].name",
        "$.entities[1].fields[3].unique",
        "$.entities[1].fields[4].default",
        "$.entities[1].fields[5].type",
        "$.entities[1].indexes[0].fields[1]",
        "$.entities[2].name",
    }
    assert "SQL keyword" in found["$.entities[0].fields[0].name"]
    assert "SQL keyword" in found["$.entities[1].name"]
    assert "query language" in found["$.entities[1].fields[1].name"]
    assert "already has a field named 'client'" in found["$.entities[1].fields[2].name"]
    assert "already an entity named 'client'" in found["$.entities[2].name"]
    unknown = found["$.entities[1].indexes[0].fields[1]"]
    assert "unknown field 'nothing' on entity 'order'" in unknown


def test_name_rules_are_checked_where_the_schema_fails_elsewhere() -> None:
    doc = with_deal_fields({"name": "limit", "type": "integer", "options": "x"}, colour=1)
    found = errors_by_path(doc)
    assert "query language" in found[f"{FIELD}.name"]
    assert "does not apply" in found[f"{FIELD}.options"]
    assert "unknown key 'colour'" in found[f"{DEAL}.colour"]


def test_a_value_with_the_wrong_shape_gets_one_message() -> None:
    doc = with_deal_fields({"name": "Title", "type": "text"}, title_field="Title")
    found = check_definition(doc)
    assert [e.path for e in found].count(f"{FIELD}.name") == 1
    assert [e.path for e in found].count(f"{DEAL}.title_field") == 1


def test_an_unknown_type_does_not_also_complain_about_its_keys() -> None:
    doc = with_deal_fields({"name": "state", "type": "selct", "options": ["a"]})
    assert [e.path for e in check_definition(doc)] == [f"{FIELD}.type"]


def test_a_missing_type_does_not_ask_for_the_keys_of_any_type() -> None:
    doc = with_deal_fields({"name": "state"})
    assert [e.path for e in check_definition(doc)] == [f"{FIELD}.type"]


def test_unknown_key_lists_only_the_keys_of_the_fields_type() -> None:
    message = errors_by_path(with_deal_fields({"name": "t", "type": "text", "x": 1}))[f"{FIELD}.x"]
    assert "required" in message
    assert "options" not in message
    assert "currency" not in message
    stage = errors_by_path(with_options("stage", ["a"], x=1))[f"{FIELD}.x"]
    assert "options, won, lost" in stage


def test_errors_come_in_document_order() -> None:
    entities = [
        {"name": f"e{i}", "fields": [{"name": "select", "type": "text"}]} for i in range(12)
    ]
    paths = [e.path for e in check_definition({"entities": entities})]
    assert paths == [f"$.entities[{i}].fields[0].name" for i in range(12)]


def test_malformed_parts_do_not_hide_the_rest() -> None:
    doc = {
        "entities": [
            None,
            {"name": 5, "fields": None},
            {"name": "deal", "title_field": 5, "fields": [None, "x", {"name": "from", "type": 7}]},
            {"name": "task", "role": "task", "due_field": [], "fields": {}},
            {"name": "order", "fields": [{"name": "x", "type": "select", "options": [{}, 3]}]},
        ]
    }
    found = errors_by_path(doc)
    assert "SQL keyword" in found["$.entities[2].fields[2].name"]
    assert "SQL keyword" in found["$.entities[4].name"]
    assert "$.entities[0]" in found
    assert "$.entities[4].fields[0].options[0].value" in found
    assert "$.entities[4].fields[0].options[1]" in found


def test_the_order_of_messages_is_stable() -> None:
    doc = with_deal_fields({"name": "select", "type": "txt", "required": "no"})
    assert check_definition(doc) == check_definition(copy.deepcopy(doc))


def _keywords(node: Any) -> Iterator[str]:
    """The keywords used anywhere in a JSON Schema."""
    if isinstance(node, list):
        for child in node:
            yield from _keywords(child)
    if not isinstance(node, dict):
        return
    for key, child in node.items():
        yield key
        if key in ("properties", "$defs", "dependentSchemas"):  # maps of names to schemas
            for schema in child.values():
                yield from _keywords(schema)
        elif key not in ("enum", "required", "dependentRequired"):  # these hold data
            yield from _keywords(child)


def test_every_keyword_of_the_schema_has_its_own_explanation() -> None:
    """So that jsonschema's raw wording never reaches a user, whatever rule a value breaks."""
    structural = {"$schema", "$id", "$defs", "$ref", "title", "description", "properties"}
    structural |= {"items", "allOf", "if", "then", "dependentSchemas"}
    assert set(_keywords(json_schema())) - structural <= set(definition_messages._EXPLAINERS)


# ---------------------------------------------------------------- exact messages


@pytest.mark.parametrize(
    ("doc", "path", "message"),
    [
        (
            with_deal_fields({"name": "title", "type": "txt"}),
            f"{FIELD}.type",
            "unknown field type 'txt' (did you mean 'text'?); use one of: text, long_text, "
            "email, phone, url, integer, decimal, money, percent, boolean, date, datetime, "
            "select, stage, multi_select, link, links, user, autonumber, file",
        ),
        (
            with_deal_fields({"name": "client", "type": "link", "to": "clients"}),
            f"{FIELD}.to",
            "link target 'clients' is not an entity (did you mean 'client'?); "
            "use one of the entities: client, deal",
        ),
        (
            with_options("select", ["a"], colour="red"),
            f"{FIELD}.colour",
            "unknown key 'colour' in a select field; remove it or use one of: id, name, type, "
            "label, description, required, unique, indexed, hidden, default, options",
        ),
        (
            with_deal_fields({"name": "state", "type": "stage"}),
            f"{FIELD}.options",
            "a stage field needs 'options' (the list of its choices, such as "
            '["new", "won", "lost"]); add it',
        ),
        (
            with_indexed_deal(["stage", "amout"]),
            f"{DEAL}.indexes[0].fields[1]",
            "unknown field 'amout' on entity 'deal' (did you mean 'amount'?); fields are: "
            "amount, stage, client (an index may also name created_at, updated_at, created_by, "
            "updated_by, owner, and id last); to remove or trash a field, remove it from this "
            "index, or remove the index, too",
        ),
        (
            with_deal_fields({"name": "done", "type": "boolean", "unique": True}),
            f"{FIELD}.unique",
            'a boolean field cannot be unique; remove "unique" or change the type (fields of '
            "type text, email, phone, url, integer, decimal, money, percent, date, datetime, "
            "select, stage, link, user and autonumber can be unique)",
        ),
    ],
)
def test_exact_messages(doc: Any, path: str, message: str) -> None:
    assert errors_by_path(doc)[path] == message


# ---------------------------------------------------------------- validate_definition


def test_validate_definition_raises_with_every_error() -> None:
    doc = with_deal_fields({"name": "select", "type": "text"}, {"name": "kind", "type": "txt"})
    with pytest.raises(DefinitionInvalid) as raised:
        validate_definition(doc)
    assert raised.value.errors == check_definition(doc)
    assert len(raised.value.errors) == 2
    assert str(raised.value).startswith("the app definition has 2 problems:\n")
    assert f"{FIELD}.name: 'select' is an SQL keyword" in str(raised.value)


def test_validate_definition_says_problem_for_one() -> None:
    with pytest.raises(DefinitionInvalid, match="has 1 problem:"):
        validate_definition({})


def test_errors_serialise_to_json() -> None:
    error = check_definition({})[0]
    assert error.to_json() == {"path": "$.entities", "message": error.message}
    json.dumps([e.to_json() for e in check_definition(with_deal_fields({"name": "Ω"}))])
