"""Stages over HTTP: `GET /api/records/{entity}/{id}/stages`, the stages a record went through
(see `stages`), and `GET /api/pipeline/{entity}`, the figures of each stage (see `pipeline`)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from kartoteka.api.records import record_number
from kartoteka.platform.context import Session, api_of
from kartoteka.platform.pipeline import read_pipeline
from kartoteka.platform.responses import json_response
from kartoteka.platform.stages import read_stage_history

router = APIRouter(prefix="/api", include_in_schema=False)


@router.get("/records/{entity}/{record_id}/stages")
async def stage_history(request: Request, entity: str, record_id: str) -> Response:
    field = request.query_params.get("field")
    return await api_of(request).run(request, _stages, entity, record_id, field,
                                             on_loop=True)


def _stages(session: Session, entity: str, record_id: str, field: str | None) -> Response:
    number = record_number(entity, record_id)
    return json_response(read_stage_history(session.conn, session.model, entity, number, field))


@router.get("/pipeline/{entity}")
async def pipeline(request: Request, entity: str) -> Response:
    field = request.query_params.get("field")
    return await api_of(request).run(request, _pipeline, entity, field, on_loop=True)


def _pipeline(session: Session, entity: str, field: str | None) -> Response:
    return json_response(read_pipeline(session.conn, session.model, entity, field))
