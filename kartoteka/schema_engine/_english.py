"""The English of definition messages: lists, counts, quoted values and "did you mean" hints."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from typing import Any, TypeGuard

from kartoteka.schema_engine.names import with_article
from kartoteka.schema_engine.types import FIELD_TYPES


def _join(words: Iterable[str], last: str = "or") -> str:
    """'a', 'a or b', 'a, b or c'."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _count(number: int, noun: str) -> str:
    """'1 character', '2 characters'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _quoted(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _shown(value: Any) -> str:
    """A short description of a JSON value for messages: '5', '"yes"', 'a list', 'an object'."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = _quoted(value)
    return text if len(text) <= 40 else f"{text[:37]}…"


def _field_noun(kind: Any) -> str:
    """'a select field' for a known type, else 'a field'."""
    return with_article(f"{kind} field") if _known_type(kind) else "a field"


def _known_type(kind: Any) -> TypeGuard[str]:
    return isinstance(kind, str) and kind in FIELD_TYPES


def _did_you_mean(word: str, choices: Iterable[str], guess: str | None = None) -> str:
    """' (did you mean 'color'?)' when `word` looks like a typo of one of `choices`, else ''."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    guess = guess or (matches[0] if matches else None)
    return f" (did you mean '{guess}'?)" if guess else ""
