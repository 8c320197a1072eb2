"""`GET /api/records/{entity}/{id}/stages`: the stages a record went through (see `stages`)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from .api_records import record_number
from .context import Session, api_of
from .responses import json_response
from .stages import read_stage_history

router = APIRouter(prefix="/api/records", include_in_schema=False)


@router.get("/{entity}/{record_id}/stages")
async def stage_history(request: Request, entity: str, record_id: str) -> Response:
    field = request.query_params.get("field")
    return await api_of(request).run(request, _stages, entity, record_id, field)


def _stages(session: Session, entity: str, record_id: str, field: str | None) -> Response:
    number = record_number(entity, record_id)
    return json_response(read_stage_history(session.conn, session.model, entity, number, field))
