"""`Server-Timing: app;dur=<ms>` on every page: how long the server took, shown in devtools.

Measured from the request's arrival at the app to the start of its answer (the headers), so
that it covers the page's work (session, queries, template) and not the network. bench/ui.py
reads it to report the pages' server time. API answers (`/api`) are left as they are.
"""

from __future__ import annotations

import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "Server-Timing"


class ServerTiming:
    """ASGI middleware adding `Server-Timing: app;dur=12.3` to the UI's HTTP answers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _is_api(scope):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - start) * 1000
                MutableHeaders(scope=message).append(HEADER, f"app;dur={took:.1f}")
            await send(message)

        await self.app(scope, receive, timed)


def _is_api(scope: Scope) -> bool:
    path = str(scope.get("path", "")).removeprefix(str(scope.get("root_path") or ""))
    return path == "/api" or path.startswith("/api/")
