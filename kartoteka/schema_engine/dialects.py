"""Expressions that SQLite and PostgreSQL spell differently, chosen when the SQL is compiled.

Queries are built without a connection (from the model alone); `ByDialect` carries both
spellings and the compiler picks one, so that callers never branch on the database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import operators
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import OperatorType
from sqlalchemy.sql.visitors import InternalTraversal


class ByDialect(ColumnElement[Any]):
    """`sqlite` on SQLite, `portable` everywhere else (PostgreSQL)."""

    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        ("portable", InternalTraversal.dp_clauseelement),
        ("sqlite", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, portable: ColumnElement[Any], sqlite: ColumnElement[Any]) -> None:
        self.portable = portable
        self.sqlite = sqlite
        self.type = portable.type

    def self_group(self, against: OperatorType | None = None) -> ColumnElement[Any]:
        return self  # always compiled in parentheses: nothing to group, no `= 1` to add

    def _negate(self) -> ColumnElement[Any]:
        return UnaryExpression(self, operator=operators.inv, type_=self.type)


@compiles(ByDialect)
def _compile_portable(element: ByDialect, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.portable, **kw)})"


@compiles(ByDialect, "sqlite")
def _compile_sqlite(element: ByDialect, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.sqlite, **kw)})"
