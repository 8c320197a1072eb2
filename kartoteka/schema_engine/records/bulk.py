"""Many rows into one table fast: an INSERT compiled once by SQLAlchemy Core, run in pages.

SQLAlchemy's executemany builds a dict of parameters for every row and runs every value through
its processing in Python (10-20 µs a row for a record). Here Core still writes the statement and
supplies each column type's own conversion (`bind_processor`), but only the columns whose type
converts anything are touched, and the driver gets plain values:

- positional drivers (SQLite): multi-row `VALUES (...), (...)` pages, as SQLAlchemy's own
  "insertmanyvalues" does. One statement per page matters on SQLite: the FTS5 search tables
  flush their pending entries at the end of every statement, so a row per statement costs
  six times more.
- named-parameter drivers (psycopg): the driver's executemany, which pipelines the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert
from sqlalchemy.engine import Dialect

Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class BulkInsert:
    """An INSERT of fixed columns, in the dialect's own SQL and parameter style."""

    sql: str
    columns: tuple[str, ...]
    #: Parameter names in statement order (positional styles), else None.
    order: tuple[str, ...] | None
    #: (position in `columns`, conversion) of the columns whose type converts values.
    conversions: tuple[tuple[int, Processor], ...]
    #: Rows per multi-row statement (positional styles).
    page: int

    def run(self, conn: Connection, rows: Sequence[Sequence[Any]]) -> None:
        """Insert `rows`, each a sequence of values in the order of `columns`."""
        if not rows:
            return
        if self.order is None:
            named = [dict(zip(self.columns, v, strict=True)) for v in self._converted(rows)]
            conn.exec_driver_sql(self.sql, named)
            return
        self.run_returning(conn, rows, "")

    def run_returning(
        self, conn: Connection, rows: Sequence[Sequence[Any]], returning: str
    ) -> list[Any]:
        """Positional styles only: insert `rows` in pages, with `returning` (SQL) per page."""
        assert self.order is not None, "multi-row pages need a positional parameter style"
        values = self._converted(rows)
        if self.order != self.columns:
            index = [self.columns.index(name) for name in self.order]
            values = [[row[i] for i in index] for row in values]
        head, group = self.sql.rsplit(" VALUES ", 1)
        returned: list[Any] = []
        for start in range(0, len(values), self.page):
            page = values[start : start + self.page]
            sql = f"{head} VALUES {', '.join([group] * len(page))}{returning}"
            result = conn.exec_driver_sql(sql, tuple(v for row in page for v in row))
            if returning:
                returned.extend(result.all())
        return returned

    def _converted(self, rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
        converted = [list(row) for row in rows]
        for position, convert in self.conversions:
            last_in: Any = object()
            last_out: Any = None
            for values in converted:
                value = values[position]
                if value is not last_in:  # one stamp for a whole batch is converted once
                    last_in, last_out = value, convert(value)
                values[position] = last_out
        return converted


def bulk_insert(table: Table, columns: Sequence[str], dialect: Dialect) -> BulkInsert:
    """The bulk INSERT of `columns` into `table` for `dialect` (callers keep it: compiling
    costs a little)."""
    names = tuple(columns)
    compiled = (
        insert(table).values({name: bindparam(name) for name in names}).compile(dialect=dialect)
    )
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    conversions = []
    for position, name in enumerate(names):
        convert = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            conversions.append((position, convert))
    limit = dialect.insertmanyvalues_max_parameters // max(len(names), 1)
    page = max(1, min(dialect.insertmanyvalues_page_size, limit))
    return BulkInsert(str(compiled), names, order, tuple(conversions), page)
