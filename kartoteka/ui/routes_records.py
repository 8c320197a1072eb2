"""`/` and the record pages: `/records/{entity}` (the list) and `/records/{entity}/{id}` (the card).

Routes with a fixed word after the entity (`/records/{entity}/board`, `/new`) must be added
before the card's route, which takes any second part.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.platform.api_records import MAX_ID
from kartoteka.schema_engine.errors import RecordNotFound

from .card import read_card
from .context import Visit, run_page
from .errors import PageError
from .i18n import gettext
from .listing import Params, entity_label, run_list
from .templating import choices, wants_fragment

router = APIRouter(include_in_schema=False)


@router.get("/", name="home")
async def home(request: Request) -> Response:
    return await run_page(request, _home)


def _home(visit: Visit) -> Response:
    """The first entity's list; a page saying so when the app has no entity yet."""
    first = next(iter(visit.session.model.entities), None)
    if first is None:
        return visit.render(["home.html"], {})
    return RedirectResponse(visit.list_url(first), status_code=303)


def _entity(visit: Visit, entity: str) -> str:
    if entity not in visit.session.model.entities:
        raise PageError(404, gettext("Not found"), gettext(
            "There is no list called “%(name)s”. The menu shows every list there is.",
            name=entity))
    return entity


@router.get("/records/{entity}", name="record_list")
async def record_list(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await run_page(request, _list, entity, params, wants_fragment(request))


def _list(visit: Visit, entity: str, params: Params, fragment: bool) -> Response:
    entity = _entity(visit, entity)
    page = run_list(visit.conn, visit.session.model, entity, params,
                    lambda p: visit.list_url(entity, p), visit.card_url)
    names = choices("_records" if fragment else "list", entity)
    return visit.render(names, {"page": page, "current_entity": entity})


@router.get("/records/{entity}/{record_id}", name="record_card")
async def record_card(request: Request, entity: str, record_id: str) -> Response:
    return await run_page(request, _card, entity, record_id)


def _card(visit: Visit, entity: str, record_id: str) -> Response:
    entity = _entity(visit, entity)
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
