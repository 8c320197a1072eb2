"""Request bodies: JSON objects, checked for the keys a route needs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from kartoteka.platform.errors import BadRequest, Unprocessable


def json_object(raw: bytes) -> dict[str, Any]:
    """A request body as a JSON object, else a 400 (not JSON) or 422 (not an object).

    Routes read the bytes, and parse them once the caller is authenticated: a request without
    a valid token is a 401 whatever its body.
    """
    if not raw.strip():
        raise Unprocessable("send a JSON object as the request body",
                            errors=[{"field": "body", "message": "the body is empty"}])
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"the request body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Unprocessable(
            "the request body must be a JSON object",
            errors=[{"field": "body", "message": f"expected an object, got {json_type(data)}"}],
        )
    return data


def json_type(value: Any) -> str:
    """The JSON name of a value's type: 'an array', 'a string'..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def expect(
    body: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str,
    errors: list[dict[str, str]], *, required: bool = True,
) -> Any:
    """`body[key]` when it is of `kind`; otherwise adds an error naming `what` was expected."""
    if key not in body:
        if required:
            errors.append({"field": key, "message": f"{key} is required: {what}"})
        return None
    value = body[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        errors.append({"field": key, "message": f"expected {what}, got {json_type(value)}"})
        return None
    return value


def raise_if_any(errors: list[dict[str, str]], what: str) -> None:
    if errors:
        count = len(errors)
        raise Unprocessable(f"{what} has {count} problem{'s' if count != 1 else ''}: "
                            + "; ".join(f"{e['field']}: {e['message']}" for e in errors),
                            errors=errors)
