"""Automation over HTTP: `POST /api/records/{entity}/{id}/buttons/{rule}` runs a button rule.

The rule is named by its index in the definition's `automations` or by its name. The answer
comes at once (202): the job is queued in the request's transaction and a worker runs it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from kartoteka.api.records import record_number
from kartoteka.platform.automation import get_run, queue_button
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
