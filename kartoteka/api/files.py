"""Files over HTTP: `POST /api/files` (upload), `GET /api/files/{id}` (download), and
`POST /api/records/{entity}/{id}/documents` (generate a document of the definition).

An upload is a multipart form with the file under `file`; the answer (201) is the file as a
file field shows it, `{"id", "name", "size", "content_type", "url"}`: its id is the value to
write into a file field. A file larger than `Settings.max_upload_bytes` is refused with 413
and nothing is kept (a body announced larger, before it is read: kartoteka.platform.bodies).
Downloads always come as attachments (never shown inline by the browser, so that an uploaded
HTML page cannot run on this site), with the name in UTF-8.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.datastructures import UploadFile

from kartoteka.api.records import record_number
from kartoteka.api.request_body import json_object
from kartoteka.platform import files
from kartoteka.platform.context import Session, api_of
from kartoteka.platform.documents import UnknownDocument, document_entry, render_document
from kartoteka.platform.errors import Unprocessable
from kartoteka.platform.responses import json_response
from kartoteka.platform.sandbox import TemplateProblem
from kartoteka.schema_engine import store

router = APIRouter(prefix="/api", include_in_schema=False)

def store_upload(session: Session, upload: UploadFile, limit: int, *,
                 entity_id: str | None = None, record_id: int | None = None,
                 field_id: str | None = None) -> files.Attachment:
    """Store an uploaded file (read from its spooled copy, in a worker thread) and its row."""
    storage = files.storage_of(session.conn)
    chunks = iter(lambda: upload.file.read(1 << 16), b"")
    sha256, size = storage.put(chunks, limit=limit)
    return files.add_attachment(
        session.conn, sha256=sha256, size=size, name=upload.filename or "file",
        content_type=upload.content_type or files.BINARY, user_id=session.user.id,
        at=dt.datetime.now(dt.UTC), entity_id=entity_id, record_id=record_id,
        field_id=field_id)


@router.post("/files")
async def upload_file(request: Request) -> Response:
    api = api_of(request)
    limit = api.settings.max_upload_bytes  # the whole body's: platform.bodies
    form = await request.form(max_files=1)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        message = "send the file as multipart/form-data under the name 'file'"
        raise Unprocessable(f"no file was sent: {message}",
                            errors=[{"field": "file", "message": message}])
    try:
        return await api.run(request, _upload, upload, limit, write=True)
    finally:
        await form.close()


def _upload(session: Session, upload: UploadFile, limit: int) -> Response:
    return json_response(store_upload(session, upload, limit).to_json(), 201)


@router.get("/files/{attachment_id}")
async def download_file(request: Request, attachment_id: str) -> Response:
    return await api_of(request).run(request, _download, attachment_id)


def _download(session: Session, attachment_id: str) -> Response:
    return files.download(session.conn, files.attachment_number(attachment_id))


# ---------------------------------------------------------------- documents


@router.post("/records/{entity}/{record_id}/documents")
async def generate_document(request: Request, entity: str, record_id: str) -> Response:
    body = await request.body()
    return await api_of(request).run(request, _generate, entity, record_id, body, write=True)


def _generate(session: Session, entity: str, record_id: str, body: bytes) -> Response:
    number = record_number(entity, record_id)
    name = _template_name(json_object(body))
    session.model.entity(entity)  # an unknown entity is a 404 whatever the body
    try:
        entry_id = render_document(session.conn, session.model, entity, number, name,
                                   user_id=session.user.id, at=dt.datetime.now(dt.UTC))
    except (UnknownDocument, TemplateProblem) as exc:
        raise Unprocessable(f"the document cannot be made: {exc}",
                            errors=[{"field": "template", "message": str(exc)}]) from exc
    entry = document_entry(session.conn, entry_id)
    entry["by"] = {"id": session.user.id, "title": session.user.name or session.user.email}
    entry["at"] = store.iso(entry["at"])
    return json_response(entry, 201)


def _template_name(body: dict[str, Any]) -> str:
    name = body.get("template")
    if isinstance(name, str) and name.strip():
        return name.strip()
    message = "give the name of a document of the definition, e.g. {\"template\": \"proposal\"}"
    raise Unprocessable(f"template is missing: {message}",
                        errors=[{"field": "template", "message": message}])
