"""A request id on every answer (`X-Request-Id`) and in the log lines written while answering.

An answer of 500 says only "internal error" and its request id; the server log's line about it
carries the same id, so that an admin finds the details of what a user reports.
"""

from __future__ import annotations

import secrets
from contextvars import ContextVar

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-Id"

_current: ContextVar[str] = ContextVar("kartoteka_request_id", default="-")


def current_request_id() -> str:
    """The id of the request being answered ('-' outside a request)."""
    return _current.get()


class RequestIds:
    """ASGI middleware: a new id per HTTP request, kept for the log and sent as `X-Request-Id`.

    The id is never taken from the request: a client could otherwise put any text in the log.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = secrets.token_hex(8)
        # Not reset afterwards: the 500 handler of Starlette's outermost middleware runs after
        # this call has ended, in the same task, and must still see the id.
        _current.set(request_id)

        async def with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if HEADER not in headers:
                    headers[HEADER] = request_id
            await send(message)

        await self.app(scope, receive, with_id)
