"""Documents and files in the web UI.

- GET `/files/{id}`: download a stored file (signed-in session), as `/api/files/{id}` does.
- POST `/records/{entity}/{id}/documents`: the card's "Generate <document>" button: renders the
  document for the record (HTML and PDF attached, on the timeline) and goes back to the card.
- `/documents` (administrators): the definition's document templates; `/documents/new` and
  `/documents/{name}/edit` edit one: name, label, entity, file name and the HTML template.
  Saving applies the changed definition as the schema builder does (a new version; a broken
  template is refused with its line). The preview renders the template on a real record (the
  one asked for, else the newest) in a sandboxed frame: `/documents/{name}/preview` for the
  saved template, POST `/documents/preview` for what is typed ("Preview" targets the frame).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from fastapi import APIRouter, Request
from markupsafe import escape
from sqlalchemy import Connection, Engine, func, select
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kartoteka import schema_engine as se
from kartoteka.platform import documents, sandbox
from kartoteka.platform.accounts import User
from kartoteka.platform.errors import NotFound
from kartoteka.platform.files import attachment_number, download
from kartoteka.platform.sandbox import TemplateProblem
from kartoteka.schema_engine.definition import (
    Document,
    DocumentTemplate,
    check_definition,
    clone,
)
from kartoteka.schema_engine.errors import DefinitionError, RecordNotFound
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import parse_id
from kartoteka.ui.context import Visit, known_entity, run_page, ui_of
from kartoteka.ui.errors import PageError
from kartoteka.ui.i18n import error_text, gettext, message
from kartoteka.ui.labels import entity_label, label_from_input, label_input
from kartoteka.ui.pages.schema.plan import Draft, Outcome, apply_draft
from kartoteka.ui.pages.schema.routes import applying_admin, posted, require_admin

router = APIRouter(include_in_schema=False)

#: The preview is a user's HTML: shown in a frame with no scripts, nothing loaded from
#: elsewhere, its own origin (`sandbox`), framed only by this site.
PREVIEW_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "sandbox; frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}
FIELDS = ("name", "label", "entity", "filename", "template")


# ---------------------------------------------------------------- files and generating


@router.get("/files/{attachment_id}", name="file_download")
async def file_download(request: Request, attachment_id: str) -> Response:
    return await run_page(request, _download, attachment_id)


def _download(visit: Visit, attachment_id: str) -> Response:
    try:
        return download(visit.session.conn, attachment_number(attachment_id))
    except NotFound:
        raise PageError(404, gettext("Not found"), gettext(
            "There is no such file here. It may have belonged to a record or a document "
            "that was removed.")) from None


@router.post("/records/{entity}/{record_id}/documents", name="document_generate")
async def document_generate(request: Request, entity: str, record_id: str) -> Response:
    pairs = await posted(request)
    return await run_page(request, _generate, entity, record_id, dict(pairs).get("template", ""),
                          write=True)


def _generate(visit: Visit, entity: str, record_id: str, name: str) -> Response:
    entity = known_entity(visit, entity)
    number = parse_id(record_id)
    if number is None:
        raise PageError(404, gettext("Not found"), gettext("There is no such record here."))
    try:
        documents.render_document(visit.conn, visit.session.model, entity, number, name,
                                  user_id=visit.session.user.id, at=dt.datetime.now(dt.UTC))
    except (documents.UnknownDocument, TemplateProblem) as exc:
        raise PageError(422, gettext("The document could not be made"), gettext(
            "Nothing was generated: %(problem)s. An administrator can fix the template on the "
            "Documents page.", problem=error_text(exc))) from None
    return RedirectResponse(visit.card_url(entity, number) + "#timeline", status_code=303)


# ---------------------------------------------------------------- the editor


@dataclass
class DocumentForm:
    """The editor's inputs, and what is wrong with them by input."""

    name: str = ""
    label: str = ""
    entity: str = ""
    filename: str = ""
    template: str = ""
    record: str = ""
    #: The name the document had when the form was opened (None: a new document).
    original: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, document: Mapping[str, Any]) -> DocumentForm:
        texts: dict[str, Any] = {key: str(document.get(key) or "") for key in FIELDS}
        texts["label"] = label_input(document.get("label"))
        return cls(**texts, original=str(document["name"]))

    @classmethod
    def posted(cls, pairs: list[tuple[str, str]], original: str | None) -> DocumentForm:
        values = dict(pairs)
        texts: dict[str, Any] = {key: values.get(key, "") for key in (*FIELDS, "record")}
        form = cls(**texts, original=original)
        form.template = form.template.replace("\r\n", "\n")
        for key in ("name", "label", "entity", "filename", "record"):
            setattr(form, key, getattr(form, key).strip())
        return form

    def document(self) -> DocumentTemplate:
        """The definition entry the inputs describe (empty optional inputs left out)."""
        entry: dict[str, Any] = {"name": self.name}
        if self.label:
            entry["label"] = label_from_input(self.label)
        entry["entity"] = self.entity
        if self.filename:
            entry["filename"] = self.filename
        entry["template"] = self.template
        return cast(DocumentTemplate, entry)  # built in the definition's order of keys


@router.get("/documents", name="documents_home")
async def documents_home(request: Request) -> Response:
    return await run_page(request, _home, request.query_params.get("saved"))


def _home(visit: Visit, saved: str | None) -> Response:
    require_admin(visit)
    model = visit.session.model
    rows = [(d, entity_label(model, str(d["entity"])) if d.get("entity") in model.entities
             else str(d.get("entity"))) for d in model.doc.get("documents", [])]
    return visit.render(["documents.html"], {"rows": rows, "saved": saved,
                                             "documents_page": True})


@router.get("/documents/new", name="document_new")
async def document_new(request: Request) -> Response:
    entity = request.query_params.get("entity", "")
    return await run_page(request, _new, entity)


def _new(visit: Visit, entity: str) -> Response:
    require_admin(visit)
    model = visit.session.model
    chosen = entity if entity in model.entities else next(iter(model.entities), "")
    form = DocumentForm(entity=chosen, template=STARTER)
    return _form_page(visit, form)


@router.get("/documents/{name}/edit", name="document_edit")
async def document_edit(request: Request, name: str) -> Response:
    return await run_page(request, _edit, name, request.query_params.get("saved"))


def _edit(visit: Visit, name: str, saved: str | None) -> Response:
    require_admin(visit)
    return _form_page(visit, DocumentForm.of(_saved_document(visit.session.model, name)),
                      saved=saved)


def _saved_document(model: AppModel, name: str) -> dict[str, Any]:
    for document in model.doc.get("documents", []):
        if document.get("name") == name:
            return dict(document)
    raise PageError(404, gettext("Not found"), gettext(
        "There is no document called “%(name)s”. The Documents page lists every one.",
        name=name))


def _form_page(visit: Visit, form: DocumentForm, status: int = 200,
               saved: str | None = None) -> Response:
    model = visit.session.model
    entities = [(name, entity_label(model, name)) for name in model.entities]
    preview_url = None
    if form.original is not None and not form.errors and not form.problems:
        query = {"record": form.record} if form.record else None
        preview_url = visit.url("document_preview_saved", query, name=form.original)
    action = (visit.url("document_create") if form.original is None
              else visit.url("document_update", name=form.original))
    return visit.render(["documents_form.html"], {
        "form": form, "entities": entities, "preview_url": preview_url, "action": action,
        "saved": saved, "documents_page": True,
    }, status)


@router.post("/documents/new", name="document_create")
async def document_create(request: Request) -> Response:
    return await _save(request, None)


@router.post("/documents/{name}/edit", name="document_update")
async def document_update(request: Request, name: str) -> Response:
    return await _save(request, name)


@router.post("/documents/{name}/remove", name="document_remove")
async def document_remove(request: Request, name: str) -> Response:
    return await _save(request, name, remove=True)


async def _save(request: Request, original: str | None, *, remove: bool = False) -> Response:
    """Apply the definition with the document added, changed or removed (outside any request
    transaction, as the schema builder applies); the form again with what is wrong."""
    pairs = await posted(request)
    user = await applying_admin(request)
    if not isinstance(user, User):
        return user
    ui = ui_of(request)
    form = DocumentForm.posted(pairs, original)
    outcome = await run_in_threadpool(_apply, ui.api.engine, form, user.email, remove)
    if outcome.applied is None:
        return await run_page(request, _refused, form, outcome)
    if remove:
        return RedirectResponse(
            str(request.url_for("documents_home")) + f"?saved={outcome.applied.version}", 303)
    target = request.url_for("document_edit", name=form.name)
    query = f"?saved={outcome.applied.version}" + (f"&record={form.record}" if form.record
                                                   else "")
    return RedirectResponse(str(target.path) + query, 303)


def _apply(engine: Engine, form: DocumentForm, author: str, remove: bool) -> Outcome:
    with engine.connect() as conn:
        current = se.current(conn)
    doc = _changed_definition(clone(current.document), form, remove)
    errors = check_definition(doc)
    if errors:
        return Outcome(invalid=errors)
    summary = (f"Removed document {form.original}" if remove
               else f"Saved document {form.name}")
    draft = Draft(doc, current.version, "refuse", "", "", summary=summary)
    return apply_draft(engine, draft, author)


def _changed_definition(doc: Document, form: DocumentForm, remove: bool) -> Document:
    listed = [d for d in doc.get("documents", []) if isinstance(d, dict)]
    at = next((i for i, d in enumerate(listed) if d.get("name") == form.original), None)
    if remove:
        listed = [d for i, d in enumerate(listed) if i != at]
    elif at is None:
        listed.append(form.document())
    else:
        listed[at] = form.document()
    doc["documents"] = listed
    if not listed:
        doc.pop("documents")
    return doc


def _refused(visit: Visit, form: DocumentForm, outcome: Outcome) -> Response:
    require_admin(visit)
    if outcome.stale_at is not None:
        form.problems.append(gettext(
            "Someone changed the app's definition while you were editing; press Save again "
            "to save your template over the current definition."))
    _place(form, outcome.invalid, visit.session.model)
    return _form_page(visit, form, 409 if outcome.stale_at is not None else 422)


def _place(form: DocumentForm, errors: list[DefinitionError], model: AppModel) -> None:
    """Errors of this document next to its inputs; any other as a problem of the form."""
    index = _index_of(model, form)
    prefix = f"$.documents[{index}]"
    for error in errors:
        key = error.path.removeprefix(prefix).lstrip(".")
        if error.path.startswith(prefix + ".") and key in FIELDS:
            form.errors.setdefault(key, message(error.message))
        elif error.path == prefix:
            form.problems.append(message(error.message))
        else:
            form.problems.append(f"{error.path}: {error.message}")


def _index_of(model: AppModel, form: DocumentForm) -> int:
    """Where the form's document is (or will be) in the definition's list."""
    listed = model.doc.get("documents", [])
    names = [d.get("name") for d in listed]
    return names.index(form.original) if form.original in names else len(listed)


# ---------------------------------------------------------------- the preview


@router.get("/documents/{name}/preview", name="document_preview_saved")
async def document_preview_saved(request: Request, name: str) -> Response:
    return await run_page(request, _preview_saved, name, request.query_params.get("record", ""))


def _preview_saved(visit: Visit, name: str, record: str) -> Response:
    require_admin(visit)
    form = DocumentForm.of(_saved_document(visit.session.model, name))
    form.record = record
    return _preview(visit, form)


@router.post("/documents/preview", name="document_preview")
async def document_preview(request: Request) -> Response:
    pairs = await posted(request)
    return await run_page(request, _preview_typed, pairs)


def _preview_typed(visit: Visit, pairs: list[tuple[str, str]]) -> Response:
    require_admin(visit)
    return _preview(visit, DocumentForm.posted(pairs, None))


def _preview(visit: Visit, form: DocumentForm) -> Response:
    """The template rendered on a record, or what keeps it from rendering, as a page for the
    preview frame."""
    model = visit.session.model
    if form.entity not in model.entities:
        return _preview_message(gettext("Choose the list the document is made from."))
    problem = sandbox.template_problem(form.template, html=True)
    if problem:
        return _preview_message(gettext("The template cannot be shown: %(problem)s.",
                                        problem=problem))
    record_id = _preview_record(visit.conn, model, form.entity, form.record)
    if record_id is None:
        return _preview_message(gettext(
            "There is no %(entity)s to show the document with yet: add one, or give the id of "
            "one.", entity=entity_label(model, form.entity).lower()))
    try:
        html = documents.preview(visit.conn, model, form.entity, record_id, form.document(),
                                 dt.datetime.now(dt.UTC))
    except RecordNotFound:
        return _preview_message(gettext("There is no %(entity)s %(id)s.",
                                        entity=entity_label(model, form.entity), id=record_id))
    except TemplateProblem as exc:
        return _preview_message(gettext("The template cannot be shown: %(problem)s.",
                                        problem=error_text(exc)))
    return HTMLResponse(html, headers=PREVIEW_HEADERS)


def _preview_record(conn: Connection, model: AppModel, entity: str, asked: str) -> int | None:
    """The record asked for, else the newest live one of the entity."""
    number = parse_id(asked) if asked else None
    if number is not None:
        return number
    table = model.table(entity)
    newest = select(func.max(table.c.id)).where(table.c.deleted_at.is_(None))
    found = conn.execute(newest).scalar()
    return int(found) if found is not None else None


def _preview_message(message: str) -> Response:
    page = (f'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><body style="font: 15px '
            f'sans-serif; color: #8a1c1c; margin: 16px"><p role="alert">{escape(message)}</p>'
            "</body></html>")
    return HTMLResponse(page, status_code=200, headers=PREVIEW_HEADERS)


#: What a new document starts with: a small page that shows how values are written.
STARTER = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ record.title }}</title>
<style>
  @page { size: A4; margin: 20mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; }
</style>
</head>
<body>
  <h1>{{ record.title }}</h1>
  <p>{{ now|date }}</p>
</body>
</html>
"""
