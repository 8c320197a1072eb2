"""Serving the API with uvicorn: `kartoteka serve` and `kartoteka demo`."""

from __future__ import annotations

import gc
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from kartoteka.app import create_app
from kartoteka.settings import Settings


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(
    url: str, *, host: str, port: int, settings: Settings | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the app in `url` until interrupted (Ctrl+C)."""
    app = create_app(url, settings=settings)
    announce(f"Serving {address(host, port)} (API docs: {address(host, port)}/docs); "
             "stop with Ctrl+C.")
    run(app, host, port)


def run(app: FastAPI, host: str, port: int) -> None:
    """Run an app as `kartoteka serve` does (bench/_api_server.py runs its app the same way)."""
    # proxy_headers off: the app reads X-Forwarded-For itself, from Settings.trusted_proxies.
    config = uvicorn.Config(app, host=host, port=port, log_level="info", server_header=False,
                            access_log=False, proxy_headers=False)
    # What start-up built lives as long as the process: keep it out of the garbage collector's
    # full passes, which otherwise walk it again and again in the middle of requests.
    gc.collect()
    gc.freeze()
    uvicorn.Server(config).run()
