"""The HTTP API under `/api` (FastAPI), with its OpenAPI document at `/openapi.json` and `/docs`.

Public API:
- `install_api(app, api)`: add every route of the API, its JSON error answers and its OpenAPI
  document to the app that `kartoteka.app.create_app` builds (it calls this before the UI's).

Modules, one per family of routes: `auth` (tokens), `schema` (the definition, plan, apply,
history), `records` (`/api/records/{entity}`), `stages` (stage history and pipeline figures),
`tasks`, `timeline`, `files` (uploads, downloads, generated documents), `automation` (button
rules); `openapi` and `openapi_entities` (the typed document per entity), `error_handlers`,
`request_body` (JSON bodies checked).
"""

from __future__ import annotations

from fastapi import FastAPI

from kartoteka.api import auth, automation, files, openapi, records, schema, stages, tasks, timeline
from kartoteka.api.error_handlers import install_error_handlers
from kartoteka.platform.context import Api

__all__ = ["install_api"]

#: The API's route families, in the order their routes are matched.
ROUTERS = (auth, schema, records, stages, tasks, timeline, files, automation)


def install_api(app: FastAPI, api: Api) -> None:
    """Serve `api` (the engine, settings and models every route reads) under `/api` in `app`."""
    app.state.api = api
    for module in ROUTERS:
        app.include_router(module.router)
    install_error_handlers(app)
    openapi.install(app)
