"""Names of entities and fields become table and column names: bad ones are refused by rule."""

from __future__ import annotations

from typing import Any

import pytest

from kartoteka.schema_engine.definition.document import check_definition
from kartoteka.schema_engine.names import (
    QUERY_WORDS,
    SYSTEM_COLUMNS,
    is_identifier,
    name_problem,
    suggest_name,
    trash_name,
    with_article,
)

#: (name, words the message must contain): one row per rule a name can break.
BAD_NAMES: list[tuple[str, str]] = [
    *[(word, "is an SQL keyword") for word in ("select", "from", "order", "group", "table")],
    *[(word, "is an SQL keyword") for word in ("where", "user", "default", "check", "index")],
    ("kt_client", "reserved prefix 'kt_'"),
    ("kt_", "reserved prefix 'kt_'"),
    *[(column, "is a system column") for column in SYSTEM_COLUMNS],
    *[(word, "word of the record query language") for word in QUERY_WORDS],
    ("client__name", "contains '__'"),
    ("a__", "contains '__'"),
    ("Client", "has uppercase letters"),
    ("closeDate", "has uppercase letters"),
    ("1client", "does not start with a letter"),
    ("_client", "does not start with a letter"),
    ("9", "does not start with a letter"),
    ("close-date", "contains '-'"),
    ("close date", "contains ' '"),
    ("client\n", "contains '\\n'"),
    ("\nclient", "contains '\\n'"),
    ("price$", "contains '$'"),
    ("a" * 64, "64 characters long"),
    ("x" * 100, "at most 63 characters"),
    ("", "cannot be empty"),
    ("клиент", "'к', which is not a latin letter"),
    ("客户", "which is not a latin letter"),
    ("josé", "'é', which is not a latin letter"),
]

GOOD_NAMES = [
    "client",
    "close_date",
    "a",
    "a" * 63,
    "x1",
    "select_value",
    "kt",
    "kanban_kt_view",
    "user_id",
    "counts",
    "q1",
    "sqlite_stat",  # only tables are barred from the sqlite_ prefix
    "order_",
]


def entity_named(name: Any) -> dict[str, Any]:
    return {"entities": [{"name": name, "fields": [{"name": "title", "type": "text"}]}]}


def field_named(name: Any) -> dict[str, Any]:
    return {"entities": [{"name": "deal", "fields": [{"name": name, "type": "text"}]}]}


def only_error(doc: dict[str, Any]) -> tuple[str, str]:
    errors = check_definition(doc)
    assert len(errors) == 1, errors
    return errors[0].path, errors[0].message


@pytest.mark.parametrize(("name", "rule"), BAD_NAMES)
def test_bad_entity_name_is_refused_naming_the_rule(name: str, rule: str) -> None:
    path, message = only_error(entity_named(name))
    assert path == "$.entities[0].name"
    assert rule in message
    assert "entity name" in message


@pytest.mark.parametrize(("name", "rule"), BAD_NAMES)
def test_bad_field_name_is_refused_naming_the_rule(name: str, rule: str) -> None:
    path, message = only_error(field_named(name))
    assert path == "$.entities[0].fields[0].name"
    assert rule in message
    assert "field name" in message


@pytest.mark.parametrize(("name", "rule"), BAD_NAMES)
def test_bad_inverse_name_is_refused_naming_the_rule(name: str, rule: str) -> None:
    link = {"name": "client", "type": "link", "to": "client", "inverse": name}
    doc = {
        "entities": [
            {"name": "client", "fields": []},
            {"name": "deal", "fields": [link]},
        ]
    }
    path, message = only_error(doc)
    assert path == "$.entities[1].fields[0].inverse"
    assert rule in message


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_good_names_are_accepted(name: str) -> None:
    assert check_definition(field_named(name)) == []
    assert name_problem(name, "field name") is None
    assert is_identifier(name)


@pytest.mark.parametrize("name", [n for n in GOOD_NAMES if not n.startswith("sqlite_")])
def test_good_names_are_accepted_for_entities(name: str) -> None:
    assert check_definition(entity_named(name)) == []


def test_sqlite_prefix_is_refused_for_tables_only() -> None:
    path, message = only_error(entity_named("sqlite_stat"))
    assert path == "$.entities[0].name"
    assert "prefix SQLite reserves" in message
    assert name_problem("sqlite_stat", "field name") is None


@pytest.mark.parametrize("name", [5, None, ["client"], {"name": "client"}])
def test_a_name_that_is_not_a_string_is_refused(name: Any) -> None:
    path, message = only_error(field_named(name))
    assert path == "$.entities[0].fields[0].name"
    assert message.startswith("'name' must be a string")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "select",
            "'select' is an SQL keyword, so it cannot be a field name; "
            "choose another name, such as 'select_value'",
        ),
        (
            "Close Date",
            "'Close Date' has uppercase letters; write a field name in lowercase "
            "(for example 'close_date')",
        ),
        (
            "order__total",
            "'order__total' contains '__', which separates a field from an operator in queries "
            "(amount__gt=5); use a single '_' in a field name",
        ),
        (
            "id",
            "'id' is a system column every record has (id, created_at, updated_at, created_by, "
            "updated_by, owner, version, deleted_at), so it cannot be a field name; "
            "choose another name, such as 'id_value'",
        ),
    ],
)
def test_messages_read_as_sentences(name: str, message: str) -> None:
    assert name_problem(name, "field name") == message


def test_suggestions_are_valid_names_themselves() -> None:
    assert name_problem("a" * 60 + "_x", "field name") is None
    long_keyword_like = "a" * 63
    assert name_problem(long_keyword_like) is None
    for name, _ in BAD_NAMES:
        message = name_problem(name, "field name")
        assert message is not None
        if "such as '" in message:
            suggestion = message.split("such as '")[1].split("'")[0]
            assert name_problem(suggestion, "field name") is None, message


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Close Date", "close_date"),
        ("José", "jose"),
        ("1st call", "n_1st_call"),
        ("--", None),
        ("клиент", None),
        ("select", None),
    ],
)
def test_suggest_name(text: str, suggestion: str | None) -> None:
    assert suggest_name(text) == suggestion


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("entity name", "an entity name"),
        ("field name", "a field name"),
        ("inverse name", "an inverse name"),
        ("integer field", "an integer field"),
        ("user field", "a user field"),
        ("url field", "a url field"),
        ("autonumber field", "an autonumber field"),
        ("email field", "an email field"),
    ],
)
def test_with_article(word: str, expected: str) -> None:
    assert with_article(word) == expected


def test_trash_names_use_the_reserved_prefix() -> None:
    assert trash_name("fld_1") == "kt_trash_fld_1"
    assert name_problem(trash_name("fld_1")) is not None
