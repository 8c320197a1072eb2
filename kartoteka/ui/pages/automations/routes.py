"""`/automations`: the automation rules of the app definition and their recent runs, for admins.

    GET  /automations                     the rules in words, then the last 50 runs
    GET  /automations/new                 a new rule's form; POST saves it
    GET  /automations/{number}/edit       rule `number` (1, 2...)'s form; POST saves it
    GET  /automations/{number}/delete     "Delete this rule?"; POST deletes it
    POST /automations/{number}/switch     enable or disable it
    POST /automations/runs/{job}/retry    run a failed job again
    POST /automations/secrets             set (or forget) a webhook secret's value

Every change is a new version of the definition applied as `PUT /api/schema` applies one
(automation_changes): on the version the form was shown with, refused when stale (409, the
input kept), refused with the definition's errors next to their inputs (422, the input kept).
Applying happens outside the request's transaction, as the schema builder's Apply does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from kartoteka import schema_engine as se
from kartoteka.platform import automation
from kartoteka.platform.accounts import User
from kartoteka.schema_engine.records import parse_id
from kartoteka.schema_engine.store import Version
from kartoteka.ui.context import Visit, run_page, ui_of
from kartoteka.ui.errors import PageError
from kartoteka.ui.i18n import gettext
from kartoteka.ui.labels import entity_label, field_label
from kartoteka.ui.pages.automations.changes import (
    FormProblems,
    Rules,
    Saved,
    change_rules,
    position_of,
    put,
    remove,
    rules_of,
    switch,
)
from kartoteka.ui.pages.automations.forms import (
    WHEN_INPUTS,
    RuleForm,
    build_rule,
    errors_near,
    form_from_pairs,
    form_of,
)
from kartoteka.ui.pages.automations.runs import run_rows
from kartoteka.ui.pages.automations.words import EVENTS, describe_rule
from kartoteka.ui.pages.schema.routes import applying_admin, posted, require_admin
from kartoteka.ui.pages.schema.views import applied_version
from kartoteka.ui.templating import url_for

router = APIRouter(include_in_schema=False)


def _admins_only() -> PageError:
    return PageError(403, gettext("For administrators only"), gettext(
        "Only administrators can see and change the automations of this app. Ask an "
        "administrator if a rule should be added or changed."))


def _rule_at(visit: Visit, number: int) -> dict[str, Any]:
    """Rule `number` (counted from 1), or a 404 page in words."""
    rules = rules_of(visit.session.model.doc)
    if not 1 <= number <= len(rules):
        raise _no_rule(number)
    return rules[number - 1]


def _rule_gone(_visit: Visit, number: int) -> Response:
    """The 404 page of a rule that was gone when a change to it came."""
    raise _no_rule(number)


def _no_rule(number: int) -> PageError:
    return PageError(404, gettext("Not found"), gettext(
        "There is no rule number %(number)s: the automations page lists every rule there "
        "is.", number=number))


# ---------------------------------------------------------------- the page


@router.get("/automations", name="automations_home")
async def automations_home(request: Request) -> Response:
    return await run_page(request, _home, request.query_params.get("applied"),
                          request.query_params.get("retried"),
                          request.query_params.get("secret"))


def _home(visit: Visit, applied: str | None, retried: str | None,
          secret_saved: str | None = None) -> Response:
    require_admin(visit, _admins_only)
    model = visit.session.model
    documents = model.doc.get("documents") or []
    rules = [{"number": i, "name": rule.get("name") or gettext("Rule %(number)s", number=i),
              "words": describe_rule(model, rule, documents),
              "enabled": rule.get("enabled") is not False}
             for i, rule in enumerate(rules_of(model.doc), start=1)]
    return visit.render(["automations.html"], {
        "rules": rules, "runs": run_rows(visit.conn, model, visit.card_url),
        "applied": applied_version(visit.conn, applied), "retried": retried,
        "base_version": model.version, "automations_page": True,
        "secrets": automation.secret_states(visit.conn, model.doc),
        "secret_saved": secret_saved,
    })


# ---------------------------------------------------------------- the form


@router.get("/automations/new", name="automation_new")
async def automation_new(request: Request) -> Response:
    return await run_page(request, _new_form)


def _new_form(visit: Visit) -> Response:
    require_admin(visit, _admins_only)
    first = next(iter(visit.session.model.entities), "")
    return _form(visit, None, RuleForm(entity=first), visit.session.model.version)


@router.get("/automations/{number}/edit", name="automation_edit")
async def automation_edit(request: Request, number: int) -> Response:
    return await run_page(request, _edit_form, number)


def _edit_form(visit: Visit, number: int) -> Response:
    require_admin(visit, _admins_only)
    rule = _rule_at(visit, number)
    return _form(visit, number, form_of(rule), visit.session.model.version,
                 original=str(rule.get("name", "")))


def _form(visit: Visit, number: int | None, form: RuleForm, base_version: int,
          errors: dict[str, Any] | None = None, status: int = 200, original: str = "",
          stale: Any = None, gone: bool = False) -> Response:
    """The rule form: `number` None for a new rule; `errors` {"all", "near"} after a refusal."""
    model = visit.session.model
    return visit.render(["automations_form.html"], {
        "number": number, "form": form, "base_version": base_version, "original": original,
        "errors": errors or {}, "stale": stale, "gone": gone,
        "entity_choices": [(name, entity_label(model, name)) for name in model.entities],
        "field_choices": [(name, entity_label(model, name), [
            (str(f["name"]), field_label(f)) for f in model.fields(name).values()])
            for name in model.entities],
        "events": _event_choices(), "inputs_of": WHEN_INPUTS,
        "documents": [d.get("name") for d in model.doc.get("documents") or []
                      if isinstance(d, dict)],
        "automations_page": True,
    }, status)


def _event_choices() -> list[tuple[str, str]]:
    labels = {
        "created": gettext("A record is created"), "updated": gettext("A record is changed"),
        "field_changed": gettext("A field changes"),
        "stage_entered": gettext("A record enters a stage"),
        "date_reached": gettext("A date is reached"),
        "button": gettext("Someone presses a button on the card"),
    }
    return [(event, labels[event]) for event in EVENTS]


@router.post("/automations/new", name="automation_create")
async def automation_create(request: Request) -> Response:
    pairs = await posted(request)
    return await _save(request, None, pairs)


@router.post("/automations/{number}/edit", name="automation_update")
async def automation_update(request: Request, number: int) -> Response:
    pairs = await posted(request)
    return await _save(request, number, pairs)


async def _save(request: Request, number: int | None, pairs: list[tuple[str, str]]) -> Response:
    """Save the form's rule on the version it was shown with, or show the form again."""
    admin = await _admin(request)
    if not isinstance(admin, User):
        return admin
    values = dict(pairs)
    form, base = form_from_pairs(pairs), _number(values.get("base_version"))
    original = values.get("original", "")

    def make(existing: dict[str, Any] | None) -> dict[str, Any]:
        built = build_rule(form, existing)
        if built.problems:
            raise FormProblems(built.problems)
        return built.rule

    summary = (gettext("Change the rule “%(name)s”", name=form.name) if number is not None
               else gettext("Add the rule “%(name)s”", name=form.name))
    position = None if number is None else number - 1
    saved = await run_in_threadpool(change_rules, ui_of(request).api.engine, base,
                                    put(position, make), summary, admin.email)
    if saved.version is not None:
        return _to_home(request, saved.version)
    return await run_page(request, _not_saved, number, form, base, original, saved)


def _not_saved(visit: Visit, number: int | None, form: RuleForm, base: int, original: str,
               saved: Saved) -> Response:
    """The form again, the admin's input kept: with the problems next to their inputs (422),
    or on the current version when someone applied another meanwhile (409)."""
    if saved.missing:
        _rule_at(visit, number or 0)  # the 404 page in words
    if saved.stale is not None:
        return _stale_form(visit, number, form, original, saved.stale)
    if saved.problems:
        errors = {"all": [m for ms in saved.problems.values() for m in ms],
                  "near": saved.problems}
        return _form(visit, number, form, base, errors, 422, original)
    position = len(rules_of(visit.session.model.doc)) if number is None else number - 1
    return _form(visit, number, form, base, errors_near(saved.errors, position), 422, original)


def _stale_form(visit: Visit, number: int | None, form: RuleForm, original: str,
                now: Version) -> Response:
    """The form on the current version, the admin's input kept; an edited rule deleted
    meanwhile is saved as a new one."""
    found = position_of(now.document, original) if number is not None else None
    gone = number is not None and found is None
    return _form(visit, None if found is None else found + 1, form, now.version, status=409,
                 original=original if found is not None else "", stale=now, gone=gone)


def _to_home(request: Request, version: int) -> Response:
    return RedirectResponse(url_for(request, "automations_home", {"applied": str(version)}), 303)


# ---------------------------------------------------------------- delete, enable, disable


@router.get("/automations/{number}/delete", name="automation_delete_confirm")
async def automation_delete_confirm(request: Request, number: int) -> Response:
    return await run_page(request, _delete_page, number)


def _delete_page(visit: Visit, number: int) -> Response:
    require_admin(visit, _admins_only)
    rule = _rule_at(visit, number)
    model = visit.session.model
    return visit.render(["automations_delete.html"], {
        "number": number, "name": rule.get("name") or gettext("Rule %(number)s", number=number),
        "words": describe_rule(model, rule, model.doc.get("documents") or []),
        "base_version": model.version, "automations_page": True,
    })


@router.post("/automations/{number}/delete", name="automation_delete")
async def automation_delete(request: Request, number: int) -> Response:
    pairs = await posted(request)
    return await _change(request, number, pairs, lambda rule: (
        remove(number - 1),
        gettext("Delete the rule “%(name)s”", name=rule.get("name", ""))))


@router.post("/automations/{number}/switch", name="automation_switch")
async def automation_switch(request: Request, number: int) -> Response:
    pairs = await posted(request)
    enable = dict(pairs).get("enabled") == "1"
    return await _change(request, number, pairs, lambda rule: (
        switch(number - 1, enable),
        gettext("Enable the rule “%(name)s”", name=rule.get("name", "")) if enable else
        gettext("Disable the rule “%(name)s”", name=rule.get("name", ""))))


Change = Callable[[dict[str, Any]], tuple[Callable[[Rules], Rules], str]]


async def _change(request: Request, number: int, pairs: list[tuple[str, str]],
                  change: Change) -> Response:
    """Delete or switch rule `number` on the version the page showed (409 when stale)."""
    admin = await _admin(request)
    if not isinstance(admin, User):
        return admin
    base = _number(dict(pairs).get("base_version"))
    engine = ui_of(request).api.engine
    rule = await run_in_threadpool(_stored_rule, engine, number)
    if rule is None:
        return await run_page(request, _rule_gone, number)
    how, summary = change(rule)
    saved = await run_in_threadpool(change_rules, engine, base, how, summary, admin.email)
    if saved.version is not None:
        return _to_home(request, saved.version)
    return await run_page(request, _not_changed, saved)


def _stored_rule(engine: Engine, number: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        rules = rules_of(se.current(conn).document)
    return rules[number - 1] if 1 <= number <= len(rules) else None


def _not_changed(visit: Visit, saved: Saved) -> Response:
    if saved.stale is not None:
        raise PageError(409, gettext("Nothing was changed"), gettext(
            "Someone else changed the app definition while you were looking at the page (it "
            "is now version %(version)s, by %(author)s), so nothing was changed. Look at the "
            "rules as they are now and try again.", version=saved.stale.version,
            author=saved.stale.author))
    if saved.missing:
        raise PageError(404, gettext("Not found"), gettext(
            "That rule is not there any more: the automations page lists every rule there is."))
    raise PageError(422, gettext("Nothing was changed"), "; ".join(
        e.message for e in saved.errors))


# ---------------------------------------------------------------- runs


@router.post("/automations/runs/{job_id}/retry", name="automation_retry")
async def automation_retry(request: Request, job_id: int) -> Response:
    return await run_page(request, _retry, job_id, write=True)


def _retry(visit: Visit, job_id: int) -> Response:
    require_admin(visit, _admins_only)
    try:
        automation.retry_job(visit.conn, job_id)
    except automation.JobNotFound:
        raise PageError(404, gettext("Not found"), gettext(
            "There is no run number %(id)s: the automations page lists the recent ones.",
            id=job_id)) from None
    except automation.JobNotRetryable:
        raise PageError(409, gettext("Nothing to retry"), gettext(
            "Run %(id)s is running or done already, so it is not run again (its effects "
            "would happen twice).", id=job_id)) from None
    target = visit.url("automations_home", {"retried": str(job_id)})
    return RedirectResponse(f"{target}#runs", 303)


# ---------------------------------------------------------------- helpers


async def _admin(request: Request) -> User | Response:
    """The signed-in administrator, else the login page or a 403 page in words."""
    return await applying_admin(request, _admins_only)


def _number(text: str | None) -> int:
    """A form's version number; -1 (never a version: the apply is refused as stale) if bad."""
    number = parse_id(text)
    return -1 if number is None else number


# ---------------------------------------------------------------- webhook secrets


@router.post("/automations/secrets", name="automation_secret_set")
async def automation_secret_set(request: Request) -> Response:
    values = dict(await posted(request))
    return await run_page(request, _set_secret, values.get("name", "").strip(),
                          values.get("value", ""), values.get("forget") == "1", write=True)


def _set_secret(visit: Visit, name: str, value: str, forget: bool) -> Response:
    require_admin(visit, _admins_only)
    try:
        if forget:
            automation.delete_secret(visit.conn, name)
        else:
            automation.set_secret(visit.conn, name, value, visit.session.user.id)
    except automation.UnknownSecret:
        raise PageError(404, gettext("Not found"), gettext(
            "There is no secret “%(name)s” to forget.", name=name)) from None
    except automation.BadSecret:
        raise PageError(422, gettext("Nothing was changed"), gettext(
            "A secret needs a name of lowercase latin letters, digits and _ (starting with a "
            "letter) and a value of 1 to %(limit)s characters.",
            limit=automation.MAX_SECRET_VALUE)) from None
    target = visit.url("automations_home", {} if forget else {"secret": name})
    return RedirectResponse(f"{target}#secrets", 303)
