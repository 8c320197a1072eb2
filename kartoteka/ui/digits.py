"""Numbers in addresses and form fields, read safely."""

from __future__ import annotations


def is_digits(text: str) -> bool:
    """Whether `text` is ASCII digits only: `str.isdigit` also takes '²' and '٣', which `int`
    then refuses (a 500 instead of the page's own answer)."""
    return text.isascii() and text.isdigit()
