"""Rules for the names of entities and fields, which become table and column names."""

from __future__ import annotations

import re

NAME_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
_NAME_RE = re.compile(NAME_PATTERN)

#: Platform tables and hidden (trashed) columns use this prefix.
RESERVED_PREFIX = "kt_"

#: Columns every entity table has; no field may take these names.
SYSTEM_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "owner",
    "version",
    "deleted_at",
)

#: Words of the record query language (`?q=...&sort=...`), so never field names.
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


def name_problem(name: str, what: str = "name") -> str | None:
    """Say why `name` cannot be a table or column name, or None when it can.

    >>> name_problem("select")
    "'select' is an SQL keyword; choose another name, such as 'select_value'"
    """
    if not _NAME_RE.match(name):
        return (
            f"{name!r} is not a valid {what}: use 1 to 63 lowercase latin letters, digits and _, "
            "starting with a letter (for example 'close_date')"
        )
    if "__" in name:
        return (
            f"{name!r} contains '__', which separates a field from an operator in queries; "
            "use a single '_'"
        )
    if name.startswith(RESERVED_PREFIX):
        return (
            f"{name!r} starts with '{RESERVED_PREFIX}', which is reserved for Kartoteka's own "
            "tables"
        )
    if name in SYSTEM_COLUMNS:
        return (
            f"{name!r} is a system column every record has "
            f"({', '.join(SYSTEM_COLUMNS)}); choose another name"
        )
    if name in QUERY_WORDS:
        return (
            f"{name!r} is a word of the query language ({', '.join(QUERY_WORDS)}); "
            "choose another name"
        )
    if name in SQL_KEYWORDS:
        return f"{name!r} is an SQL keyword; choose another name, such as '{name}_value'"
    return None


def trash_name(item_id: str) -> str:
    """The hidden name a trashed table or column is renamed to."""
    return f"{RESERVED_PREFIX}trash_{item_id}"
