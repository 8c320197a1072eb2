"""JSON responses encoded with orjson (records are JSON-ready dicts: no models on the hot path)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import orjson
from starlette.background import BackgroundTask
from starlette.responses import Response

from kartoteka.schema_engine.records import json_value


def _fallback(value: Any) -> Any:
    """What orjson cannot encode itself: decimals as numbers, sets as lists."""
    if isinstance(value, Decimal):
        return json_value(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def dumps(data: Any) -> bytes:
    return orjson.dumps(data, default=_fallback, option=orjson.OPT_UTC_Z)


class JsonResponse(Response):
    """A JSON response; `JsonResponse({"id": 1}, status_code=201)`."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None,
    background: BackgroundTask | None = None,
) -> JsonResponse:
    return JsonResponse(data, status_code=status, headers=dict(headers) if headers else None,
                        background=background)

