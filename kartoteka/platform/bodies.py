"""Request bodies have limits, enforced while they arrive, before anything parses them.

`BodyLimits` is an ASGI middleware in front of the API and the web UI. It picks the limit of a
request by its path and type (a JSON body, a records batch, a form, a file upload: the
settings' `max_*` figures), and:

- a `Content-Length` above the limit is answered 413 before a byte is read;
- a body above `max_anonymous_body_bytes` (16 KiB: the sign-in forms fit) is read only once
  the caller is known, a valid bearer token or session cookie; else it is answered 401 at once;
- a body without a length (chunked) is counted as it arrives: the first 16 KiB are read ahead
  to tell whether the caller must be known, and the route's read fails with 413 as soon as the
  count passes the limit.

A refused request's answer closes the connection, so the rest of its body is never read.
Refusals are answered by the app's own exception handlers: JSON for the API, a page in words
for the UI.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kartoteka.platform.errors import ApiError, error_response
from kartoteka.settings import Settings

#: What a multipart body may add to the file itself (boundaries, headers of the parts).
FORM_OVERHEAD = 64 * 1024
_BATCH = re.compile(r"^/api/records/[^/]+/batch/?$")
_UPLOAD = "/api/files"
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def human_bytes(count: int) -> str:
    """1536 -> '1.5 KiB', 10485760 -> '10 MiB'."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            return f"{count / size:.4g} {unit}"
    return f"{count} bytes"


@dataclass(frozen=True)
class Limit:
    """The most a kind of body may be: `what` names it in messages ('a JSON body'); `slack`,
    what the body may hold besides (a form's boundaries around a file)."""

    what: str
    bytes: int
    slack: int = 0

    @property
    def body_bytes(self) -> int:
        return self.bytes + self.slack


class BodyTooLarge(ApiError):
    """A request body over its limit (413)."""

    status = 413

    def __init__(self, limit: Limit) -> None:
        super().__init__(
            f"the request body is too large: {limit.what} may be at most "
            f"{human_bytes(limit.bytes)} ({limit.bytes} bytes); nothing was read or changed",
            headers={"Connection": "close"})
        self.limit = limit


class SignInFirst(ApiError):
    """A body larger than an anonymous client may send (401)."""

    status = 401

    def __init__(self, allowed: int) -> None:
        super().__init__(
            f"a request body over {human_bytes(allowed)} is read only from a signed-in caller: "
            "send 'Authorization: Bearer <token>' (POST /api/auth/token gives one)",
            headers={"WWW-Authenticate": "Bearer", "Connection": "close"})
        self.allowed = allowed


def limit_for(settings: Settings, path: str, content_type: str) -> Limit:
    """The limit of a body sent to `path` with this `Content-Type`."""
    if path.rstrip("/") == _UPLOAD:
        return Limit("an uploaded file", settings.max_upload_bytes, FORM_OVERHEAD)
    if content_type.startswith(_FORMS):
        return Limit("a form, its files included", settings.max_form_bytes)
    if _BATCH.match(path):
        return Limit("a records batch", settings.max_batch_bytes)
    return Limit("a JSON body", settings.max_json_bytes)


CallerCheck = Callable[[Request], bool]


class BodyLimits:
    """ASGI middleware enforcing the body limits of `settings`; `knows_caller(request)` (run
    in a worker thread: it reads the database) says whether a request comes from a signed-in
    user."""

    def __init__(self, app: ASGIApp, settings: Settings, knows_caller: CallerCheck) -> None:
        self.app = app
        self.settings = settings
        self.knows_caller = knows_caller

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length_text = headers.get("content-length")
        chunked = "transfer-encoding" in headers
        if not chunked and (length_text is None or length_text.strip() in ("", "0")):
            await self.app(scope, receive, send)  # no body: nothing to limit
            return
        path = str(scope.get("path", "")).removeprefix(str(scope.get("root_path") or ""))
        limit = limit_for(self.settings, path, headers.get("content-type", ""))
        anonymous_bytes = self.settings.max_anonymous_body_bytes
        length = int(length_text) if length_text and length_text.isdigit() else None
        refusal: ApiError | None = None
        ahead: list[Message] = []
        if length is not None and length > limit.body_bytes:
            refusal = BodyTooLarge(limit)
        elif length is not None and length > anonymous_bytes:
            if not await self._known(scope):
                refusal = SignInFirst(anonymous_bytes)
        elif length is None:
            ahead = await _read_ahead(receive, anonymous_bytes + 1)
            if _size(ahead) > anonymous_bytes and not await self._known(scope):
                refusal = SignInFirst(anonymous_bytes)
        if refusal is not None:
            await _refuse(scope, send, refusal)
            return
        await self.app(scope, _Counted(receive, ahead, limit), _closing(send))

    async def _known(self, scope: Scope) -> bool:
        return await run_in_threadpool(self.knows_caller, Request(scope))


async def _read_ahead(receive: Receive, enough: int) -> list[Message]:
    """The body's first messages, until `enough` bytes came or the body ended."""
    messages: list[Message] = []
    size = 0
    while size < enough:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
        size += len(message.get("body", b""))
    return messages


def _size(messages: list[Message]) -> int:
    return sum(len(m.get("body", b"")) for m in messages)


class _Counted:
    """The request's `receive`: the messages read ahead first, then the rest, counted; past
    the limit it raises BodyTooLarge, which the route's exception handlers answer."""

    def __init__(self, receive: Receive, ahead: list[Message], limit: Limit) -> None:
        self._receive = receive
        self._ahead = ahead
        self._limit = limit
        self._count = 0

    async def __call__(self) -> Message:
        message = self._ahead.pop(0) if self._ahead else await self._receive()
        if message["type"] == "http.request":
            self._count += len(message.get("body", b""))
            if self._count > self._limit.body_bytes:
                raise BodyTooLarge(self._limit)
        return message


def _closing(send: Send) -> Send:
    """`send`, closing the connection after an answer of 413 (its body was not all read)."""

    async def closing(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 413:
            MutableHeaders(scope=message)["Connection"] = "close"
        await send(message)

    return closing


async def _refuse(scope: Scope, send: Send, refusal: ApiError) -> None:
    """Answer `refusal` as the app answers the exception elsewhere (JSON or a page)."""
    request = Request(scope)
    response = await _answer(request, refusal)
    response.headers["Connection"] = "close"

    async def no_body() -> Message:
        return {"type": "http.disconnect"}

    await response(scope, no_body, send)


async def _answer(request: Request, exc: ApiError) -> Response:
    handlers = getattr(request.app, "exception_handlers", {})
    for cls in type(exc).__mro__:
        handler: Callable[[Request, Exception], Response | Awaitable[Response]] | None = (
            handlers.get(cls))
        if handler is not None:
            answer = handler(request, exc)
            return await answer if isinstance(answer, Awaitable) else answer
    return error_response(exc)
