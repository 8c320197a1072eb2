"""Files chosen on a record form: stored, and their ids sent on as the file fields' values.

A record form with a file field is sent as multipart/form-data (no JavaScript needed). The
route reads the uploads (`form_uploads`), and inside the request's transaction
`stored_uploads` stores each (kartoteka.platform.files) and gives `(field, attachment id)`
pairs to add after the form's own: the file widget sends the current id first, so the last
value, the new file, wins. A file over the size limit is a 413 page in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import Connection
from starlette.datastructures import UploadFile
from starlette.requests import Request

from kartoteka.platform import files
from kartoteka.platform.errors import NotFound
from kartoteka.schema_engine.records import parse_id
from kartoteka.ui.context import Visit, ui_of
from kartoteka.ui.errors import PageError
from kartoteka.ui.fields import show, widget
from kartoteka.ui.i18n import gettext

Uploads = Sequence[tuple[str, "Upload"]]


@dataclass(frozen=True)
class Upload:
    """A file chosen on a form, read (up to one byte past the size limit) and closed."""

    name: str
    content_type: str
    content: bytes


async def form_uploads(request: Request) -> list[tuple[str, Upload]]:
    """The files chosen on the submitted form (an empty file input sends none)."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return []
    limit = ui_of(request).api.settings.max_upload_bytes
    form = await request.form()
    chosen = []
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            if value.filename:
                content = await value.read(limit + 1)
                chosen.append((name, Upload(value.filename, value.content_type or "", content)))
            await value.close()
    return chosen


def stored_uploads(visit: Visit, entity: str, uploads: Uploads) -> list[tuple[str, str]]:
    """Store the uploads of `entity`'s file fields; (field name, attachment id) pairs."""
    fields = visit.session.model.fields(entity)
    limit = visit.ui.api.settings.max_upload_bytes
    entity_id = str(visit.session.model.entity(entity)["id"])
    pairs = []
    for name, upload in uploads:
        f = fields.get(name)
        if f is None or not widget(f).upload:
            continue
        try:
            sha256, size = files.storage_of(visit.conn).put([upload.content], limit=limit)
        except files.FileTooLarge:
            raise PageError(413, gettext("The file is too large"), gettext(
                "“%(name)s” is larger than %(limit)s MB, the largest file this server takes, "
                "so nothing was saved. Go back and choose a smaller file.",
                name=upload.name, limit=f"{limit / (1024 * 1024):g}")) from None
        stored = files.add_attachment(
            visit.conn, sha256=sha256, size=size, name=upload.name,
            content_type=upload.content_type, user_id=visit.session.user.id,
            at=dt.datetime.now(dt.UTC), entity_id=entity_id, field_id=str(f.get("id")))
        pairs.append((name, str(stored.id)))
    return pairs


def current_file(conn: Connection, value: object) -> Markup | None:
    """The file a form's file field holds now, as a download link (None when it has none)."""
    number = parse_id(str(value or ""))
    if number is None:
        return None
    try:
        attachment = files.read_attachment(conn, number)
    except NotFound:
        return None
    return show({"type": "file", "name": "file"},
                {**attachment.to_json(), "url": files.web_url(attachment.id)}, _no_card)


def _no_card(_entity: str, _record_id: int) -> str:  # pragma: no cover - files link no card
    return ""
