"""`/schema`: the schema builder, for administrators.

Pages: `/schema` (the entities, the schema trash, recent versions), `/schema/entities/{entity}`
(its fields in order), forms to add or edit an entity or a field, and buttons that move,
remove or restore. No button applies anything: every change builds the proposed definition
(schema_builder), plans it with the engine on the data and shows the plan; "Apply" on the plan
page applies it as `PUT /api/schema` does (schema_plan explains how the draft travels).
Form steps (`step`): "plan" (the default), "edit" (back to the form with what was typed),
"more" (more option rows).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from fastapi import APIRouter, Request
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from kartoteka import schema_engine as se
from kartoteka.platform.accounts import User
from kartoteka.platform.templates import TEMPLATES, load_template
from kartoteka.schema_engine.definition import Document, Entity, Field
from kartoteka.schema_engine.errors import DefinitionError
from kartoteka.schema_engine.languages import NATIVE_NAMES, app_language, app_languages
from kartoteka.schema_engine.statistics import build_indexes_and_measure
from kartoteka.schema_engine.store import trash_item
from kartoteka.schema_engine.types import FIELD_TYPES
from kartoteka.ui import security
from kartoteka.ui.context import Ui, Visit, check_csrf, login_redirect, run_page, ui_of
from kartoteka.ui.errors import PageError
from kartoteka.ui.i18n import gettext, message
from kartoteka.ui.labels import entity_label, field_label
from kartoteka.ui.pages.schema import builder
from kartoteka.ui.pages.schema.forms import (
    SPARE_OPTION_ROWS,
    EntityForm,
    FieldForm,
    Pairs,
    entity_from_definition,
    entity_from_pairs,
    field_from_definition,
    field_from_pairs,
    to_entity,
    to_field,
    type_labels,
)
from kartoteka.ui.pages.schema.plan import (
    Draft,
    DraftInvalid,
    Outcome,
    apply_draft,
    definition_json,
    draft_of,
    own_inputs,
    plan_view,
)
from kartoteka.ui.pages.schema.views import (
    applied_version,
    clash_rows,
    entity_rows,
    field_rows,
    linked_from,
    live_records,
    recent_versions,
    trash_rows,
)
from kartoteka.ui.redirects import same_site_path

router = APIRouter(include_in_schema=False)


def require_admin(visit: Visit, refusal: Callable[[], PageError] | None = None) -> None:
    """A 403 page in words (`refusal`'s, else the schema's) for anyone but an administrator."""
    if not visit.session.user.is_admin:
        raise (refusal or admins_only)()


def admins_only() -> PageError:
    return PageError(403, gettext("For administrators only"), gettext(
        "Only administrators can see and change the schema of this app. Ask an "
        "administrator if you need another field or list."))


async def posted(request: Request) -> list[tuple[str, str]]:
    """The submitted form, once its CSRF token is the session's (403 page otherwise)."""
    ui = ui_of(request)
    key = ui.session_key(request)
    if key is not None:  # without a session, run_page sends the browser to /login
        check_csrf(ui, key, await security.submitted_csrf(request))
    form = await request.form()
    return [(k, v) for k, v in form.multi_items() if isinstance(v, str)]


def _one(pairs: Pairs, key: str, default: str = "") -> str:
    values = [value for name, value in pairs if name == key]
    return values[-1] if values else default


def _origin(request: Request) -> str:
    """This request's path and query: where the plan page sends the admin's inputs back."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def _is_form(origin: str) -> bool:
    """Whether `origin` is a form page (which can take the admin back to their inputs)."""
    return origin.split("?")[0].endswith(("/new", "/edit"))


def _local(request: Request, path: str) -> bool:
    """Whether `path` is a page of the schema builder on this site."""
    home = str(request.url_for("schema_home").path)
    return same_site_path(path) is not None and (path == home or path.startswith(home + "/"))


# ---------------------------------------------------------------- pages


@router.get("/schema", name="schema_home")
async def schema_home(request: Request) -> Response:
    return await run_page(request, _home, request.query_params.get("applied"))


def _home(visit: Visit, applied: str | None) -> Response:
    require_admin(visit)
    model, conn = visit.session.model, visit.conn
    return visit.render(["schema.html"], {
        "rows": entity_rows(conn, model), "trash": trash_rows(conn, model.doc),
        "versions": recent_versions(conn), "applied": applied_version(conn, applied),
        "clashes": clash_rows(conn, model, visit.card_url), "schema_page": True,
    })


@router.post("/schema/unique-keys", name="schema_unique_keys")
async def schema_unique_keys(request: Request) -> Response:
    pairs = await posted(request)
    return await run_page(request, _unique_keys, pairs, _origin(request))


def _unique_keys(visit: Visit, pairs: Pairs, origin: str) -> Response:
    """The plan of the current definition: the unique keys an earlier release's tables lack."""
    require_admin(visit)
    title = gettext("Compare unique values as people read them")
    return _action(visit, Proposal(title, visit.session.model.doc, visit.url("schema_home")),
                   pairs, origin)


@router.get("/schema/entities/new", name="schema_entity_new")
async def schema_entity_new(request: Request) -> Response:
    return await run_page(request, _entity_form, None, EntityForm(), {})


@router.get("/schema/entities/{entity}", name="schema_entity")
async def schema_entity(request: Request, entity: str) -> Response:
    return await run_page(request, _entity_page, entity, request.query_params.get("applied"))


def _entity_page(visit: Visit, name: str, applied: str | None) -> Response:
    require_admin(visit)
    model = visit.session.model
    entity = model.doc["entities"][builder.entity_position(model.doc, name)]
    return visit.render(["schema_entity.html"], {
        "entity": entity, "label": entity_label(model, name),
        "plural": entity_label(model, name, plural=True), "fields": field_rows(entity),
        "records": live_records(visit.conn, model, name),
        "linked_from": linked_from(model, name), "types": type_labels(),
        "applied": applied_version(visit.conn, applied), "schema_page": True,
    })


# ---------------------------------------------------------------- entity forms


@router.post("/schema/entities/new", name="schema_entity_create")
async def schema_entity_create(request: Request) -> Response:
    pairs = await posted(request)
    return await run_page(request, _entity_posted, None, pairs, _origin(request))


@router.get("/schema/entities/{entity}/edit", name="schema_entity_edit")
async def schema_entity_edit(request: Request, entity: str) -> Response:
    return await run_page(request, _entity_edit, entity)


def _entity_edit(visit: Visit, name: str) -> Response:
    require_admin(visit)
    entity = _entity_of(visit, name)
    return _entity_form(visit, entity, entity_from_definition(entity, _language(visit)), {})


@router.post("/schema/entities/{entity}/edit", name="schema_entity_update")
async def schema_entity_update(request: Request, entity: str) -> Response:
    pairs = await posted(request)
    return await run_page(request, _entity_posted, entity, pairs, _origin(request))


def _entity_posted(visit: Visit, name: str | None, pairs: Pairs, origin: str) -> Response:
    require_admin(visit)
    original = _entity_of(visit, name) if name else None
    form = entity_from_pairs(pairs)
    if _one(pairs, "step") == "edit":
        return _entity_form(visit, original, form, {})
    proposal, prefix = _entity_proposal(visit, original, form)
    return _plan_or(visit, proposal, pairs, origin, lambda errors: _entity_form(
        visit, original, form, errors_near(errors, prefix, ENTITY_INPUTS), status=422))


def _entity_proposal(visit: Visit, original: Entity | None,
                     form: EntityForm) -> tuple[Proposal, str]:
    """The definition with the form's entity added or changed, and the entity's JSON path."""
    doc = visit.session.model.doc
    entity = to_entity(form, original, _language(visit))
    after = visit.url("schema_entity", entity=form.name or "_")
    if original is None:
        title = gettext("Add the entity “%(name)s”", name=form.label or form.name)
        proposal = Proposal(title, builder.add_entity(doc, entity), after, True)
        return proposal, f"$.entities[{len(doc['entities'])}]"
    title = gettext("Change the entity “%(name)s”", name=original["name"])
    proposal = Proposal(title, builder.replace_entity(doc, original["name"], entity), after, True)
    return proposal, f"$.entities[{builder.entity_position(doc, original['name'])}]"


#: Where an entity's errors show: the key after the entity's path -> the form's input.
ENTITY_INPUTS = {"name": "name", "label": "label", "plural": "plural",
                 "description": "description", "title_field": "title_field",
                 "fields": "title_field"}


def _entity_form(visit: Visit, original: Entity | None, form: EntityForm,
                 errors: Mapping[str, Any], status: int = 200) -> Response:
    require_admin(visit)
    fields = [(f["name"], field_label(f)) for f in original["fields"]] if original else []
    return visit.render(["schema_entity_form.html"], {
        "original": original, "form": form, "title_fields": fields,
        "errors": errors, "schema_page": True, "other_languages": _other_languages(visit),
    }, status)


def _language(visit: Visit) -> str:
    """The app's default language: its labels' texts go in the forms' main inputs."""
    return app_language(visit.session.model.doc)


def _other_languages(visit: Visit) -> list[tuple[str, str]]:
    """(code, own name) of the other languages the app offers, whose labels the forms edit
    beside the default's."""
    return [(code, NATIVE_NAMES[code]) for code in app_languages(visit.session.model.doc)[1:]]


def _entity_of(visit: Visit, name: str) -> Entity:
    doc = visit.session.model.doc
    entity: Entity = doc["entities"][builder.entity_position(doc, name)]
    return entity


# ---------------------------------------------------------------- field forms


@router.get("/schema/entities/{entity}/fields/new", name="schema_field_new")
async def schema_field_new(request: Request, entity: str) -> Response:
    kind = request.query_params.get("type", "text")
    return await run_page(request, _field_new, entity, kind)


def _field_new(visit: Visit, entity: str, kind: str) -> Response:
    require_admin(visit)
    form = FieldForm(type=_known_type(kind)).with_spare_rows()
    return _field_form(visit, _entity_of(visit, entity), None, form, {})


@router.post("/schema/entities/{entity}/fields/new", name="schema_field_create")
async def schema_field_create(request: Request, entity: str) -> Response:
    pairs = await posted(request)
    kind = request.query_params.get("type", "text")
    return await run_page(request, _field_posted, entity, None, kind, pairs, _origin(request))


@router.get("/schema/entities/{entity}/fields/{field}/edit", name="schema_field_edit")
async def schema_field_edit(request: Request, entity: str, field: str) -> Response:
    return await run_page(request, _field_edit, entity, field,
                          request.query_params.get("type"))


def _field_edit(visit: Visit, entity_name: str, name: str, kind: str | None) -> Response:
    require_admin(visit)
    entity = _entity_of(visit, entity_name)
    original = entity["fields"][builder.field_position(entity, name)]
    form = field_from_definition(original, _known_type(kind or original["type"]),
                                 _language(visit))
    return _field_form(visit, entity, original, form.with_spare_rows(), {})


@router.post("/schema/entities/{entity}/fields/{field}/edit", name="schema_field_update")
async def schema_field_update(request: Request, entity: str, field: str) -> Response:
    pairs = await posted(request)
    kind = request.query_params.get("type")
    return await run_page(request, _field_posted, entity, field, kind, pairs, _origin(request))


def _field_posted(visit: Visit, entity_name: str, name: str | None, kind: str | None,
                  pairs: Pairs, origin: str) -> Response:
    require_admin(visit)
    entity = _entity_of(visit, entity_name)
    original = entity["fields"][builder.field_position(entity, name)] if name else None
    form = field_from_pairs(pairs, _known_type(kind or (original or {"type": "text"})["type"]))
    step = _one(pairs, "step")
    if step in ("edit", "more"):
        empty = sum(1 for row in form.options
                    if not (row.value or row.label or any(row.labels.values())))
        spare = empty + SPARE_OPTION_ROWS if step == "more" else SPARE_OPTION_ROWS
        return _field_form(visit, entity, original, form.with_spare_rows(spare), {})
    proposal, prefix = _field_proposal(visit, entity, original, form)
    return _plan_or(visit, proposal, pairs, origin, lambda errors: _field_form(
        visit, entity, original, form.with_spare_rows(0),
        errors_near(errors, prefix, FIELD_INPUTS), status=422))


def _field_proposal(visit: Visit, entity: Entity, original: Field | None,
                    form: FieldForm) -> tuple[Proposal, str]:
    """The definition with the form's field added or changed, and the field's JSON path."""
    model, name = visit.session.model, entity["name"]
    plural = entity_label(model, name, plural=True)
    after = visit.url("schema_entity", entity=name)
    at = f"$.entities[{builder.entity_position(model.doc, name)}].fields"
    f = to_field(form, original, _language(visit))
    if original is None:
        title = gettext("Add the field “%(field)s” to %(entity)s",
                        field=form.label or form.name, entity=plural)
        proposal = Proposal(title, builder.add_field(model.doc, name, f), after, True)
        return proposal, f"{at}[{len(entity['fields'])}]"
    title = gettext("Change the field “%(field)s” of %(entity)s", field=field_label(original),
                    entity=plural)
    new = builder.replace_field(model.doc, name, original["name"], f)
    position = builder.field_position(entity, original["name"])
    return Proposal(title, new, after, True), f"{at}[{position}]"


#: Where a field's errors show: the key after the field's path -> the form's input.
FIELD_INPUTS = {key: key for key in (
    "name", "label", "description", "type", "required", "unique", "indexed", "default",
    "currency", "prefix", "group_digits", "summable", "to", "inverse", "on_delete",
    "options")} | {
    "won": "options", "lost": "options"}


def _field_form(visit: Visit, entity: Entity, original: Mapping[str, Any] | None,
                form: FieldForm, errors: Mapping[str, Any], status: int = 200) -> Response:
    model = visit.session.model
    targets = [(name, entity_label(model, name, plural=True)) for name in model.entities]
    return visit.render(["schema_field_form.html"], {
        "entity": entity, "entity_label": entity_label(model, entity["name"], plural=True),
        "original": original, "form": form, "types": type_labels(), "targets": targets,
        "errors": errors, "schema_page": True, "other_languages": _other_languages(visit),
    }, status)


def _known_type(kind: str) -> str:
    if kind not in FIELD_TYPES:
        raise PageError(404, gettext("Not found"), gettext(
            "There is no field type called “%(name)s”.", name=kind))
    return kind


# ---------------------------------------------------------------- buttons: move, remove, restore


@router.post("/schema/entities/{entity}/fields/{field}/move", name="schema_field_move")
async def schema_field_move(request: Request, entity: str, field: str) -> Response:
    pairs = await posted(request)
    return await run_page(request, _field_move, entity, field, pairs, _origin(request))


def _field_move(visit: Visit, entity: str, name: str, pairs: Pairs, origin: str) -> Response:
    require_admin(visit)
    step = -1 if _one(pairs, "direction") == "up" else 1
    new = builder.move_field(visit.session.model.doc, entity, name, step)
    title = gettext("Move the field “%(field)s” %(where)s", field=name,
                    where=gettext("up") if step < 0 else gettext("down"))
    return _action(visit, Proposal(title, new, visit.url("schema_entity", entity=entity)),
                   pairs, origin)


@router.post("/schema/entities/{entity}/fields/{field}/remove", name="schema_field_remove")
async def schema_field_remove(request: Request, entity: str, field: str) -> Response:
    pairs = await posted(request)
    return await run_page(request, _field_remove, entity, field, pairs, _origin(request))


def _field_remove(visit: Visit, entity: str, name: str, pairs: Pairs, origin: str) -> Response:
    require_admin(visit)
    new = builder.remove_field(visit.session.model.doc, entity, name)
    title = gettext("Remove the field “%(field)s” of %(entity)s", field=name, entity=entity)
    return _action(visit, Proposal(title, new, visit.url("schema_entity", entity=entity)),
                   pairs, origin)


@router.post("/schema/entities/{entity}/remove", name="schema_entity_remove")
async def schema_entity_remove(request: Request, entity: str) -> Response:
    pairs = await posted(request)
    return await run_page(request, _entity_remove, entity, pairs, _origin(request))


def _entity_remove(visit: Visit, entity: str, pairs: Pairs, origin: str) -> Response:
    require_admin(visit)
    new = builder.remove_entity(visit.session.model.doc, entity)
    title = gettext("Remove the entity “%(entity)s”", entity=entity)
    return _action(visit, Proposal(title, new, visit.url("schema_home")), pairs, origin)


@router.post("/schema/trash/{item_id}/restore", name="schema_restore")
async def schema_restore(request: Request, item_id: int) -> Response:
    pairs = await posted(request)
    return await run_page(request, _restore, item_id, pairs, _origin(request))


def _restore(visit: Visit, item_id: int, pairs: Pairs, origin: str) -> Response:
    require_admin(visit)
    item = trash_item(visit.conn, item_id)
    if item is None:
        raise PageError(404, gettext("Not found"), gettext(
            "The schema trash has no such item; it may have been restored already."))
    doc = visit.session.model.doc
    new = builder.restore_item(doc, item)
    entity = item.definition["name"] if item.kind == "entity" else next(
        e["name"] for e in doc["entities"] if e["id"] == item.entity_id)
    title = gettext("Restore %(item)s from the schema trash", item=item.title)
    return _action(visit, Proposal(title, new, visit.url("schema_entity", entity=entity)),
                   pairs, origin)


# ---------------------------------------------------------------- starting from a template


@router.post("/schema/templates/{name}", name="schema_template")
async def schema_template(request: Request, name: str) -> Response:
    pairs = await posted(request)
    return await run_page(request, _template, name, pairs, _origin(request))


def _template(visit: Visit, name: str, pairs: Pairs, origin: str) -> Response:
    """The plan of adding a template's lists (and its documents and automations) to the app."""
    require_admin(visit)
    if name not in TEMPLATES:
        raise PageError(404, gettext("Not found"), gettext(
            "There is no template called “%(name)s”.", name=name))
    new = with_template(visit.session.model.doc, load_template(name))
    title = gettext("Start from the “%(template)s” template", template=name)
    return _action(visit, Proposal(title, new, visit.url("schema_home")), pairs, origin)


def with_template(doc: Document, template: Document) -> Document:
    """`doc` with every list of `template` (entities, documents, automations) appended."""
    merged: dict[str, Any] = dict(doc)
    for key, value in template.items():
        merged[key] = [*merged.get(key, []), *value] if isinstance(value, list) else value
    return cast(Document, merged)


# ---------------------------------------------------------------- planning


@dataclass(frozen=True)
class Proposal:
    """A change to show the plan of: what it is called, the new definition, where to go after
    applying it, and whether the admin can go back to a form to change it."""

    title: str
    document: Document
    next: str
    editable: bool = False


def _plan_or(visit: Visit, proposal: Proposal, pairs: Pairs, origin: str,
             invalid: Callable[[list[DefinitionError]], Response]) -> Response:
    """The plan page of `proposal`; `invalid(errors)` when the definition has errors."""
    try:
        return _plan_page(visit, proposal, pairs, origin)
    except se.DefinitionInvalid as exc:
        return invalid(exc.errors)


def _action(visit: Visit, proposal: Proposal, pairs: Pairs, origin: str) -> Response:
    """The plan of a button's change, or a page listing why the change cannot be made."""
    return _plan_or(visit, proposal, pairs, origin, lambda errors: visit.render(
        ["schema_refused.html"], {"title": proposal.title, "errors": errors,
                                  "back": proposal.next, "schema_page": True}, 422))


def _plan_page(visit: Visit, proposal: Proposal, pairs: Pairs, origin: str,
               status: int = 200, plan: se.Plan | None = None) -> Response:
    model = visit.session.model
    on_bad_values = "clear" if _one(pairs, "on_bad_values") == "clear" else "refuse"
    if plan is None:
        plan = se.plan(model.doc, proposal.document, visit.conn, on_bad_values=on_bad_values)
    return visit.render(["schema_plan.html"], {
        "title": proposal.title, "plan": plan_view(plan, model, visit.card_url),
        "definition": definition_json(plan.new), "base_version": model.version,
        "origin": origin, "next": proposal.next, "editable": proposal.editable,
        "inputs": own_inputs(pairs), "schema_page": True,
    }, status)


def errors_near(errors: list[DefinitionError], prefix: str,
                inputs: Mapping[str, str]) -> dict[str, Any]:
    """Every error, and those under `prefix` (the form's entity or field) by input name."""
    near: dict[str, list[str]] = {}
    for error in errors:
        rest = error.path[len(prefix):] if error.path.startswith(prefix) else ""
        key = re.match(r"\.(\w+)", rest)
        if key and key.group(1) in inputs:
            near.setdefault(inputs[key.group(1)], []).append(message(error.message))
    return {"all": [message(e.message) for e in errors], "near": near}


# ---------------------------------------------------------------- applying


@router.post("/schema/apply", name="schema_apply")
async def schema_apply(request: Request) -> Response:
    """Apply the plan page's draft (outside any request transaction, as the API does)."""
    pairs = await posted(request)
    user = await applying_admin(request)
    if not isinstance(user, User):
        return user
    ui = ui_of(request)
    try:
        draft = draft_of(pairs, lambda path: _local(request, path))
    except DraftInvalid:
        return await run_page(request, _draft_refused)
    outcome = await run_in_threadpool(apply_draft, ui.api.engine, draft, user.email)
    if outcome.applied is None:
        return await run_page(request, _not_applied, draft, outcome)
    joiner = "&" if "?" in draft.next else "?"
    response = RedirectResponse(f"{draft.next}{joiner}applied={outcome.applied.version}", 303)
    if outcome.applied.indexes_pending:  # built after the answer: applying stays instant
        response.background = BackgroundTask(build_indexes_and_measure, ui.api.engine)
    return response


async def applying_admin(
    request: Request, refusal: Callable[[], PageError] | None = None
) -> User | Response:
    """The signed-in administrator, else the answer for anyone else (the login page, or
    `refusal`'s 403 page); read in a session of its own, so that no request transaction is open
    while a definition is applied."""
    ui = ui_of(request)
    key = ui.session_key(request)
    user = await run_in_threadpool(_user_of, ui, key) if key else None
    if user is None:
        return login_redirect(request)
    if not user.is_admin:
        return await run_page(request, lambda _visit: _refuse(refusal or admins_only))
    return user


def _refuse(refusal: Callable[[], PageError]) -> Response:
    raise refusal()


def _user_of(ui: Ui, key: str) -> User | None:
    with ui.session(key) as session:
        return session.user if session else None


def _draft_refused(visit: Visit) -> Response:
    raise PageError(400, gettext("This change cannot be applied"), gettext(
        "The plan page's form came back incomplete or changed, so nothing was applied. Go "
        "back to the Schema page and make the change again."))


def _not_applied(visit: Visit, draft: Draft, outcome: Outcome) -> Response:
    """Why nothing was applied, with the admin's change kept to plan again or edit."""
    proposal = Proposal(gettext("Your change was not applied"), draft.definition, draft.next,
                        _is_form(draft.origin))
    inputs = [*draft.inputs, ("on_bad_values", draft.on_bad_values)]
    if outcome.refused is not None:
        return _plan_page(visit, proposal, inputs, draft.origin, 422, outcome.refused)
    return visit.render(["schema_refused.html"], {
        "title": proposal.title, "errors": outcome.invalid, "stale_at": outcome.stale_at,
        "base_version": draft.base_version, "back": draft.next, "origin": draft.origin,
        "editable": proposal.editable, "inputs": draft.inputs, "schema_page": True,
    }, 409 if outcome.stale_at is not None else 422)
