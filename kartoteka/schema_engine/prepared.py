"""Statements compiled once per dialect and run on the driver's own cursor.

For a statement that every request runs, such as the token check: SQLAlchemy's execution of a
statement (cache lookup, parameter processing, execution context, result object) costs about
25 µs on SQLite, ten times the query itself. Here Core still writes the SQL and supplies each
bound type's own conversion (`bind_processor`), once; a run hands the driver plain values and
reads back plain tuples, as the driver gives them (no result processing: select columns whose
values the driver returns ready, or convert them yourself).

    CHECK = Prepared(select(USERS.c.id).where(USERS.c.email == bindparam("email")))
    row = CHECK.first(conn, {"email": "ada@example.com"})   # a tuple, or None
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from kartoteka.schema_engine.limits import raise_if_timed_out

Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class CompiledStatement:
    """A statement's SQL on one dialect, and how to make the driver's parameters for it."""

    sql: str
    #: Parameter names in the order a positional driver takes them (all names for named ones).
    names: tuple[str, ...]
    positional: bool
    #: Values bound in the statement itself, already converted.
    constants: Mapping[str, Any]
    #: Each parameter's conversion, for the parameters whose type converts anything.
    processors: Mapping[str, Processor]
    #: The name each bound parameter of the statement got in the SQL.
    bind_names: Mapping[Any, str]

    def parameters(self, given: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """What the driver takes with `sql`: the constants and the `given` values, converted."""
        values = dict(self.constants)
        for name, value in given.items():
            process = self.processors.get(name)
            values[name] = value if process is None else process(value)
        if self.positional:
            return tuple(values[name] for name in self.names)
        return values


def compile_statement(statement: ClauseElement, dialect: Dialect) -> CompiledStatement:
    """`statement` compiled for `dialect`, its own values converted as execution would."""
    # A query compiles with the dialect's SQLCompiler (`compile` is typed as any Compiled).
    compiled = cast(
        SQLCompiler,
        statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True}),
    )
    processors: dict[str, Processor] = {}
    for name, bind in compiled.binds.items():
        convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            processors[name] = convert
    # The statement's own values (with those of .params()); a parameter left to each run is
    # None here until the run gives it.
    constants = compiled.construct_params(_check=False)
    for name, process in processors.items():
        if constants.get(name) is not None:
            constants[name] = process(constants[name])
    names = tuple(compiled.positiontup or ()) if compiled.positional else tuple(constants)
    return CompiledStatement(str(compiled), names, compiled.positional, constants, processors,
                             dict(compiled.bind_names))


class Prepared:
    """A statement run on the driver's cursor, compiled the first time it runs on a dialect."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: dict[str, CompiledStatement] = {}

    def compiled(self, dialect: Dialect) -> CompiledStatement:
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = compile_statement(self.statement, dialect)
        return found

    def first(self, conn: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row of the statement run with `params` in `conn`'s transaction (begun
        here as SQLAlchemy begins it when none is open yet), or None."""
        rows = self._run(conn, params, 1)
        return tuple(rows[0]) if rows else None

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[Any]:
        """Every row of the statement run with `params`, as the driver gives them (tuples)."""
        return self._run(conn, params, None)

    def _run(self, conn: Connection, params: Mapping[str, Any], size: int | None) -> list[Any]:
        compiled = self.compiled(conn.dialect)
        if not conn.in_transaction():
            conn.begin()
        driver = conn.connection.driver_connection
        assert driver is not None
        cursor = driver.cursor()
        try:
            cursor.execute(compiled.sql, compiled.parameters(params))
            rows: list[Any] = cursor.fetchall() if size is None else cursor.fetchmany(size)
            return rows
        except Exception as exc:
            raise_if_timed_out(conn, exc)  # as SQLAlchemy's execution would (`limits`)
            raise
        finally:
            cursor.close()
