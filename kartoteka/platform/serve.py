"""Serving the API with uvicorn: `kartoteka serve` and `kartoteka demo`."""

from __future__ import annotations

from collections.abc import Callable

import uvicorn

from .app import create_app
from .settings import Settings


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(
    url: str, *, host: str, port: int, settings: Settings | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the app in `url` until interrupted (Ctrl+C)."""
    app = create_app(url, settings=settings)
    config = uvicorn.Config(app, host=host, port=port, log_level="info", server_header=False,
                            access_log=False)
    announce(f"Serving {address(host, port)} (API docs: {address(host, port)}/docs); "
             "stop with Ctrl+C.")
    uvicorn.Server(config).run()
