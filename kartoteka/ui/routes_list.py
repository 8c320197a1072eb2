"""`/` and the lists: `/records/{entity}`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from .context import Visit, known_entity, run_page
from .listing import Params, run_list
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


@router.get("/records/{entity}", name="record_list")
async def record_list(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await run_page(request, _list, entity, params, wants_fragment(request))


def _list(visit: Visit, entity: str, params: Params, fragment: bool) -> Response:
    entity = known_entity(visit, entity)
    page = run_list(visit.conn, visit.session.model, entity, params,
                    lambda p: visit.list_url(entity, p), visit.card_url)
    names = choices("_records" if fragment else "list", entity)
    return visit.render(names, {"page": page, "current_entity": entity})
