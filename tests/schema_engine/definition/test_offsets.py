"""The one grammar of relative dates (`+3d`), as rules, the worker and the UI read it."""

from __future__ import annotations

import datetime as dt

import pytest

from kartoteka.schema_engine.definition import Offset, looks_relative, parse_offset


@pytest.mark.parametrize("text, offset", [
    ("+3d", Offset(3, "d")),
    ("-1w", Offset(-1, "w")),
    ("+0d", Offset(0, "d")),
    ("-0h", Offset(0, "h")),
    ("+30m", Offset(30, "m")),
    ("+2M", Offset(2, "M")),
    ("-1y", Offset(-1, "y")),
    ("+99999h", Offset(99999, "h")),
    ("  +3d  ", Offset(3, "d")),
    # The sign is required: without one a value is taken as written ("5m" of cable).
    ("3d", None),
    ("5m", None),
    ("+3", None),
    ("+d", None),
    ("+3 d", None),
    ("+ 3d", None),
    ("+3D", None),
    ("+3days", None),
    ("+1.5d", None),
    ("+100000d", None),
    ("++3d", None),
    ("", None),
])
def test_relative_dates(text: str, offset: Offset | None) -> None:
    assert parse_offset(text) == offset


@pytest.mark.parametrize("text, meant", [
    ("+3d", True), ("-1w", True), ("+3 days", True), (" -2", True),
    ("3d", False), ("2024-01-31", False), ("+", False), ("+d", False),
])
def test_what_is_meant_as_a_relative_date(text: str, meant: bool) -> None:
    assert looks_relative(text) is meant


def test_months_move_by_the_calendar() -> None:
    assert Offset(1, "M").after(dt.datetime(2025, 1, 31)) == dt.datetime(2025, 2, 28)
