"""Routes of `/api/records/{entity}`: list, query, create, batch, read, edit, trash, restore.

The record layer of the schema engine does the work (contract: docs/records-api-contract.md);
these routes read requests, call it in the request's transaction and shape its answers.
"""

from __future__ import annotations

from typing import Any, cast

from fastapi import APIRouter, Request, Response
from starlette.background import BackgroundTask

from kartoteka.api.request_body import json_object, json_type
from kartoteka.platform.context import Session, api_of
from kartoteka.platform.errors import BadRequest, NotFound, Unprocessable
from kartoteka.platform.responses import json_response
from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine import records
from kartoteka.schema_engine.statistics import refresh_statistics

router = APIRouter(prefix="/api/records", include_in_schema=False)

#: Rows one batch may create.
MAX_BATCH = 10_000
#: Ids are 64-bit integers in both databases: a larger number names no record.
BAD_IF_MATCH = (
    "If-Match must be the version of the record as its ETag gives it, such as \"3\"; "
    "leave it out to overwrite whatever is stored"
)


# ---------------------------------------------------------------- lists and queries


@router.get("/{entity}")
async def list_records(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await api_of(request).run(request, _list, entity, params, on_loop=True)


def _list(session: Session, entity: str, params: list[tuple[str, str]]) -> Response:
    query = queries.query_from_params(session.model, entity, params)
    return json_response(_page(session, query))


def _page(session: Session, query: queries.Query) -> dict[str, Any]:
    page = queries.run_query(session.conn, session.model, query)
    return {"items": page.items, "next_cursor": page.next_cursor, "count": page.count}


@router.post("/{entity}/query")
async def query_records(request: Request, entity: str) -> Response:
    body = await request.body()
    return await api_of(request).run(request, _query, entity, body, on_loop=True)


def _query(session: Session, entity: str, body: bytes) -> Response:
    query = queries.query_from_json(session.model, entity, json_object(body))
    if query.group_by:
        return json_response({"groups": queries.run_groups(session.conn, session.model, query)})
    return json_response(_page(session, query))


# ---------------------------------------------------------------- creating


@router.post("/{entity}")
async def create_record(request: Request, entity: str) -> Response:
    body = await request.body()
    return await api_of(request).run(request, _create, entity, body, write=True)


def _create(session: Session, entity: str, body: bytes) -> Response:
    record = records.create_record(
        session.conn, session.model, entity, json_object(body), user_id=session.user.id)
    return _record_response(record, 201)


@router.post("/{entity}/batch")
async def create_batch(request: Request, entity: str) -> Response:
    body = await request.body()
    return await api_of(request).run(request, _create_batch, entity, body, write=True)


def _batch_rows(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of `{"create": [...]}`, or a 422 naming what is wrong with the body."""
    errors = [{"field": key, "message": "unknown key; a batch has only 'create'"}
              for key in body if key != "create"]
    rows = body.get("create")
    if not isinstance(rows, list):
        got = "nothing" if "create" not in body else json_type(rows)
        errors.append({"field": "create", "message": f"expected a list of records, got {got}"})
    elif len(rows) > MAX_BATCH:
        errors.append({"field": "create", "message": f"{len(rows)} rows; a batch takes up "
                       f"to {MAX_BATCH:,}: send the rest in another one"})
    else:
        errors += [{"field": f"create[{i}]", "message": f"expected an object, got {json_type(r)}"}
                   for i, r in enumerate(rows) if not isinstance(r, dict)]
    if errors:
        raise Unprocessable("the batch cannot be read: " + "; ".join(
            f"{e['field']}: {e['message']}" for e in errors), errors=errors)
    return cast(list[dict[str, Any]], rows)


def _create_batch(session: Session, entity: str, body: bytes) -> Response:
    session.model.entity(entity)  # an unknown entity is a 404 whatever the body
    rows = _batch_rows(json_object(body))
    ids = records.create_records(session.conn, session.model, entity, rows,
                                 user_id=session.user.id)
    # After the answer: a table that has grown is measured again for SQLite's planner.
    table = session.model.table(entity).name
    task = BackgroundTask(refresh_statistics, session.conn.engine, [table])
    return json_response({"ids": ids}, 201, background=task)


# ---------------------------------------------------------------- one record
# Path ids, bodies and If-Match are read once the caller is authenticated (401 comes first).


@router.get("/{entity}/{record_id}")
async def read_record(request: Request, entity: str, record_id: str) -> Response:
    return await api_of(request).run(request, _read, entity, record_id, on_loop=True)


def _read(session: Session, entity: str, record_id: str) -> Response:
    number = record_number(entity, record_id)
    return _record_response(records.get_record(session.conn, session.model, entity, number))


@router.patch("/{entity}/{record_id}")
async def update_record(request: Request, entity: str, record_id: str) -> Response:
    body, tag = await request.body(), request.headers.get("if-match")
    return await api_of(request).run(request, _update, entity, record_id, body, tag, write=True)


def _update(
    session: Session, entity: str, record_id: str, body: bytes, tag: str | None
) -> Response:
    number, version, values = record_number(entity, record_id), if_match(tag), json_object(body)
    record = records.update_record(session.conn, session.model, entity, number, values,
                                   user_id=session.user.id, if_version=version)
    return _record_response(record)


@router.delete("/{entity}/{record_id}")
async def trash_record(request: Request, entity: str, record_id: str) -> Response:
    """Moves the record to the trash (restorable) and answers with it."""
    tag = request.headers.get("if-match")
    return await api_of(request).run(request, _trash, entity, record_id, tag, write=True)


def _trash(session: Session, entity: str, record_id: str, tag: str | None) -> Response:
    number, version = record_number(entity, record_id), if_match(tag)
    record = records.trash_record(session.conn, session.model, entity, number,
                                  user_id=session.user.id, if_version=version)
    return _record_response(record)


@router.post("/{entity}/{record_id}/restore")
async def restore_record(request: Request, entity: str, record_id: str) -> Response:
    return await api_of(request).run(request, _restore, entity, record_id, write=True)


def _restore(session: Session, entity: str, record_id: str) -> Response:
    number = record_number(entity, record_id)
    record = records.restore_record(session.conn, session.model, entity, number,
                                    user_id=session.user.id)
    return _record_response(record)


# ---------------------------------------------------------------- versions (ETag, If-Match)


def _record_response(record: dict[str, Any], status: int = 200) -> Response:
    return json_response(record, status, {"ETag": f'"{record["version"]}"'})


def if_match(header: str | None) -> int | None:
    """The version an If-Match header asks for (`"3"` or `3`), None without one (or `*`)."""
    if header is None or header.strip() == "*":
        return None
    tag = header.strip().removeprefix("W/").strip('"')
    if not tag.isascii() or not tag.isdigit() or len(tag) > 18:
        raise BadRequest(BAD_IF_MATCH)
    return int(tag)


def record_number(entity: str, text: str) -> int:
    """The id in a record's path; ids are whole numbers, so any other text names no record."""
    number = records.parse_id(text)
    if number is not None:
        return number
    raise NotFound(f"there is no {entity} record {text!r}: record ids are whole numbers")
