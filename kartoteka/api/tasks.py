"""`GET /api/tasks`: the caller's open tasks grouped as `/tasks` shows them (see `tasks`).

`{"overdue": [...], "today": [...], "upcoming": [...], "no_due_date": [...]}`, each task as the
records API shows it plus its `entity`, grouped in the caller's time zone; `?completed=true`
adds `"completed"`: the ones completed today.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request, Response

from kartoteka.platform.context import Session, api_of
from kartoteka.platform.errors import BadRequest
from kartoteka.platform.responses import json_response
from kartoteka.platform.tasks import my_tasks

router = APIRouter(prefix="/api", include_in_schema=False)

_FLAGS = {"true": True, "1": True, "false": False, "0": False}


@router.get("/tasks")
async def tasks(request: Request) -> Response:
    completed = request.query_params.get("completed", "false")
    return await api_of(request).run(request, _tasks, completed)


def _tasks(session: Session, completed: str) -> Response:
    # Read once the caller is authenticated: 401 comes first.
    if completed.lower() not in _FLAGS:
        raise BadRequest(f"completed must be true or false, not {completed!r}")
    user = session.user
    mine = my_tasks(session.conn, session.model, user.id, dt.datetime.now(dt.UTC),
                    user.time_zone, completed=_FLAGS[completed.lower()])
    return json_response(mine.to_json())
