"""Exception handlers: every error, FastAPI's and Starlette's included, answered as JSON."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from kartoteka.platform.errors import error_body, error_response
from kartoteka.platform.responses import json_response
from kartoteka.schema_engine.errors import KartotekaError


async def _known_error(_request: Request, exc: Exception) -> Response:
    return error_response(exc)


async def _invalid_request(_request: Request, exc: Exception) -> Response:
    """FastAPI's validation errors (form fields, parameters) in Kartoteka's shape."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _location(e.get("loc", ())), "message": str(e.get("msg", "invalid"))}
              for e in exc.errors()]
    listed = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return json_response(error_body(f"the request is not valid: {listed}", errors), 422)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    """('body', 'password') -> 'password'; ('query', 'limit') -> 'limit'."""
    parts = [str(p) for p in loc[1:]] or [str(p) for p in loc]
    return ".".join(parts)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own answers (no such route, method not allowed) as JSON with a detail."""
    assert isinstance(exc, HTTPException)
    detail = str(exc.detail)
    if exc.status_code == 404:
        detail = f"there is no route {request.url.path}; /docs lists them"
    elif exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        detail = f"{request.method} is not allowed on {request.url.path}; allowed: {allowed}"
    return json_response(error_body(detail), exc.status_code, exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(KartotekaError, _known_error)
    app.add_exception_handler(SQLAlchemyError, _known_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    # Anything else: a JSON 500 (logged), never an HTML page or a dropped connection.
    app.add_exception_handler(Exception, _known_error)
