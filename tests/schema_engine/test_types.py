"""The field-type registry: parsing what users type, search folding, agreement with the schema."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kartoteka.schema_engine.definition.document import check_definition, json_schema
from kartoteka.schema_engine.types import (
    DEFAULT_MARKERS,
    FIELD_TYPES,
    INTEGER_LIMIT,
    TYPE_ALIASES,
    TYPE_SPECIFIC_KEYS,
    ConversionError,
    field_type,
    fold,
    is_indexed,
    option_values,
    types_with_key,
)

STATUS: dict[str, Any] = {
    "name": "status",
    "type": "select",
    "options": ["lead", {"value": "vip", "label": "VIP"}, "lost"],
}
UTC = dt.UTC


def parse(kind: str, value: Any, definition: dict[str, Any] | None = None) -> Any:
    return FIELD_TYPES[kind].parse(value, definition or {"name": "f", "type": kind})


# ---------------------------------------------------------------- parsing what users type

GOOD_INPUT: list[tuple[str, Any, Any]] = [
    ("text", "Ольга Петрова", "Ольга Петрова"),
    ("text", 5, "5"),
    ("text", True, "true"),
    ("long_text", "line 1\nline 2", "line 1\nline 2"),
    ("integer", "42", 42),
    ("integer", " 1 234 ", 1234),
    ("integer", "1\u00a0234\u00a0567", 1234567),
    ("integer", "-7", -7),
    ("integer", "1e3", 1000),
    ("integer", "1 234,00", 1234),
    ("integer", 3.0, 3),
    ("integer", Decimal("12"), 12),
    ("integer", True, 1),
    ("decimal", "1 234,50", Decimal("1234.50")),
    ("decimal", "1,234.50", Decimal("1234.50")),
    ("decimal", "1.234,50", Decimal("1234.50")),
    ("decimal", "0,5", Decimal("0.5")),
    ("decimal", 1.1, Decimal("1.1")),
    ("decimal", 7, Decimal(7)),
    ("money", "$1,234.50", Decimal("1234.50")),
    ("money", "1 234,50 ₽", Decimal("1234.50")),
    ("money", "€ 99", Decimal("99")),
    ("percent", "12,5%", Decimal("12.5")),
    ("boolean", "да", True),
    ("boolean", "Нет", False),
    ("boolean", "YES", True),
    ("boolean", " no ", False),
    ("boolean", "1", True),
    ("boolean", 0, False),
    ("boolean", 1.0, True),
    ("boolean", "是", True),
    ("boolean", "否", False),
    ("boolean", "da", True),
    ("boolean", "nu", False),
    ("boolean", "ya", True),
    ("boolean", "tidak", False),
    ("date", "2026-01-05", dt.date(2026, 1, 5)),
    ("date", "05.01.2026", dt.date(2026, 1, 5)),
    ("date", " 5.1.2026 ", dt.date(2026, 1, 5)),
    ("date", dt.date(2026, 1, 5), dt.date(2026, 1, 5)),
    ("date", dt.datetime(2026, 1, 5), dt.date(2026, 1, 5)),
    ("datetime", "2026-01-05T10:00:00Z", dt.datetime(2026, 1, 5, 10, tzinfo=UTC)),
    ("datetime", "2026-01-05T13:00:00+03:00", dt.datetime(2026, 1, 5, 10, tzinfo=UTC)),
    ("datetime", "2026-01-05T10:00:00", dt.datetime(2026, 1, 5, 10, tzinfo=UTC)),
    ("datetime", "2026-01-05 10:00", dt.datetime(2026, 1, 5, 10, tzinfo=UTC)),
    ("datetime", "05.01.2026 10:30", dt.datetime(2026, 1, 5, 10, 30, tzinfo=UTC)),
    ("datetime", "2026-01-05", dt.datetime(2026, 1, 5, tzinfo=UTC)),
    ("datetime", dt.date(2026, 1, 5), dt.datetime(2026, 1, 5, tzinfo=UTC)),
    ("email", " olga@example.ru ", "olga@example.ru"),
    ("phone", "+7 (495) 123-45-67", "+7 (495) 123-45-67"),
    ("url", "https://example.com/a?b=1", "https://example.com/a?b=1"),
    ("select", "vip", "vip"),
    ("select", "VIP", "vip"),
    ("select", " Lead ", "lead"),
    ("stage", "LOST", "lost"),
    ("multi_select", "lead, VIP", ["lead", "vip"]),
    ("multi_select", '["lost", "lead"]', ["lost", "lead"]),
    ("multi_select", ["vip", "vip", "lead"], ["vip", "lead"]),
    ("multi_select", "", []),
    ("link", 5, 5),
    ("link", "5", 5),
    ("link", {"id": 5, "title": "ACME"}, 5),
    ("links", [1, "2", 2], [1, 2]),
    ("links", 3, [3]),
    ("user", "12", 12),
    ("autonumber", "17", 17),
    ("file", "7", 7),
    ("file", {"id": 7, "name": "contract.pdf"}, 7),
]

BAD_INPUT: list[tuple[str, Any, str]] = [
    ("integer", "abc", "not a whole number"),
    ("integer", "1,5", "fractional part"),
    ("integer", 2.5, "fractional part"),
    ("integer", "3000000000", "too large"),
    ("integer", 2**40, "too large"),
    ("integer", "1e999999999", "too large"),
    ("integer", "nan", "not a whole number"),
    ("integer", float("inf"), "not a whole number"),
    ("integer", None, "not a whole number"),
    ("integer", [1], "not a whole number"),
    ("decimal", "abc", "not a number"),
    ("decimal", "", "not a number"),
    ("decimal", "1.2.3", "not a number"),
    ("decimal", "NaN", "not a number"),
    ("decimal", float("nan"), "not a number"),
    ("decimal", True, "not a number"),
    ("money", {"amount": 5}, "not a number"),
    ("boolean", "maybe", "not yes or no"),
    ("boolean", 2, "not yes or no"),
    ("boolean", "", "not yes or no"),
    ("boolean", None, "not yes or no"),
    ("date", "2026-13-01", "not a date"),
    ("date", "05/01/2026", "not a date"),
    ("date", "tomorrow", "not a date"),
    ("date", 20260105, "not a date"),
    ("date", dt.datetime(2026, 1, 5, 10, 30), "has a time of day"),
    ("datetime", "soon", "not a date and time"),
    ("datetime", 5, "not a date and time"),
    ("datetime", "0001-01-01T00:00:00+01:00", "out of the range"),
    ("email", "olga@", "not an email address"),
    ("email", "olga example.ru", "not an email address"),
    ("phone", "call me", "not a phone number"),
    ("url", "example.com", "not a web address"),
    ("url", "ftp://example.com", "not a web address"),
    ("select", "unknown", "not one of the options (lead, vip, lost)"),
    ("stage", "", "not one of the options"),
    ("multi_select", "lead, nope", "'nope' is not one of the options"),
    ("multi_select", "[not json", "not a list of options"),
    ("link", 0, "not a record id"),
    ("link", -1, "not a record id"),
    ("link", True, "not a record id"),
    ("link", "ACME", "not a record id"),
    ("links", [1, "x"], "not a record id"),
    ("user", 1.5, "not a record id"),
    ("autonumber", "A-17", "not a whole number"),
    ("file", "contract.pdf", "not a file"),
]


def _definition(kind: str) -> dict[str, Any]:
    if kind in ("select", "stage", "multi_select"):
        return {**STATUS, "type": kind}
    return {"name": "f", "type": kind}


@pytest.mark.parametrize(("kind", "text", "expected"), GOOD_INPUT)
def test_parse_typical_input(kind: str, text: Any, expected: Any) -> None:
    value = parse(kind, text, _definition(kind))
    assert value == expected
    assert type(value) is type(expected)
    if isinstance(value, dt.datetime):
        assert value.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(("kind", "text", "reason"), BAD_INPUT)
def test_parse_refuses_bad_input_with_a_reason(kind: str, text: Any, reason: str) -> None:
    with pytest.raises(ConversionError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse(kind, text, _definition(kind))


def test_conversion_error_is_a_value_error() -> None:
    assert issubclass(ConversionError, ValueError)


def test_every_type_has_parse_cases() -> None:
    assert {kind for kind, _, _ in GOOD_INPUT} == set(FIELD_TYPES)


def test_integer_limit_is_that_of_a_postgresql_integer() -> None:
    assert parse("integer", str(INTEGER_LIMIT)) == INTEGER_LIMIT
    assert parse("integer", -INTEGER_LIMIT) == -INTEGER_LIMIT
    with pytest.raises(ConversionError, match="2,147,483,647"):
        parse("integer", INTEGER_LIMIT + 1)


def test_option_values_reads_strings_and_objects() -> None:
    assert option_values(STATUS) == ["lead", "vip", "lost"]
    assert option_values({"type": "select"}) == []


# ---------------------------------------------------------------- folding for search


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ОЛЬГА", "ольга"),
        ("Ольга", "ольга"),
        ("José", "jose"),
        ("JOSÉ", "jose"),
        ("Straße", "strasse"),
        ("Ștefan Țurcanu", "stefan turcanu"),
        ("客户张伟", "客户张伟"),
        ("ﬁle", "file"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_makes_case_and_accents_equal() -> None:
    assert fold("Ольга") == fold("ОЛЬГА")
    assert fold("jose") == fold("José")


# ---------------------------------------------------------------- the registry and the schema


def _schema_type_enum() -> list[str]:
    return list(json_schema()["$defs"]["field"]["properties"]["type"]["enum"])


def test_every_registry_type_is_in_the_json_schema_and_back() -> None:
    assert sorted(_schema_type_enum()) == sorted(FIELD_TYPES)


def test_registry_entries_are_named_by_their_key() -> None:
    assert all(t.name == name for name, t in FIELD_TYPES.items())
    assert field_type("money") is FIELD_TYPES["money"]


KEY_EXAMPLES = {
    "options": ["a", "b"],
    "won": ["a"],
    "lost": ["b"],
    "to": "client",
    "inverse": "things",
    "on_delete": "cascade",
    "currency": "EUR",
    "prefix": "INV-",
    "group_digits": False,
    "summable": False,
}


def test_key_examples_cover_every_type_specific_key() -> None:
    assert set(KEY_EXAMPLES) == TYPE_SPECIFIC_KEYS


def _field_with(kind: str, key: str) -> dict[str, Any]:
    field: dict[str, Any] = {"name": "thing", "type": kind}
    for required in FIELD_TYPES[kind].required_keys:
        field[required] = KEY_EXAMPLES[required]
    field[key] = KEY_EXAMPLES[key]
    if key in ("won", "lost"):
        field.setdefault("options", KEY_EXAMPLES["options"])
    return field


@pytest.mark.parametrize("kind", list(FIELD_TYPES))
@pytest.mark.parametrize("key", sorted(KEY_EXAMPLES))
def test_schema_accepts_a_type_specific_key_exactly_where_the_registry_does(
    kind: str, key: str
) -> None:
    client = {"name": "client", "fields": [{"name": "title", "type": "text"}]}
    doc = {"entities": [client, {"name": "deal", "fields": [_field_with(kind, key)]}]}
    paths = {e.path: e.message for e in check_definition(doc)}
    at = f"$.entities[1].fields[0].{key}"
    if key in FIELD_TYPES[kind].keys:
        assert paths == {}
    else:
        assert "does not apply to" in paths[at]


@pytest.mark.parametrize("kind", list(FIELD_TYPES))
def test_schema_requires_the_keys_the_registry_requires(kind: str) -> None:
    doc = {"entities": [{"name": "deal", "fields": [{"name": "thing", "type": kind}]}]}
    paths = {e.path for e in check_definition(doc)}
    assert paths == {f"$.entities[0].fields[0].{k}" for k in FIELD_TYPES[kind].required_keys}


def test_types_with_key_follow_the_registry_order() -> None:
    assert types_with_key("options") == ["select", "stage", "multi_select"]
    assert types_with_key("to") == ["link", "links"]
    assert types_with_key("nothing") == []


def test_default_markers_and_the_types_that_take_them() -> None:
    assert {"$me", "$now", "$today"} == DEFAULT_MARKERS
    takes = {
        m: {n for n, t in FIELD_TYPES.items() if m in t.default_markers} for m in DEFAULT_MARKERS
    }
    assert takes == {"$me": {"user"}, "$now": {"date", "datetime"}, "$today": {"date", "datetime"}}


def test_type_aliases_point_at_real_types() -> None:
    assert set(TYPE_ALIASES.values()) <= set(FIELD_TYPES)
    assert not set(TYPE_ALIASES) & set(FIELD_TYPES)


@pytest.mark.parametrize(
    ("field", "indexed"),
    [
        ({"type": "select"}, True),
        ({"type": "select", "indexed": False}, False),
        ({"type": "text"}, False),
        ({"type": "text", "indexed": True}, True),
        ({"type": "email", "unique": True}, False),
        ({"type": "links", "to": "client"}, False),
        ({"type": "link", "to": "client"}, True),
    ],
)
def test_is_indexed(field: dict[str, Any], indexed: bool) -> None:
    assert is_indexed(field) is indexed


@pytest.mark.parametrize("kind", list(FIELD_TYPES))
def test_value_schema_is_a_json_schema_fragment(kind: str) -> None:
    fragment = FIELD_TYPES[kind].value_schema(_definition(kind))
    assert isinstance(fragment, dict)
    assert fragment
