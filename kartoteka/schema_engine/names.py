"""Rules for the names of entities and fields, which become table and column names.

Each rule is one small entry of `NAME_RULES`; `name_problem` returns the message of the first rule a
name breaks, so a user learns which rule it is and how to follow it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeGuard

from kartoteka.schema_engine.system_columns import SYSTEM_COLUMNS

#: PostgreSQL cuts identifiers at 63 bytes; longer names would collide silently.
MAX_NAME_LENGTH = 63
NAME_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
#: fullmatch, not NAME_PATTERN: Python's `$` also matches before a final newline.
_NAME_RE = re.compile(r"[a-z][a-z0-9_]{0,62}")

#: Platform tables and hidden (trashed) columns use this prefix.
RESERVED_PREFIX = "kt_"

#: SQLite refuses to create tables whose name starts with this prefix.
SQLITE_PREFIX = "sqlite_"

#: Words of the record query language (`?q=...&sort=...`), so never field names; the query
#: parser reads these words as its settings.
QUERY_WORDS = ("q", "sort", "limit", "cursor", "count", "trashed", "filter")

#: Reserved words of SQL:2016, PostgreSQL and SQLite that would need quoting in hand-written SQL.
SQL_KEYWORDS = frozenset(
    """
    abort action add after all alter always analyze and any array as asc asymmetric attach
    authorization autoincrement before begin between binary both by cascade case cast check
    collate collation column commit concurrently conflict constraint create cross current
    current_catalog current_date current_role current_schema current_time current_timestamp
    current_user database default deferrable deferred delete desc detach distinct do drop each
    else end escape except exclude exclusive exists explain fail false fetch first following for
    foreign freeze from full generated glob grant group groups having if ignore ilike immediate
    in index indexed initially inner insert instead intersect into is isnull join key last
    lateral leading left like limit localtime localtimestamp match materialized natural no not
    nothing notnull null nulls of offset on only or order others outer over overlaps partition
    placing plan pragma preceding primary query raise range recursive references regexp reindex
    release rename replace restrict returning right rollback row rows savepoint select
    session_user set similar some symmetric system_user table tablesample temp temporary then
    ties to trailing transaction trigger true unbounded union unique update user using vacuum
    values variadic verbose view virtual when where window with without
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class NameRule:
    """One rule a name must follow: `broken(name)` says whether `name` breaks it."""

    broken: Callable[[str], bool]
    #: The message for a name and what it names ("field name"...), with a way out.
    message: Callable[[str, str], str]
    #: Whether the rule only concerns table names (entities), not column names.
    tables_only: bool = False


def is_identifier(name: object) -> TypeGuard[str]:
    """Whether `name` has the shape of a name: 1 to 63 lowercase latin letters, digits and _."""
    return isinstance(name, str) and _NAME_RE.fullmatch(name) is not None


def suggest_name(text: str) -> str | None:
    """A valid name close to `text`, or None: 'Close Date' -> 'close_date', 'José' -> 'jose'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    latin = "".join(c for c in decomposed if not unicodedata.combining(c))
    name = re.sub(r"[^a-z0-9]+", "_", latin).strip("_")
    if not name:
        return None
    if not name[0].isalpha():
        name = f"n_{name}"
    name = name[:MAX_NAME_LENGTH].rstrip("_")
    return name if name_problem(name) is None else None


def _example(name: str) -> str:
    suggestion = suggest_name(name)
    return f"'{suggestion}'" if suggestion and suggestion != name else "'close_date'"


def _alternative(name: str) -> str:
    """An example of a free name derived from `name`, for messages."""
    candidate = f"{name}_value"
    return f", such as '{candidate}'" if name_problem(candidate) is None else ""


def with_article(word: str) -> str:
    """`word` with "a" or "an" before it: 'an entity name', 'a user field', 'an integer field'."""
    sounds_like_you = word.startswith(("user", "url", "uni", "use", "eu"))
    vowel = word[:1].lower() in "aeiou" and not sounds_like_you
    return f"{'an' if vowel else 'a'} {word}"


def _shape_problem(name: str, what: str) -> str:
    """Why `name` is not an identifier at all, most specific reason first."""
    rule = "use lowercase latin letters, digits and _, starting with a letter"
    if name == "":
        return f"{with_article(what)} cannot be empty; {rule} (for example 'close_date')"
    if len(name) > MAX_NAME_LENGTH:
        return (
            f"'{name[:20]}…' is {len(name)} characters long; {with_article(what)} has at most "
            f"{MAX_NAME_LENGTH} characters, so shorten it"
        )
    others = [c for c in dict.fromkeys(name) if not re.match(r"[a-z0-9_]", c)]
    foreign = [c for c in others if c.isalpha() and not c.isascii()]
    if foreign:
        return (
            f"{name!r} contains {foreign[0]!r}, which is not a latin letter; write "
            f"{with_article(what)} with a-z, 0-9 and _ only, and put the words of your language "
            "in the label"
        )
    if any(c.isupper() for c in others):
        return (
            f"{name!r} has uppercase letters; write {with_article(what)} in lowercase "
            f"(for example {_example(name)})"
        )
    if others:
        shown = ", ".join(repr(c) for c in others)
        return (
            f"{name!r} contains {shown}; write {with_article(what)} with lowercase latin letters, "
            f"digits and _ only, starting with a letter (for example {_example(name)})"
        )
    return (
        f"{name!r} does not start with a letter; {with_article(what)} must start with a latin "
        f"letter (for example {_example(name)})"
    )


NAME_RULES: tuple[NameRule, ...] = (
    NameRule(
        lambda n: "__" in n,
        lambda n, what: (
            f"{n!r} contains '__', which separates a field from an operator in queries "
            f"(amount__gt=5); use a single '_' in {with_article(what)}"
        ),
    ),
    NameRule(
        lambda n: n.startswith(RESERVED_PREFIX),
        lambda n, what: (
            f"{n!r} starts with the reserved prefix '{RESERVED_PREFIX}', which Kartoteka keeps "
            f"for its own tables and columns; choose {with_article(what)} without it"
        ),
    ),
    NameRule(
        lambda n: n.startswith(SQLITE_PREFIX),
        lambda n, what: (
            f"{n!r} starts with '{SQLITE_PREFIX}', a prefix SQLite reserves for its own tables; "
            f"choose {with_article(what)} without it"
        ),
        tables_only=True,
    ),
    NameRule(
        lambda n: n in SYSTEM_COLUMNS,
        lambda n, what: (
            f"{n!r} is a system column every record has ({', '.join(SYSTEM_COLUMNS)}), so it "
            f"cannot be {with_article(what)}; choose another name{_alternative(n)}"
        ),
    ),
    NameRule(
        lambda n: n in QUERY_WORDS,
        lambda n, what: (
            f"{n!r} is a word of the record query language ({', '.join(QUERY_WORDS)}), so it "
            f"cannot be {with_article(what)}; choose another name{_alternative(n)}"
        ),
    ),
    NameRule(
        lambda n: n in SQL_KEYWORDS,
        lambda n, what: (
            f"{n!r} is an SQL keyword, so it cannot be {with_article(what)}; "
            f"choose another name{_alternative(n)}"
        ),
    ),
)


def name_problem(name: str, what: str = "name", *, table: bool = False) -> str | None:
    """Say why `name` cannot be a table or column name, or None when it can.

    `what` names the thing in the message ("field name"); `table` adds the rules of table names.

    >>> name_problem("order", "field name")
    "'order' is an SQL keyword, so it cannot be a field name; choose another name, such as ..."
    """
    if not _NAME_RE.fullmatch(name):
        return _shape_problem(name, what)
    for rule in NAME_RULES:
        if (table or not rule.tables_only) and rule.broken(name):
            return rule.message(name, what)
    return None


def trash_name(item_id: str) -> str:
    """The hidden name a trashed table or column is renamed to."""
    return f"{RESERVED_PREFIX}trash_{item_id}"
