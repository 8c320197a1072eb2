"""Stored files: uploads, file-field values and generated documents (`kt_attachment`).

Bytes are stored content-addressed under the data directory: `<data dir>/files/ab/cdef...`,
named by their sha256, written to a temporary file in the same folder and renamed into place,
so that a reader never sees half a file and the same content is stored once however often it
is uploaded or generated. A `kt_attachment` row gives stored bytes a name, a type and a record.

The data directory is, in order: `Settings.data_dir` (`kartoteka serve --data-dir`), the
`KARTOTEKA_DATA_DIR` environment variable, `<database file>.files/` beside a SQLite database,
else `./kartoteka-data`. A server says which one it uses (`configure`), so that work without
a request (documents rendered by automations) stores where downloads read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
import re
import tempfile
import unicodedata
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.engine import make_url
from starlette.responses import FileResponse

from kartoteka.platform.errors import ApiError, NotFound
from kartoteka.platform.tables import ATTACHMENTS
from kartoteka.schema_engine.records import parse_id

DATA_DIR_VARIABLE = "KARTOTEKA_DATA_DIR"
#: Where files go for a database that is not a SQLite file (PostgreSQL), relative to the
#: directory the server was started in.
DEFAULT_DATA_DIR = "kartoteka-data"
#: The type of bytes whose type nobody said and the name does not tell.
BINARY = "application/octet-stream"
MAX_NAME = 255
#: Control characters, folders, and the bidirectional controls that make "invoice\u202egpj.exe"
#: read as "invoiceexe.jpg" (embeddings, overrides, isolates, marks).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
#: Headers of every download: never sniffed, never run as a page of this site.
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, max-age=3600",
}


class FileTooLarge(ApiError):
    status = 413


@dataclass(frozen=True)
class Attachment:
    """A stored file as its row describes it."""

    id: int
    entity_id: str | None
    record_id: int | None
    field_id: str | None
    sha256: str
    name: str
    content_type: str
    size: int
    created_at: dt.datetime
    created_by: int | None

    def to_json(self) -> dict[str, Any]:
        """As the API shows a file: `{"id", "name", "size", "content_type", "url"}`."""
        return {"id": self.id, "name": self.name, "size": self.size,
                "content_type": self.content_type, "url": api_url(self.id)}


def api_url(attachment_id: int) -> str:
    """Where the API downloads a file (bearer token)."""
    return f"/api/files/{attachment_id}"


def web_url(attachment_id: int) -> str:
    """Where the web UI downloads a file (signed-in session)."""
    return f"/files/{attachment_id}"


# ---------------------------------------------------------------- the data directory

_CONFIGURED: weakref.WeakKeyDictionary[Engine, Path] = weakref.WeakKeyDictionary()
#: The same by database URL: another engine on the database in this process (the worker a
#: server runs) stores where the server reads.
_BY_URL: dict[str, Path] = {}


def default_data_dir(url: str) -> Path:
    """The data directory without settings: the environment's, else beside a SQLite file,
    else `./kartoteka-data`."""
    from_env = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    if from_env:
        return Path(from_env)
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:" \
            and not database.startswith("file:"):
        return Path(f"{database}.files")
    return Path(DEFAULT_DATA_DIR)


def configure(engine: Engine, data_dir: str | os.PathLike[str] | None) -> Path:
    """Say where the files of the database behind `engine` live (None: the default)."""
    url = engine.url.render_as_string(hide_password=True)
    chosen = Path(data_dir) if data_dir else default_data_dir(url)
    _CONFIGURED[engine] = _BY_URL[url] = chosen
    return chosen


def storage_of(conn: Connection) -> Storage:
    """The storage of the database `conn` is connected to."""
    engine = conn.engine
    root = _CONFIGURED.get(engine)
    if root is None:
        root = _BY_URL.get(engine.url.render_as_string(hide_password=True))
        root = configure(engine, root)
    return Storage(root)


# ---------------------------------------------------------------- bytes by their sha256


@dataclass(frozen=True)
class Storage:
    """Content-addressed bytes under `<root>/files/`."""

    root: Path

    def path_of(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError(f"{sha256!r} is not a sha256 in hex")
        return self.root / "files" / sha256[:2] / sha256[2:]

    def put(self, chunks: Iterable[bytes], *, limit: int | None = None) -> tuple[str, int]:
        """Store the bytes of `chunks`; (sha256, size). More than `limit` bytes: FileTooLarge,
        and nothing is kept."""
        folder = self.root / "files"
        folder.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in chunks:
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise FileTooLarge(too_large_message(limit))
                    digest.update(chunk)
                    out.write(chunk)
            sha256 = digest.hexdigest()
            target = self.path_of(sha256)
            if target.exists():  # the same content is stored once
                os.unlink(temporary)
            else:
                target.parent.mkdir(exist_ok=True)
                os.replace(temporary, target)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return sha256, size

    def read(self, sha256: str) -> Iterator[bytes]:
        """The stored bytes, a chunk at a time."""
        with self.path_of(sha256).open("rb") as source:
            while chunk := source.read(1 << 16):
                yield chunk

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()


def too_large_message(limit: int) -> str:
    return (f"the file is larger than {limit / (1024 * 1024):g} MB, the largest this server "
            "takes; send a smaller one")


# ---------------------------------------------------------------- attachments


def clean_name(name: str | None) -> str:
    """A file name safe to store and send back: no folders, no control characters, no
    bidirectional controls (a name reads as the characters it holds, in their order)."""
    text = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    text = _UNSAFE.sub("", text).strip().strip(".")
    if len(text) > MAX_NAME:
        _stem, dot, extension = text.rpartition(".")
        keep = MAX_NAME - len(extension) - 1 if dot and len(extension) < 16 else MAX_NAME
        text = (text[:keep] + "." + extension) if keep < MAX_NAME else text[:MAX_NAME]
    return text or "file"


def content_type_of(name: str, given: str | None) -> str:
    """The type the uploader gave, else the one the name's extension tells."""
    given = (given or "").split(";")[0].strip().lower()
    if given and given != BINARY and re.fullmatch(r"[a-z0-9.+-]+/[a-z0-9.+-]+", given):
        return given
    guessed, _ = mimetypes.guess_type(name)
    return guessed or BINARY


def add_attachment(conn: Connection, *, sha256: str, size: int, name: str, content_type: str,
                   user_id: int | None, at: dt.datetime, entity_id: str | None = None,
                   record_id: int | None = None, field_id: str | None = None) -> Attachment:
    """The row of stored bytes (`Storage.put` first)."""
    values = {"entity_id": entity_id, "record_id": record_id, "field_id": field_id,
              "sha256": sha256, "name": clean_name(name),
              "content_type": content_type_of(name, content_type), "size": size,
              "created_at": at, "created_by": user_id}
    new_id = conn.execute(insert(ATTACHMENTS).values(values).returning(ATTACHMENTS.c.id))
    return Attachment(id=new_id.scalar_one(), **values)  # type: ignore[arg-type]


def store_file(conn: Connection, data: bytes, *, name: str, content_type: str | None,
               user_id: int | None, at: dt.datetime, entity_id: str | None = None,
               record_id: int | None = None, field_id: str | None = None) -> Attachment:
    """Store `data` and its row in one go (documents, small files)."""
    sha256, size = storage_of(conn).put([data])
    return add_attachment(conn, sha256=sha256, size=size, name=name,
                          content_type=content_type or BINARY, user_id=user_id, at=at,
                          entity_id=entity_id, record_id=record_id, field_id=field_id)


def read_attachment(conn: Connection, attachment_id: int) -> Attachment:
    """The attachment with this id; NotFound (404) when there is none."""
    row = conn.execute(select(ATTACHMENTS).where(ATTACHMENTS.c.id == attachment_id)).first()
    if row is None:
        raise NotFound(f"there is no file {attachment_id}")
    return Attachment(**row._asdict())


def attachment_number(text: str) -> int:
    """The id in a file's path; any other text names no file."""
    number = parse_id(text)
    if number is not None:
        return number
    raise NotFound(f"there is no file {text!r}: file ids are whole numbers")


def content_disposition(name: str, *, inline: bool = False) -> str:
    """`attachment; filename="..."; filename*=UTF-8''...`: an ASCII fallback for old clients,
    the real name (Cyrillic, Chinese...) for the rest (RFC 6266)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r'["\\\x00-\x1f\x7f]', "", ascii_name).strip() or "file"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(conn: Connection, attachment_id: int) -> FileResponse:
    """The file as a download, for the API and the UI alike (404 when there is no such file or
    its bytes are gone)."""
    attachment = read_attachment(conn, attachment_id)
    storage = storage_of(conn)
    if not storage.exists(attachment.sha256):
        raise NotFound(f"the content of file {attachment_id} is missing from the data "
                       "directory; restore it from a backup")
    headers = {**DOWNLOAD_HEADERS, "Content-Disposition": content_disposition(attachment.name)}
    return FileResponse(storage.path_of(attachment.sha256), media_type=attachment.content_type,
                        headers=headers)
