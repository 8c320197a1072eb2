"""Numbers in addresses and form fields (record ids, versions, cursors), read safely."""

from __future__ import annotations

from kartoteka.api.records import MAX_ID


def is_digits(text: str) -> bool:
    """Whether `text` is ASCII digits only: `str.isdigit` also takes '²' and '٣', which `int`
    then refuses (a 500 instead of the page's own answer)."""
    return text.isascii() and text.isdigit()


def record_number(text: str | None) -> int | None:
    """The record id (or change id) `text` names: 1 to the largest 64-bit id; else None."""
    if text and is_digits(text) and len(text) < 20 and 0 < int(text) <= MAX_ID:
        return int(text)
    return None


def version_number(text: str | None) -> int | None:
    """A record's version as a form carries it; else None."""
    return int(text) if text and is_digits(text) and len(text) < 19 else None
