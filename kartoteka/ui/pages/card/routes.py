"""The record card and its form: `/records/{entity}/{id}`, `/records/{entity}/new`.

- GET `/records/{entity}/{id}`: the card; `?edit=1` (or `/edit`) shows its fields as a form.
  htmx gets the fragment it swaps: the details (`_details.html`) or the form (`_form.html`).
- POST `/records/{entity}/{id}`: save the form over the version it was opened at (`_version`).
  Invalid values come back next to their fields (422), a save over a newer version says who
  changed what since and keeps the input (412), a success goes back to the card (303; htmx
  gets the details in place of the form and the event `recordSaved`).
- GET/POST `/records/{entity}/new`: the form of a new record (defaults, prefilled from the
  query string: `?client=12`), then its card, or `?back=` when that is a path on this site.
- GET `/records/{entity}/choices?field=client&_search_client=acme`: a picker's choices.

The record layer does every write, as for the API (`create_record`, `update_record` with the
version). Routes with a fixed word after the entity (`/records/{entity}/board`, `/new`) must be
added before the card's route, which takes any second part.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.schema_engine import records
from kartoteka.schema_engine.errors import RecordInvalid, RecordNotFound, StaleRecord
from kartoteka.schema_engine.records import parse_id
from kartoteka.ui.context import Visit, known_entity, run_page
from kartoteka.ui.errors import PageError
from kartoteka.ui.fields import FormPairs, FormValue, widget
from kartoteka.ui.i18n import gettext
from kartoteka.ui.labels import entity_label, entity_noun
from kartoteka.ui.pages.card.card import Card, read_card
from kartoteka.ui.pages.card.conflicts import apply_conflict
from kartoteka.ui.pages.card.form import (
    BACK,
    FIND,
    VERSION,
    RecordForm,
    chosen_titles,
    default_values,
    form_fields,
    place_errors,
    search_name,
    searches,
    stored_values,
    submitted,
    typed_values,
)
from kartoteka.ui.pages.card.uploads import Uploads, form_uploads, stored_uploads
from kartoteka.ui.redirects import same_site_path
from kartoteka.ui.templating import choices, wants_fragment

router = APIRouter(include_in_schema=False)

#: The event htmx fires on the page after a save (`HX-Trigger`), for parts that show the
#: record elsewhere (the timeline) to refresh.
SAVED_EVENT = "recordSaved"


async def _form_pairs(request: Request) -> list[tuple[str, str]]:
    form = await request.form()
    return [(k, v) for k, v in form.multi_items() if isinstance(v, str)]


# ---------------------------------------------------------------- a new record


@router.get("/records/{entity}/new", name="record_new")
async def record_new(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await run_page(request, _new, entity, params)


def _new(visit: Visit, entity: str, params: FormPairs) -> Response:
    """The empty form: defaults, then what the query string gives (`?client=12`)."""
    entity = known_entity(visit, entity)
    model = visit.session.model
    values = default_values(model, entity, visit.session.user.id, dt.datetime.now(dt.UTC))
    values.update(typed_values(model, entity, params))
    back = dict(params).get("back", "")
    form = _new_form(visit, entity, values, back=same_site_path(back) or "")
    return _new_page(visit, form, fragment=False)


@router.post("/records/{entity}/new", name="record_create")
async def record_create(request: Request, entity: str) -> Response:
    pairs, uploads = await _form_pairs(request), await form_uploads(request)
    return await run_page(request, _create, entity, pairs, wants_fragment(request), uploads,
                          write=True)


def _create(visit: Visit, entity: str, pairs: FormPairs, fragment: bool,
            uploads: Uploads = ()) -> Response:
    entity = known_entity(visit, entity)
    model = visit.session.model
    pairs = [*pairs, *stored_uploads(visit, entity, uploads)]
    sent = dict(pairs)
    back = same_site_path(sent.get(BACK)) or ""
    if FIND in sent:
        form = _new_form(visit, entity, typed_values(model, entity, pairs), back=back,
                         search=searches(pairs))
        return _new_page(visit, form, fragment)
    try:
        record = records.create_record(visit.conn, model, entity, submitted(model, entity, pairs),
                                       user_id=visit.session.user.id)
    except RecordInvalid as exc:
        form = _new_form(visit, entity, typed_values(model, entity, pairs), back=back)
        place_errors(form, exc.errors)
        return _new_page(visit, form, fragment, status=422)
    return _go(back or visit.card_url(entity, record["id"]), fragment)


def _new_form(visit: Visit, entity: str, values: dict[str, FormValue], *, back: str,
              search: dict[str, str] | None = None) -> RecordForm:
    model = visit.session.model
    return RecordForm(
        entity=entity, label=entity_noun(model, entity),
        plural=entity_label(model, entity, plural=True),
        action=visit.url("record_create", entity=entity),
        cancel_url=back or visit.list_url(entity), back=back,
        fields=form_fields(visit.conn, model, entity, values, visit.card_url, search=search))


def _new_page(visit: Visit, form: RecordForm, fragment: bool, status: int = 200) -> Response:
    names = choices("_form" if fragment else "record_form", form.entity)
    return visit.render(names, {"form": form, "current_entity": form.entity}, status)


def _go(path: str, fragment: bool) -> Response:
    """To `path`: a redirect, or for htmx an order to load it as a whole page."""
    if fragment:
        return Response(status_code=200, headers={"HX-Redirect": path})
    return RedirectResponse(path, status_code=303)


# ---------------------------------------------------------------- pickers


@router.get("/records/{entity}/choices", name="record_choices")
async def record_choices(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await run_page(request, _choices, entity, params)


def _choices(visit: Visit, entity: str, params: FormPairs) -> Response:
    """The choices of picker `field`: the chosen records (sent under its name) and the first
    matches of its search."""
    entity = known_entity(visit, entity)
    model = visit.session.model
    name = dict(params).get("field", "")
    f = model.fields(entity).get(name)
    if f is None or not widget(f).picker:
        raise PageError(404, gettext("Not found"), gettext(
            "%(entity)s has no link called “%(name)s”.", entity=entity_label(model, entity),
            name=name))
    chosen = [v for k, v in params if k == name and v]
    value: FormValue = chosen if widget(f).group else (chosen[-1] if chosen else "")
    search = {name: dict(params).get(search_name(name), "").strip()}
    [item] = form_fields(visit.conn, model, entity, {name: value}, visit.card_url,
                         search=search, only=name)
    return visit.render(["widgets/_choices.html"], {"item": item})


# ---------------------------------------------------------------- the card


@router.get("/records/{entity}/{record_id}", name="record_card")
async def record_card(request: Request, entity: str, record_id: str) -> Response:
    edit = request.query_params.get("edit") not in (None, "", "0")
    return await run_page(request, _card, entity, record_id, edit, wants_fragment(request))


@router.get("/records/{entity}/{record_id}/edit", name="record_edit")
async def record_edit(request: Request, entity: str, record_id: str) -> Response:
    return await run_page(request, _card, entity, record_id, True, wants_fragment(request))


def _card(visit: Visit, entity: str, record_id: str, edit: bool, fragment: bool) -> Response:
    card = _read_card(visit, entity, record_id)
    form = _edit_form(visit, card) if edit and not card.trashed else None
    return _card_page(visit, card, form, fragment)


def _read_card(visit: Visit, entity: str, record_id: str) -> Card:
    entity = known_entity(visit, entity)
    number = _record_number(visit, entity, record_id)
    try:
        return read_card(visit.conn, visit.session.model, entity, number, visit.list_url,
                         visit.card_url, _new_url(visit))
    except RecordNotFound:
        raise _no_record(visit, entity, record_id) from None


def _new_url(visit: Visit) -> Any:
    return lambda entity, params: visit.url("record_new", params, entity=entity)


def _edit_form(visit: Visit, card: Card, values: dict[str, FormValue] | None = None,
               search: dict[str, str] | None = None) -> RecordForm:
    """The form of a card's record: its stored values, or `values` as the user typed them."""
    model, record = visit.session.model, card.record
    if values is None:
        values = stored_values(model, card.entity, record)
    return RecordForm(
        entity=card.entity, label=entity_noun(model, card.entity),
        action=visit.card_url(card.entity, card.record_id),
        cancel_url=visit.card_url(card.entity, card.record_id),
        record_id=card.record_id, version=record["version"],
        fields=form_fields(visit.conn, model, card.entity, values, visit.card_url,
                           titles=chosen_titles(model, card.entity, record), search=search))


def _card_page(visit: Visit, card: Card, form: RecordForm | None, fragment: bool,
               status: int = 200, saved: bool = False) -> Response:
    context = {"card": card, "form": form, "current_entity": card.entity, "saved": saved}
    if fragment:
        return visit.render(choices("_form" if form else "_details", card.entity), context,
                            status)
    return visit.render(choices("card", card.entity), context, status)


@router.post("/records/{entity}/{record_id}", name="record_save")
async def record_save(request: Request, entity: str, record_id: str) -> Response:
    pairs, uploads = await _form_pairs(request), await form_uploads(request)
    return await run_page(request, _save, entity, record_id, pairs, wants_fragment(request),
                          uploads, write=True)


def _save(visit: Visit, entity: str, record_id: str, pairs: FormPairs,
          fragment: bool, uploads: Uploads = ()) -> Response:
    card = _read_card(visit, entity, record_id)
    model = visit.session.model
    pairs = [*pairs, *stored_uploads(visit, card.entity, uploads)]
    typed = typed_values(model, card.entity, pairs)
    if FIND in dict(pairs):
        form = _edit_form(visit, card, typed, searches(pairs))
        form.version = _opened_version(pairs)
        return _card_page(visit, card, form, fragment)
    opened = _opened_version(pairs)
    values: dict[str, Any] = {}
    try:
        values = submitted(model, card.entity, pairs)
        records.update_record(visit.conn, model, card.entity, card.record_id, values,
                              user_id=visit.session.user.id, if_version=opened)
    except RecordInvalid as exc:
        form = _edit_form(visit, card, typed)
        form.version = opened
        place_errors(form, exc.errors)
        return _card_page(visit, card, form, fragment, 422)
    except StaleRecord as exc:
        form = _edit_form(visit, card, typed)
        apply_conflict(visit.conn, model, form, exc.current, opened, values, visit.card_url)
        return _card_page(visit, card, form, fragment, 412)
    if not fragment:
        return RedirectResponse(visit.card_url(card.entity, card.record_id), status_code=303)
    fresh = _read_card(visit, card.entity, str(card.record_id))
    response = _card_page(visit, fresh, None, True, saved=True)
    response.headers["HX-Trigger"] = SAVED_EVENT
    return response


def _opened_version(pairs: FormPairs) -> int:
    """The version of the record the form was opened at (every edit form carries it)."""
    version = parse_id(dict(pairs).get(VERSION))
    if version is not None:
        return version
    raise PageError(400, gettext("This form cannot be saved"), gettext(
        "The form does not say which version of the record it edits, so nothing was saved. "
        "Open the card again and make your change there."))


def _record_number(visit: Visit, entity: str, text: str) -> int:
    number = parse_id(text)
    if number is not None:
        return number
    raise _no_record(visit, entity, text)


def _no_record(visit: Visit, entity: str, record_id: Any) -> PageError:
    label = entity_label(visit.session.model, entity)
    return PageError(404, gettext("Not found"), gettext(
        "%(entity)s %(id)s does not exist.", entity=label, id=record_id))
