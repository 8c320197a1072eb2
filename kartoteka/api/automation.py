"""Automation over HTTP: `POST /api/records/{entity}/{id}/buttons/{rule}` runs a button rule.

The rule is named by its index in the definition's `automations` or by its name. The answer
comes at once (202): the job is queued in the request's transaction and a worker runs it.

Webhook secrets, for administrators: `GET /api/automation/secrets` lists the secrets the
definition names and those set (never a value), `PUT /api/automation/secrets/{name}` with
`{"value": "..."}` sets one, `DELETE` forgets it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from kartoteka.api.records import record_number
from kartoteka.api.request_body import json_object
from kartoteka.platform.automation import (
    delete_secret,
    get_run,
    queue_button,
    secret_states,
    set_secret,
)
from kartoteka.platform.context import Session, api_of
from kartoteka.platform.responses import json_response

router = APIRouter(prefix="/api", include_in_schema=False)


@router.post("/records/{entity}/{record_id}/buttons/{rule}")
async def press_button(request: Request, entity: str, record_id: str, rule: str) -> Response:
    return await api_of(request).run(request, _press, entity, record_id, rule, write=True)


def _press(session: Session, entity: str, record_id: str, rule: str) -> Response:
    number = record_number(entity, record_id)
    job_id = queue_button(session.conn, session.model, entity, number, rule)
    run = get_run(session.conn, job_id)
    return json_response({"state": "queued", "job": job_id, "rule": run.rule,
                          "entity": entity, "record_id": number}, 202)


# ---------------------------------------------------------------- webhook secrets


@router.get("/automation/secrets")
async def list_secrets(request: Request) -> Response:
    return await api_of(request).run(request, _list_secrets, admin=True)


def _list_secrets(session: Session) -> Response:
    states = secret_states(session.conn, session.model.doc)
    return json_response({"items": [state.to_json() for state in states]})


@router.put("/automation/secrets/{name}")
async def put_secret(request: Request, name: str) -> Response:
    raw = await request.body()
    return await api_of(request).run(request, _put_secret, name, raw, admin=True, write=True)


def _put_secret(session: Session, name: str, raw: bytes) -> Response:
    body = json_object(raw)
    state = set_secret(session.conn, name, body.get("value"), session.user.id)
    used = {s.name: s for s in secret_states(session.conn, session.model.doc)}
    shown = used.get(name, state)
    return json_response(shown.to_json())


@router.delete("/automation/secrets/{name}")
async def forget_secret(request: Request, name: str) -> Response:
    return await api_of(request).run(request, _forget_secret, name, admin=True, write=True)


def _forget_secret(session: Session, name: str) -> Response:
    delete_secret(session.conn, name)
    return Response(status_code=204)
