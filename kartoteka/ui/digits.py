"""Numbers in form fields that are not ids (row and group indexes), read safely; ids and
versions are read by `kartoteka.schema_engine.records.parse_id`."""

from __future__ import annotations


def is_digits(text: str) -> bool:
    """Whether `text` is ASCII digits only: `str.isdigit` also takes '²' and '٣', which `int`
    then refuses (a 500 instead of the page's own answer)."""
    return text.isascii() and text.isdigit()


