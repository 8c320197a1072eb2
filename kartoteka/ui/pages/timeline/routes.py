"""A record's timeline and what is done from it.

- GET `/records/{entity}/{id}/timeline` (`?kind=call,note` filters, `?before=` pages to older
  entries): the card loads it with htmx once the card is shown (so it never delays the card)
  and gets the fragment `_timeline.html`; without JavaScript the card links here and the whole
  page shows it, with the form to log an interaction.
- POST `/records/{entity}/{id}/notes` (`kind`, `text`): log a note, call, email or meeting.
  htmx gets a fresh form and the new entry, put first in the timeline; without JavaScript the
  timeline page follows (303). Bad input comes back in the form, said in words (422).
- POST `/records/{entity}/{id}/complete` (`version`, `back`): complete a task from a timeline,
  over the version the page showed. htmx gets the task's block in place; a task changed since
  is shown as it is now, with a sentence saying so (412).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.platform import tasks
from kartoteka.platform.timeline import (
    MAX_NOTE,
    log_interaction,
    note_problems,
    parse_kinds,
    read_timeline,
)
from kartoteka.schema_engine.errors import RecordNotFound, StaleRecord
from kartoteka.schema_engine.records import parse_id, read_record
from kartoteka.ui.context import Visit, known_entity, run_page, text_form
from kartoteka.ui.errors import PageError
from kartoteka.ui.i18n import gettext
from kartoteka.ui.labels import entity_label, record_title
from kartoteka.ui.pages.timeline.timeline import (
    Timeline,
    entry_of,
    filters_of,
    saves,
    task_view,
    timeline_view,
)
from kartoteka.ui.redirects import same_site_path
from kartoteka.ui.templating import choices, wants_fragment

router = APIRouter(include_in_schema=False)


@dataclass
class LogForm:
    """The form that logs an interaction: where it goes, what was typed, what is wrong."""

    action: str
    kind: str = "note"
    text: str = ""
    #: Problems by field (`kind`, `text`), in words.
    errors: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- reading


@router.get("/records/{entity}/{record_id}/timeline", name="record_timeline")
async def record_timeline(request: Request, entity: str, record_id: str,
                          before: str | None = None, kind: str | None = None) -> Response:
    return await run_page(request, _timeline, entity, record_id, before, kind,
                          wants_fragment(request))


def _timeline(visit: Visit, entity: str, record_id: str, before: str | None, kind: str | None,
              fragment: bool, form: LogForm | None = None, status: int = 200) -> Response:
    entity = known_entity(visit, entity)
    record = read_live_or_trashed(visit, entity, record_id)
    context = {
        "timeline": _view(visit, entity, record["id"], before, kind),
        "record_title": record_title(visit.session.model, entity, record),
        "card_url": visit.card_url(entity, record["id"]),
        "entity_label": entity_label(visit.session.model, entity),
        "current_entity": entity,
        "trashed": record["deleted_at"] is not None,
        "log_form": form or LogForm(_log_url(visit, entity, record["id"])),
    }
    return visit.render(choices("_timeline" if fragment else "timeline", entity), context,
                        status)


def _view(visit: Visit, entity: str, record_id: int, before: str | None,
          kind: str | None) -> Timeline:
    model = visit.session.model
    kinds = parse_kinds(kind)
    page = read_timeline(visit.conn, model, entity, record_id, before=_cursor(before),
                         kinds=kinds, whole_saves=True)

    def url(query: dict[str, Any]) -> str:
        return visit.url("record_timeline", query, entity=entity, record_id=str(record_id))

    kind_query = {"kind": ",".join(sorted(kinds))} if kinds else {}
    older = (None if page.next_before is None
             else url({**kind_query, "before": page.next_before}))
    filters = filters_of(model, kinds, lambda k: url({"kind": k} if k else {}))
    return timeline_view(page, model, visit.card_url, older, filters=filters,
                         continued=_cursor(before) is not None)


def _cursor(before: str | None) -> int | None:
    """The `before` of an older page: a change id; anything else starts from the newest."""
    return parse_id(before)


def read_live_or_trashed(visit: Visit, entity: str, text: str) -> dict[str, Any]:
    """The record a path names (in the trash or not), else a 404 page in words."""
    number = parse_id(text)
    if number is not None:
        try:
            return read_record(visit.conn, visit.session.model, entity, number)
        except RecordNotFound:
            pass
    label = entity_label(visit.session.model, entity)
    raise PageError(404, gettext("Not found"), gettext(
        "%(entity)s %(id)s does not exist.", entity=label, id=text))


def _log_url(visit: Visit, entity: str, record_id: int) -> str:
    return visit.url("record_log", entity=entity, record_id=str(record_id))


# ---------------------------------------------------------------- logging an interaction


@router.post("/records/{entity}/{record_id}/notes", name="record_log")
async def record_log(request: Request, entity: str, record_id: str) -> Response:
    sent = await text_form(request)
    return await run_page(request, _log, entity, record_id, sent, wants_fragment(request),
                          write=True)


def _log(visit: Visit, entity: str, record_id: str, sent: dict[str, str],
         fragment: bool) -> Response:
    entity = known_entity(visit, entity)
    record = read_live_or_trashed(visit, entity, record_id)
    if record["deleted_at"] is not None:
        raise PageError(409, gettext("This record is in the trash"), gettext(
            "Nothing can be logged on a record in the trash. Restore it first."))
    form = LogForm(_log_url(visit, entity, record["id"]), sent.get("kind", ""),
                   sent.get("text", ""))
    form.errors = _problems(form)
    if form.errors and not fragment:
        return _timeline(visit, entity, str(record["id"]), None, None, False, form, 422)
    if form.errors:
        return _log_form(visit, form, None, 422)
    item = log_interaction(visit.conn, visit.session.model, entity, record["id"], form.kind,
                           form.text, user_id=visit.session.user.id)
    if not fragment:
        target = visit.url("record_timeline", entity=entity, record_id=str(record["id"]))
        return RedirectResponse(target, status_code=303)
    entry = entry_of(saves([item])[0], visit.session.model, visit.card_url,
                     item.at)
    return _log_form(visit, LogForm(form.action, form.kind), entry, 200)


def _problems(form: LogForm) -> dict[str, str]:
    """What is wrong with the form, in the user's words."""
    problems = note_problems(form.kind, form.text)
    said: dict[str, str] = {}
    if "kind" in problems:
        said["kind"] = gettext("Choose what happened: a note, a call, an email or a meeting.")
    if "text" in problems and not form.text.strip():
        said["text"] = gettext("Write what happened.")
    elif "text" in problems:
        said["text"] = gettext("This is %(n)s characters long; the most is %(max)s.",
                               n=f"{len(form.text):,}", max=f"{MAX_NOTE:,}")
    return said


def _log_form(visit: Visit, form: LogForm, entry: Any, status: int) -> Response:
    return visit.render(["_timeline_form.html"], {"log_form": form, "new_entry": entry},
                        status)


# ---------------------------------------------------------------- completing a task


@router.post("/records/{entity}/{record_id}/complete", name="record_complete")
async def record_complete(request: Request, entity: str, record_id: str) -> Response:
    sent = await text_form(request)
    return await run_page(request, _complete, entity, record_id, sent, wants_fragment(request),
                          write=True)


def _complete(visit: Visit, entity: str, record_id: str, sent: dict[str, str],
              fragment: bool) -> Response:
    entity = known_entity(visit, entity)
    model = visit.session.model
    number, version = parse_id(record_id), parse_id(sent.get("version"))
    if number is None:
        raise RecordNotFound(f"{entity} {record_id} does not exist")
    if version is None:
        raise PageError(400, gettext("This task cannot be completed"), gettext(
            "The form does not say which version of the task it shows, so nothing was "
            "changed. Reload the page and try again."))
    message = None
    try:
        record = tasks.complete(visit.conn, model, entity, number, user_id=visit.session.user.id,
                                if_version=version)
    except tasks.NotATask:
        raise PageError(400, gettext("This is not a task"), gettext(
            "Only tasks can be completed.")) from None
    except StaleRecord as exc:
        record = exc.current
        message = gettext("Someone changed this task since the page was loaded; it is shown "
                          "as it is now. Complete it again if it still needs it.")
        if not fragment:
            raise PageError(412, gettext("This task has changed"), message) from None
    if not fragment:
        back = same_site_path(sent.get("back")) or visit.card_url(entity, number)
        return RedirectResponse(back, status_code=303)
    view = task_view(model, entity, record, visit.card_url, message)
    return visit.render(["_timeline_task.html"], {"task": view}, 412 if message else 200)
