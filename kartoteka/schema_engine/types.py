"""The field-type registry: for each type its column type, JSON Schema, parsing and operators,
and what the rest of Kartoteka asks about it (summed in totals, sortable, searchable, listed,
writable, what its values point at, whether a value is a set).

Adding a type is adding one `FieldType` entry to `FIELD_TYPES`: the definition's JSON Schema,
queries and records read everything from it. The UI keeps its own registry of display functions
and widgets keyed by the same names (`ui/fields/registry.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

FieldDef = Mapping[str, Any]
Parser = Callable[[Any, FieldDef], Any]


class ConversionError(ValueError):
    """A value cannot become a value of the target type; the message says why."""


# ---------------------------------------------------------------- parsers

_SPACES = re.compile(r"[\s\u00a0\u202f_']")
#: Whole-number columns are SQL INTEGER (4 bytes on PostgreSQL); larger values fail there alone.
INTEGER_LIMIT = 2**31 - 1
#: Decimals (decimal, money, percent) stay below this size: 10**8 of them add up exactly in
#: SQLite's 64-bit sums (query/sums.py) and in a float's range everywhere.
DECIMAL_LIMIT = 10**13
#: ... and have at most this many significant digits: what SQLite's REAL gives back exactly.
DECIMAL_DIGITS = 15
#: ... and at most this many places after the point: what exact sums add up (billionths).
DECIMAL_PLACES = 9
#: Dates and moments a write accepts: a day short of Python's first and last, so that every one
#: of them shows in every time zone from UTC-12 to UTC+14 (0001-01-01 00:00 UTC is the year 0
#: at UTC-12, which no datetime holds).
FIRST_DAY = dt.date(1, 1, 2)
LAST_DAY = dt.date(9999, 12, 30)


def _number_text(value: str) -> str:
    """'1 234,50 ₽' -> '1234.50', '1,234.50' -> '1234.50', '1.234,50' -> '1234.50'."""
    text = "".join(c for c in _SPACES.sub("", value) if unicodedata.category(c) != "Sc")
    if "," in text and "." in text:
        decimal_mark = max(text.rfind(","), text.rfind("."))
        whole = text[:decimal_mark].replace(",", "").replace(".", "")
        return f"{whole}.{text[decimal_mark + 1 :]}"
    return text.replace(",", ".")


def _finite(value: float | Decimal, original: Any, what: str = "a number") -> Decimal:
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if not number.is_finite():
        raise ConversionError(f"{original!r} is not {what}")
    return number


def _whole(number: Decimal, original: Any) -> int:
    number = _finite(number, original, "a whole number")
    if number.copy_abs() > INTEGER_LIMIT:
        raise ConversionError(
            f"{original!r} is too large for a whole number (the limit is ±{INTEGER_LIMIT:,})"
        )
    if number != number.to_integral_value():
        raise ConversionError(f"{original!r} has a fractional part")
    return int(number)


def parse_integer(value: Any, _f: FieldDef) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, Decimal)):
        return _whole(Decimal(value), value)
    if isinstance(value, float):
        return _whole(_finite(value, value, "a whole number"), value)
    if isinstance(value, str):
        try:
            return _whole(Decimal(_number_text(value)), value)
        except InvalidOperation:
            pass
    raise ConversionError(f"{value!r} is not a whole number")


def parse_decimal(value: Any, _f: FieldDef) -> Decimal:
    if isinstance(value, bool):
        raise ConversionError(f"{value!r} is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, (float, Decimal)):
        return _finite(value, value)
    if isinstance(value, str):
        text = _number_text(value).removesuffix("%")
        try:
            return _finite(Decimal(text), value)
        except InvalidOperation:
            pass
    raise ConversionError(f"{value!r} is not a number")


#: Yes and no in the languages of the UI (English, Russian, Romanian, Indonesian, Chinese).
_TRUE = {"true", "yes", "y", "1", "on", "да", "da", "ya", "是", "对"}
_FALSE = {"false", "no", "n", "0", "off", "нет", "nu", "tidak", "否", "不"}


def parse_boolean(value: Any, _f: FieldDef) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise ConversionError(f"{value!r} is not yes or no")


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
_DATETIME_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S")


def parse_date(value: Any, _f: FieldDef) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ConversionError(f"{value.isoformat()} has a time of day")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for pattern in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    raise ConversionError(f"{value!r} is not a date (use YYYY-MM-DD or DD.MM.YYYY)")


def _moment(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in _DATETIME_FORMATS + _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ConversionError(
        f"{text!r} is not a date and time (use ISO 8601, e.g. 2026-11-23T10:00:00Z)"
    )


def typed_moment(text: str) -> dt.datetime:
    """The moment `text` names as written (any format `parse_datetime` takes): without a
    zone when it names none, so that the UI can read it in the user's zone."""
    return _moment(text.strip())


def parse_datetime(value: Any, _f: FieldDef) -> dt.datetime:
    """A moment in UTC; a time without a zone is taken as UTC."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(0))
    elif isinstance(value, str):
        moment = _moment(value.strip())
    else:
        raise ConversionError(f"{value!r} is not a date and time")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise ConversionError(f"{value!r} is out of the range of dates") from None


def _text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return ", ".join(map(str, value)) if isinstance(value, list) else json.dumps(value)
    return str(value)


def parse_text(value: Any, _f: FieldDef) -> str:
    return _text_of(value)


def _matching(pattern: str, what: str) -> Parser:
    regex = re.compile(pattern)

    def parse(value: Any, _f: FieldDef) -> str:
        text = _text_of(value).strip()
        if not regex.fullmatch(text):
            raise ConversionError(f"{text!r} is not {what}")
        return text

    return parse


parse_email = _matching(r"[^@\s]+@[^@\s]+\.[^@\s]+", "an email address")
parse_url = _matching(
    r"https?://[^\s/$.?#][^\s]*", "a web address starting with http:// or https://"
)
parse_phone = _matching(r"\+?[\d\s().\-]{5,30}", "a phone number")


def option_values(field_def: FieldDef) -> list[str]:
    """The stored values of a select, multi_select or stage field, in order."""
    return [o if isinstance(o, str) else o["value"] for o in field_def.get("options", [])]


def parse_option(value: Any, f: FieldDef) -> str:
    """The option `value` names: exactly, else without surrounding spaces and case."""
    options = option_values(f)
    if isinstance(value, str) and value in options:
        return value
    text = _text_of(value).strip()
    if text in options:
        return text
    folded = {o.casefold(): o for o in options}
    if text.casefold() in folded:
        return folded[text.casefold()]
    raise ConversionError(f"{text!r} is not one of the options ({', '.join(options)})")


def parse_options(value: Any, f: FieldDef) -> list[str]:
    if isinstance(value, str):
        items: list[Any] = _option_list(value.strip())
    elif isinstance(value, list):
        items = value
    else:
        items = [value]
    chosen = [parse_option(item, f) for item in items if _text_of(item).strip()]
    return list(dict.fromkeys(chosen))


def _option_list(text: str) -> list[Any]:
    """'a, b' or '["a", "b"]' as a list of options."""
    if not text.startswith("["):
        return text.split(",")
    try:
        items = json.loads(text)
    except ValueError:
        raise ConversionError(f"{text!r} is not a list of options") from None
    return items if isinstance(items, list) else [items]


def parse_reference(value: Any, _f: FieldDef) -> int:
    if isinstance(value, Mapping) and "id" in value:
        value = value["id"]
    if isinstance(value, bool):
        raise ConversionError(f"{value!r} is not a record id")
    try:
        number = parse_integer(value, _f)
    except ConversionError:
        raise ConversionError(f"{value!r} is not a record id") from None
    if number < 1:
        raise ConversionError(f"{value!r} is not a record id")
    return number


def parse_attachment(value: Any, _f: FieldDef) -> int:
    """An attachment id: `12`, `"12"` or the file as read (`{"id": 12, ...}`)."""
    try:
        return parse_reference(value, _f)
    except ConversionError:
        raise ConversionError(
            f"{value!r} is not a file: give the id of an upload (POST /api/files answers it)"
        ) from None


def parse_references(value: Any, f: FieldDef) -> list[int]:
    items = value if isinstance(value, list) else [value]
    return list(dict.fromkeys(parse_reference(item, f) for item in items))


# ---------------------------------------------------------------- unique comparison

#: Characters that show as nothing: a value holding one reads as the value without it.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def text_key(value: Any) -> str | None:
    """What unique text compares: NFC, case-folded, trimmed, without zero-width characters
    ('DUP@x.com ' and 'dup@x.com' are one value; so are an NFC and an NFD 'José'). Accents
    stay: 'José' and 'Jose' are two values (folding them away is search's job, `fold`)."""
    text = unicodedata.normalize("NFC", str(value).translate(_INVISIBLE)).casefold()
    key = unicodedata.normalize("NFC", text).strip()
    return key or None


def phone_key(value: Any) -> str | None:
    """What unique phones compare: their digits ('+1 (555) 010-0' is '15550100')."""
    digits = "".join(str(unicodedata.digit(c)) for c in str(value) if unicodedata.digit(c, None)
                     is not None)
    return digits or None


def unique_key_of(field_def: FieldDef, value: Any) -> Any:
    """What a unique field compares for `value`: its key (`FieldType.unique_key`) for types
    that have one, else the value itself; None stays None."""
    key = field_type(field_def["type"]).unique_key
    return value if key is None or value is None else key(value)


# ---------------------------------------------------------------- the registry

TEXT_OPS = ("eq", "ne", "in", "contains", "startswith", "empty")
ORDERED_OPS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "empty")
CHOICE_OPS = ("eq", "ne", "in", "empty")
REF_OPS = ("eq", "ne", "in", "empty")
NUMBER_AGGREGATES = ("sum", "avg", "min", "max")
#: What a reference type's values are ids of: a record of the entity `to`, a user, an attachment.
PointsTo = Literal["record", "user", "file"]


class JsonValue(TypeDecorator[Any]):
    """JSON; JSONB on PostgreSQL, whose dialect module is imported only there (a SQLite server
    loads nothing of PostgreSQL)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


def _json_type() -> TypeEngine[Any]:
    return JsonValue()


@dataclass(frozen=True)
class FieldType:
    """One field type: how it is stored, validated, parsed and filtered."""

    name: str
    #: Values sharing a family share a column type; a retype inside a family emits no DDL.
    family: str
    column_type: Callable[[], TypeEngine[Any]] | None
    value_schema: Callable[[FieldDef], dict[str, Any]]
    parse: Parser
    operators: tuple[str, ...]
    indexed_by_default: bool = False
    #: Types whose every value is a valid value of this one, unchanged or by a plain SQL cast.
    lossless_from: frozenset[str] = field(default_factory=frozenset)
    #: Full-text search covers fields of these types.
    searchable: bool = False
    #: Keys of a field definition that only this type (and its kin) accepts, such as `options`.
    keys: frozenset[str] = field(default_factory=frozenset)
    #: Those of `keys` a field of this type must have.
    required_keys: frozenset[str] = field(default_factory=frozenset)
    #: Whether `"unique": true` makes sense (a unique index on the column).
    can_be_unique: bool = True
    #: Whether the field may have a `default`, and which `$` markers it accepts as one.
    can_default: bool = True
    default_markers: frozenset[str] = field(default_factory=frozenset)
    #: A list's totals row adds it up (amounts and counts; not percents, ids or references),
    #: unless the field says otherwise (`is_summable`).
    summed: bool = False
    #: Records sort by it: one value per record (not a set of options or of linked records).
    sortable: bool = True
    #: A list shows it as a column unless told otherwise (long text would make rows too tall).
    listed: bool = True
    #: People give its value; an autonumber is numbered on insert, never typed or set.
    writable: bool = True
    #: What a value points at: "record" (a record of the entity named by `to`), "user" or
    #: "file" (an attachment); None for a plain value.
    points_to: PointsTo | None = None
    #: For a type holding a set of values: how one member is read (`has`, filters by member).
    parse_item: Parser | None = None
    #: What a unique field of this type compares, when not its value as stored: its values
    #: are one value when their keys are equal (`text_key`, `phone_key`).
    unique_key: Callable[[Any], str | None] | None = None

    @property
    def has_column(self) -> bool:
        return self.column_type is not None

    @property
    def many(self) -> bool:
        """A value is a set (options, linked records): no grouping, no sorting by it."""
        return self.parse_item is not None

    @property
    def by_option(self) -> bool:
        """Its one value is one of its `options`: sorted and grouped in the options' order."""
        return "options" in self.keys and not self.many

    @property
    def is_link(self) -> bool:
        """Its values are records of an entity of the definition (`to`)."""
        return self.points_to == "record"

    @property
    def is_reference(self) -> bool:
        """Its values are records or users: foreign keys, read as {"id", "title"}."""
        return self.points_to in ("record", "user")

    @property
    def aggregates(self) -> tuple[str, ...]:
        """How grouped records may aggregate it: numbers every way, moments by min and max."""
        if self.family in ("integer", "numeric"):
            return NUMBER_AGGREGATES
        return ("min", "max") if self.family in ("date", "datetime") else ()


def _nullable(*json_types: str, **extra: Any) -> Callable[[FieldDef], dict[str, Any]]:
    """The value schema of values of `json_types` or null: `_nullable("string", format="date")`."""
    return lambda _f: {"type": [*json_types, "null"], **extra}


def _number_schema() -> Callable[[FieldDef], dict[str, Any]]:
    """The value schema of a decimal type: a number inside the range writes accept."""
    return _nullable("number", exclusiveMinimum=-DECIMAL_LIMIT, exclusiveMaximum=DECIMAL_LIMIT)


def _decimal() -> Numeric[Decimal]:
    return Numeric(asdecimal=True)


def _options_schema(f: FieldDef) -> dict[str, Any]:
    return {"enum": [*option_values(f), None]}


_OPTIONS = frozenset({"options"})
_LINK_KEYS = frozenset({"to", "inverse", "on_delete"})
_TIME_MARKERS = frozenset({"$now", "$today"})

_TEXTS = frozenset({"text", "long_text", "email", "phone", "url", "select", "stage"})
_NUMBERS = frozenset({"integer", "decimal", "money", "percent", "autonumber"})

FIELD_TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        FieldType(
            "text",
            "text",
            Text,
            _nullable("string", maxLength=10000),
            parse_text,
            TEXT_OPS,
            lossless_from=_TEXTS | _NUMBERS | {"date", "boolean"},
            searchable=True,
            unique_key=text_key,
        ),
        FieldType(
            "long_text",
            "text",
            Text,
            _nullable("string"),
            parse_text,
            TEXT_OPS,
            lossless_from=_TEXTS | _NUMBERS | {"date", "boolean"},
            searchable=True,
            can_be_unique=False,
            listed=False,
        ),
        FieldType(
            "email",
            "text",
            Text,
            _nullable("string", format="email"),
            parse_email,
            TEXT_OPS,
            searchable=True,
            unique_key=text_key,
        ),
        FieldType(
            "phone",
            "text",
            Text,
            _nullable("string"),
            parse_phone,
            TEXT_OPS,
            searchable=True,
            unique_key=phone_key,
        ),
        FieldType(
            "url",
            "text",
            Text,
            _nullable("string", format="uri"),
            parse_url,
            TEXT_OPS,
            searchable=True,
        ),
        FieldType(
            "integer",
            "integer",
            Integer,
            _nullable("integer", minimum=-INTEGER_LIMIT, maximum=INTEGER_LIMIT),
            parse_integer,
            ORDERED_OPS,
            indexed_by_default=True,
            lossless_from=frozenset({"autonumber"}),
            keys=frozenset({"group_digits", "summable"}),
            summed=True,
        ),
        FieldType(
            "decimal",
            "numeric",
            _decimal,
            _number_schema(),
            parse_decimal,
            ORDERED_OPS,
            indexed_by_default=True,
            lossless_from=frozenset({"integer", "money", "percent", "autonumber"}),
            keys=frozenset({"summable"}),
            summed=True,
        ),
        FieldType(
            "money",
            "numeric",
            _decimal,
            _number_schema(),
            parse_decimal,
            ORDERED_OPS,
            indexed_by_default=True,
            lossless_from=frozenset({"integer", "decimal", "percent", "autonumber"}),
            keys=frozenset({"currency", "summable"}),
            summed=True,
        ),
        FieldType(
            "percent",
            "numeric",
            _decimal,
            _number_schema(),
            parse_decimal,
            ORDERED_OPS,
            indexed_by_default=True,
            lossless_from=frozenset({"integer", "decimal", "money"}),
            keys=frozenset({"summable"}),
        ),
        FieldType(
            "boolean",
            "boolean",
            Boolean,
            _nullable("boolean"),
            parse_boolean,
            ("eq", "ne", "empty"),
            can_be_unique=False,
        ),
        FieldType(
            "date",
            "date",
            Date,
            _nullable("string", format="date"),
            parse_date,
            ORDERED_OPS,
            indexed_by_default=True,
            default_markers=_TIME_MARKERS,
        ),
        FieldType(
            "datetime",
            "datetime",
            lambda: DateTime(timezone=True),
            _nullable("string", format="date-time"),
            parse_datetime,
            ORDERED_OPS,
            indexed_by_default=True,
            default_markers=_TIME_MARKERS,
        ),
        FieldType(
            "select",
            "text",
            Text,
            _options_schema,
            parse_option,
            CHOICE_OPS,
            indexed_by_default=True,
            keys=_OPTIONS,
            required_keys=_OPTIONS,
        ),
        FieldType(
            "stage",
            "text",
            Text,
            _options_schema,
            parse_option,
            CHOICE_OPS,
            indexed_by_default=True,
            lossless_from=frozenset(),
            keys=_OPTIONS | {"won", "lost"},
            required_keys=_OPTIONS,
        ),
        FieldType(
            "multi_select",
            "json",
            _json_type,
            lambda f: {
                "type": ["array", "null"],
                "items": {"enum": option_values(f)},
                "uniqueItems": True,
            },
            parse_options,
            ("has", "empty"),
            keys=_OPTIONS,
            required_keys=_OPTIONS,
            can_be_unique=False,
            sortable=False,
            parse_item=parse_option,
        ),
        FieldType(
            "link",
            "integer",
            Integer,
            _nullable("integer", "object"),
            parse_reference,
            REF_OPS,
            indexed_by_default=True,
            keys=_LINK_KEYS,
            required_keys=frozenset({"to"}),
            can_default=False,
            points_to="record",
        ),
        FieldType(
            "links",
            "junction",
            None,
            lambda _f: {"type": ["array", "null"], "items": {"type": ["integer", "object"]}},
            parse_references,
            ("has", "empty"),
            keys=_LINK_KEYS,
            required_keys=frozenset({"to"}),
            can_be_unique=False,
            can_default=False,
            sortable=False,
            points_to="record",
            parse_item=parse_reference,
        ),
        FieldType(
            "user",
            "integer",
            Integer,
            _nullable("integer", "object"),
            parse_reference,
            REF_OPS,
            indexed_by_default=True,
            default_markers=frozenset({"$me"}),
            points_to="user",
        ),
        FieldType(
            "autonumber",
            "integer",
            Integer,
            _nullable("integer"),
            parse_integer,
            ORDERED_OPS,
            indexed_by_default=True,
            keys=frozenset({"prefix"}),
            can_default=False,
            writable=False,
        ),
        FieldType(
            # An attachment's id (kt_attachment, kept by the platform with the file's bytes);
            # read as {"id", "name", "size", "content_type", "url"} (serialize.py).
            "file",
            "file",
            Integer,
            _nullable("integer", "object"),
            parse_attachment,
            ("empty",),
            can_be_unique=False,
            can_default=False,
            points_to="file",
        ),
    )
}

#: Types whose values point at records; their targets must exist.
REFERENCE_TYPES = frozenset(name for name, t in FIELD_TYPES.items() if t.is_reference)
#: Types that carry `options`.
OPTION_TYPES = frozenset({"select", "multi_select", "stage"})
#: Types a title field may have.
TITLE_TYPES = frozenset({"text", "email", "phone", "url", "autonumber", "integer", "select"})
#: Every `$` marker a default may be: `$me` (the user saving), `$now`, `$today`.
DEFAULT_MARKERS = frozenset(m for t in FIELD_TYPES.values() for m in t.default_markers)

#: Type names people coming from other tools write, and the Kartoteka type they mean.
TYPE_ALIASES = {
    "string": "text",
    "str": "text",
    "varchar": "text",
    "textarea": "long_text",
    "int": "integer",
    "number": "decimal",
    "float": "decimal",
    "numeric": "decimal",
    "currency": "money",
    "bool": "boolean",
    "checkbox": "boolean",
    "timestamp": "datetime",
    "enum": "select",
    "choice": "select",
    "tags": "multi_select",
    "status": "stage",
    "relation": "link",
    "reference": "link",
    "foreign_key": "link",
    "many_to_many": "links",
    "sequence": "autonumber",
}


def types_with_key(key: str) -> list[str]:
    """The types whose fields accept the type-specific `key` (such as `options`), in order."""
    return [name for name, t in FIELD_TYPES.items() if key in t.keys]


#: Every type-specific key of a field definition.
TYPE_SPECIFIC_KEYS = frozenset(k for t in FIELD_TYPES.values() for k in t.keys)


def field_type(name: str) -> FieldType:
    """The registry entry of a type name (the definition validator has checked it exists)."""
    return FIELD_TYPES[name]


def is_indexed(field_def: FieldDef) -> bool:
    """Whether the field's column carries an index (unique fields carry a unique one)."""
    kind = field_type(field_def["type"])
    if not kind.has_column or field_def.get("unique"):
        return False
    return bool(field_def.get("indexed", kind.indexed_by_default))


def groups_digits(field_def: FieldDef) -> bool:
    """Whether its numbers are shown with group separators (1,250); `"group_digits": false`
    on an integer field shows years and codes as written (2019)."""
    return field_def.get("group_digits", True) is not False


def is_summable(field_def: FieldDef) -> bool:
    """Whether totals add it up: `summable` when the field says, else its type's default (money,
    decimal and integer yes, but not an integer whose digits are not grouped: a year, a code)."""
    kind = field_type(field_def["type"])
    if "summable" in field_def and "summable" in kind.keys:
        return field_def["summable"] is True
    return kind.summed and groups_digits(field_def)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text` for search: 'ОЛЬГА' -> 'ольга', 'José' -> 'jose'.

    Unicode case folding, then NFKD without combining marks; scripts without case stay as they are.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
