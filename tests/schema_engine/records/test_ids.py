"""The one grammar of ids in text (paths, forms, cursors): ASCII digits for 1 to MAX_ID."""

from __future__ import annotations

import pytest

from kartoteka.schema_engine.records import MAX_ID, is_id, parse_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("42", 42),
        ("007", 7),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 19, None),
        ("9" * 5000, None),
        ("0", None),
        ("000", None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1 ", None),
        ("1.0", None),
        ("1e3", None),
        ("0x10", None),
        ("1_000", None),
        ("²", None),
        ("٣", None),
        ("１", None),
        ("", None),
        (None, None),
    ],
)
def test_an_id_is_ascii_digits_from_one_to_max_id(text: str | None, expected: int | None) -> None:
    assert parse_id(text) == expected


def test_max_id_is_what_an_integer_column_holds_on_postgresql() -> None:
    assert MAX_ID == 2**31 - 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, True), (MAX_ID, True), (0, False), (-5, False), (MAX_ID + 1, False), (True, False),
     ("1", False), (1.0, False), (None, False)],
)
def test_only_ints_in_range_are_ids(value: object, expected: bool) -> None:
    assert is_id(value) is expected
