"""`/` and the lists: `/records/{entity}`, with their columns, filter builder and totals.

Routes with a fixed word after the entity (`/totals`, `/filter`, `/columns`, and the saved
views and bulk changes of `routes_views` and `routes_bulk`, included here) come before the
card's route, which takes any `/records/{entity}/{word}`: this module is registered first.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.platform.templates import TEMPLATES, load_template
from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.errors import QueryError
from kartoteka.ui.context import Visit, known_entity, run_page
from kartoteka.ui.i18n import error_text, gettext, label
from kartoteka.ui.labels import entity_label
from kartoteka.ui.pages.bulk import changes as bulk
from kartoteka.ui.pages.bulk import routes as routes_bulk
from kartoteka.ui.pages.list import filters
from kartoteka.ui.pages.list import views_routes as routes_views
from kartoteka.ui.pages.list.columns import columns_from_form
from kartoteka.ui.pages.list.filter_fields import builder_view, typed_to_utc, user_choices
from kartoteka.ui.pages.list.listing import (
    Params,
    Viewer,
    engine_params,
    run_list,
    shown_columns,
    totals_columns,
)
from kartoteka.ui.pages.list.totals import run_totals
from kartoteka.ui.templating import choices, wants_fragment

router = APIRouter(include_in_schema=False)
#: What the filter builder and the Columns control carry back to the list besides their own.
PASSED_ON = ("q", "sort", "columns")


@router.get("/", name="home")
async def home(request: Request) -> Response:
    return await run_page(request, _home)


def _home(visit: Visit) -> Response:
    """The first entity's list; when the app has no entity yet, a page offering an admin to
    create the first list or to start from a template (a plain user is told to wait)."""
    first = next(iter(visit.session.model.entities), None)
    if first is None:
        admin = visit.session.user.is_admin
        return visit.render(["home.html"], {"is_admin": admin,
                                            "templates": starting_templates() if admin else []})
    return RedirectResponse(visit.list_url(first), status_code=303)


@dataclass(frozen=True)
class StartingTemplate:
    """A template an empty app may start from: its name and the lists it brings."""

    name: str
    title: str
    lists: str


def starting_templates() -> list[StartingTemplate]:
    """Every template but the empty one, with the plural labels of its entities."""
    titles = {"crm": gettext("CRM"), "trading": gettext("Trading")}
    found = []
    for name in TEMPLATES:
        entities = load_template(name)["entities"]
        if entities:
            lists = ", ".join(label(e.get("plural") or e.get("label"), e["name"])
                              for e in entities)
            found.append(StartingTemplate(name, titles.get(name, name), lists))
    return found


def _params(request: Request) -> Params:
    return list(request.query_params.multi_items())


@router.get("/records/{entity}", name="record_list")
async def record_list(request: Request, entity: str) -> Response:
    return await run_page(request, _list, entity, _params(request), wants_fragment(request))


def viewer_of(visit: Visit) -> Viewer:
    user = visit.session.user
    return Viewer(user.id, user.is_admin, user_choices(visit.conn))


def _list(visit: Visit, entity: str, params: Params, fragment: bool) -> Response:
    entity = known_entity(visit, entity)
    model = visit.session.model
    page = run_list(visit.conn, model, entity, params, lambda p: visit.list_url(entity, p),
                    visit.card_url, viewer_of(visit))
    notice = bulk.read_notice(visit.ui.signer, model, dict(params).get(bulk.PARAM))
    names = choices("_records" if fragment else "list", entity)
    return visit.render(names, {"page": page, "current_entity": entity, "notice": notice,
                                "is_admin": visit.session.user.is_admin})


# ---------------------------------------------------------------- totals


@router.get("/records/{entity}/totals", name="record_totals")
async def record_totals(request: Request, entity: str) -> Response:
    return await run_page(request, _totals, entity, _params(request), wants_fragment(request))


def _totals(visit: Visit, entity: str, params: Params, fragment: bool) -> Response:
    """The totals row (htmx); without htmx, the list with its totals shown."""
    entity = known_entity(visit, entity)
    if not fragment:
        return RedirectResponse(visit.list_url(entity, [*params, ("totals", "1")]), 303)
    model = visit.session.model
    query = queries.query_from_params(model, entity, engine_params(params))
    shown = shown_columns(model, entity, dict(params).get("columns"))
    columns = totals_columns(model, entity, shown)
    totals = run_totals(visit.conn, model, query, columns, visit.card_url)
    return visit.render(["_totals.html"], {"totals": totals, "selectable": not query.trashed})


# ---------------------------------------------------------------- the filter builder


@router.get("/records/{entity}/filter", name="record_filter")
async def record_filter(request: Request, entity: str) -> Response:
    return await run_page(request, _filter, entity, _params(request), wants_fragment(request))


def _filter(visit: Visit, entity: str, form: Params, fragment: bool) -> Response:
    """The builder with the form's change made; "Apply" goes to the list it builds (or says
    in words what the engine refuses, keeping what was typed)."""
    entity = known_entity(visit, entity)
    model = visit.session.model
    builder, change = filters.from_form(form)
    kept = [(k, v) for k, v in form if k in PASSED_ON]
    error = None
    if change.apply:
        params = [*kept, *filters.to_params(typed_to_utc(model, entity, builder))]
        try:
            queries.query_from_params(model, entity, engine_params(params))
        except QueryError as exc:
            error = error_text(exc)
        else:
            return RedirectResponse(visit.list_url(entity, params), status_code=303)
    context = {
        "builder": builder_view(model, entity, builder, user_choices(visit.conn)),
        "entity": entity, "keep": kept, "filter_error": error, "open": True,
        "label": entity_label(model, entity, plural=True), "current_entity": entity,
    }
    names = ["_filter.html"] if fragment else choices("filter", entity)
    return visit.render(names, context, 400 if error and not fragment else 200)


# ---------------------------------------------------------------- columns


@router.get("/records/{entity}/columns", name="record_columns")
async def record_columns(request: Request, entity: str) -> Response:
    return await run_page(request, _columns, entity, _params(request))


def _columns(visit: Visit, entity: str, form: Params) -> Response:
    """The list with the columns the form ticked, in the order of their numbers."""
    entity = known_entity(visit, entity)
    others = [(k, v) for k, v in form
              if not k.startswith(("show.", "place.")) and k not in ("columns", "view")]
    params = [*others, ("columns", columns_from_form(form))]
    return RedirectResponse(visit.list_url(entity, params), status_code=303)


router.include_router(routes_views.router)
router.include_router(routes_bulk.router)
