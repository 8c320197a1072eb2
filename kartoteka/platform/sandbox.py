"""User templates, rendered safely: automation values (`{{ record.client.id }}`) and documents.

Templates come from the app definition, which admins write in the browser, so they run in
Jinja's immutable sandbox: no attribute starting with `_`, no changing lists or dicts, no
unsafe callables. Undefined names are strict, so that `{{ ''.__class__ }}` or a misspelt
`{{ record.amout }}` fails with a message naming the problem (`TemplateProblem`) instead of
rendering nothing.

Document templates (HTML, values escaped) also have the filters `money`, `date` and `datetime`,
which write values as people of the UI's locale read them.

A record is seen the way the records API shows it, one name per field, and a link reads like
the record it points to: `record.client.id`, `record.client.title` and `record.client.city`
(the linked record is read on first use, once per render). An empty link reads as empty at any
depth (`record.client.city` of a deal without a client renders ""), and an empty value renders
as "" rather than "None".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Context, Decimal, InvalidOperation, localcontext
from functools import lru_cache
from typing import Any

from babel import dates, numbers
from jinja2 import StrictUndefined, Template, TemplateError, Undefined, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from sqlalchemy import Connection

from kartoteka.schema_engine import KartotekaError
from kartoteka.schema_engine.errors import RecordNotFound
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import read_record
from kartoteka.schema_engine.types import field_type

#: How Jinja names our views in its messages ("'kartoteka.platform.sandbox.RecordView object'").
_VIEW_NAMES = re.compile(r"'[\w.]*(?:RecordView|LinkView) object'")
#: Rendered text longer than this is refused (a template looping over itself).
MAX_OUTPUT = 5_000_000


class TemplateProblem(KartotekaError):
    """A template that cannot be compiled or rendered; the message says where and why."""


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def _environment(autoescape: bool) -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        autoescape=autoescape, undefined=StrictUndefined, finalize=_finalize,
        keep_trailing_newline=True,
    )


#: Values (automations): plain text. Documents: HTML, values escaped.
TEXT = _environment(autoescape=False)
HTML = _environment(autoescape=True)


def check_template(source: str, *, html: bool = False) -> None:
    """Compile `source`; raises TemplateProblem with the line for a syntax error, or for a name
    starting with `_` (`''.__class__`), which the sandbox would refuse only when rendering."""
    _compiled(source, html)
    parsed = (HTML if html else TEXT).parse(source)
    for node in parsed.find_all((nodes.Getattr, nodes.Getitem)):
        name = _reached(node)
        if isinstance(name, str) and name.startswith("_"):
            raise TemplateProblem(
                f"the template has an error on line {node.lineno}: {name!r} is not allowed "
                "(templates may not reach into Python objects; use the fields of the record, "
                "such as record.title)")


def template_problem(source: str, *, html: bool = False) -> str | None:
    """Why `source` cannot be used as a template (`check_template`), or None when it can."""
    try:
        check_template(source, html=html)
    except TemplateProblem as exc:
        return str(exc)
    return None


def _reached(node: nodes.Node) -> Any:
    """The name a Getattr or Getitem node reaches for (None when it is computed)."""
    if isinstance(node, nodes.Getattr):
        return node.attr
    return _constant(node.arg) if isinstance(node, nodes.Getitem) else None


def _constant(node: nodes.Node) -> Any:
    return node.value if isinstance(node, nodes.Const) else None


def render_text(source: str, context: Mapping[str, Any], *, html: bool = False) -> str:
    """Render a user template with `context`; any failure is a TemplateProblem."""
    template = _compiled(source, html)
    try:
        rendered = template.render(context)
    except TemplateError as exc:
        raise TemplateProblem(f"the template failed: {_message(exc)}") from exc
    except KartotekaError as exc:
        raise TemplateProblem(f"the template failed: {exc}") from exc
    except (ArithmeticError, TypeError, ValueError, LookupError) as exc:
        raise TemplateProblem(f"the template failed: {exc}") from exc
    if len(rendered) > MAX_OUTPUT:
        raise TemplateProblem(f"the template rendered more than {MAX_OUTPUT:,} characters")
    return rendered


@lru_cache(maxsize=256)
def _compiled_cached(source: str, html: bool) -> Template:
    return (HTML if html else TEXT).from_string(source)


def _compiled(source: str, html: bool) -> Template:
    try:
        return _compiled_cached(source, html)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" on line {line}" if line else ""
        raise TemplateProblem(f"the template has an error{where}: {_message(exc)}") from exc


def _message(exc: TemplateError) -> str:
    text = _VIEW_NAMES.sub("the record", str(exc.message or exc))
    if "unsafe" in text:
        return f"{text} (templates may not reach into Python objects)"
    return text


#: The locale documents format money and dates in (the UI's first language).
LOCALE = "en"


# ---------------------------------------------------------------- filters of documents


def _money(value: Any, currency: str | None = None) -> str:
    """12500 -> '$12,500.00' with a currency, '12,500' without; empty stays empty."""
    amount = _number(value)
    if amount is None:
        return ""
    # Wide enough for any stored size: Babel rounds in the current context (28 digits).
    with localcontext(Context(prec=max(28, amount.adjusted() + 12) if amount.is_finite() else 28)):
        if currency:
            return str(numbers.format_currency(amount, currency, locale=LOCALE))
        return str(numbers.format_decimal(amount, locale=LOCALE))


def _number(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise TemplateProblem(f"{value!r} is not an amount of money") from None


def _moment(value: Any) -> dt.datetime | dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    text = str(value)
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise TemplateProblem(f"{value!r} is not a date") from None


def _date(value: Any, format: str = "long") -> str:
    """A date (or the day of a moment) as '23 November 2026'; format: short, medium, long."""
    moment = _moment(value)
    if moment is None:
        return ""
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return str(dates.format_date(day, format, locale=LOCALE))


def _datetime(value: Any, format: str = "medium") -> str:
    """A moment in UTC as 'Nov 23, 2026, 5:30:00 PM'."""
    moment = _moment(value)
    if moment is None:
        return ""
    if not isinstance(moment, dt.datetime):
        return _date(moment, format)
    return str(dates.format_datetime(moment, format, tzinfo=dt.UTC, locale=LOCALE))


#: Filters of document templates: `{{ record.amount|money("USD") }}`, `{{ now|date }}`.
FILTERS = {"money": _money, "date": _date, "datetime": _datetime}
HTML.filters.update(FILTERS)


# ---------------------------------------------------------------- records as templates see them


class RecordView(Mapping[str, Any]):
    """A record as a template reads it: fields by name, links as records read on first use."""

    def __init__(self, conn: Connection, model: AppModel, entity: str,
                 record: Mapping[str, Any], cache: dict[tuple[str, int], RecordView]) -> None:
        self._conn, self._model, self._entity = conn, model, entity
        self._record, self._cache = record, cache
        self._links = {name: f for name, f in model.fields(entity).items()
                       if field_type(f["type"]).is_link}

    def __getitem__(self, name: str) -> Any:
        value = self._record[name]
        field = self._links.get(name)
        if field is None:
            return value
        target = str(field["to"])
        if field_type(field["type"]).many:
            return [self._linked(target, item) for item in value or []]
        return self._linked(target, value)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"{self._entity} has no field {name!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._record)

    def __len__(self) -> int:
        return len(self._record)

    def __str__(self) -> str:
        title = self._record.get("title")
        return str(title if title is not None else self._record.get("id", ""))

    def _linked(self, entity: str, value: Any) -> Any:
        if not isinstance(value, Mapping) or not isinstance(value.get("id"), int):
            return EMPTY
        return LinkView(value, lambda: self._read(entity, int(value["id"])))

    def _read(self, entity: str, record_id: int) -> RecordView | None:
        key = (entity, record_id)
        if key not in self._cache:
            try:
                record = read_record(self._conn, self._model, entity, record_id)
            except RecordNotFound:
                return None
            self._cache[key] = RecordView(self._conn, self._model, entity, record, self._cache)
        return self._cache[key]


class LinkView:
    """A link value: `id` and `title` at once, any other field from the linked record."""

    def __init__(self, value: Mapping[str, Any], load: Callable[[], RecordView | None]) -> None:
        self.id = value["id"]
        self.title = value.get("title")
        self._load = load

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        record = self._load()
        return EMPTY if record is None else getattr(record, name)

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)

    def __str__(self) -> str:
        return "" if self.title is None else str(self.title)


class _Empty(Undefined):
    """An empty link: renders "", is false, and so is every field read through it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, name: str) -> Any:
        return self

    def __str__(self) -> str:
        return ""


EMPTY = _Empty()


def record_context(conn: Connection, model: AppModel, entity: str,
                   record: Mapping[str, Any]) -> RecordView:
    """The record (as the records API reads it) for templates: pass as `{"record": ...}`."""
    title = model.title_field(entity)
    shown = dict(record)
    if title and "title" not in shown:
        shown["title"] = record.get(title)
    return RecordView(conn, model, entity, shown, {})
