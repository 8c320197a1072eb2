"""Reading records as JSON-ready dicts: every field present, links as `{"id", "title"}`.

One `select` reads a page of records with the titles of everything they link to (outer joins);
many-to-many links are read for the whole page in one more query.

Lists are the hot path, so moments, dates and decimals are read as the driver gives them and turned
into their JSON form by one converter per column, chosen once per dialect (`raw_converters`):
SQLite's stored text `2024-05-04 10:00:00.000000` becomes `2024-05-04T10:00:00Z` by slicing,
without building a datetime and formatting it again. The result is the same as `json_value` gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    Select,
    String,
    bindparam,
    cast,
    column,
    func,
    select,
    table,
    type_coerce,
)
from sqlalchemy import Text as SqlText
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import FromClause
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.sqltypes import NullType
from sqlalchemy.types import TypeEngine

from kartoteka.schema_engine.fast_paths import fast_paths
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.prepared import Prepared
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.system_columns import SYSTEM_COLUMNS, USER_COLUMNS
from kartoteka.schema_engine.tables import ExactDecimal, UtcDateTime
from kartoteka.schema_engine.types import JsonValue, field_type

#: System columns read as they are stored (the id is read first; user columns get a title).
PLAIN_SYSTEM = tuple(c for c in SYSTEM_COLUMNS if c != "id" and c not in USER_COLUMNS)


def json_value(value: Any) -> Any:
    """A stored value as JSON has it: numbers for decimals, ISO text with Z for moments."""
    if isinstance(value, Decimal):
        return int(value) if _whole_in_64_bits(value) else float(value)
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        text = moment.astimezone(dt.UTC).isoformat()
        return text.replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


Converter = Callable[[Any], Any]
#: Makes a row into a record.
Shaper = Callable[[Sequence[Any]], dict[str, Any]]
#: (key, column index, converter, index of the link title or None) per key of a record.
Plan = tuple[tuple[str, int, Converter | None, int | None], ...]


def _sqlite_moment(value: Any) -> Any:
    """`2024-05-04 10:00:00.250000` (how moments are stored) -> `2024-05-04T10:00:00.25Z`,
    as isoformat writes it: microseconds only when there are some."""
    if value.__class__ is str and len(value) in (19, 26) and value[10] == " ":
        return (value.replace(" ", "T") + "Z").replace(".000000Z", "Z")
    return json_value(dt.datetime.fromisoformat(value) if isinstance(value, str) else value)


def _sqlite_date(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:
        return value
    return json_value(dt.date.fromisoformat(value) if isinstance(value, str) else value)


def _sqlite_decimal(value: Any) -> Any:
    """SQLite's NUMERIC affinity gives integers or reals; a real's shortest repr is its value."""
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**63 else value
    if isinstance(value, int):
        return value
    return json_value(Decimal(str(value)))


def _moment(value: Any) -> Any:
    return json_value(value)


#: Per dialect and column type: the converter of the raw driver value to its JSON form.
RAW_CONVERTERS: dict[str, dict[type[TypeEngine[Any]], Converter]] = {
    "sqlite": {UtcDateTime: _sqlite_moment, Date: _sqlite_date, ExactDecimal: _sqlite_decimal},
    "postgresql": {UtcDateTime: _moment, Date: _moment, ExactDecimal: json_value},
}


def raw_converter(dialect: str, column: ColumnElement[Any]) -> Converter | None:
    """How to turn the raw value of `column` into JSON, or None when the value is read with its
    type's usual processing (and is JSON-ready then: text, integers, booleans, JSON)."""
    kind = type(column.type)
    if kind is DateTime:  # timestamps of the platform tables
        kind = UtcDateTime
    return RAW_CONVERTERS.get(dialect, {}).get(kind)


#: Column types whose values the driver already gives as JSON has them.
JSON_READY = (SqlText, String, Integer, Boolean, JSON, JsonValue)


def _json_ready(column: ColumnElement[Any]) -> bool:
    return isinstance(column.type, JSON_READY)


#: A table joined in for titles, and its join condition.
_Join = tuple[FromClause, ColumnElement[bool]]


def _user_title(name: str) -> tuple[FromClause, ColumnElement[Any]]:
    users = USERS.alias(f"u_{name}")
    return users, func.coalesce(func.nullif(users.c.name, ""), users.c.email)


def reads_driver_rows(conn: Connection) -> bool:
    """Whether records are read from the driver's own rows (`prepared`) on `conn`: on SQLite,
    whose values need little after the driver and whose types' processing does not depend on
    what the driver says of a column, unless its engine's `driver_reads` fast path is off;
    elsewhere SQLAlchemy reads them."""
    return conn.dialect.name == "sqlite" and fast_paths(conn).driver_reads


def _driver_converter(column: ColumnElement[Any], dialect: Dialect) -> Converter | None:
    """For a column read with its type's processing: that processing and the JSON form, for
    the driver's own value."""
    process = column.type.dialect_impl(dialect).result_processor(dialect, None)
    final = None if _json_ready(column) else json_value
    if process is None or final is None:
        return process or final
    return lambda value: final(process(value))


class RecordReader:
    """Builds the select for an entity's records and turns its rows into records."""

    def __init__(self, model: AppModel, entity: str) -> None:
        self.model = model
        self.entity = entity
        self.table = model.table(entity)
        self.fields = model.fields(entity)
        self._shapers: dict[tuple[str, bool, bool], Shaper] = {}

    @cached_property
    def _read(self) -> tuple[list[tuple[str, str, ColumnElement[Any]]], list[_Join]]:
        """(key, kind, column) for every value read (kind is 'value' or 'title': the title of
        the link before it), and the outer joins that bring in the titles: one lookup by primary
        key each, cheaper than a correlated subquery per row (a 50-record page: 150 -> 130 µs
        on SQLite)."""
        columns: list[tuple[str, str, ColumnElement[Any]]] = [("id", "value", self.table.c.id)]
        joins: list[_Join] = []

        def titled(name: str, target: FromClause, title: ColumnElement[Any]) -> None:
            joins.append((target, target.c.id == self.table.c[name]))
            columns.append((name, "title", title))

        for name, f in self.fields.items():
            if not field_type(f["type"]).has_column:
                continue
            columns.append((name, "value", self.table.c[name]))
            points_to = field_type(f["type"]).points_to
            if points_to == "user":
                titled(name, *_user_title(name))
            elif points_to == "record":
                titled(name, *self._link_title(f, name))
        for name in PLAIN_SYSTEM:
            columns.append((name, "value", self.table.c[name]))
        for name in USER_COLUMNS:
            columns.append((name, "value", self.table.c[name]))
            titled(name, *_user_title(name))
        return columns, joins

    @property
    def _columns(self) -> list[tuple[str, str, ColumnElement[Any]]]:
        return self._read[0]

    def _link_title(self, f: Field, name: str) -> tuple[FromClause, ColumnElement[Any]]:
        target = self.model.table(f["to"]).alias(f"t_{name}")
        title = self.model.title_field(f["to"])
        return target, cast(target.c[title], SqlText) if title else cast(target.c.id, SqlText)

    def select(self, base: FromClause | None = None) -> Select[Any]:
        """Every column a record needs, with the titles of its links; add where/order/limit.
        `base`: what the records are read from when not the entity's table alone (a join that
        holds it). Columns with a raw converter are read untouched by SQLAlchemy (the SQL is
        the same)."""
        return self._select if base is None else self._select_from(base)

    @cached_property
    def select_by_id(self) -> Select[Any]:
        """One record by its id, given as the parameter `record_id` at execution: one
        statement for every read, its SQL compiled once."""
        return self._select.where(self.table.c.id == bindparam("record_id"))

    @cached_property
    def _prepared_by_id(self) -> Prepared:
        return Prepared(self.select_by_id)

    def rows_by_id(self, conn: Connection, record_id: int) -> tuple[list[Any], bool]:
        """The rows of `select_by_id` (one, or none), and whether they are the driver's own:
        on SQLite the statement runs on the driver's cursor, as kept lists do."""
        params = {"record_id": record_id}
        if reads_driver_rows(conn):
            return self._prepared_by_id.rows(conn, params), True
        return list(conn.execute(self.select_by_id, params).all()), False

    @cached_property
    def _select(self) -> Select[Any]:  # built once: a Select is immutable, where() copies it
        return self._select_from(self.table)

    def _select_from(self, base: FromClause) -> Select[Any]:
        joined = base
        for target, onclause in self._read[1]:
            joined = joined.outerjoin(target, onclause)
        return select(*[
            (type_coerce(column, NullType()) if self._raw[i] else column).label(f"c{i}")
            for i, (_, _, column) in enumerate(self._columns)
        ]).select_from(joined)

    @cached_property
    def _raw(self) -> list[bool]:
        """Which columns are converted from their raw driver values (the same on any dialect)."""
        return [raw_converter("sqlite", column) is not None
                for _, _, column in self._columns]

    def _plan(self, dialect: Dialect, from_driver: bool = False) -> Plan:
        """(key, column index, converter, index of the link title or None) per record key, for
        rows as SQLAlchemy gives them or, `from_driver`, as the driver does (no type's
        processing: each column's own is part of its converter then). Worked out once per
        shaper (`_shaper` keeps them)."""
        entries: list[tuple[str, int, Converter | None, int | None]] = []
        for i, (key, kind, read) in enumerate(self._columns):
            if kind == "title":
                name, at, convert, _ = entries[-1]
                entries[-1] = (name, at, convert, i)
            elif self._raw[i]:
                entries.append((key, i, raw_converter(dialect.name, read), None))
            else:
                convert = _driver_converter(read, dialect) if from_driver else (
                    None if _json_ready(read) else json_value)
                entries.append((key, i, convert, None))
        return tuple(entries)

    def records(
        self, conn: Connection, rows: Sequence[Any], *, from_driver: bool = False
    ) -> list[dict[str, Any]]:
        """Rows of `select()` as records (many-to-many links fetched for all rows at once);
        `from_driver`: the rows are the driver's own (`prepared.Prepared.rows`)."""
        shape = self._shaper(conn, from_driver)
        records = [shape(row) for row in rows]
        if self._file_fields and records:
            read_files(conn, records, self._file_fields)
        many = [(n, f) for n, f in self.fields.items() if not field_type(f["type"]).has_column]
        if many and records:
            ids = [r["id"] for r in records]
            for name, f in many:
                linked = self._many(conn, f, ids)
                for record in records:
                    record[name] = linked.get(record["id"], [])
        return records

    @cached_property
    def _file_fields(self) -> list[str]:
        return [name for name, f in self.fields.items()
                if field_type(f["type"]).points_to == "file"]

    def _shaper(self, conn: Connection, from_driver: bool) -> Shaper:
        """The function turning a row into a record: written out as source (`record_shaper`)
        unless the engine's `written_shapers` fast path is off (`looped_shaper`). Kept by
        dialect, kind of row and switch: at most eight per reader."""
        written = fast_paths(conn).written_shapers
        key = (conn.dialect.name, from_driver, written)
        shape = self._shapers.get(key)
        if shape is None:
            make = record_shaper if written else looped_shaper
            shape = self._shapers[key] = make(self._plan(conn.dialect, from_driver))
        return shape

    def _many(self, conn: Connection, f: Field, ids: Iterable[int]) -> dict[int, Any]:
        junction = self.model.junction(self.entity, f)
        target = self.model.table(f["to"])
        title = self.model.title_field(f["to"])
        title_column = cast(target.c[title], SqlText) if title else cast(target.c.id, SqlText)
        rows = conn.execute(
            select(junction.source, target.c.id, title_column)
            .join(target, target.c.id == junction.target)
            .where(junction.source.in_(list(ids)), target.c.deleted_at.is_(None))
            .order_by(junction.source, target.c.id)
        )
        linked: dict[int, list[dict[str, Any]]] = {}
        for source, target_id, label in rows:
            linked.setdefault(source, []).append({"id": target_id, "title": label})
        return linked


#: The platform's table of stored files as file fields read it: a file field holds the id of
#: an attachment; kartoteka.platform.files keeps the table and the bytes.
ATTACHMENTS = table("kt_attachment", column("id", Integer), column("name", SqlText),
                    column("size", Integer), column("content_type", SqlText))
#: Where the API downloads a file.
FILE_URL = "/api/files/{}"


def record_shaper(plan: Plan) -> Shaper:
    """A function that makes a row into a record along `plan` ((key, column index, converter,
    index of the link title) per key), written out as one dict display, the way `dataclasses`
    writes `__init__`: a page's records are the hot path, and a loop over the plan for every row
    took a quarter longer. Keys are written with repr and indexes are integers: nothing of the
    definition becomes code."""
    names: dict[str, Any] = {}
    items = []
    for key, i, convert, title in plan:
        value = f"row[{i}]"
        if convert is not None:
            names[f"convert_{i}"] = convert
            value = f"convert_{i}({value})"
        if title is not None:
            value = f"{{'id': {value}, 'title': row[{title}]}}"
        if value != f"row[{i}]":
            value = f"None if row[{i}] is None else {value}"
        items.append(f"{key!r}: {value}")
    source = "def shape(row):\n    return {" + ", ".join(items) + "}\n"
    exec(compile(source, "<record shaper>", "exec"), names)
    shape: Shaper = names["shape"]
    return shape


def looped_shaper(plan: Plan) -> Shaper:
    """The plain twin of `record_shaper` (its `written_shapers` fast path off): the same
    record, by a loop over `plan` for every row."""

    def shape(row: Sequence[Any]) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for key, i, convert, title in plan:
            value = row[i]
            if value is not None:
                if convert is not None:
                    value = convert(value)
                if title is not None:
                    value = {"id": value, "title": row[title]}
            record[key] = value
        return record

    return shape


def read_files(conn: Connection, records: list[dict[str, Any]], names: Sequence[str]) -> None:
    """File-field values (attachment ids) as `{"id", "name", "size", "content_type", "url"}`:
    one query for the page."""
    ids = {r[n] for r in records for n in names if isinstance(r[n], int)}
    if not ids:
        return
    query = select(ATTACHMENTS).where(ATTACHMENTS.c.id.in_(sorted(ids)))
    found = {row.id: row for row in conn.execute(query)}
    for record in records:
        for name in names:
            value = record[name]
            if isinstance(value, int):
                row = found.get(value)
                record[name] = {"id": value, "name": row.name if row else None,
                                "size": row.size if row else None,
                                "content_type": row.content_type if row else None,
                                "url": FILE_URL.format(value)}


def reader(model: AppModel, entity: str) -> RecordReader:
    """The reader of an entity in this model, kept in its memo."""
    found: RecordReader = model.memo.readers.get_or_make(
        entity, lambda: RecordReader(model, entity))
    return found


def _whole_in_64_bits(number: Decimal) -> bool:
    """Whether a decimal is written as a JSON integer: a whole number JSON encoders take (a
    larger one, such as a sum or a value stored before ranges were checked, is a float)."""
    return number.is_finite() and abs(number) < 2**63 and number == number.to_integral_value()
