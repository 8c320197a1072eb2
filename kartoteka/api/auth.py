"""Routes of `/api/auth`: get a token for an email and password, revoke it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from kartoteka.platform.accounts import login, revoke_token
from kartoteka.platform.context import Session, api_of, bearer_token, client_address
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
        429: {"description": "too many failed sign-ins from this address; see Retry-After"},
        503: {"description": "too many sign-ins waiting for a password check; see Retry-After"},
    },
)
async def create_token(
    request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()]
) -> Response:
    """Failed sign-ins are answered more and more slowly for one account, and with 429 for an
    address past its limit (Settings: login_*)."""
    api = api_of(request)
    body = await login(api.engine, api.settings, api.password_checks, client_address(request),
                       username, password)
    return json_response(body, headers={"Cache-Control": "no-store"})


@router.delete("/token", summary="Revoke the token this request is sent with", status_code=204)
async def delete_token(request: Request) -> Response:
    api = api_of(request)
    await api.run(request, _revoke, bearer_token(request), write=True)
    return Response(status_code=204)


def _revoke(session: Session, token: str) -> None:
    revoke_token(session.conn, token)
