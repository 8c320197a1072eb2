"""Error pages: what the API answers in JSON, the UI's paths answer as a page in words.

The app's exception handlers (platform.error_handlers) stay in charge of `/api`, `/docs` and
`/openapi.json`; for every other path the handler is wrapped so that a person gets a page
(no such page, method not allowed, a form without its CSRF token, an unexpected error).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kartoteka.platform.bodies import BodyTooLarge, SignInFirst, human_bytes
from kartoteka.platform.errors import BUSY, ApiError, database_kind, kind_of
from kartoteka.platform.request_ids import HEADER as REQUEST_ID_HEADER
from kartoteka.platform.request_ids import current_request_id
from kartoteka.schema_engine.errors import KartotekaError, StatementTimeout
from kartoteka.ui.i18n import gettext
from kartoteka.ui.templating import Templates

log = logging.getLogger("kartoteka.ui")

Handler = Callable[[Request, Exception], Awaitable[Response] | Response]
API_PATHS = ("/api/", "/api", "/docs", "/openapi.json")


def is_api_path(request: Request) -> bool:
    path = request.url.path.removeprefix(str(request.scope.get("root_path") or ""))
    return path == "/api" or path.startswith(API_PATHS)


def page_for(exc: Exception) -> tuple[int, str, str]:
    """(status, heading, sentence) of an error met outside a signed-in page."""
    if isinstance(exc, HTTPException):
        if exc.status_code == 404:
            return 404, gettext("Not found"), gettext("There is no page at this address.")
        if exc.status_code == 405:
            return 405, gettext("Not allowed"), gettext("This page cannot be used this way.")
        return exc.status_code, gettext("Something is wrong"), str(exc.detail)
    if isinstance(exc, BodyTooLarge):
        return 413, gettext("Too much to send"), gettext(
            "This is larger than %(limit)s, the most this server takes at once, so nothing "
            "was saved. Go back and send less: a smaller file, or fewer at once.",
            limit=human_bytes(exc.limit.bytes))
    if isinstance(exc, SignInFirst):
        return 401, gettext("Sign in first"), gettext(
            "This server takes at most %(limit)s from someone who has not signed in, so "
            "nothing was saved. Sign in, then send it again.",
            limit=human_bytes(exc.allowed))
    if isinstance(exc, StatementTimeout):
        return 503, gettext("This took too long"), gettext(
            "The page asked the database for more than it could find in %(seconds)s seconds, "
            "the limit for one question, so it was stopped. Narrow the list with a filter or a "
            "search, or try again in a moment.", seconds=f"{exc.seconds:g}")
    if isinstance(exc, ApiError):
        return exc.status, gettext("Refused") if exc.status == 403 else gettext(
            "Something is wrong"), str(exc)
    kind = kind_of(exc) if isinstance(exc, KartotekaError) or database_kind(exc) else None
    if kind is BUSY:
        return 503, gettext("The database is busy"), gettext(
            "Another change holds the database longer than the server waits, so nothing was "
            "changed. Try again in a moment.")
    if kind is not None and kind.status < 500:
        return kind.status, gettext("Something is wrong"), kind.detail or str(exc)
    request_id = current_request_id()
    log.error("request %s: unexpected error answering a page", request_id, exc_info=exc)
    return 500, gettext("Something went wrong"), gettext(
        "The server could not show this page. The server log has the details under request "
        "id %(request_id)s.", request_id=request_id)


def install_error_pages(app: FastAPI, templates: Templates) -> None:
    """Answer errors on the UI's paths with a page; leave the API's answers as they are."""
    for exc_class in (HTTPException, KartotekaError, SQLAlchemyError, Exception):
        api_handler = app.exception_handlers.get(exc_class)
        app.add_exception_handler(exc_class, _wrapped(api_handler, templates))


def _wrapped(api_handler: Handler | None, templates: Templates) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        if api_handler is not None and is_api_path(request):
            answer = api_handler(request, exc)
            return await answer if isinstance(answer, Awaitable) else answer
        status, title, message = page_for(exc)
        headers = exc.headers if isinstance(exc, HTTPException) and exc.headers else None
        kind = kind_of(exc) if isinstance(exc, KartotekaError) else None
        if kind is not None and kind.headers_of is not None:
            headers = kind.headers_of(exc)  # Retry-After of a statement cut off
        if database_kind(exc) is BUSY:
            headers = BUSY.headers
        if status >= 500:  # answered outside the request id's middleware: name it here too
            headers = {**(headers or {}), REQUEST_ID_HEADER: current_request_id()}
        return templates.render(request, ["error.html"],
                                {"title": title, "message": message}, status, headers)

    return handle
