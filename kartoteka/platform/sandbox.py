"""User templates, rendered safely: automation values (`{{ record.client.id }}`) and documents.

Templates come from the app definition, which admins write in the browser, so they run in
Jinja's immutable sandbox: no attribute starting with `_`, no changing lists or dicts, no
unsafe callables. Undefined names are strict, so that `{{ ''.__class__ }}` or a misspelt
`{{ record.amout }}` fails with a message naming the problem (`TemplateProblem`) instead of
rendering nothing.

Document templates (HTML, values escaped) also have the filters `money`, `date` and `datetime`,
which write values as people of the UI's locale read them.

A render has limits (`TIME_LIMIT` seconds, `MAX_OUTPUT` characters), so that a careless or
hostile template (`{% for i in range(100000) %}{% for j in range(100000) %}`, `{{ 'x' * 10**9 }}`,
`{{ 9**9**9 }}`) fails with a TemplateProblem naming the limit instead of holding a worker or
filling the memory: the clock is checked on every loop step, call, filter and operator, and
operators, filters and string methods that make large values from small ones (`*`, `**`, `%`,
`+`, `~`, center, indent, join, replace, format...) check the size of their result before
making it. Compiling a template evaluates nothing (Jinja would fold constant expressions such as
`{{ 9**9**9 }}` while compiling), so saving a definition stays quick whatever its templates say.

A record is seen the way the records API shows it, one name per field, and a link reads like
the record it points to: `record.client.id`, `record.client.title` and `record.client.city`
(the linked record is read on first use, once per render). An empty link reads as empty at any
depth (`record.client.city` of a deal without a client renders ""), and an empty value renders
as "" rather than "None".
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, TypeVar

from babel import dates, numbers
from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    Undefined,
    nodes,
    pass_environment,
    pass_eval_context,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from sqlalchemy import Connection

from kartoteka.schema_engine import KartotekaError
from kartoteka.schema_engine.errors import RecordNotFound
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import read_record
from kartoteka.schema_engine.types import field_type

#: How Jinja names our views in its messages ("'kartoteka.platform.sandbox.RecordView object'").
_VIEW_NAMES = re.compile(r"'[\w.]*(?:RecordView|LinkView) object'")
#: Rendered text longer than this is refused, and so is any value a template makes (a string,
#: a list) longer than this many characters or items.
MAX_OUTPUT = 5_000_000
#: Seconds a render may take (reading the linked records it shows included).
TIME_LIMIT = 5.0
#: The largest integer a template may compute, in bits (about 10,000 decimal digits).
MAX_BITS = 33_220


class TemplateProblem(KartotekaError):
    """A template that cannot be compiled or rendered; the message says where and why."""


class TemplateLimit(TemplateProblem):
    """A render that went past the time or size limit."""


# ---------------------------------------------------------------- limits of a render

T = TypeVar("T")
#: When the render of this thread must end (monotonic seconds), None outside a render.
_DEADLINE: ContextVar[float | None] = ContextVar("kt_template_deadline", default=None)


def _tick() -> None:
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TemplateLimit(f"the template ran longer than {TIME_LIMIT:g} s, the limit; look "
                            "for loops inside loops, or a loop over many records")


def _too_large(what: str) -> TemplateLimit:
    return TemplateLimit(f"{what} would be longer than {MAX_OUTPUT:,} characters, the limit "
                         "of a template")


def _check_size(size: int, what: str) -> None:
    if size > MAX_OUTPUT:
        raise _too_large(what)


def _sized(value: T, what: str) -> T:
    """`value`, unless it is a string or collection over the limit."""
    if isinstance(value, (str, bytes, list, tuple, dict)) and len(value) > MAX_OUTPUT:
        raise _too_large(what)
    return value


#: Loop steps and pieces of output between two looks at the clock (a look costs a little).
_EVERY = 64


def ticking(items: Iterable[Any]) -> Iterator[Any]:
    """The items of a template's `for` loop, looking at the clock every `_EVERY` steps."""
    for n, item in enumerate(items):
        if not n % _EVERY:
            _tick()
        yield item


def _widths(text: str, args: Iterable[Any] = ()) -> int:
    """The largest width a format string may ask for: the largest number in it ("%9999999s",
    "{:>9999999}") or among its arguments (widths given by them: "%*s", "{:>{}}")."""
    written = [int(n) for n in re.findall(r"\d{1,12}", text)]
    if "*" in text or re.search(r"\{[^}]*\{", text):
        written += [abs(a) for a in args if isinstance(a, int)]
    return max(written, default=0)


def _binop_size(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be over a limit, before making it."""
    numbers = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and numbers and abs(left) > 1 and right > 1:
        _check_bits(left.bit_length() * right)
    elif operator == "*":
        for one, other in ((left, right), (right, left)):
            if isinstance(one, (str, bytes, list, tuple)) and isinstance(other, int):
                _check_size(len(one) * other, "the repeated text")
        if numbers:
            _check_bits(left.bit_length() + right.bit_length())
    elif operator == "+" and isinstance(left, (str, bytes, list, tuple)) and isinstance(
            right, (str, bytes, list, tuple)):
        _check_size(len(left) + len(right), "the joined text")
    elif operator == "%" and isinstance(left, str):
        values = right if isinstance(right, tuple) else (right,)
        _check_size(len(left) + _widths(left, values), "the formatted text")


def _check_bits(bits: int) -> None:
    if bits > MAX_BITS:
        raise TemplateLimit(f"the number would have about {bits:,} bits; a template may compute "
                            f"numbers of up to {MAX_BITS:,} bits (about 10,000 digits)")


def _method_size(method: Any, args: tuple[Any, ...]) -> None:
    """Refuse a call of a string method that would make a string over the limit."""
    text, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if not isinstance(text, str):
        return
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        _check_size(args[0], "the padded text")
    elif name == "expandtabs":
        _check_size(len(text) + text.count("\t") * (args[0] if args else 8), "the text")
    elif name == "replace" and len(args) >= 2:
        _check_size(_replaced_size(text, str(args[0]), str(args[1])), "the replaced text")
    elif name == "join" and args and isinstance(args[0], Sized):
        _check_size(len(text) * len(args[0]), "the joined text")


def _replaced_size(text: str, old: str, new: str) -> int:
    found = text.count(old) if old else len(text) + 1
    return len(text) + found * (len(new) - len(old))


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with the clock checked and large values refused."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        _binop_size(operator, left, right)
        return _sized(super().call_binop(context, operator, left, right), "a value")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` as the sandbox wraps it, refusing widths over the limit first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = str(value.__self__)

        def checked(*args: Any, **kwargs: Any) -> str:
            values = [*args, *kwargs.values()]
            _check_size(len(text) + _widths(text, values), "the formatted text")
            return _sized(wrapped(*args, **kwargs), "the formatted text")

        return checked

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        if (args and getattr(__obj, "__name__", "") == "join"
                and isinstance(getattr(__obj, "__self__", None), str)):
            args = (list(args[0]), *args[1:])  # a generator's items, counted before joining
        _method_size(__obj, args)
        return _sized(super().call(__context, __obj, *args, **kwargs), "a value")


class _NoFolding(CodeGenerator):
    """Compiles without evaluating anything: Jinja folds constant expressions of the output at
    compile time (`{{ 9**9**9 }}` would be computed while saving), and `~` checks its size."""

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        if isinstance(node, nodes.TemplateData):
            return super()._output_child_to_const(node, frame, finalize)
        raise nodes.Impossible()

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined(")
        super().visit_Concat(node, frame)
        self.write(")")


class _LimitedSandbox(_Sandbox):
    code_generator_class = _NoFolding

    @staticmethod
    def joined(text: Any) -> Any:
        return _sized(text, "the joined text")


# -- filters that make large values from small ones check the size first


def _center(value: Any, width: int = 80) -> str:
    _check_size(width, "the centred text")
    return str(JINJA_FILTERS["center"](value, width))


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    step = len(width) if isinstance(width, str) else width
    _check_size(len(str(s)) + step * (str(s).count("\n") + 1), "the indented text")
    return str(JINJA_FILTERS["indent"](s, width, first, blank))


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Iterable[Any], d: str = "",
          attribute: str | int | None = None) -> str:
    items = list(value)
    _check_size(len(d) * len(items), "the joined text")
    return _sized(str(JINJA_FILTERS["join"](eval_ctx, items, d, attribute)), "the joined text")


@pass_eval_context
def _replace(eval_ctx: EvalContext, s: str, old: str, new: str, count: int | None = None) -> str:
    _check_size(_replaced_size(str(s), str(old), str(new)), "the replaced text")
    return str(JINJA_FILTERS["replace"](eval_ctx, s, old, new, count))


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    values = [*args, *kwargs.values()]
    _check_size(len(str(value)) + _widths(str(value), values), "the formatted text")
    return str(JINJA_FILTERS["format"](value, *args, **kwargs))


@pass_environment
def _wordwrap(environment: Any, s: str, width: int = 79, break_long_words: bool = True,
              wrapstring: str | None = None, break_on_hyphens: bool = True) -> str:
    _check_size(len(str(s)) * (1 + len(wrapstring or "\n")), "the wrapped text")
    return str(JINJA_FILTERS["wordwrap"](environment, s, width, break_long_words, wrapstring,
                                         break_on_hyphens))


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Any:
    _check_size(linecount, "a batch")
    return JINJA_FILTERS["batch"](value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    _check_size(slices, "the slices")
    return JINJA_FILTERS["slice"](value, slices, fill_with)


LIMITED_FILTERS: dict[str, Callable[..., Any]] = {
    "center": _center, "indent": _indent, "join": _join, "replace": _replace,
    "format": _format, "wordwrap": _wordwrap, "batch": _batch, "slice": _slice,
}


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def _environment(autoescape: bool) -> ImmutableSandboxedEnvironment:
    environment = _LimitedSandbox(
        autoescape=autoescape, undefined=StrictUndefined, finalize=_finalize,
        keep_trailing_newline=True, optimized=False,
    )
    environment.filters.update(LIMITED_FILTERS)
    # Paragraphs of placeholder text, as many as asked for: of no use in a CRM's templates.
    del environment.globals["lipsum"]
    return environment


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
    """Render a user template with `context`, within TIME_LIMIT and MAX_OUTPUT; any failure
    is a TemplateProblem (TemplateLimit past a limit)."""
    template = _compiled(source, html)
    token = _DEADLINE.set(time.monotonic() + TIME_LIMIT)
    try:
        return _rendered(template, context)
    except TemplateLimit:
        raise
    except TemplateError as exc:
        raise TemplateProblem(f"the template failed: {_message(exc)}") from exc
    except KartotekaError as exc:
        raise TemplateProblem(f"the template failed: {exc}") from exc
    except (ArithmeticError, TypeError, ValueError, LookupError) as exc:
        raise TemplateProblem(f"the template failed: {exc}") from exc
    except RecursionError:
        raise TemplateProblem("the template failed: a macro calls itself without end") from None
    finally:
        _DEADLINE.reset(token)


def _rendered(template: Template, context: Mapping[str, Any]) -> str:
    """The template's output, gathered piece by piece while it stays within the limits."""
    pieces, size = [], 0
    for n, piece in enumerate(template.generate(context)):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"the template rendered more than {MAX_OUTPUT:,} characters, "
                                "the limit")
        if not n % _EVERY:
            _tick()
        pieces.append(piece)
    return "".join(pieces)


@lru_cache(maxsize=256)
def _compiled_cached(source: str, html: bool) -> Template:
    environment = HTML if html else TEXT
    tree = environment.parse(source)
    for loop in tree.find_all(nodes.For):
        # Every step of a loop checks the clock: `ticking(items)` instead of `items`.
        loop.iter = nodes.Call(nodes.ImportedName(f"{__name__}.ticking"), [loop.iter], [],
                               None, None, lineno=loop.lineno)
    return environment.from_string(tree)


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
