"""Routes of `/api/auth`: get a token for an email and password, revoke it."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from starlette.concurrency import run_in_threadpool

from kartoteka.platform.accounts import LoginFailed, login, revoke_token
from kartoteka.platform.context import Session, api_of, bearer_token
from kartoteka.platform.responses import json_response

router = APIRouter(prefix="/api/auth", tags=["auth"])

_TOKEN_ANSWER = {
    "type": "object",
    "properties": {
        "access_token": {"type": "string"},
        "token_type": {"type": "string", "const": "bearer"},
        "expires_in": {"type": "integer", "description": "seconds until the token expires"},
    },
}


@router.post(
    "/token",
    summary="Get a bearer token for an email and password",
    responses={
        200: {"content": {"application/json": {"schema": _TOKEN_ANSWER}}},
        401: {"description": "wrong email or password"},
        429: {"description": "too many failed logins for this account; see Retry-After"},
    },
)
async def create_token(
    request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()]
) -> Response:
    """Failed logins for one account are answered more and more slowly, then with 429."""
    api = api_of(request)
    try:
        body = await run_in_threadpool(login, api.engine, api.settings, username, password)
    except LoginFailed as failed:
        await asyncio.sleep(failed.delay)
        raise
    return json_response(body, headers={"Cache-Control": "no-store"})


@router.delete("/token", summary="Revoke the token this request is sent with", status_code=204)
async def delete_token(request: Request) -> Response:
    api = api_of(request)
    await api.run(request, _revoke, bearer_token(request), write=True)
    return Response(status_code=204)


def _revoke(session: Session, token: str) -> None:
    revoke_token(session.conn, token)
