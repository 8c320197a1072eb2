"""The web UI: server-rendered pages (Jinja2 + htmx) over the platform's records and sessions.

Public API:
- `install_ui(app, api)`: add the pages, `/static`, `/vendor` and the error pages to the app
  that `kartoteka.platform.create_app` builds (it calls this).

Pages: `/login`, `/logout`, `/` (the first entity's list), `/records/{entity}` (list with
search, sort, filters from the query string and keyset pages), `/records/{entity}/{id}` (the
record card with its related lists, edited in place: `/edit`), `/records/{entity}/new` (a new
record's form), `/records/{entity}/board` (the kanban board of an entity
with a stage field), `/records/{entity}/{id}/timeline` (its history), `.../trash` and
`.../restore`, `/search` (every entity at once), `/schema` (the schema builder, for
administrators: routes_schema), `/tasks` (my tasks, with reminders: routes_tasks), `/account`
(my time zone: routes_account), `/automations` (the automation rules and their recent runs,
for administrators: routes_automations), `/records/{entity}/pipeline` (each stage's figures:
routes_pipeline), `/documents` (document templates, for administrators) and `/files/{id}`
(downloads: routes_documents). Every page answers with
`Server-Timing: app;dur=<ms>` (timing.py).
"""

from __future__ import annotations

from fastapi import FastAPI

from kartoteka.platform.context import Api

from . import (
    routes_account,
    routes_auth,
    routes_automations,
    routes_board,
    routes_buttons,
    routes_documents,
    routes_list,
    routes_pipeline,
    routes_records,
    routes_schema,
    routes_search,
    routes_tasks,
    routes_timeline,
    routes_trash,
)
from .assets import install_assets
from .context import Ui
from .error_pages import install_error_pages
from .timing import ServerTiming

__all__ = ["install_ui"]


def install_ui(app: FastAPI, api: Api) -> Ui:
    """Add the UI's routes to `app` (after the API's: they must not shadow `/api`)."""
    ui = Ui(api)
    app.state.ui = ui
    install_assets(app, api.settings.vendor_dir)
    # routes_records last: its card route takes any `/records/{entity}/{word}`.
    for module in (routes_auth, routes_list, routes_board, routes_search, routes_timeline,
                   routes_trash, routes_schema, routes_tasks, routes_account,
                   routes_automations, routes_pipeline, routes_buttons, routes_documents,
                   routes_records):
        app.include_router(module.router)
    install_error_pages(app, ui.templates)
    app.add_middleware(ServerTiming)
    return ui
