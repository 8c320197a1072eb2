"""The field-type registry: for each type its column type, JSON Schema, parsing and operators.

Adding a type is adding one `FieldType` entry to `FIELD_TYPES`. The UI keeps its own registry of
widgets keyed by the same names.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeEngine

FieldDef = Mapping[str, Any]
Parser = Callable[[Any, FieldDef], Any]


class ConversionError(ValueError):
    """A value cannot become a value of the target type; the message says why."""


# ---------------------------------------------------------------- parsers

_SPACES = re.compile(r"[\s\u00a0\u202f_']")


def _number_text(value: str) -> str:
    text = _SPACES.sub("", value.strip())
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return text


def parse_integer(value: Any, _f: FieldDef) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        if value != value.__floor__():
            raise ConversionError(f"{value} has a fractional part")
        return int(value)
    if isinstance(value, str):
        text = _number_text(value)
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        try:
            return parse_integer(Decimal(text), _f)
        except InvalidOperation:
            pass
    raise ConversionError(f"{value!r} is not a whole number")


def parse_decimal(value: Any, _f: FieldDef) -> Decimal:
    if isinstance(value, bool):
        raise ConversionError(f"{value!r} is not a number")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = _number_text(value).removesuffix("%")
        try:
            number = Decimal(text)
        except InvalidOperation:
            pass
        else:
            if number.is_finite():
                return number
    raise ConversionError(f"{value!r} is not a number")


_TRUE = {"true", "yes", "y", "1", "on", "да", "是"}
_FALSE = {"false", "no", "n", "0", "off", "нет", "否"}


def parse_boolean(value: Any, _f: FieldDef) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise ConversionError(f"{value!r} is not yes or no")


def parse_date(value: Any, _f: FieldDef) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ConversionError(f"{value.isoformat()} has a time of day")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    raise ConversionError(f"{value!r} is not a date (use YYYY-MM-DD)")


def parse_datetime(value: Any, _f: FieldDef) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(0))
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ConversionError(
                f"{value!r} is not a date and time (use ISO 8601, e.g. 2026-11-23T10:00:00Z)"
            ) from None
    else:
        raise ConversionError(f"{value!r} is not a date and time")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


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
    text = _text_of(value).strip()
    options = option_values(f)
    if text in options:
        return text
    folded = {o.casefold(): o for o in options}
    if text.casefold() in folded:
        return folded[text.casefold()]
    raise ConversionError(f"{text!r} is not one of the options ({', '.join(options)})")


def parse_options(value: Any, f: FieldDef) -> list[str]:
    if isinstance(value, str):
        text = value.strip()
        items: list[Any] = json.loads(text) if text.startswith("[") else text.split(",")
    elif isinstance(value, list):
        items = value
    else:
        items = [value]
    chosen = [parse_option(item, f) for item in items if _text_of(item).strip()]
    return list(dict.fromkeys(chosen))


def parse_reference(value: Any, _f: FieldDef) -> int:
    if isinstance(value, Mapping) and "id" in value:
        value = value["id"]
    try:
        number = parse_integer(value, _f)
    except ConversionError:
        raise ConversionError(f"{value!r} is not a record id") from None
    if number < 1:
        raise ConversionError(f"{value!r} is not a record id")
    return number


def parse_references(value: Any, f: FieldDef) -> list[int]:
    items = value if isinstance(value, list) else [value]
    return list(dict.fromkeys(parse_reference(item, f) for item in items))


# ---------------------------------------------------------------- the registry

TEXT_OPS = ("eq", "ne", "in", "contains", "startswith", "empty")
ORDERED_OPS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "empty")
CHOICE_OPS = ("eq", "ne", "in", "empty")
REF_OPS = ("eq", "ne", "in", "empty")


def _json_type() -> TypeEngine[Any]:
    return JSON().with_variant(JSONB(), "postgresql")


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

    @property
    def has_column(self) -> bool:
        return self.column_type is not None


def _string(extra: dict[str, Any] | None = None) -> Callable[[FieldDef], dict[str, Any]]:
    return lambda _f: {"type": ["string", "null"], **(extra or {})}


def _options_schema(f: FieldDef) -> dict[str, Any]:
    return {"enum": [*option_values(f), None]}


_TEXTS = frozenset({"text", "long_text", "email", "phone", "url", "select", "stage"})
_NUMBERS = frozenset({"integer", "decimal", "money", "percent", "autonumber"})

FIELD_TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        FieldType(
            "text",
            "text",
            Text,
            _string({"maxLength": 10000}),
            parse_text,
            TEXT_OPS,
            lossless_from=_TEXTS | _NUMBERS | {"date", "boolean"},
            searchable=True,
        ),
        FieldType(
            "long_text",
            "text",
            Text,
            _string(),
            parse_text,
            TEXT_OPS,
            lossless_from=_TEXTS | _NUMBERS | {"date", "boolean"},
            searchable=True,
        ),
        FieldType(
            "email",
            "text",
            Text,
            _string({"format": "email"}),
            parse_email,
            TEXT_OPS,
            searchable=True,
        ),
        FieldType("phone", "text", Text, _string(), parse_phone, TEXT_OPS, searchable=True),
        FieldType(
            "url", "text", Text, _string({"format": "uri"}), parse_url, TEXT_OPS, searchable=True
        ),
        FieldType(
            "integer",
            "integer",
            Integer,
            lambda _f: {"type": ["integer", "null"]},
            parse_integer,
            ORDERED_OPS,
            indexed_by_default=True,
            lossless_from=frozenset({"autonumber"}),
        ),
        FieldType(
            "decimal",
            "numeric",
            lambda: Numeric(asdecimal=True),
            lambda _f: {"type": ["number", "null"]},
            parse_decimal,
            ORDERED_OPS,
            indexed_by_default=True,
            lossless_from=frozenset({"integer", "money", "percent", "autonumber"}),
        ),
        FieldType(
            "money",
            "numeric",
            lambda: Numeric(asdecimal=True),
            lambda _f: {"type": ["number", "null"]},
            parse_decimal,
            ORDERED_OPS,
            indexed_by_default=True,
            lossless_from=frozenset({"integer", "decimal", "percent", "autonumber"}),
        ),
        FieldType(
            "percent",
            "numeric",
            lambda: Numeric(asdecimal=True),
            lambda _f: {"type": ["number", "null"]},
            parse_decimal,
            ORDERED_OPS,
            indexed_by_default=True,
            lossless_from=frozenset({"integer", "decimal", "money"}),
        ),
        FieldType(
            "boolean",
            "boolean",
            Boolean,
            lambda _f: {"type": ["boolean", "null"]},
            parse_boolean,
            ("eq", "ne", "empty"),
        ),
        FieldType(
            "date",
            "date",
            Date,
            _string({"format": "date"}),
            parse_date,
            ORDERED_OPS,
            indexed_by_default=True,
        ),
        FieldType(
            "datetime",
            "datetime",
            lambda: DateTime(timezone=True),
            _string({"format": "date-time"}),
            parse_datetime,
            ORDERED_OPS,
            indexed_by_default=True,
        ),
        FieldType(
            "select",
            "text",
            Text,
            _options_schema,
            parse_option,
            CHOICE_OPS,
            indexed_by_default=True,
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
        ),
        FieldType(
            "link",
            "integer",
            Integer,
            lambda _f: {"type": ["integer", "object", "null"]},
            parse_reference,
            REF_OPS,
            indexed_by_default=True,
        ),
        FieldType(
            "links",
            "junction",
            None,
            lambda _f: {"type": ["array", "null"], "items": {"type": ["integer", "object"]}},
            parse_references,
            ("has", "empty"),
        ),
        FieldType(
            "user",
            "integer",
            Integer,
            lambda _f: {"type": ["integer", "object", "null"]},
            parse_reference,
            REF_OPS,
            indexed_by_default=True,
        ),
        FieldType(
            "autonumber",
            "integer",
            Integer,
            lambda _f: {"type": ["integer", "null"]},
            parse_integer,
            ORDERED_OPS,
            indexed_by_default=True,
        ),
    )
}

#: Types whose values point at records; their targets must exist.
REFERENCE_TYPES = frozenset({"link", "links", "user"})
#: Types that carry `options`.
OPTION_TYPES = frozenset({"select", "multi_select", "stage"})
#: Types a title field may have.
TITLE_TYPES = frozenset({"text", "email", "phone", "url", "autonumber", "integer", "select"})


def field_type(name: str) -> FieldType:
    """The registry entry of a type name (the definition validator has checked it exists)."""
    return FIELD_TYPES[name]


def is_indexed(field_def: FieldDef) -> bool:
    """Whether the field's column carries an index (unique fields carry a unique one)."""
    kind = field_type(field_def["type"])
    if not kind.has_column or field_def.get("unique"):
        return False
    return bool(field_def.get("indexed", kind.indexed_by_default))


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text` for search: 'ОЛЬГА' and 'José' -> 'ольга', 'jose'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
