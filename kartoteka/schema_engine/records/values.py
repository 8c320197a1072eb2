"""Checking and converting the values of records before they are written.

An `EntityWriter` is compiled once per entity of a model (and cached on it): for every field how
its value is parsed (the type registry's `parse`), whether it is required, its default, which
names are read-only. Rows are checked in plain Python; the checks that need the database (link
targets that must exist and be live, unique values) run once per batch, never once per row.
Every problem is collected, each with its field path, so that a user sees them all at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, inspect, select
from sqlalchemy.engine import Dialect

from kartoteka.schema_engine import search
from kartoteka.schema_engine._english import _did_you_mean
from kartoteka.schema_engine.errors import FieldError, RecordInvalid
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records.bulk import BulkInsert, bulk_insert
from kartoteka.schema_engine.records.serialize import ATTACHMENTS, json_value
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.system_columns import SYSTEM_COLUMNS
from kartoteka.schema_engine.tables import has_unique_key, key_name
from kartoteka.schema_engine.types import (
    DECIMAL_DIGITS,
    DECIMAL_LIMIT,
    DECIMAL_PLACES,
    FIRST_DAY,
    LAST_DAY,
    ConversionError,
    Parser,
    field_type,
    parse_datetime,
    unique_key_of,
)

#: The system column `owner`, written as a user field on updates (its id names it in the log).
OWNER: Field = {"id": "owner", "name": "owner", "type": "user", "label": "Owner", "required": True}
#: Platform tables some types point at (`FieldType.points_to`); "record" points at the entity `to`.
_PLATFORM_TARGETS: dict[str | None, str] = {"user": "kt_user", "file": "kt_attachment"}
#: Marks a field absent from the values given (as opposed to given as null).
MISSING: Any = object()
_READ_ONLY = {
    "id": "id is read-only: Kartoteka assigns it",
    "version": "version is read-only: Kartoteka increments it on every change",
    "deleted_at": "deleted_at is read-only: trash or restore the record instead",
}
#: Ids per IN (...) list, well under SQLite's limit of bound parameters per statement.
CHUNK = 5000


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def shown(value: Any) -> str:
    """A value as messages quote it: 'a@x.com', 12.5, 2026-11-23."""
    return f"'{value}'" if isinstance(value, str) else str(json_value(value))


# ---------------------------------------------------------------- problems


@dataclass
class Problems:
    """Every problem found in a write, sorted by row and field order when raised.

    `path(row)` names a row: "" for a single record, "create[3]" in a batch.
    """

    path: Callable[[int], str] = lambda _row: ""
    found: list[tuple[int, int, FieldError]] = field(default_factory=list)

    def add(self, row: int, position: int, name: str, message: str) -> None:
        base = self.path(row)
        where = f"{base}.{name}" if base and name else base or name or "record"
        self.found.append((row, position, FieldError(where, message)))

    def error(self) -> RecordInvalid:
        """Every problem found, as one exception."""
        ordered = sorted(self.found, key=lambda item: (item[0], item[1]))
        return RecordInvalid([error for _, _, error in ordered])

    def raise_if_any(self) -> None:
        if self.found:
            raise self.error()


def batch_path(row: int) -> str:
    return f"create[{row}]"


# ---------------------------------------------------------------- fields


@dataclass(frozen=True)
class Defaults:
    """What `$me`, `$now` and `$today` mean for one write."""

    user_id: int | None
    now: dt.datetime

    def resolve(self, default: Any, kind: str) -> Any:
        if default == "$me":
            return self.user_id
        if default in ("$now", "$today") and kind == "date":
            return self.now.date()
        if default == "$today":
            return dt.datetime.combine(self.now.date(), dt.time(0), dt.UTC)
        if default == "$now":
            return self.now
        return default


@dataclass(frozen=True)
class FieldSpec:
    """One writable field, compiled: how its values are parsed and checked."""

    name: str
    id: str
    kind: str
    definition: Field
    position: int
    parse: Parser
    required: bool
    unique: bool
    #: The entity a link points at, "kt_user" for user fields, else None.
    target: str | None
    default: Any
    #: The longest text the type's value schema allows (`maxLength`), if any.
    max_length: int | None

    @property
    def many(self) -> bool:
        """Its value is a set of linked records, kept in a junction table rather than a column."""
        return not field_type(self.kind).has_column

    @property
    def has_column(self) -> bool:
        return not self.many

    def convert(self, raw: Any) -> Any:
        """The value to store for `raw` (None or [] when empty); raises ConversionError."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return [] if self.many else None
        if self.many:
            if not isinstance(raw, list):
                raise ConversionError(f"{self.name} takes a list of record ids, e.g. [3, 5]")
            return self.parse(raw, self.definition)
        if isinstance(raw, (list, Mapping)) and field_type(self.kind).family == "text":
            # Not joined into text: ["a", "b"] would be stored as "a, b", a value nobody gave.
            what = "a list" if isinstance(raw, list) else "an object"
            raise ConversionError(f"{self.name} takes text, not {what}")
        value = self.parse(raw, self.definition)
        if isinstance(value, str):
            return self._storable(value)
        if isinstance(value, Decimal):
            return self._storable_number(value, raw)
        if isinstance(value, dt.date):
            return self._storable_day(value, raw)
        return None if value == [] else value

    def _storable(self, text: str) -> str:
        """Text both databases store as it is: no NUL, no lone surrogate, not too long."""
        if "\x00" in text:
            raise ConversionError(f"{self.name} contains a NUL character, which cannot be stored")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ConversionError(f"{self.name} is not valid Unicode text") from None
        if self.max_length is not None and len(text) > self.max_length:
            raise ConversionError(
                f"{self.name} has {len(text):,} characters; the limit is {self.max_length:,}"
            )
        return text

    def _storable_number(self, number: Decimal, raw: Any) -> Decimal:
        """A decimal inside the documented range (types.DECIMAL_LIMIT and its kin): both
        databases store it and give it back exactly, and 10**8 of them add up exactly."""
        if number.copy_abs() >= DECIMAL_LIMIT:
            raise ConversionError(
                f"{self.name} {shown(raw)} is too large; numbers stay below "
                f"±{DECIMAL_LIMIT:,}")
        digits, places = _digits_and_places(number)
        if places > DECIMAL_PLACES:
            raise ConversionError(
                f"{self.name} {shown(raw)} has {places} digits after the point; "
                f"the limit is {DECIMAL_PLACES}")
        if digits > DECIMAL_DIGITS:
            raise ConversionError(
                f"{self.name} {shown(raw)} has {digits} significant digits; "
                f"the limit is {DECIMAL_DIGITS}")
        return number

    def _storable_day(self, value: dt.date, raw: Any) -> dt.date:
        """A date or moment inside FIRST_DAY..LAST_DAY (in UTC): one that shows in every zone."""
        day = value.astimezone(dt.UTC).date() if isinstance(value, dt.datetime) else value
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ConversionError(
                f"{self.name} {shown(raw)} is out of range; dates run from "
                f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}")
        return value

    def is_empty(self, value: Any) -> bool:
        return value is None or value == []


def _digits_and_places(number: Decimal) -> tuple[int, int]:
    """Significant digits and places after the point of `number`, trailing zeros aside:
    12.50 -> (3, 1), 1000 -> (1, 0). Counted exactly, not through a rounding context."""
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite: parse_decimal refuses the rest
    text = "".join(map(str, digits))
    kept = text.rstrip("0")
    stripped = len(text) - len(kept)
    places = max(0, -(exponent + stripped))
    return len(kept.lstrip("0")), places


def _spec(f: Field, position: int) -> FieldSpec:
    kind = f["type"]
    target = _PLATFORM_TARGETS.get(field_type(kind).points_to, f.get("to"))
    return FieldSpec(
        name=f["name"],
        id=f["id"],
        kind=kind,
        definition=f,
        position=position,
        parse=field_type(kind).parse,
        required=bool(f.get("required")),
        unique=bool(f.get("unique")),
        target=target,
        default=f.get("default", MISSING),
        max_length=field_type(kind).value_schema(f).get("maxLength"),
    )


# ---------------------------------------------------------------- the writer of an entity


class EntityWriter:
    """Everything needed to check one entity's values, compiled once per model."""

    def __init__(self, model: AppModel, entity: str) -> None:
        self.model = model
        self.entity = entity
        self.entity_id: str = model.entity(entity)["id"]
        self.table: Table = model.table(entity)
        fields = list(model.fields(entity).values())
        self.specs = [_spec(f, i) for i, f in enumerate(fields) if field_type(f["type"]).writable]
        self.by_name = {s.name: s for s in self.specs}
        self.writable = frozenset(self.by_name)
        #: The system column `owner` as a user field: a record is assigned to another user by
        #: changing it (a new record belongs to its creator).
        self.owner = _spec(OWNER, len(self.specs))
        #: What an update may change, by name: the fields and `owner`.
        self.updatable = {**self.by_name, self.owner.name: self.owner}
        #: Autonumber field name -> field id.
        self.autonumbers = {f["name"]: f["id"] for f in fields if f["type"] == "autonumber"}
        self.read_only = self._read_only_messages()
        self.unique = [s for s in self.specs if s.unique and s.has_column]
        self.references = [s for s in self.specs if s.target]
        self.many = [s for s in self.specs if s.many]
        self.columns = [s for s in self.specs if s.has_column]
        self.defaults = [s for s in self.specs if s.default is not MISSING]
        self._bulk: dict[tuple[str, tuple[str, ...]], BulkInsert] = {}
        #: Key column -> the unique field compared by it; those the table has (`key_columns`).
        self._keyed = {key_name(s.definition): s for s in self.unique
                       if has_unique_key(s.definition)}
        self._keys: frozenset[str] | None = None

    def bulk_insert(self, dialect: Dialect, columns: Sequence[str]) -> BulkInsert:
        """The compiled bulk INSERT of `columns` for `dialect`, kept with the writer."""
        key = (dialect.name, tuple(columns))
        if key not in self._bulk:
            self._bulk[key] = bulk_insert(self.table, columns, dialect)
        return self._bulk[key]

    def _read_only_messages(self) -> dict[str, str]:
        messages = {
            name: _READ_ONLY.get(name, f"{name} is read-only: Kartoteka sets it")
            for name in SYSTEM_COLUMNS
        }
        for name in self.autonumbers:
            messages[name] = f"{name} is an autonumber: Kartoteka assigns it"
        return messages

    # ------------------------------------------------------------ rows

    def new_values(
        self, row: Any, index: int, problems: Problems, defaults: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Every writable field of a new record: given, else its default, else empty."""
        if not isinstance(row, Mapping):
            problems.add(index, -1, "", 'a record is an object of field values, e.g. {"name": …}')
            return {}
        if not self.writable.issuperset(row):
            self._check_names(row, index, problems, None)
        values: dict[str, Any] = {}
        for spec in self.specs:
            raw = row.get(spec.name, MISSING)
            if raw is MISSING:
                value = defaults.get(spec.name, [] if spec.many else None)
            else:
                value = self._convert(spec, raw, index, problems)
            if spec.required and spec.is_empty(value):
                problems.add(index, spec.position, spec.name, f"{spec.name} is required")
            values[spec.name] = value
        return values

    def changed_values(
        self, row: Any, stored: Mapping[Any, Any], problems: Problems
    ) -> dict[str, Any]:
        """The given writable fields of an existing record, converted (unchanged ones included)."""
        if not isinstance(row, Mapping):
            problems.add(0, -1, "", 'the changes are an object of field values, e.g. {"name": …}')
            return {}
        if not self.updatable.keys() >= row.keys():
            self._check_names(row, 0, problems, stored)
        values: dict[str, Any] = {}
        for name, raw in row.items():
            spec = self.updatable.get(name)
            if spec is None:
                continue
            value = self._convert(spec, raw, 0, problems)
            if spec.required and spec.is_empty(value):
                problems.add(0, spec.position, name, f"{name} is required")
            values[name] = value
        return values

    def _convert(self, spec: FieldSpec, raw: Any, index: int, problems: Problems) -> Any:
        try:
            return spec.convert(raw)
        except ConversionError as exc:
            problems.add(index, spec.position, spec.name, str(exc))
            return MISSING

    def _check_names(
        self, row: Mapping[str, Any], index: int, problems: Problems, stored: Any
    ) -> None:
        """Unknown and read-only names; on an update a read-only value left as it is passes."""
        for order, name in enumerate(row):
            if name in self.writable or (stored is not None and name == OWNER["name"]):
                continue
            position = len(self.specs) + order
            if name in self.read_only:
                if stored is None or not same_value(row[name], stored.get(name, MISSING)):
                    problems.add(index, position, str(name), self.read_only[name])
                continue
            problems.add(index, position, str(name), self.unknown_message(str(name)))

    def unknown_message(self, name: str) -> str:
        names = [s.name for s in self.specs]
        hint = _did_you_mean(name, names)
        return (
            f"unknown field {name!r} on entity {self.entity!r}{hint}; "
            f"fields are: {', '.join(names) or '(none)'}"
        )

    # ------------------------------------------------------------ defaults

    def resolve_defaults(self, context: Defaults, problems: Problems) -> dict[str, Any]:
        """Field name -> the value a new record gets when the field is not given."""
        resolved: dict[str, Any] = {}
        for spec in self.defaults:
            raw = context.resolve(spec.default, spec.kind)
            try:
                resolved[spec.name] = spec.convert(raw)
            except ConversionError as exc:
                message = f"the default of {spec.name} does not fit: {exc}; fix the field"
                problems.add(0, spec.position, spec.name, message)
        return resolved

    # ------------------------------------------------------------ checks on the database

    def check_references(
        self, conn: Connection, rows: Sequence[Mapping[str, Any]], problems: Problems,
        specs: Sequence[FieldSpec] | None = None,
    ) -> None:
        """Link and user values must point at records that exist (and, for links, are live)."""
        for spec in self.references if specs is None else specs:
            wanted: dict[int, list[int]] = {}
            for i, values in enumerate(rows):
                value = values.get(spec.name, MISSING)
                if value is MISSING or value is None:
                    continue
                for target_id in value if spec.many else (value,):
                    wanted.setdefault(target_id, []).append(i)
            if wanted:
                self._report_targets(conn, spec, wanted, problems)

    def _report_targets(
        self, conn: Connection, spec: FieldSpec, wanted: dict[int, list[int]], problems: Problems
    ) -> None:
        live = self._live_targets(conn, spec, list(wanted))
        points_to = field_type(spec.kind).points_to
        target = points_to if points_to in _PLATFORM_TARGETS else str(spec.target)
        for target_id, rows in wanted.items():
            state = live.get(target_id)
            if state is True:
                continue
            message = (
                f"{target} {target_id} does not exist"
                + ("; upload the file first (POST /api/files gives its id)"
                   if points_to == "file" else "")
                if state is None
                else f"{target} {target_id} is in the trash; restore it first or pick another"
            )
            for i in rows:
                problems.add(i, spec.position, spec.name, message)

    def _live_targets(self, conn: Connection, spec: FieldSpec, ids: list[int]) -> dict[int, bool]:
        """target id -> True when live, False when in the trash (absent when missing)."""
        found: dict[int, bool] = {}
        points_to = field_type(spec.kind).points_to
        if points_to in _PLATFORM_TARGETS:
            ids_of = USERS.c.id if points_to == "user" else ATTACHMENTS.c.id
            for part in chunks(ids):
                found.update(
                    (i, True) for (i,) in conn.execute(select(ids_of).where(ids_of.in_(part)))
                )
            return found
        table = self.model.table(str(spec.target))
        for part in chunks(ids):
            # PostgreSQL: a target being trashed is locked FOR UPDATE; waiting for it here
            # and then seeing it in the trash keeps a new link from pointing into the trash.
            query = select(table.c.id, table.c.deleted_at.is_(None)).where(table.c.id.in_(part))
            rows = conn.execute(query.with_for_update(read=True, key_share=True, of=table))
            found.update((i, bool(is_live)) for i, is_live in rows)
        return found

    def check_unique(
        self,
        conn: Connection,
        rows: Sequence[Mapping[str, Any]],
        problems: Problems,
        *,
        exclude: Iterable[int] = (),
    ) -> None:
        """Unique fields: not used by a live record (other than `exclude`), nor twice in `rows`;
        compared by their keys where the field has them ('DUP@x.com' is 'dup@x.com')."""
        for spec in self.unique:
            compare = self._comparison(conn, spec)
            first: dict[Any, tuple[int, Any]] = {}
            for i, values in enumerate(rows):
                value = values.get(spec.name)
                if value is None or value is MISSING or (key := compare(value)) is None:
                    continue
                if key in first:
                    where = problems.path(first[key][0]) or "this batch"
                    problems.add(
                        i,
                        spec.position,
                        spec.name,
                        f"{spec.name} {shown(value)} is also given in {where}",
                    )
                else:
                    first[key] = (i, value)
            if first:
                self._report_used(conn, spec, first, problems, list(exclude))

    def _report_used(
        self,
        conn: Connection,
        spec: FieldSpec,
        first: dict[Any, tuple[int, Any]],
        problems: Problems,
        exclude: list[int],
    ) -> None:
        rows = {value: i for i, value in first.values()}
        for value, record_id, stored in self.used_by(conn, spec, list(rows), exclude):
            held = "" if stored == value else f" as {shown(stored)}"
            problems.add(
                rows.get(value, 0),
                spec.position,
                spec.name,
                f"{spec.name} {shown(value)} is already used by {self.entity} {record_id}{held}",
            )

    def used_by(
        self, conn: Connection, spec: FieldSpec, values: list[Any], exclude: list[int]
    ) -> list[tuple[Any, int, Any]]:
        """(value of `values`, id, stored value) of live records holding one of `values` (by
        key where the field has one), leaving out `exclude`."""
        table = self.table
        key_column = self._key_column(conn, spec)
        compare = self._comparison(conn, spec)
        wanted: dict[Any, Any] = {}
        for value in values:
            wanted.setdefault(compare(value), value)
        wanted.pop(None, None)
        column = table.c[spec.name]
        looked_up = column if key_column is None else table.c[key_column]
        found: list[tuple[Any, int, Any]] = []
        for part in chunks(list(wanted)):
            query = select(looked_up, table.c.id, column).where(
                looked_up.in_(part), table.c.deleted_at.is_(None))
            if exclude:
                query = query.where(table.c.id.not_in(exclude))
            for key, record_id, stored in conn.execute(query):
                # The database's own form of an equal value (12.50 and 12.5) finds its own.
                given = wanted.get(key, next((v for k, v in wanted.items() if k == key), key))
                found.append((given, record_id, stored))
        return found

    def _key_column(self, conn: Connection, spec: FieldSpec) -> str | None:
        """The column a unique field is compared by, when its key (`tables.key_name`)."""
        name = key_name(spec.definition)
        return name if name in self.key_columns(conn) else None

    def _comparison(self, conn: Connection, spec: FieldSpec) -> Callable[[Any], Any]:
        """How the values of a unique field compare: by their key, or as they are."""
        if self._key_column(conn, spec) is None:
            return lambda value: value
        return lambda value: unique_key_of(spec.definition, value)

    def stored_columns(self, conn: Connection) -> list[Any]:
        """Every column of the table that the database has (key columns may be missing)."""
        present = self.key_columns(conn)
        return [c for c in self.table.c if c.name not in self._keyed or c.name in present]

    def key_columns(self, conn: Connection) -> frozenset[str]:
        """The key columns of unique fields the entity's table has: all of them, but in a
        database made by an earlier release until an apply adds them (`migrate.unique_keys`).
        Read from the database once per writer, that is once per definition version."""
        if self._keys is None:
            wanted = {key_name(s.definition) for s in self.unique if has_unique_key(s.definition)}
            present = ({c["name"] for c in inspect(conn).get_columns(self.table.name)}
                       if wanted else set())
            self._keys = frozenset(wanted & present)
        return self._keys

    # ------------------------------------------------------------ search columns

    def shadow_values(self, values: Mapping[str, Any], conn: Connection) -> dict[str, Any]:
        """The hidden columns to write along with `values`: search shadows (see `search`) and
        the keys of unique fields (see `migrate.unique_keys`)."""
        shadows = search.shadow_values(self.model, self.entity, values)
        for name in self.key_columns(conn):
            spec = self._keyed[name]
            if spec.name in values:
                shadows[name] = unique_key_of(spec.definition, values[spec.name])
        return shadows


def same_value(given: Any, stored: Any) -> bool:
    """Whether a read-only value sent back equals the stored one (`{"id": 5}` is 5)."""
    if isinstance(given, Mapping):
        given = given.get("id", MISSING)
    if isinstance(stored, dt.datetime) and isinstance(given, str):
        try:
            return parse_datetime(given, {}) == stored
        except ConversionError:
            return False
    return bool(given == stored)


def writer(model: AppModel, entity: str) -> EntityWriter:
    """The writer of an entity in this model, kept in its memo."""
    found: EntityWriter = model.memo.writers.get_or_make(
        entity, lambda: EntityWriter(model, entity))
    return found
