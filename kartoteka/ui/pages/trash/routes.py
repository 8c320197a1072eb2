"""Moving a record to the trash and back: `/records/{entity}/{id}/trash` and `.../restore`.

GET `.../trash` is the confirmation page: what goes to the trash with the record, or, when live
records point at it through a `restrict` link, which ones keep it there (no button then). POST
`.../trash` moves it (the record's version from the page guards against a change made since)
and lands on the list with a message and an Undo button; POST `.../restore` brings it back (with
what went with it), from the card's Restore button or the Undo. The record layer does the work,
as for the API's DELETE and restore.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.schema_engine import records
from kartoteka.schema_engine.errors import RecordInvalid, RecordLinked, StaleRecord
from kartoteka.schema_engine.records import parse_id
from kartoteka.ui.context import Visit, known_entity, run_page
from kartoteka.ui.errors import PageError
from kartoteka.ui.flash import RESTORED, TRASHED, with_flash
from kartoteka.ui.i18n import gettext, message
from kartoteka.ui.labels import entity_label, record_title
from kartoteka.ui.pages.timeline.routes import read_live_or_trashed
from kartoteka.ui.pages.trash.trash import trash_plan
from kartoteka.ui.templating import choices

router = APIRouter(include_in_schema=False)


@router.get("/records/{entity}/{record_id}/trash", name="trash_confirm")
async def trash_confirm(request: Request, entity: str, record_id: str) -> Response:
    return await run_page(request, _confirm, entity, record_id)


def _confirm(visit: Visit, entity: str, record_id: str, problem: str | None = None,
             status: int = 200) -> Response:
    entity = known_entity(visit, entity)
    record = read_live_or_trashed(visit, entity, record_id)
    if record["deleted_at"] is not None:
        return RedirectResponse(visit.card_url(entity, record["id"]), status_code=303)
    plan = trash_plan(visit.conn, visit.session.model, record, entity, visit.card_url,
                      visit.list_url)
    context = {"plan": plan, "problem": problem, "current_entity": entity,
               "card_url": visit.card_url(entity, record["id"])}
    return visit.render(choices("trash_confirm", entity), context, status)


@router.post("/records/{entity}/{record_id}/trash", name="trash_record_page")
async def trash_record(request: Request, entity: str, record_id: str) -> Response:
    form = await request.form()
    return await run_page(request, _trash, entity, record_id, str(form.get("version") or ""),
                          write=True)


def _trash(visit: Visit, entity: str, record_id: str, version: str) -> Response:
    entity = known_entity(visit, entity)
    record = read_live_or_trashed(visit, entity, record_id)
    if record["deleted_at"] is not None:  # trashed meanwhile (another tab): nothing to do
        return RedirectResponse(visit.card_url(entity, record["id"]), status_code=303)
    model = visit.session.model
    try:
        records.trash_record(visit.conn, model, entity, record["id"], user_id=visit.session.user.id,
                             if_version=parse_id(version))
    except StaleRecord:
        return _confirm(visit, entity, record_id, gettext(
            "Someone changed this record since you opened this page, so it was not moved to "
            "the trash. Check what will happen below and confirm again."), 409)
    except RecordLinked:
        return _confirm(visit, entity, record_id, gettext(
            "Other records point to this one, so it was not moved to the trash."), 409)
    target = with_flash(visit.list_url(entity), visit.ui.signer, TRASHED, entity, record["id"],
                        record_title(model, entity, record))
    return RedirectResponse(target, status_code=303)




@router.post("/records/{entity}/{record_id}/restore", name="restore_record_page")
async def restore_record(request: Request, entity: str, record_id: str) -> Response:
    form = await request.form()
    return await run_page(request, _restore, entity, record_id, str(form.get("then") or ""),
                          write=True)


def _restore(visit: Visit, entity: str, record_id: str, then: str) -> Response:
    """Bring the record back; to the list with a message (`then=list`, the Undo), else to
    the card."""
    entity = known_entity(visit, entity)
    record = read_live_or_trashed(visit, entity, record_id)
    model = visit.session.model
    try:
        records.restore_record(visit.conn, model, entity, record["id"],
                               user_id=visit.session.user.id)
    except RecordInvalid as exc:
        raise _cannot_restore(visit, entity, record, exc) from None
    title = record_title(model, entity, record)
    if then == "list":
        target = with_flash(visit.list_url(entity), visit.ui.signer, RESTORED, entity,
                            record["id"], title)
    else:
        target = with_flash(visit.card_url(entity, record["id"]), visit.ui.signer, RESTORED,
                            entity, record["id"], title)
    return RedirectResponse(target, status_code=303)


def _cannot_restore(visit: Visit, entity: str, record: dict[str, Any],
                    exc: RecordInvalid) -> PageError:
    """A unique value taken meanwhile: say which, and what to do."""
    problems = "; ".join(message(e.message) for e in exc.errors) or message(exc.message)
    title = record_title(visit.session.model, entity, record)
    return PageError(409, gettext("It cannot be restored yet"), gettext(
        "%(entity)s “%(title)s” stays in the trash: %(problems)s.",
        entity=entity_label(visit.session.model, entity), title=title, problems=problems))
