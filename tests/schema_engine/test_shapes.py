"""The typed app definition (schema_engine/shapes.py) agrees with the JSON Schema and registry."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from kartoteka.schema_engine import definition as d
from kartoteka.schema_engine.definition import json_schema
from kartoteka.schema_engine.types import FIELD_TYPES


def _schema_def(name: str) -> dict[str, Any]:
    found: dict[str, Any] = json_schema()["$defs"][name]
    return found


def _object_branch(name: str) -> dict[str, Any]:
    """The object form of a `oneOf` definition (an option is a string or an object)."""
    branches = _schema_def(name).get("oneOf", [_schema_def(name)])
    return next(b for b in branches if b.get("type") == "object")


def test_field_type_names_are_the_registry_keys() -> None:
    assert sorted(d.FIELD_TYPE_NAMES) == sorted(FIELD_TYPES)


def test_field_type_names_are_the_schema_enum() -> None:
    assert sorted(d.FIELD_TYPE_NAMES) == sorted(_schema_def("field")["properties"]["type"]["enum"])


def _typed_name(value: Any) -> str:
    return getattr(value, "__name__", "schema")


TYPED_OBJECTS = [
    (d.Document, json_schema()),
    (d.Entity, _schema_def("entity")),
    (d.Field, _schema_def("field")),
    (d.OptionObject, _object_branch("option")),
    (d.Index, _schema_def("index")),
    (d.View, _schema_def("view")),
    (d.Automation, _schema_def("automation")),
    (d.AutomationWhen, _schema_def("automation_when")),
    (d.AutomationAction, _schema_def("automation_action")),
    (d.DocumentTemplate, _schema_def("document")),
]


@pytest.mark.parametrize(("typed", "schema"), TYPED_OBJECTS, ids=_typed_name)
def test_typed_keys_are_the_schema_properties(typed: Any, schema: dict[str, Any]) -> None:
    assert set(typed.__annotations__) == set(schema["properties"])


@pytest.mark.parametrize(("typed", "schema"), TYPED_OBJECTS, ids=_typed_name)
def test_required_keys_are_the_schema_required(typed: Any, schema: dict[str, Any]) -> None:
    assert set(typed.__required_keys__) == set(schema.get("required", []))


@pytest.mark.parametrize(
    ("literal", "enum"),
    [
        (d.EventName, _schema_def("automation_when")["properties"]["event"]["enum"]),
        (d.ActionName, _schema_def("automation_action")["properties"]["action"]["enum"]),
    ],
)
def test_literals_are_the_schema_enums(literal: Any, enum: list[str]) -> None:
    assert sorted(get_args(literal)) == sorted(enum)
