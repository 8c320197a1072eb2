"""The timeline on a record card: the platform's timeline items as people read them.

Each item says what happened ("Changed by Anna"), when ("3 hours ago", the exact UTC time in
the `<time>` element's title and datetime), and, for a save, one line per field with its old
and new values shown the way the card shows them (values.py). Stage moves are marked as such.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import InvalidOperation
from typing import Any

from babel import dates
from markupsafe import Markup

from kartoteka.platform.timeline import FieldLine, TimelineItem, TimelinePage
from kartoteka.schema_engine.changelog import CREATED, RESTORED, TRASHED
from kartoteka.schema_engine.model import AppModel

from .i18n import LOCALE, gettext, markup_gettext
from .listing import entity_label
from .values import CardUrl, format_moment, show

#: Under this age an item happened "just now".
JUST_NOW = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Line:
    label: str
    old: Markup
    new: Markup
    stage: bool
    removed: bool


@dataclass(frozen=True)
class Entry:
    kind: str
    headline: Markup
    at: str
    ago: str
    exact: str
    lines: list[Line]


@dataclass(frozen=True)
class Timeline:
    entries: list[Entry]
    #: The link to the next (older) entries, None on the last page.
    older_url: str | None


def timeline_view(page: TimelinePage, model: AppModel, card_url: CardUrl,
                  older_url: str | None, now: dt.datetime | None = None) -> Timeline:
    """What `_timeline.html` shows of a page of the platform's timeline."""
    moment = now or dt.datetime.now(dt.UTC)
    return Timeline([_entry(item, model, card_url, moment) for item in page.items], older_url)


def _entry(item: TimelineItem, model: AppModel, card_url: CardUrl, now: dt.datetime) -> Entry:
    return Entry(
        kind=item.kind, headline=_headline(item, model, card_url),
        at=item.at.astimezone(dt.UTC).isoformat(), ago=ago(item.at, now),
        exact=format_moment(item.at) + " UTC",
        lines=[_line(line, card_url) for line in item.changes],
    )


def ago(moment: dt.datetime, now: dt.datetime) -> str:
    """'3 hours ago', 'just now'."""
    delta = moment - now
    if abs(delta) < JUST_NOW:
        return gettext("just now")
    return str(dates.format_timedelta(delta, add_direction=True, locale=LOCALE))


def _headline(item: TimelineItem, model: AppModel, card_url: CardUrl) -> Markup:
    """'Changed by Anna', 'Moved to the trash with Client “Acme” by Anna'."""
    user = None if item.user is None else Markup('<span class="who">{}</span>').format(
        item.user.get("title") or f"#{item.user['id']}")
    record = None
    if item.with_record and item.kind in (TRASHED, RESTORED):
        record = _record_link(item.with_record, model, card_url)
    pair = _headline_texts(item, record is not None)
    return markup_gettext(pair[0] if user is not None else pair[1], user=user, record=record)


def _headline_texts(item: TimelineItem, with_record: bool) -> tuple[str, str]:
    """(with a user, without one): source texts of what happened (markup_gettext translates)."""
    if item.kind == CREATED:
        return N_("Created by %(user)s"), N_("Created")
    if item.kind == TRASHED and with_record:
        return (N_("Moved to the trash with %(record)s by %(user)s"),
                N_("Moved to the trash with %(record)s"))
    if item.kind == TRASHED:
        return N_("Moved to the trash by %(user)s"), N_("Moved to the trash")
    if item.kind == RESTORED and with_record:
        return (N_("Restored from the trash with %(record)s by %(user)s"),
                N_("Restored from the trash with %(record)s"))
    if item.kind == RESTORED:
        return N_("Restored from the trash by %(user)s"), N_("Restored from the trash")
    if any(line.is_stage for line in item.changes):
        return N_("Stage changed by %(user)s"), N_("Stage changed")
    return N_("Changed by %(user)s"), N_("Changed")


def N_(message: str) -> str:
    """Marks `message` for the catalog (Babel's `N_`); it is translated where it is used."""
    return message


def _record_link(ref: dict[str, Any], model: AppModel, card_url: CardUrl) -> Markup:
    """'Client “Acme”' as a link to that card."""
    label = entity_label(model, ref["entity"])
    title = ref.get("title") or f"#{ref['id']}"
    return Markup('<a href="{}">{}</a>').format(
        card_url(ref["entity"], ref["id"]),
        gettext("%(entity)s “%(title)s”", entity=label, title=title))


def _line(line: FieldLine, card_url: CardUrl) -> Line:
    label = line.label or gettext("A removed field")
    if line.removed and line.label:
        label = gettext("%(field)s (removed)", field=line.label)
    return Line(label, _value(line, line.old, card_url), _value(line, line.new, card_url),
                line.is_stage, line.removed)


def _value(line: FieldLine, value: Any, card_url: CardUrl) -> Markup:
    """A value shown by its field's type; as plain text when it no longer fits the type (the
    field's type changed since) or the field is gone for good."""
    if line.definition is None:
        return show({"name": line.name, "type": "text"}, _plain(value), card_url)
    try:
        return show(line.definition, value, card_url)
    except (ValueError, TypeError, KeyError, AttributeError, InvalidOperation):
        return show({"name": line.name, "type": "text"}, _plain(value), card_url)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(_plain(v)) for v in value) or None
    if isinstance(value, dict):
        return value.get("title") or value.get("id")
    return value
