"""A record's timeline over HTTP (see `timeline`):

- `GET /api/records/{entity}/{id}/timeline?limit=20&cursor=...&kind=note,call`: a page of
  items, newest first, `{"items": [...], "next_cursor": str | null}`. A record in the trash is
  still read: its history is what people look at before restoring it.
- `POST /api/records/{entity}/{id}/notes` with `{"kind": "call", "text": "..."}`: log a note,
  call, email or meeting on a live record; 201 with the item as the timeline shows it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from kartoteka.api.records import record_number
from kartoteka.api.request_body import json_object
from kartoteka.platform.context import Session, api_of
from kartoteka.platform.errors import Unprocessable
from kartoteka.platform.responses import json_response
from kartoteka.platform.timeline import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    log_interaction,
    note_problems,
    parse_kinds,
    read_timeline,
)
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.records import parse_id, read_record

router = APIRouter(prefix="/api", include_in_schema=False)

#: The keys a note's body may have.
NOTE_KEYS = ("kind", "text")


@router.get("/records/{entity}/{record_id}/timeline")
async def timeline(request: Request, entity: str, record_id: str) -> Response:
    params = dict(request.query_params)
    return await api_of(request).run(request, _timeline, entity, record_id, params,
                                             on_loop=True)


def _timeline(session: Session, entity: str, record_id: str, params: dict[str, str]) -> Response:
    unknown = sorted(set(params) - {"limit", "cursor", "kind"})
    if unknown:
        raise QueryError(f"unknown parameter {', '.join(map(repr, unknown))}; the timeline "
                         "takes limit, cursor and kind")
    number = record_number(entity, record_id)
    read_record(session.conn, session.model, entity, number)  # 404 unless it exists
    page = read_timeline(session.conn, session.model, entity, number,
                         before=_cursor(params.get("cursor")), limit=_limit(params.get("limit")),
                         kinds=parse_kinds(params.get("kind")))
    return json_response({
        "items": [item.to_json() for item in page.items],
        "next_cursor": None if page.next_before is None else str(page.next_before),
    })


def _limit(text: str | None) -> int:
    if text is None:
        return PAGE_SIZE
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_PAGE_SIZE:
        return int(text)
    raise QueryError(f"limit is a whole number from 1 to {MAX_PAGE_SIZE}, not {text!r}")


def _cursor(text: str | None) -> int | None:
    """The change id a cursor carries (the `next_cursor` of the page before)."""
    if text is None or text == "":
        return None
    number = parse_id(text)
    if number is not None:
        return number
    raise QueryError(f"the cursor {text!r} is not one this API gave: pass the next_cursor of "
                     "the page before, or leave it out for the newest items")


@router.post("/records/{entity}/{record_id}/notes")
async def log_note(request: Request, entity: str, record_id: str) -> Response:
    body = await request.body()
    return await api_of(request).run(request, _note, entity, record_id, body, write=True)


def _note(session: Session, entity: str, record_id: str, body: bytes) -> Response:
    session.model.entity(entity)  # an unknown entity is a 404 whatever the body
    number = record_number(entity, record_id)
    kind, text = _note_body(json_object(body))
    item = log_interaction(session.conn, session.model, entity, number, kind, text,
                           user_id=session.user.id)
    return json_response(item.to_json(), 201)


def _note_body(body: dict[str, Any]) -> tuple[str, str]:
    """(kind, text) of a note's body, or a 422 naming every problem."""
    problems = note_problems(body.get("kind"), body.get("text"))
    errors = [{"field": key, "message": "unknown key; a note has only kind and text"}
              for key in body if key not in NOTE_KEYS]
    errors += [{"field": key, "message": message} for key, message in problems.items()]
    if errors:
        raise Unprocessable("the note cannot be logged: " + "; ".join(
            f"{e['field']}: {e['message']}" for e in errors), errors=errors)
    return str(body["kind"]), str(body["text"])
