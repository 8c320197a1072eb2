"""The record card: `/records/{entity}/{id}`.

Routes with a fixed word after the entity (`/records/{entity}/board`, `/new`) must be added
before the card's route, which takes any second part.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from kartoteka.platform.api_records import MAX_ID
from kartoteka.schema_engine.errors import RecordNotFound

from .card import read_card
from .context import Visit, known_entity, run_page
from .errors import PageError
from .i18n import gettext
from .listing import entity_label
from .templating import choices

router = APIRouter(include_in_schema=False)


@router.get("/records/{entity}/{record_id}", name="record_card")
async def record_card(request: Request, entity: str, record_id: str) -> Response:
    return await run_page(request, _card, entity, record_id)


def _card(visit: Visit, entity: str, record_id: str) -> Response:
    entity = known_entity(visit, entity)
    number = _record_number(visit, entity, record_id)
    try:
        card = read_card(visit.conn, visit.session.model, entity, number, visit.list_url,
                         visit.card_url)
    except RecordNotFound:
        raise _no_record(visit, entity, record_id) from None
    return visit.render(choices("card", entity), {"card": card, "current_entity": entity})


def _record_number(visit: Visit, entity: str, text: str) -> int:
    if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID:
        return int(text)
    raise _no_record(visit, entity, text)


def _no_record(visit: Visit, entity: str, record_id: Any) -> PageError:
    label = entity_label(visit.session.model, entity)
    return PageError(404, gettext("Not found"), gettext(
        "%(entity)s %(id)s does not exist.", entity=label, id=record_id))
