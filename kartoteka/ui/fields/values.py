"""How a stored value is shown, one small function per field type (read-only widgets).

Values come as the record layer serializes them (`schema_engine.serialize`): numbers, ISO text
for dates and moments, `{"id", "title"}` for links. Every entry returns Markup built with
`Markup.format`, which escapes what it is given: a value is always shown as text, never as HTML.
The UI's registry (`registry.py`) pairs each type's entry here with its editing widget.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Context, Decimal, localcontext
from typing import Any

from babel import Locale, dates, numbers
from markupsafe import Markup

from kartoteka.platform.zones import zone
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.types import groups_digits
from kartoteka.ui.i18n import LOCALE, gettext, label

#: (entity, record id) -> the path of its card.
CardUrl = Callable[[str, int], str]
Show = Callable[[Field, Any, CardUrl], Markup]

EMPTY = Markup('<span class="empty"><span aria-hidden="true">—</span>'
               '<span class="visually-hidden">{}</span></span>')


def empty() -> Markup:
    return EMPTY.format(gettext("empty"))


def _text(_f: Field, value: Any, _url: CardUrl) -> Markup:
    return Markup("{}").format(value)


def _long_text(_f: Field, value: Any, _url: CardUrl) -> Markup:
    return Markup('<span class="long-text">{}</span>').format(value)


def _email(_f: Field, value: Any, _url: CardUrl) -> Markup:
    return Markup('<a href="mailto:{}">{}</a>').format(value, value)


def _phone(_f: Field, value: Any, _url: CardUrl) -> Markup:
    dialled = "".join(c for c in str(value) if c.isdigit() or c == "+")
    return Markup('<a href="tel:{}">{}</a>').format(dialled, value)


def _url(_f: Field, value: Any, _url: CardUrl) -> Markup:
    text = str(value)
    if not text.lower().startswith(("http://", "https://")):  # never a javascript: link
        return Markup("{}").format(text)
    return Markup('<a href="{}" rel="noopener noreferrer nofollow">{}</a>').format(text, text)


def _number(f: Field, value: Any, _url: CardUrl) -> Markup:
    return Markup('<span class="number">{}</span>').format(
        format_number(_decimal(value), group=groups_digits(f)))


def _percent(_f: Field, value: Any, _url: CardUrl) -> Markup:
    shown = format_number(_decimal(value))
    return Markup('<span class="number">{}</span>').format(gettext("%(value)s%%", value=shown))


def _money(f: Field, value: Any, _url: CardUrl) -> Markup:
    shown = format_number(_decimal(value), f.get("currency"))
    return Markup('<span class="number">{}</span>').format(shown)


#: A currency code touching a digit ("MDL1,250.00"): where CLDR's currency spacing puts a space.
_CODE_BY_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def format_number(amount: Decimal, currency: str | None = None, *, group: bool = True) -> str:
    """'12,500.5' (or '2019' when `group` is false), or, with a currency, the amount as the
    locale writes it: "MDL 1,250.00", "$1,250.00". Any stored size: Babel rounds to the
    currency's places in the current decimal context, whose 28 digits a sum or a value stored
    before ranges were checked (10**27) exceeds."""
    if not amount.is_finite():
        return str(amount)
    with localcontext(Context(prec=max(28, amount.adjusted() + 12))):
        if currency:
            return format_money(amount, currency)
        return str(numbers.format_decimal(amount, locale=LOCALE, group_separator=group))


def format_money(amount: Decimal, currency: str) -> str:
    """Babel leaves out CLDR's currency spacing, which keeps a code made of letters apart from
    the digits (a no-break space), so it is put in here."""
    return _CODE_BY_DIGIT.sub("\u00a0", numbers.format_currency(amount, currency, locale=LOCALE))


def _decimal(value: Any) -> Decimal:
    # Through str: a float read back from JSON shows as written (0.1, not 0.1000000000000000055).
    return Decimal(str(value))


def _autonumber(f: Field, value: Any, _url: CardUrl) -> Markup:
    return Markup("{}{}").format(f.get("prefix") or "", value)


def _boolean(_f: Field, value: Any, _url: CardUrl) -> Markup:
    return Markup("{}").format(gettext("Yes") if value else gettext("No"))


def _date(_f: Field, value: Any, _url: CardUrl) -> Markup:
    day = dt.date.fromisoformat(str(value))
    return Markup('<time datetime="{}">{}</time>').format(
        day.isoformat(), dates.format_date(day, "medium", locale=LOCALE))


def _datetime(_f: Field, value: Any, _url: CardUrl) -> Markup:
    moment = dt.datetime.fromisoformat(str(value)).astimezone(dt.UTC)
    return Markup('<time datetime="{}">{}</time>').format(moment.isoformat(), format_moment(moment))


#: The zone moments are shown in: the signed-in user's, for the length of a page (`moments_in`).
TIME_ZONE: ContextVar[dt.tzinfo] = ContextVar("time_zone", default=dt.UTC)


@contextmanager
def moments_in(time_zone: str) -> Iterator[None]:
    """Show moments in `time_zone` (an IANA name; UTC when unknown) inside the block."""
    token = TIME_ZONE.set(zone(time_zone))
    try:
        yield
    finally:
        TIME_ZONE.reset(token)


def local_moment(moment: dt.datetime) -> dt.datetime:
    """`moment` in the user's zone; in UTC when that zone's day would be outside the years
    1-9999 (a moment of the first or last day, stored before dates had a range)."""
    try:
        return moment.astimezone(TIME_ZONE.get())
    except OverflowError:
        return moment.astimezone(dt.UTC)


def format_moment(moment: dt.datetime) -> str:
    """A moment as people read it, in the user's zone, named: 'Nov 23, 2026, 7:30 PM EET'."""
    local = local_moment(moment)
    day = dates.format_date(local, "medium", locale=LOCALE)
    time = dates.format_time(local, "short", tzinfo=local.tzinfo, locale=LOCALE)
    # The locale's way of joining a date and a time ("{1}, {0}" in English).
    joined = str(Locale.parse(LOCALE).datetime_formats["medium"]).format(time, day)
    return f"{joined} {local.tzname()}"


def option_label(f: Field, value: str) -> str:
    """The label of a select or stage option (its value when it has none)."""
    for option in f.get("options", []):
        if isinstance(option, Mapping) and option.get("value") == value:
            return label(option.get("label"), value)
    return value


def _option(f: Field, value: Any, _url: CardUrl) -> Markup:
    return Markup('<span class="badge">{}</span>').format(option_label(f, str(value)))


def _options(f: Field, value: Any, url: CardUrl) -> Markup:
    return Markup(" ").join(_option(f, v, url) for v in value)


def _link(f: Field, value: Any, url: CardUrl) -> Markup:
    title = value.get("title")
    shown = title if title not in (None, "") else f"#{value['id']}"
    return Markup('<a href="{}">{}</a>').format(url(str(f["to"]), int(value["id"])), shown)


def _links(f: Field, value: Any, url: CardUrl) -> Markup:
    return Markup(", ").join(_link(f, v, url) for v in value)


def _user(_f: Field, value: Any, _url: CardUrl) -> Markup:
    return Markup("{}").format(value.get("title") or f"#{value['id']}")


def _file(_f: Field, value: Any, _url: CardUrl) -> Markup:
    """A download link with the file's name and size."""
    if not isinstance(value, Mapping):
        return Markup("{}").format(value)
    name = value.get("name") or gettext("File %(id)s", id=value.get("id"))
    size = value.get("size")
    shown = Markup('<a class="file-link" href="{}" download>{}</a>').format(
        f"/files/{int(value['id'])}", name)
    if isinstance(size, int):
        shown += Markup(' <span class="file-size">({})</span>').format(file_size(size))
    return shown


def file_size(size: int) -> str:
    """1536 -> '1.5 KB': a size as people read it."""
    amount, unit = float(size), "B"
    for bigger in ("KB", "MB"):
        if amount < 1024:
            break
        amount, unit = amount / 1024, bigger
    number = numbers.format_decimal(round(amount, 1), locale=LOCALE)
    return gettext("%(size)s %(unit)s", size=number, unit=unit)
