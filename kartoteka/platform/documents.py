"""Generated documents: a definition `documents` entry rendered for a record, to HTML and PDF.

An entry names its entity, a file name template and an HTML template (Jinja in the sandbox of
`sandbox.py`); `render_document` renders both for one record, stores the HTML and its PDF as
attachments of the record (`files`) and logs a `document` entry on the record's timeline.

PDF comes from WeasyPrint: HTML and CSS laid out for print by a well-kept pure-Python library
(pango does the text), so the PDF looks like the HTML preview, with page size and margins from
CSS `@page`. It fetches nothing from the network while rendering: only `data:` URLs load.

Templates get `record` (the record as the API shows it, links readable: `record.client.name`),
`now` (the moment of rendering) and the filters `money` (`{{ record.amount|money("USD") }}`),
`date` and `datetime` (`{{ now|date }}`), which write values as people of the UI's locale read
them. A broken template is refused at apply with its path and line (the platform's template
check, `sandbox.template_problem`, installed into the definition's validation).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from kartoteka.platform import files, sandbox
from kartoteka.platform.i18n import reader_label
from kartoteka.platform.sandbox import TemplateProblem
from kartoteka.schema_engine import KartotekaError
from kartoteka.schema_engine import records as changelog
from kartoteka.schema_engine.definition import DocumentTemplate
from kartoteka.schema_engine.languages import app_language, label_text
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import read_record

HTML_TYPE = "text/html"
PDF_TYPE = "application/pdf"


class UnknownDocument(KartotekaError):
    """A document name the definition does not have for this entity."""


# ---------------------------------------------------------------- rendering


def documents_of(model: AppModel, entity: str) -> list[DocumentTemplate]:
    """The definition's documents of `entity`, in order."""
    return [d for d in model.doc.get("documents", []) if d.get("entity") == entity]


def document_named(model: AppModel, entity: str, name: str) -> DocumentTemplate:
    """The document `name` of `entity`; UnknownDocument names the ones there are."""
    found = documents_of(model, entity)
    for document in found:
        if document.get("name") == name:
            return document
    names = ", ".join(str(d["name"]) for d in found) or "(none)"
    raise UnknownDocument(f"there is no document {name!r} for {entity}; documents of "
                          f"{entity} are: {names}")


def context_of(conn: Connection, model: AppModel, entity: str, record: Mapping[str, Any],
               at: dt.datetime) -> dict[str, Any]:
    """What a document template sees."""
    return {"record": sandbox.record_context(conn, model, entity, record), "now": at}


def render_html(conn: Connection, model: AppModel, entity: str, record: Mapping[str, Any],
                document: Mapping[str, Any], at: dt.datetime) -> tuple[str, str]:
    """(file name without extension, HTML) of `document` for `record`; TemplateProblem."""
    context = context_of(conn, model, entity, record, at)
    html = sandbox.render_text(str(document["template"]), context, html=True)
    # Files are named in the app's default language, whoever makes them.
    name_template = str(document.get("filename") or label_text(
        document.get("label"), app_language(model.doc)) or document["name"])
    name = sandbox.render_text(name_template, context)
    # A slash in a value ("Deal 5/2026") is part of the name, not a folder.
    shown = " ".join(name.replace("/", "-").replace("\\", "-").split())
    return files.clean_name(shown)[:200], html


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document (WeasyPrint; `data:` URLs only, nothing from the network)."""
    import weasyprint  # loaded on first use: a server that renders no document never pays it

    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",))
    try:
        pdf = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    except Exception as exc:  # the layout engine's own errors; the HTML came from a user
        raise TemplateProblem(f"the document could not be laid out as PDF: {exc}") from exc
    assert pdf is not None
    return bytes(pdf)


def render_document(conn: Connection, model: AppModel, entity: str, record_id: int,
                    template_name: str, *, user_id: int | None, at: dt.datetime) -> int:
    """Render document `template_name` for the record to HTML and PDF, attach both to the
    record and log a `document` entry; returns the entry's change-log id.

    A template that fails raises TemplateProblem and nothing is stored."""
    document = document_named(model, entity, template_name)
    record = read_record(conn, model, entity, record_id)
    name, html = render_html(conn, model, entity, record, document, at)
    pdf = html_to_pdf(html)
    entity_id = str(model.entity(entity)["id"])
    stored = [files.store_file(conn, content, name=f"{name}.{extension}", content_type=kind,
                               user_id=user_id, at=at, entity_id=entity_id,
                               record_id=record_id)
              for content, extension, kind in ((pdf, "pdf", PDF_TYPE),
                                               (html.encode("utf-8"), "html", HTML_TYPE))]
    data = {"template": template_name, "label": label_of(document),
            "files": [{"id": a.id, "name": a.name, "content_type": a.content_type,
                       "size": a.size} for a in stored]}
    return changelog.log_entry(conn, model, entity_id, record_id, changelog.DOCUMENT, data,
                               user_id=user_id, at=at)


def document_entry(conn: Connection, entry_id: int) -> dict[str, Any]:
    """A `document` entry of the change log as the API shows it: `{"id", "kind", "at",
    "template", "label", "files"}`, each file with its `url`."""
    row = conn.execute(select(changelog.CHANGES).where(changelog.CHANGES.c.id == entry_id)).one()
    data = json.loads(row.new or "{}")
    return {"id": row.id, "kind": row.kind, "at": row.at, "template": data.get("template"),
            "label": reader_label(data.get("label")) or None,
            "files": with_urls(data.get("files", []))}


def with_urls(listed: Any) -> list[dict[str, Any]]:
    """The files of a `document` entry, each with the URL the API downloads it from."""
    return [{**f, "url": files.api_url(int(f["id"]))} for f in listed or []
            if isinstance(f, dict) and isinstance(f.get("id"), int)]


def label_of(document: Mapping[str, Any]) -> Any:
    """What the timeline keeps of a document's label: the label itself (a string or a map by
    language), so that each reader sees it in their language."""
    return document.get("label") or document["name"]


def preview(conn: Connection, model: AppModel, entity: str, record_id: int,
            document: Mapping[str, Any], at: dt.datetime) -> str:
    """The HTML of `document` for a record, stored nowhere (the editor's preview)."""
    record = read_record(conn, model, entity, record_id)
    return render_html(conn, model, entity, record, document, at)[1]

