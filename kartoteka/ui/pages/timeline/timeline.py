"""The timeline on a record card: the platform's timeline items as people read them.

Each entry says what happened ("Call logged by Anna"), when ("3 hours ago", the exact time in
the user's zone in the `<time>` element's title and datetime), and what it holds: a save is one
entry with one line per field (old and new values shown the way the card shows them, values.py;
stage moves marked as such), a note its text, a document links to its files, a task (a record
of a timeline entity) its title, due date and a Complete button. An item of another record
(a deal's, on its client's card) says whose it is: "Deal: Big order".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import InvalidOperation
from typing import Any

from babel import dates, numbers
from markupsafe import Markup

from kartoteka.platform.i18n import reader_label
from kartoteka.platform.tasks import TaskEntity, task_entities
from kartoteka.platform.timeline import (
    RECORD,
    STAGE,
    FieldLine,
    TimelineItem,
    TimelinePage,
)
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import (
    CHANGED,
    CREATED,
    DOCUMENT,
    INTERACTIONS,
    RESTORED,
    TRASHED,
)
from kartoteka.ui.fields import CardUrl, format_moment, show
from kartoteka.ui.i18n import LOCALE, gettext, markup_gettext
from kartoteka.ui.labels import entity_label, record_title


def N_(message: str) -> str:
    """Marks `message` for the catalog (Babel's `N_`); it is translated where it is used."""
    return message


#: Under this age an item happened "just now".
JUST_NOW = dt.timedelta(minutes=1)
#: (kind, the label of the filter that shows it), in the order the filters are listed.
FILTERS: tuple[tuple[str, str], ...] = (
    ("note", N_("Notes")), ("call", N_("Calls")), ("email", N_("Emails")),
    ("meeting", N_("Meetings")), ("changed,stage", N_("Changes")), ("stage", N_("Stage moves")),
    (RECORD, N_("Linked records")), ("document", N_("Documents")),
)


@dataclass(frozen=True)
class Line:
    label: str
    old: Markup
    new: Markup
    stage: bool
    removed: bool


@dataclass(frozen=True)
class FileLink:
    url: str
    name: str
    size: str


@dataclass(frozen=True)
class TaskView:
    """A record of a timeline entity on the timeline: a task, with what completing it takes."""

    entity: str
    id: int
    version: int
    title: str
    url: str
    #: "Task", the label of its entity.
    label: str
    due_label: str | None
    due: Markup | None
    done: bool
    #: Whether it is a task (`"role": "task"`) that is still open: it shows a Complete button.
    can_complete: bool
    #: Said next to it after a Complete that found it changed since the page was loaded.
    message: str | None = None


@dataclass(frozen=True)
class Entry:
    kind: str
    headline: Markup
    at: str
    ago: str
    exact: str
    lines: list[Line] = field(default_factory=list)
    #: "Deal: Big order", a link to that card, for an item of another record.
    source: Markup | None = None
    #: The text of a note, call, email or meeting.
    text: str | None = None
    files: list[FileLink] = field(default_factory=list)
    task: TaskView | None = None


@dataclass(frozen=True)
class Filter:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class Timeline:
    entries: list[Entry]
    #: The link to the next (older) entries, None on the last page.
    older_url: str | None
    filters: list[Filter] = field(default_factory=list)
    #: A page after the first: only its entries (the filters are on the first).
    continued: bool = False


def timeline_view(page: TimelinePage, model: AppModel, card_url: CardUrl,
                  older_url: str | None, now: dt.datetime | None = None, *,
                  filters: Sequence[Filter] = (), continued: bool = False) -> Timeline:
    """What `_timeline.html` shows of a page of the platform's timeline."""
    moment = now or dt.datetime.now(dt.UTC)
    entries = [entry_of(save, model, card_url, moment) for save in saves(page.items)]
    return Timeline(entries, older_url, list(filters), continued)


def saves(items: Sequence[TimelineItem]) -> list[list[TimelineItem]]:
    """The items, field changes of one save put together (one entry each)."""
    grouped: list[list[TimelineItem]] = []
    for item in items:
        if grouped and item.same_save(grouped[-1][-1]):
            grouped[-1].append(item)
        else:
            grouped.append([item])
    return grouped


def filters_of(model: AppModel, kinds: frozenset[str] | None,
               url: Callable[[str | None], str]) -> list[Filter]:
    """The kind filters: All, then one per kind (`url(kind)` the page filtered by it)."""
    shown = [Filter(gettext("All"), url(None), kinds is None)]
    for kind, label in FILTERS:
        if kind == RECORD:
            label = _linked_label(model) or label
        shown.append(Filter(gettext(label), url(kind), kinds == frozenset(kind.split(","))))
    return shown


def _linked_label(model: AppModel) -> str | None:
    """'Tasks' when the app has one timeline entity; else None (the generic label)."""
    linked = [name for name, e in model.entities.items() if e.get("timeline") is True]
    return entity_label(model, linked[0], plural=True) if len(linked) == 1 else None


def entry_of(items: list[TimelineItem], model: AppModel, card_url: CardUrl,
             now: dt.datetime) -> Entry:
    """One entry: a save (several field changes) or a single item."""
    first = items[0]
    # The log writes a save's fields in their order; items come newest (last written) first.
    lines = [_line(item.change, card_url) for item in reversed(items) if item.change is not None]
    kind = STAGE if any(line.stage for line in lines) else first.kind
    return Entry(
        kind=kind, headline=_headline(first, kind, model, card_url),
        at=first.at.astimezone(dt.UTC).isoformat(), ago=ago(first.at, now),
        exact=format_moment(first.at),  # names the zone
        lines=lines,
        source=None if first.source is None else _source(first.source, model, card_url),
        text=first.data.get("text") if first.kind in INTERACTIONS else None,
        files=_files(first) if first.kind == DOCUMENT else [],
        task=task_view(model, first.data["entity"], first.data["record"], card_url)
        if first.kind == RECORD else None,
    )


def ago(moment: dt.datetime, now: dt.datetime) -> str:
    """'3 hours ago', 'just now'."""
    delta = moment - now
    if abs(delta) < JUST_NOW:
        return gettext("just now")
    return str(dates.format_timedelta(delta, add_direction=True, locale=LOCALE))


def _headline(item: TimelineItem, kind: str, model: AppModel, card_url: CardUrl) -> Markup:
    """'Changed by Anna', 'Moved to the trash with Client “Acme” by Anna', 'Call logged by
    Automation'."""
    title = gettext("Automation") if item.user is None else (
        item.user.get("title") or f"#{item.user['id']}")
    user = Markup('<span class="who">{}</span>').format(title)
    record = None
    if item.with_record and item.kind in (TRASHED, RESTORED):
        record = _record_link(item.with_record, model, card_url)
    label = reader_label(item.data.get("label"), str(item.data.get("template") or ""))
    entity = entity_label(model, item.data["entity"]) if item.kind == RECORD else ""
    return markup_gettext(_headline_text(kind, record is not None), user=user, record=record,
                          label=label, entity=entity)


#: The headline of each kind of entry (markup_gettext translates it).
_HEADLINES = {
    CREATED: N_("Created by %(user)s"),
    CHANGED: N_("Changed by %(user)s"),
    STAGE: N_("Stage changed by %(user)s"),
    TRASHED: N_("Moved to the trash by %(user)s"),
    RESTORED: N_("Restored from the trash by %(user)s"),
    "note": N_("Note by %(user)s"),
    "call": N_("Call logged by %(user)s"),
    "email": N_("Email logged by %(user)s"),
    "meeting": N_("Meeting logged by %(user)s"),
    DOCUMENT: N_("Document “%(label)s” made by %(user)s"),
    RECORD: N_("%(entity)s added by %(user)s"),
}


def _headline_text(kind: str, with_record: bool) -> str:
    if kind == TRASHED and with_record:
        return N_("Moved to the trash with %(record)s by %(user)s")
    if kind == RESTORED and with_record:
        return N_("Restored from the trash with %(record)s by %(user)s")
    return _HEADLINES.get(kind, _HEADLINES[CHANGED])


def _record_link(ref: dict[str, Any], model: AppModel, card_url: CardUrl) -> Markup:
    """'Client “Acme”' as a link to that card."""
    label = entity_label(model, ref["entity"])
    title = ref.get("title") or f"#{ref['id']}"
    return Markup('<a href="{}">{}</a>').format(
        card_url(ref["entity"], ref["id"]),
        gettext("%(entity)s “%(title)s”", entity=label, title=title))


def _source(ref: dict[str, Any], model: AppModel, card_url: CardUrl) -> Markup:
    """'Deal: Big order' as a link to that card: whose item this is."""
    return Markup('<a href="{}">{}</a>').format(
        card_url(ref["entity"], ref["id"]),
        gettext("%(entity)s: %(title)s", entity=entity_label(model, ref["entity"]),
                title=ref.get("title") or f"#{ref['id']}"))


def _files(item: TimelineItem) -> list[FileLink]:
    return [FileLink(f"/files/{f['id']}", str(f.get("name") or f["id"]), _size(f.get("size")))
            for f in item.data.get("files", []) if isinstance(f, dict) and "id" in f]


def _size(size: Any) -> str:
    """'2 KB', '1.5 MB': a file's size as people read it."""
    if not isinstance(size, int):
        return ""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{numbers.format_decimal(round(size / scale, 1), locale=LOCALE)} {unit}"
    return gettext("%(n)s bytes", n=size)


def task_view(model: AppModel, entity: str, record: dict[str, Any], card_url: CardUrl,
              message: str | None = None) -> TaskView:
    """A linked timeline record as its entry shows it (a task: due date, done, Complete)."""
    task = _task_entity(model, entity)
    done = bool(record.get(task.done)) if task else False
    due_field = model.fields(entity).get(task.due) if task else None
    due = record.get(task.due) if task else None
    return TaskView(
        entity=entity, id=int(record["id"]), version=int(record["version"]),
        title=record_title(model, entity, record), url=card_url(entity, int(record["id"])),
        label=entity_label(model, entity),
        due_label=(reader_label(due_field.get("label"), str(due_field["name"])) if due_field
                   else None),
        due=show(due_field, due, card_url) if due_field and due is not None else None,
        done=done, can_complete=task is not None and not done and record["deleted_at"] is None,
        message=message)


def _task_entity(model: AppModel, entity: str) -> TaskEntity | None:
    return next((t for t in task_entities(model) if t.name == entity), None)


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
