"""Text search: case- and accent-insensitive, for every alphabet, alike on SQLite and PostgreSQL.

Every searchable field (`types.FieldType.searchable`) has a shadow column `kt_fold_<field id>`
holding `types.fold(value)`; record writes fill it with `shadow_values`. `contains` and `matches`
compare the folded term with it (`LIKE '%term%'`, the term escaped and bound), through the
trigram index on it: pg_trgm on PostgreSQL; on SQLite, the FTS5 trigram table narrows the rows
for terms of three characters or more and `LIKE` on the shadow decides, shorter terms use `LIKE`
alone. `search_index` keeps the columns and indexes.

    contains(model, "client", "name", "ОЛЬГА")   # finds "Ольга"
    matches(model, "client", "jose acme")          # every word, in any searchable field
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    FromClause,
    Select,
    TableClause,
    and_,
    bindparam,
    column,
    false,
    or_,
    select,
    table,
    true,
    union_all,
)

from kartoteka.schema_engine.dialects import ByDialect
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.tables import FTS_COLUMN, fts_name, is_searchable, shadow_name
from kartoteka.schema_engine.types import fold

__all__ = [
    "MIN_INDEXED_LENGTH",
    "BoundTerm",
    "Driver",
    "Term",
    "contains",
    "driver",
    "folded",
    "matches",
    "shadow_name",
    "shadow_values",
    "startswith",
]

#: Terms shorter than this (in characters, once folded) have no trigram to look up.
MIN_INDEXED_LENGTH = 3
_ESCAPE = "/"


@dataclass(frozen=True)
class Term:
    """A search term, folded, and the values its SQL compares with: a LIKE pattern for
    `contains`, one for `startswith`, and an FTS5 phrase."""

    folded: str

    @classmethod
    def of(cls, text: str | Term) -> Term:
        return text if isinstance(text, Term) else cls(fold(text))

    @property
    def indexed(self) -> bool:
        """Whether the trigram index can look it up (three characters or more)."""
        return len(self.folded) >= MIN_INDEXED_LENGTH

    def values(self) -> dict[str, str]:
        """The values themselves, by name (what a `BoundTerm` of this term is given)."""
        return {"like": Term.like(self), "prefix": Term.prefix(self), "phrase": Term.phrase(self)}

    def like(self) -> Any:
        return f"%{_escaped(self.folded)}%"

    def prefix(self) -> Any:
        return f"{_escaped(self.folded)}%"

    def phrase(self) -> Any:
        return _phrase(self.folded)


@dataclass(frozen=True)
class BoundTerm(Term):
    """A term whose values are named parameters of a statement kept for other terms of its
    kind (`<name>_like`, `<name>_prefix`, `<name>_phrase`, given at execution: `values`)."""

    name: str = ""

    def like(self) -> BindParameter[Any]:
        return bindparam(f"{self.name}_like")

    def prefix(self) -> BindParameter[Any]:
        return bindparam(f"{self.name}_prefix")

    def phrase(self) -> BindParameter[Any]:
        return bindparam(f"{self.name}_phrase")


def folded(value: Any) -> str | None:
    """The shadow value of a field value: folded text, None for no value (or empty text)."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return fold(text) if text else None


def shadow_values(model: AppModel, entity: str, values: Mapping[str, Any]) -> dict[str, str | None]:
    """The shadow columns to write along with `values` (field name -> value).

    Only the searchable fields present in `values` get one: `{"kt_fold_fld_1": "acme"}`.
    """
    return {
        shadow_name(f): folded(values[f["name"]])
        for f in model.searchable(entity)
        if f["name"] in values
    }


def contains(
    model: AppModel, entity: str, field_name: str, text: str | Term, *,
    table: FromClause | None = None,
) -> ColumnElement[bool]:
    """`field_name` contains `text`, ignoring case and accents.

    `table`: the entity's table as the query names it (an alias), if not the table itself.
    """
    field = _searchable_field(model, entity, field_name)
    source = table if table is not None else model.table(entity)
    return _substring(source, field, Term.of(text))


def startswith(
    model: AppModel, entity: str, field_name: str, text: str | Term, *,
    table: FromClause | None = None,
) -> ColumnElement[bool]:
    """`field_name` starts with `text`, ignoring case and accents."""
    field = _searchable_field(model, entity, field_name)
    source = table if table is not None else model.table(entity)
    return source.c[shadow_name(field)].like(Term.of(text).prefix(), escape=_ESCAPE)


def matches(
    model: AppModel, entity: str, text: str, *, table: FromClause | None = None
) -> ColumnElement[bool]:
    """Full-text search (`q=`): every word of `text` is in one of the searchable fields.

    `matches(m, "client", "olga paris")` finds Ольга of Paris; no words match every record;
    an entity without searchable fields matches none.
    """
    fields = model.searchable(entity)
    if not fields:
        return false()
    source = table if table is not None else model.table(entity)
    return and_(true(), *[_in_any(source, fields, Term(word)) for word in fold(text).split()])


@dataclass(frozen=True)
class Driver:
    """SQLite: a `contains` that can lead a query (see `driver`)."""

    #: The field's FTS5 table: join it on `rowid = id` and order by its rowid.
    fts: TableClause
    #: The FTS5 match, to put in the WHERE clause of the joined query.
    match: ColumnElement[bool]
    #: What decides, on the rows the match finds: LIKE on the search column.
    like: ColumnElement[bool]


def driver(model: AppModel, entity: str, field_name: str, text: str | Term) -> Driver | None:
    """The FTS5 table and conditions that let a SQLite query read `contains` matches in id
    order and stop at the page's end; None when the term is too short for the trigram index.

    A query sorted by id joins `driver.fts` on `rowid = id`, orders by its rowid and uses
    `match` and `like` where `contains` would be: the common term of a big table costs one page
    of rows, not a list of every match.
    """
    field = _searchable_field(model, entity, field_name)
    term = Term.of(text)
    if not term.indexed:
        return None
    fts = _fts(field)
    like = _like(model.table(entity), field, term)
    return Driver(fts, fts.c[FTS_COLUMN].op("MATCH")(term.phrase()), like)


# ---------------------------------------------------------------- SQL


def _searchable_field(model: AppModel, entity: str, field_name: str) -> Field:
    field = model.field(entity, field_name)
    if not is_searchable(field):
        raise QueryError(
            f"{field_name} is a {field['type']} field: only text fields can be searched"
        )
    return field


def _escaped(term: str) -> str:
    """`term` for a LIKE pattern with `/` as the escape character."""
    for special in (_ESCAPE, "%", "_"):
        term = term.replace(special, _ESCAPE + special)
    return term


def _like(source: FromClause, field: Field, term: Term) -> ColumnElement[bool]:
    return source.c[shadow_name(field)].like(term.like(), escape=_ESCAPE)


def _fts(field: Field) -> TableClause:
    return table(fts_name(field), column("rowid"), column(FTS_COLUMN))


def _phrase(term: str) -> str:
    """An FTS5 phrase: the trigram tokenizer matches it as a substring."""
    return '"' + term.replace('"', '""') + '"'


def _fts_ids(field: Field, term: Term) -> Select[Any]:
    fts = _fts(field)
    return select(fts.c.rowid).where(fts.c[FTS_COLUMN].op("MATCH")(term.phrase())).correlate(None)


def _substring(source: FromClause, field: Field, term: Term) -> ColumnElement[bool]:
    """`LIKE '%term%'` on the search column; on SQLite, FTS5 narrows the rows first."""
    like = _like(source, field, term)
    if not term.indexed:
        return like
    return ByDialect(like, and_(source.c.id.in_(_fts_ids(field, term)), like))


def _in_any(source: FromClause, fields: list[Field], term: Term) -> ColumnElement[bool]:
    """`term` is in one of `fields`; on SQLite, one list of the FTS5 matches of them all (a
    list per field would make SQLite test every row against each)."""
    likes = or_(*[_like(source, f, term) for f in fields])
    if not term.indexed or len(fields) == 1:
        return or_(*[_substring(source, f, term) for f in fields])
    found = union_all(*[_fts_ids(f, term) for f in fields])
    return ByDialect(likes, and_(source.c.id.in_(found), likes))
