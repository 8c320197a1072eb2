"""Saved views of a list: save the list as shown under a name, share it (admins), delete it.

Sharing and deleting a shared view change the app definition: the schema engine applies it in
its own transaction (zero DDL: only `views` changes), so these pages end their read transaction
first, as `PUT /api/schema` runs outside any request transaction.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.definition import Document
from kartoteka.schema_engine.errors import DefinitionInvalid, StaleVersion
from kartoteka.ui import security
from kartoteka.ui.context import Visit, check_csrf, known_entity, run_page, text_form, ui_of
from kartoteka.ui.errors import PageError
from kartoteka.ui.i18n import gettext, message
from kartoteka.ui.pages.list import views
from kartoteka.ui.pages.list.listing import Params, engine_params, shown_columns

router = APIRouter(include_in_schema=False)


@router.post("/records/{entity}/views", name="save_view")
async def save_view(request: Request, entity: str) -> Response:
    form = await text_form(request)
    return await run_page(request, _save, entity, form.get("name", ""),
                          form.get("params", ""), write=True)


def _save(visit: Visit, entity: str, name: str, query_string: str) -> Response:
    """Keep the list as shown (`query_string`: its URL's) as one of the user's views."""
    entity = known_entity(visit, entity)
    model = visit.session.model
    name = views.clean_name(name)
    if not name:
        raise PageError(400, gettext("The view was not saved"),
                        gettext("A view needs a name: go back and type one."))
    params: Params = parse_qsl(query_string)
    queries.query_from_params(model, entity, engine_params(params))  # refuses a bad filter
    shown = shown_columns(model, entity, dict(params).get("columns"))
    spec = views.spec_of(entity, name, engine_params(params), [f["name"] for f in shown])
    view = views.save_personal(visit.conn, visit.session.user.id, spec)
    return RedirectResponse(visit.list_url(entity, views.params_of(view)), status_code=303)


async def _checked(request: Request) -> None:
    """Refuse a change without this session's CSRF token (as `run_page(write=True)` does)."""
    ui = ui_of(request)
    key = ui.session_key(request)
    if key is not None:
        check_csrf(ui, key, await security.submitted_csrf(request))


@router.post("/records/{entity}/views/{key}/delete", name="delete_view")
async def delete_view(request: Request, entity: str, key: str) -> Response:
    await _checked(request)
    return await run_page(request, _delete, entity, key)


def _delete(visit: Visit, entity: str, key: str) -> Response:
    """Delete one of the user's views, or (admins) a shared one; back to the whole list."""
    entity = known_entity(visit, entity)
    view = _view(visit, entity, key)
    if view.shared:
        _admin_only(visit)
        _apply(visit, views.without_shared(visit.session.model.doc, view.key),
               views.unshare_summary(view))
    else:
        with write_connection(visit.ui.api.engine) as conn:
            views.delete_personal(conn, visit.session.user.id, view.key)
            conn.commit()
    return RedirectResponse(visit.list_url(entity), status_code=303)


@router.post("/records/{entity}/views/{key}/share", name="share_view")
async def share_view(request: Request, entity: str, key: str) -> Response:
    await _checked(request)
    return await run_page(request, _share, entity, key)


def _share(visit: Visit, entity: str, key: str) -> Response:
    """Publish one of the admin's views into the app definition: everyone sees it, and the
    personal copy goes (it is the shared one now)."""
    entity = known_entity(visit, entity)
    _admin_only(visit)
    view = _view(visit, entity, key)
    if view.shared:
        return RedirectResponse(visit.list_url(entity, views.params_of(view)), status_code=303)
    new = views.with_shared(visit.session.model.doc, view)
    _apply(visit, new, views.share_summary(view))
    with write_connection(visit.ui.api.engine) as conn:
        views.delete_personal(conn, visit.session.user.id, view.key)
        conn.commit()
    shared = views.View(new["views"][-1]["id"], view.name, new["views"][-1], True)
    return RedirectResponse(visit.list_url(entity, views.params_of(shared)), status_code=303)


def _view(visit: Visit, entity: str, key: str) -> views.View:
    found = views.find_view(visit.conn, visit.session.model, visit.session.user.id, entity, key)
    if found is None:
        raise PageError(404, gettext("Not found"), gettext(
            "There is no such view of this list (it may have been deleted)."))
    return found


def _admin_only(visit: Visit) -> None:
    if not visit.session.user.is_admin:
        raise PageError(403, gettext("Only administrators share views"), gettext(
            "Shared views are part of the app's definition, which administrators change. "
            "Your own views are yours to save and delete."))


def _apply(visit: Visit, doc: Document, summary: str) -> None:
    """Apply a definition whose change is in `views`, after ending this request's read
    transaction (the apply takes its own)."""
    version = visit.session.model.version
    visit.conn.rollback()
    try:
        views.apply_views(visit.ui.api.engine, doc, version, visit.session.user.email, summary)
    except StaleVersion:
        raise PageError(409, gettext("Someone changed the app meanwhile"), gettext(
            "The app's definition changed while you were looking at this list, so nothing "
            "was changed. Reload the list and try again.")) from None
    except DefinitionInvalid as exc:
        problems = "; ".join(message(e.message) for e in exc.errors)
        raise PageError(400, gettext("The view cannot be shared"), gettext(
            "The app's definition refuses it: %(problems)s.", problems=problems)) from None

