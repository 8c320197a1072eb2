"""The card's automation buttons: `POST /records/{entity}/{id}/buttons/{rule}`.

A `button` rule of the app definition puts a button on the cards of its entity ("Send the
proposal"); pressing it queues the rule for the record (as `POST /api/records/.../buttons/...`
does) and comes back to the card with a message. A plain form with the CSRF token: no script
needed.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.platform.automation import UnknownButton, button_rule, queue_button
from kartoteka.platform.i18n import reader_label
from kartoteka.ui.context import Visit, known_entity, run_page
from kartoteka.ui.errors import PageError
from kartoteka.ui.flash import QUEUED, with_flash
from kartoteka.ui.i18n import gettext
from kartoteka.ui.pages.timeline.routes import read_live_or_trashed

router = APIRouter(include_in_schema=False)


@router.post("/records/{entity}/{record_id}/buttons/{rule}", name="press_button_page")
async def press_button(request: Request, entity: str, record_id: str, rule: str) -> Response:
    return await run_page(request, _press, entity, record_id, rule, write=True)


def _press(visit: Visit, entity: str, record_id: str, rule: str) -> Response:
    entity = known_entity(visit, entity)
    record = read_live_or_trashed(visit, entity, record_id)
    card = visit.card_url(entity, record["id"])
    if record["deleted_at"] is not None:
        return RedirectResponse(card, status_code=303)
    model = visit.session.model
    try:
        label = reader_label(button_rule(model, entity, rule).when.get("label"), rule)
        queue_button(visit.conn, model, entity, record["id"], rule)
    except UnknownButton:
        raise PageError(404, gettext("Not found"), gettext(
            "This button is no longer there: the automations changed. Reload the card to see "
            "the buttons it has now.")) from None
    target = with_flash(card, visit.ui.signer, QUEUED, entity, record["id"], label)
    return RedirectResponse(target, status_code=303)
