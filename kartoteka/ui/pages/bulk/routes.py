"""Bulk changes from a list: `/records/{entity}/bulk`.

The list's table sits in a GET form: ticking rows and pressing "Change a field…" or "Move to
the trash…" opens this page with the ticked records (`record=<id>:<version>`). It asks what to
do (the field and its value, with the field's input; htmx swaps the input when the field
changes, a button does it without JavaScript), and its POST changes every record in one
transaction, then goes back to the list with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.schema_engine import query as queries
from kartoteka.ui.context import Visit, known_entity, run_page
from kartoteka.ui.errors import PageError
from kartoteka.ui.fields import NoSuchLocalTime, from_input
from kartoteka.ui.i18n import gettext
from kartoteka.ui.labels import entity_label, record_title
from kartoteka.ui.pages.bulk import changes as bulk
from kartoteka.ui.pages.list.filter_fields import Choice, Widget, user_choices
from kartoteka.ui.pages.list.listing import Params
from kartoteka.ui.templating import choices, wants_fragment

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class BulkForm:
    """What the bulk page shows and its form sends again."""

    entity: str
    label: str
    action: str
    picked: list[bulk.Picked]
    titles: list[str]
    fields: list[Choice]
    field: Choice | None
    widget: Widget | None
    value: str
    back: str
    error: str | None = None


@router.get("/records/{entity}/bulk", name="bulk_form")
async def bulk_form(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await run_page(request, _form, entity, params, wants_fragment(request))


def _form(visit: Visit, entity: str, params: Params, fragment: bool) -> Response:
    entity = known_entity(visit, entity)
    form = _read(visit, entity, params)
    if not form.picked:
        raise PageError(400, gettext("No records were selected"), gettext(
            "Tick the boxes of the rows to change in the list, then choose what to do."))
    names = ["_bulk_value.html"] if fragment else choices("bulk", entity)
    return visit.render(names, {"form": form, "current_entity": entity})


@router.post("/records/{entity}/bulk", name="bulk_apply")
async def bulk_apply(request: Request, entity: str) -> Response:
    form = await request.form()
    params = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    return await run_page(request, _apply, entity, params, write=True)


def _apply(visit: Visit, entity: str, params: Params) -> Response:
    """Change every picked record, or none: the first problem is shown on the form."""
    entity = known_entity(visit, entity)
    form = _read(visit, entity, params)
    model = visit.session.model
    try:
        values = _values(form)
    except NoSuchLocalTime as exc:
        return _refused(visit, form, str(exc), 422)
    try:
        count = bulk.apply_change(visit.conn, model, entity, form.picked, form.action, values,
                                  visit.session.user.id)
    except bulk.BulkRefused as exc:
        visit.conn.rollback()  # nothing of the change stays
        return _refused(visit, form, str(exc), 409)
    notice = bulk.notice_value(visit.ui.signer, form.action, entity, count)
    back = [(k, v) for k, v in parse_qsl(form.back) if k not in (bulk.PARAM, "select")]
    return RedirectResponse(visit.list_url(entity, [*back, (bulk.PARAM, notice)]), 303)


def _refused(visit: Visit, form: BulkForm, message: str, status: int) -> Response:
    """The form again, as typed, with why nothing was changed."""
    failed = BulkForm(**{**form.__dict__, "error": message})
    return visit.render(choices("bulk", form.entity),
                        {"form": failed, "current_entity": form.entity}, status)


def _values(form: BulkForm) -> dict[str, Any]:
    """The field and its new value; a moment typed in the user's zone goes on as UTC (raises
    NoSuchLocalTime for a local time the clocks skip)."""
    if form.action == bulk.TRASH or form.field is None:
        return {}
    # An empty value clears the field (the engine refuses it for a required one).
    if not form.value.strip():
        return {form.field.path: None}
    moment = form.widget is not None and form.widget.kind == "datetime-local"
    return {form.field.path: from_input(form.value) if moment else form.value}


def _read(visit: Visit, entity: str, params: Params) -> BulkForm:
    """The bulk form of a request: the picked records, the action, the field and value."""
    model = visit.session.model
    given = dict(params)
    picked = bulk.picked([v for k, v in params if k == "record"])
    # `do`, not `action`: a control named "action" would hide the form's own `action`.
    requested = given.get("do", "")
    action = requested if requested in bulk.ACTIONS else bulk.CHANGE
    fields = bulk.changeable(model, entity)
    field = next((c for c in fields if c.path == given.get("field")), fields[0] if fields else None)
    if action == bulk.CHANGE and field is None:
        raise PageError(400, gettext("Nothing to change"), gettext(
            "This list has no field a bulk change can set."))
    widget = bulk.value_widget(field, user_choices(visit.conn)) if field else None
    value = given.get("value", "") if given.get("field") == (field.path if field else None) else ""
    return BulkForm(entity, entity_label(model, entity, plural=True), action, picked,
                    _titles(visit, entity, picked), fields, field, widget, value,
                    given.get("back", ""))


def _titles(visit: Visit, entity: str, picked: list[bulk.Picked]) -> list[str]:
    """The names of the picked records that are still there, for the page to list."""
    if not picked:
        return []
    model = visit.session.model
    ids = ",".join(str(p.id) for p in picked)
    query = queries.query_from_params(model, entity, [("id__in", ids),
                                                      ("limit", str(bulk.MAX_RECORDS))])
    page = queries.run_query(visit.conn, model, query)
    return [record_title(model, entity, r) for r in page.items]
