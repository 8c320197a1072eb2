"""OpenAPI at /openapi.json and /docs, with typed paths for every entity of the app definition.

The routes of `/api/records/{entity}` serve every entity; the document shows them once per
entity instead (`/api/records/deal` with the deal's fields), built from the field types' value
schemas, and rebuilt when the schema version changes.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse
from starlette.routing import NoMatchFound

from kartoteka.api import openapi_entities
from kartoteka.platform.context import Api, api_of
from kartoteka.platform.errors import Unauthorized
from kartoteka.platform.responses import json_response
from kartoteka.schema_engine.model import AppModel, current_version

OPENAPI_URL = "/openapi.json"
PUBLIC = {("post", "/api/auth/token")}

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "what went wrong, in a sentence"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
    "required": ["detail"],
}
SECURITY_SCHEMES = {
    "bearer": {
        "type": "oauth2",
        "description": "A token from POST /api/auth/token, sent as 'Authorization: Bearer ...'.",
        "flows": {"password": {"tokenUrl": "/api/auth/token", "scopes": {}}},
    }
}


class OpenApiCache:
    """The fixed part of the document (built once) and the whole of it per schema version."""

    def __init__(self, app: FastAPI) -> None:
        self._app = app
        self._base: dict[str, Any] | None = None
        self._by_version: tuple[int, dict[str, Any]] | None = None
        self._lock = threading.Lock()

    def document(self, model: AppModel) -> dict[str, Any]:
        cached = self._by_version
        if cached is not None and cached[0] == model.version:
            return cached[1]
        with self._lock:
            doc = build_document(self.base(), model)
            self._by_version = (model.version, doc)
        return doc

    def base(self) -> dict[str, Any]:
        if self._base is None:
            app = self._app
            self._base = get_openapi(title=app.title, version=app.version,
                                     description=DESCRIPTION, routes=app.routes)
        return self._base


DESCRIPTION = (
    "The records of every entity of this app, its definition and its users' tokens. "
    "Get a token with POST /api/auth/token (form fields username and password) and send it as "
    "`Authorization: Bearer <token>`. Errors are JSON: `{\"detail\": ..., \"errors\": "
    "[{\"field\", \"message\"}]}`."
)


def build_document(base: dict[str, Any], model: AppModel) -> dict[str, Any]:
    """The fixed routes plus a typed set of record paths per entity."""
    doc = copy.deepcopy(base)
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    components["securitySchemes"] = SECURITY_SCHEMES
    paths = doc.setdefault("paths", {})
    for name in model.entities:
        entity_paths, entity_schemas = openapi_entities.entity_openapi(model, name)
        paths.update(entity_paths)
        schemas.update(entity_schemas)
    schemas.update(openapi_entities.SHARED_SCHEMAS)
    _secure(paths)
    return doc


def _secure(paths: dict[str, Any]) -> None:
    """Every /api operation needs the bearer token, but getting one."""
    for path, operations in paths.items():
        for method, operation in operations.items():
            if path.startswith("/api/") and (method, path) not in PUBLIC:
                operation["security"] = [{"bearer": []}]
                operation.setdefault("responses", {}).setdefault(
                    "401", openapi_entities.error_response("no token, or not a valid one"))


def _current_model(api: Api) -> AppModel:
    with api.engine.connect() as conn:
        return api.models.get(conn, current_version(conn))


#: Swagger UI's files, from the npm package swagger-ui-dist (pinned in package-lock.json),
#: served by the UI's `/vendor` route (kartoteka.ui.assets.VENDOR_FILES): never from a CDN.
SWAGGER_FILES = {"js": "swagger-ui-bundle.js", "css": "swagger-ui.css",
                 "favicon": "swagger-favicon.png"}
SIGN_IN_FIRST = (
    "the API description is for signed-in users: send 'Authorization: Bearer <token>' "
    "(POST /api/auth/token gives one), or sign in to the web UI first"
)


async def _signed_in(request: Request) -> bool:
    api = api_of(request)
    return api.settings.public_api_docs or await run_in_threadpool(api.knows_caller, request)


def _login_redirect(request: Request) -> Response | None:
    """To the web UI's sign-in page, coming back to /docs; None without a UI."""
    try:
        login = request.url_for("login_form")
    except NoMatchFound:
        return None
    return RedirectResponse(f"{login.path}?next={request.url.path}", status_code=303)


def install(app: FastAPI) -> None:
    """Serve the document at /openapi.json and Swagger UI at /docs, to signed-in users
    (anyone, with `Settings.public_api_docs`)."""
    cache = OpenApiCache(app)

    async def openapi_json(request: Request) -> Response:
        if not await _signed_in(request):
            raise Unauthorized(SIGN_IN_FIRST)
        model = await run_in_threadpool(_current_model, api_of(request))
        return json_response(cache.document(model), headers={"Cache-Control": "no-store"})

    async def docs(request: Request) -> Response:
        if not await _signed_in(request):
            redirect = _login_redirect(request)
            if redirect is None:
                raise Unauthorized(SIGN_IN_FIRST)
            return redirect
        root = str(request.scope.get("root_path") or "")
        vendor = {key: f"{root}/vendor/{name}" for key, name in SWAGGER_FILES.items()}
        return get_swagger_ui_html(
            openapi_url=f"{root}{OPENAPI_URL}", title=f"{app.title} API",
            swagger_js_url=vendor["js"], swagger_css_url=vendor["css"],
            swagger_favicon_url=vendor["favicon"],
            # Swagger UI would otherwise show a badge loaded from validator.swagger.io.
            swagger_ui_parameters={"validatorUrl": None})

    app.add_route(OPENAPI_URL, openapi_json, include_in_schema=False)
    app.add_route("/docs", docs, include_in_schema=False)
