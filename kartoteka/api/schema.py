"""Routes of `/api/schema`: the app definition, planning and applying changes, its history.

Anyone signed in may read the definition and its history; planning and applying are for
administrators. Webhooks' URLs and secret names are shown to administrators only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from kartoteka import schema_engine as se
from kartoteka.api.request_body import expect, json_object, raise_if_any
from kartoteka.platform.accounts import User
from kartoteka.platform.automation import for_users
from kartoteka.platform.context import Api, Session, api_of
from kartoteka.platform.responses import json_response
from kartoteka.schema_engine.migrate import ON_BAD_VALUES
from kartoteka.schema_engine.statistics import build_indexes_and_measure

router = APIRouter(prefix="/api/schema", tags=["schema"])

_DEFINITION = {"type": "object", "description": "the app definition (see `GET /api/schema`)"}
_ON_BAD_VALUES = {"enum": list(ON_BAD_VALUES), "default": "refuse"}


def _body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "required": required}
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": schema}}}}


@router.get("", summary="The current app definition and its version")
async def show_schema(request: Request) -> Response:
    return await api_of(request).run(request, _show, on_loop=True)


def _show(session: Session) -> Response:
    doc = session.model.doc if session.user.is_admin else for_users(session.model.doc)
    return json_response({"version": session.model.version, "definition": doc})


@router.get("/history", summary="Every version of the app definition, newest first")
async def schema_history(request: Request) -> Response:
    return await api_of(request).run(request, _history, on_loop=True)


def _history(session: Session) -> Response:
    return json_response({"items": [v.to_json() for v in se.history(session.conn)]})


@router.post(
    "/plan", summary="What applying a definition would do, measured on the data",
    openapi_extra=_body({"definition": _DEFINITION, "on_bad_values": _ON_BAD_VALUES},
                        ["definition"]),
)
async def plan_schema(request: Request) -> Response:
    """The plan as `kartoteka schema plan --json` prints it; nothing is changed."""
    return await api_of(request).run(request, _plan, await request.body(), admin=True)


def _plan(session: Session, raw: bytes) -> Response:
    body = json_object(raw)
    errors: list[dict[str, str]] = []
    definition = expect(body, "definition", dict, "an app definition (an object)", errors)
    on_bad_values = _on_bad_values(body, errors)
    raise_if_any(errors, "the plan request")
    result = se.plan(session.model.doc, definition, session.conn, on_bad_values=on_bad_values)
    return json_response(result.to_json())


@dataclass(frozen=True)
class _Change:
    definition: dict[str, Any]
    base_version: int
    on_bad_values: str
    summary: str | None


@router.put(
    "", summary="Apply a new app definition (all of it, or nothing)",
    openapi_extra=_body({
        "definition": _DEFINITION,
        "base_version": {"type": "integer", "description": "the version the change was made on"},
        "on_bad_values": _ON_BAD_VALUES,
        "summary": {"type": "string", "description": "a line for the history"},
    }, ["definition", "base_version"]),
)
async def apply_schema(request: Request) -> Response:
    """409 when `base_version` is no longer current; 422 with every problem, nothing applied."""
    raw = await request.body()
    api = api_of(request)
    user = await api.run(request, _user, admin=True)
    # The apply opens its own transaction: no request transaction may be open meanwhile.
    return await run_in_threadpool(_apply, api, _change(json_object(raw)), user)


def _user(session: Session) -> User:
    return session.user


def _change(body: dict[str, Any]) -> _Change:
    errors: list[dict[str, str]] = []
    definition = expect(body, "definition", dict, "an app definition (an object)", errors)
    base_version = expect(body, "base_version", int, "the version number the change was made "
                          "on (GET /api/schema gives it)", errors)
    on_bad_values = _on_bad_values(body, errors)
    summary = expect(body, "summary", str, "a line of text", errors, required=False)
    raise_if_any(errors, "the schema change")
    return _Change(definition, base_version, on_bad_values, summary)


def _on_bad_values(body: dict[str, Any], errors: list[dict[str, str]]) -> str:
    value = body.get("on_bad_values", "refuse")
    if value not in ON_BAD_VALUES:
        errors.append({"field": "on_bad_values",
                       "message": f"must be one of: {', '.join(ON_BAD_VALUES)}"})
        return "refuse"
    return str(value)


def _apply(api: Api, change: _Change, user: User) -> Response:
    result = se.apply(
        api.engine, change.definition, author=user.email, summary=change.summary,
        on_bad_values=change.on_bad_values, base_version=change.base_version,
        build_indexes=False,
    )
    with api.engine.connect() as conn:
        model = api.models.get(conn, result.version)
    # Indexes of new fields are built after the answer: adding a field stays instant.
    task = (BackgroundTask(build_indexes_and_measure, api.engine)
            if result.indexes_pending else None)
    return json_response({"version": model.version, "definition": model.doc}, background=task)
