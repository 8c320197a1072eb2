"""Hypothesis on the definition validator: no crash, valid documents pass, each mistake is found."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kartoteka.schema_engine.definition.document import (
    check_definition,
    json_schema,
    validate_definition,
)
from kartoteka.schema_engine.errors import DefinitionError, DefinitionInvalid
from kartoteka.schema_engine.names import name_problem
from kartoteka.schema_engine.types import FIELD_TYPES, TITLE_TYPES

#: Enough examples to find a crash in a rule, few enough to keep the suite quick.
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
#: Arbitrary JSON is cheap to draw and check: more of it.
FUZZ_MORE = settings(FUZZ, max_examples=200)

#: jsonschema's own wording, which must never reach a user.
RAW_PHRASES = (
    "is not valid under any of the given schemas",
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
)

# ---------------------------------------------------------------- arbitrary JSON

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=12)
)
#: Keys the validator knows, so that random documents reach deep into its rules.
KNOWN_KEYS = sorted(
    {
        *json_schema()["properties"],
        *json_schema()["$defs"]["entity"]["properties"],
        *json_schema()["$defs"]["field"]["properties"],
        "value",
        "color",
        "probability",
    }
)
KEYS = st.sampled_from(KNOWN_KEYS) | st.text(max_size=8)
TYPE_NAMES = st.sampled_from(sorted(FIELD_TYPES))


def json_values(keys: st.SearchStrategy[str] = KEYS) -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS | TYPE_NAMES,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5)
        ),
        max_leaves=25,
    )


def assert_well_formed(errors: Any) -> None:
    assert isinstance(errors, list)
    for error in errors:
        assert isinstance(error, DefinitionError)
        assert error.path.startswith("$")
        assert error.message
        assert not any(raw in error.message for raw in RAW_PHRASES), error


@FUZZ_MORE
@given(json_values())
def test_arbitrary_json_never_crashes(doc: Any) -> None:
    assert_well_formed(check_definition(doc))


@FUZZ_MORE
@given(st.dictionaries(st.just("entities"), st.lists(json_values(), max_size=3), min_size=1))
def test_arbitrary_entities_never_crash(doc: dict[str, Any]) -> None:
    assert_well_formed(check_definition(doc))


@FUZZ
@given(
    st.lists(
        st.fixed_dictionaries(
            {"name": st.sampled_from(["client", "deal", "Bad", "select"]) | SCALARS},
            optional={
                "fields": st.lists(st.dictionaries(KEYS, json_values(), max_size=8), max_size=4)
                | json_values(),
                "title_field": json_values(),
                "role": st.just("task") | SCALARS,
                "due_field": json_values(),
            },
        ),
        max_size=3,
    )
)
def test_arbitrary_fields_never_crash(entities: list[dict[str, Any]]) -> None:
    doc = {"entities": entities}
    errors = check_definition(doc)
    assert_well_formed(errors)
    if errors:
        with pytest.raises(DefinitionInvalid):
            validate_definition(doc)


# ---------------------------------------------------------------- valid definitions

WORDS = [
    *("name", "title", "amount", "city", "status", "stage", "phone", "email", "note", "price"),
    *("client", "deal", "task", "supplier", "product", "due", "done", "who", "total", "code"),
    *("tags", "region", "manager", "score", "rank", "kind", "level", "source", "weight", "a"),
    *("x", "order", "user"),
]
#: Valid names of one or two parts (cheap to draw); none can equal FRESH, which has four.
NAMES = st.builds(
    lambda word, suffix: word + suffix, st.sampled_from(WORDS), st.sampled_from(["", "_2", "_at"])
).filter(lambda name: name_problem(name, "entity name", table=True) is None)
FRESH = "fresh_name_x_y"
OPTION_VALUES = st.lists(
    st.sampled_from(
        ["new", "won", "lost", "Lead", "lead", "VIP", "в работе", "已签约", " a b ", "x,y"]
    ),
    min_size=1,
    max_size=5,
    unique=True,
)
COLORS = st.sampled_from(["#16a34a", "#DC2626", "green", "red"])


#: A valid default for each type that may have one (markers included).
DEFAULTS: dict[str, list[Any]] = {
    "text": ["hello", "Ольга", ""],
    "long_text": ["line 1\nline 2"],
    "email": ["olga@example.ru"],
    "phone": ["+7 495 123-45-67"],
    "url": ["https://example.com"],
    "integer": [5, "1 234", -3],
    "decimal": [1.5, "1 234,50"],
    "money": [100, "99.90"],
    "percent": [50, "12,5%"],
    "boolean": [True, False, "да"],
    "date": ["2026-01-05", "05.01.2026", "$today", "$now"],
    "datetime": ["2026-01-05T10:00:00Z", "$now", "$today"],
    "user": ["$me", 1],
}


def test_defaults_cover_every_type_that_takes_one() -> None:
    takes = {n for n, t in FIELD_TYPES.items() if t.can_default and "options" not in t.keys}
    assert takes == set(DEFAULTS)
    assert all(m in DEFAULTS[n] for n, t in FIELD_TYPES.items() for m in t.default_markers)


@st.composite
def options_of(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """Options as strings or objects; for a stage, some of them won or lost."""
    values = draw(OPTION_VALUES)
    optional: dict[str, st.SearchStrategy[Any]] = {"label": st.just("Label"), "color": COLORS}
    if kind == "stage":
        optional["probability"] = st.integers(0, 100) | st.floats(0, 100)
    shape = st.none() | st.fixed_dictionaries({}, optional=optional)
    shapes = draw(st.lists(shape, min_size=len(values), max_size=len(values)))
    extra: dict[str, Any] = {
        "options": [
            v if s is None else {"value": v, **s} for v, s in zip(values, shapes, strict=True)
        ]
    }
    if kind == "stage":
        marks = st.sampled_from(["won", "lost", None])
        meaning = draw(st.lists(marks, min_size=len(values), max_size=len(values)))
        for key in ("won", "lost"):
            if key in meaning:
                extra[key] = [v for v, m in zip(values, meaning, strict=True) if m == key]
    default = draw(st.none() | st.sampled_from(values))
    if default is not None:
        extra["default"] = [default] if kind == "multi_select" else default
    return extra


@st.composite
def fields_of(draw: st.DrawFn, name: str, kind: str, entities: list[str]) -> dict[str, Any]:
    entry = FIELD_TYPES[kind]
    field: dict[str, Any] = {"name": name, "type": kind}
    if "options" in entry.keys:
        field.update(draw(options_of(kind)))
    if "to" in entry.keys:
        field["to"] = draw(st.sampled_from(entities))
        if draw(st.booleans()):
            field["on_delete"] = draw(st.sampled_from(["restrict", "cascade"]))
    if kind == "money" and draw(st.booleans()):
        field["currency"] = draw(st.sampled_from(["USD", "EUR", "RUB", "CNY", "IDR", "MDL"]))
    if kind == "autonumber" and draw(st.booleans()):
        field["prefix"] = "INV-"
    optional: dict[str, st.SearchStrategy[Any]] = {
        "required": st.booleans(),
        "hidden": st.booleans(),
        "indexed": st.booleans(),
        "label": st.sampled_from(["Name", "Имя", "名字", "Ștefan's"]),
    }
    if kind in DEFAULTS:
        optional["default"] = st.sampled_from(DEFAULTS[kind])
    if entry.can_be_unique:
        optional["unique"] = st.booleans()
    field.update(draw(st.fixed_dictionaries({}, optional=optional)))
    return field


@st.composite
def valid_definitions(draw: st.DrawFn, min_fields: int = 0) -> dict[str, Any]:
    names = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    entities: list[dict[str, Any]] = []
    for name in names:
        field_names = draw(st.lists(NAMES, min_size=min_fields, max_size=6, unique=True))
        fields = [draw(fields_of(f, draw(TYPE_NAMES), names)) for f in field_names]
        entity: dict[str, Any] = {"name": name, "fields": fields}
        titles = [f["name"] for f in fields if f["type"] in TITLE_TYPES]
        with_title = draw(st.booleans())
        if titles and with_title:
            entity["title_field"] = draw(st.sampled_from(titles))
        if draw(st.booleans()):
            entity.update(draw(task_role(field_names)))
        entities.append(entity)
    _add_inverses(draw, entities)
    _add_ids(draw, entities)
    return {"entities": entities}


@st.composite
def task_role(draw: st.DrawFn, taken: list[str]) -> dict[str, Any]:
    """`"role": "task"` with three new fields of the right types."""
    free = NAMES.filter(lambda n: n not in taken)
    due, done, who = draw(st.lists(free, min_size=3, max_size=3, unique=True))
    return {
        "role": "task",
        "due_field": due,
        "done_field": done,
        "assignee_field": who,
        "extra_fields": [
            {"name": due, "type": draw(st.sampled_from(["date", "datetime"]))},
            {"name": done, "type": "boolean"},
            {"name": who, "type": "user", "default": "$me"},
        ],
    }


def _add_inverses(draw: st.DrawFn, entities: list[dict[str, Any]]) -> None:
    for entity in entities:
        entity["fields"] += entity.pop("extra_fields", [])
    taken = {e["name"]: {f["name"] for f in e["fields"]} for e in entities}
    for entity in entities:
        for field in entity["fields"]:
            if "to" in field and draw(st.booleans()):
                inverse = draw(NAMES)
                if inverse not in taken[field["to"]]:
                    field["inverse"] = inverse
                    taken[field["to"]].add(inverse)


def _add_ids(draw: st.DrawFn, entities: list[dict[str, Any]]) -> None:
    items = [*entities, *(f for e in entities for f in e["fields"])]
    for counter, item in enumerate(items):
        if draw(st.booleans()):
            item["id"] = f"id_{counter}"


@FUZZ
@given(valid_definitions())
def test_valid_definitions_are_accepted(doc: dict[str, Any]) -> None:
    assert check_definition(doc) == []
    assert validate_definition(doc) is doc


# ---------------------------------------------------------------- one bad change, found where it is

BAD_NAMES = [
    *("select", "id", "count", "kt_x", "a__b", "Client", "1st", "close-date", "", "имя"),
    *("x" * 64, "name\n"),
]

Draw = Callable[[st.SearchStrategy[Any]], Any]
#: A mutation makes one known-bad change to a valid document and returns the path of the change.
Mutation = Callable[[Draw, dict[str, Any]], str]


def _some_field(draw: Draw, doc: dict[str, Any]) -> tuple[int, int, dict[str, Any]]:
    i = draw(st.sampled_from([i for i, e in enumerate(doc["entities"]) if e["fields"]]))
    j = draw(st.integers(0, len(doc["entities"][i]["fields"]) - 1))
    return i, j, doc["entities"][i]["fields"][j]


def _append(draw: Draw, doc: dict[str, Any], field: dict[str, Any]) -> str:
    """Add `field` (named FRESH) to some entity; its path."""
    i = draw(st.integers(0, len(doc["entities"]) - 1))
    fields = doc["entities"][i]["fields"]
    fields.append({"name": FRESH, **field})
    return f"$.entities[{i}].fields[{len(fields) - 1}]"


def bad_entity_name(draw: Draw, doc: dict[str, Any]) -> str:
    i = draw(st.integers(0, len(doc["entities"]) - 1))
    doc["entities"][i]["name"] = draw(st.sampled_from(BAD_NAMES))
    return f"$.entities[{i}].name"


def bad_field_name(draw: Draw, doc: dict[str, Any]) -> str:
    i, j, field = _some_field(draw, doc)
    field["name"] = draw(st.sampled_from(BAD_NAMES))
    return f"$.entities[{i}].fields[{j}].name"


def unknown_type(draw: Draw, doc: dict[str, Any]) -> str:
    i, j, field = _some_field(draw, doc)
    field["type"] = draw(st.sampled_from(["txt", "string", "", "Text", 5]))
    return f"$.entities[{i}].fields[{j}].type"


def missing_key(draw: Draw, doc: dict[str, Any]) -> str:
    i, j, field = _some_field(draw, doc)
    key = draw(st.sampled_from(["name", "type"]))
    del field[key]
    return f"$.entities[{i}].fields[{j}].{key}"


def unknown_key(draw: Draw, doc: dict[str, Any]) -> str:
    key = draw(st.sampled_from(["colour", "requird", "size", "x"]))
    where = draw(st.sampled_from(["document", "entity", "field"]))
    if where == "document":
        doc[key] = 1
        return f"$.{key}"
    if where == "entity":
        doc["entities"][0][key] = 1
        return f"$.entities[0].{key}"
    i, j, field = _some_field(draw, doc)
    field[key] = 1
    return f"$.entities[{i}].fields[{j}].{key}"


def wrong_value_type(draw: Draw, doc: dict[str, Any]) -> str:
    i, j, field = _some_field(draw, doc)
    key = draw(st.sampled_from(["required", "unique", "hidden", "label"]))
    field[key] = draw(st.sampled_from([[], {}, 5])) if key == "label" else "yes"
    return f"$.entities[{i}].fields[{j}].{key}"


def duplicate_field_name(draw: Draw, doc: dict[str, Any]) -> str:
    i = draw(st.integers(0, len(doc["entities"]) - 1))
    fields = doc["entities"][i]["fields"]
    fields.append({"name": fields[0]["name"], "type": "text"})
    return f"$.entities[{i}].fields[{len(fields) - 1}].name"


def duplicate_entity_name(draw: Draw, doc: dict[str, Any]) -> str:
    doc["entities"].append({"name": doc["entities"][0]["name"], "fields": []})
    return f"$.entities[{len(doc['entities']) - 1}].name"


def duplicate_id(draw: Draw, doc: dict[str, Any]) -> str:
    i, j, field = _some_field(draw, doc)
    doc["entities"][i]["id"] = field["id"] = "same_id"
    return f"$.entities[{i}].fields[{j}].id"


def link_to_nowhere(draw: Draw, doc: dict[str, Any]) -> str:
    kind = draw(st.sampled_from(["link", "links"]))
    return f"{_append(draw, doc, {'type': kind, 'to': 'missing_entity_x_y'})}.to"


def title_not_a_field(draw: Draw, doc: dict[str, Any]) -> str:
    i = draw(st.integers(0, len(doc["entities"]) - 1))
    doc["entities"][i]["title_field"] = FRESH
    return f"$.entities[{i}].title_field"


def misplaced_marker(draw: Draw, doc: dict[str, Any]) -> str:
    kind, marker = draw(
        st.sampled_from([("text", "$me"), ("integer", "$now"), ("user", "$today"), ("url", "$me")])
    )
    return f"{_append(draw, doc, {'type': kind, 'default': marker})}.default"


def default_not_an_option(draw: Draw, doc: dict[str, Any]) -> str:
    kind = draw(st.sampled_from(["select", "stage"]))
    field = {"type": kind, "options": ["a", "b"], "default": "c"}
    return f"{_append(draw, doc, field)}.default"


def cannot_be_unique(draw: Draw, doc: dict[str, Any]) -> str:
    kind = draw(st.sampled_from(["boolean", "long_text"]))
    return f"{_append(draw, doc, {'type': kind, 'unique': True})}.unique"


def no_options(draw: Draw, doc: dict[str, Any]) -> str:
    kind = draw(st.sampled_from(["select", "stage", "multi_select"]))
    field: dict[str, Any] = {"type": kind}
    if draw(st.booleans()):
        field["options"] = []
    return f"{_append(draw, doc, field)}.options"


def bad_option(draw: Draw, doc: dict[str, Any]) -> str:
    option, suffix = draw(
        st.sampled_from(
            [
                (5, ""),
                ("", ""),
                ({"value": "a", "color": "not a color"}, ".color"),
                ({"label": "A"}, ".value"),
                ({"value": "a", "probability": 101}, ".probability"),
            ]
        )
    )
    field = {"type": "stage", "options": ["x", option]}
    return f"{_append(draw, doc, field)}.options[1]{suffix}"


def won_not_a_stage(draw: Draw, doc: dict[str, Any]) -> str:
    key = draw(st.sampled_from(["won", "lost"]))
    field = {"type": "stage", "options": ["a", "b"], key: ["a", "zzz"]}
    return f"{_append(draw, doc, field)}.{key}[1]"


def key_of_another_type(draw: Draw, doc: dict[str, Any]) -> str:
    key, value = draw(
        st.sampled_from([("options", ["a"]), ("to", "x"), ("currency", "USD"), ("prefix", "N")])
    )
    return f"{_append(draw, doc, {'type': 'text', key: value})}.{key}"


MUTATIONS: list[Mutation] = [
    bad_entity_name,
    bad_field_name,
    unknown_type,
    missing_key,
    unknown_key,
    wrong_value_type,
    duplicate_field_name,
    duplicate_entity_name,
    duplicate_id,
    link_to_nowhere,
    title_not_a_field,
    misplaced_marker,
    default_not_an_option,
    cannot_be_unique,
    no_options,
    bad_option,
    won_not_a_stage,
    key_of_another_type,
]


@FUZZ
@given(valid_definitions(min_fields=1), st.sampled_from(MUTATIONS), st.data())
def test_one_bad_change_is_reported_where_it_is(
    doc: dict[str, Any], mutation: Mutation, data: st.DataObject
) -> None:
    bad = copy.deepcopy(doc)
    path = mutation(data.draw, bad)
    errors = check_definition(bad)
    assert_well_formed(errors)
    assert path in {e.path for e in errors}, (path, errors)


def test_mutations_start_from_valid_documents() -> None:
    doc = {"entities": [{"name": "deal", "fields": [{"name": "title", "type": "text"}]}]}
    assert check_definition(doc) == []


@FUZZ
@given(valid_definitions(min_fields=1), json_values(), st.data())
def test_replacing_any_part_with_junk_never_crashes(
    doc: dict[str, Any], junk: Any, data: st.DataObject
) -> None:
    places = list(_places(doc))
    container, key = data.draw(st.sampled_from(places))
    container[key] = junk
    assert_well_formed(check_definition(doc))


def _places(value: Any) -> Any:
    """Every (container, key) of a JSON value, so that one can be replaced."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        yield value, key
        if isinstance(child, (dict, list)):
            yield from _places(child)
