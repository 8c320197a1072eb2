"""Record ids (and the other whole numbers of the store: versions, change and file ids) read
from text: the one grammar for paths, forms, cursors and links, in the API and the UI alike."""

from __future__ import annotations

from kartoteka.schema_engine.types import INTEGER_LIMIT

#: The largest id a table holds: ids are `INTEGER` columns (32 bits on PostgreSQL), so a larger
#: number names no record and must never reach the database (PostgreSQL refuses it as a bind).
MAX_ID = INTEGER_LIMIT


def parse_id(text: str | None) -> int | None:
    """The id `text` names: ASCII digits for 1 to MAX_ID; anything else (None, '', '0', '-1',
    ' 1', '1.0', '²', '٣', a larger number) names none.

    >>> parse_id("42"), parse_id("4x"), parse_id("0")
    (42, None, None)
    """
    # `str.isdigit` alone also takes '²' and '٣', which `int` then refuses or misreads; the length
    # check keeps `int` from reading a megabyte of digits just to refuse it.
    if not text or not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if is_id(number) else None


def is_id(value: object) -> bool:
    """Whether `value` is an int a table may hold as an id (True and False are not ids)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
