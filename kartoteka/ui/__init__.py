"""The web UI: server-rendered pages (Jinja2 + htmx) over the platform's records and sessions.

Public API:
- `install_ui(app, api)`: add the pages, `/static`, `/vendor` and the error pages to the app
  that `kartoteka.app.create_app` builds (it calls this, after `kartoteka.api.install_api`).

Pages: `/login`, `/logout`, `/` (the first entity's list), `/records/{entity}` (list with
search, sort, filters from the query string and keyset pages), `/records/{entity}/{id}` (the
record card with its related lists, edited in place: `/edit`), `/records/{entity}/new` (a new
record's form), `/records/{entity}/board` (the kanban board of an entity
with a stage field), `/records/{entity}/{id}/timeline` (its history), `.../trash` and
`.../restore`, `/search` (every entity at once), `/schema` (the schema builder, for
administrators: routes_schema), `/tasks` (my tasks, with reminders: routes_tasks), `/account`
(my time zone and language: routes_account), `/automations` (the automation rules and their
recent runs, for administrators: routes_automations), `/records/{entity}/pipeline` (each
stage's figures:
routes_pipeline), `/documents` (document templates, for administrators) and `/files/{id}`
(downloads: routes_documents). Every page answers with
`Server-Timing: app;dur=<ms>` (timing.py).
"""

from __future__ import annotations

from fastapi import FastAPI

from kartoteka.platform.context import Api
from kartoteka.ui.assets import install_assets
from kartoteka.ui.context import Ui
from kartoteka.ui.error_pages import install_error_pages
from kartoteka.ui.pages.account import routes as routes_account
from kartoteka.ui.pages.auth import routes as routes_auth
from kartoteka.ui.pages.automations import routes as routes_automations
from kartoteka.ui.pages.board import pipeline as routes_pipeline
from kartoteka.ui.pages.board import routes as routes_board
from kartoteka.ui.pages.card import buttons as routes_buttons
from kartoteka.ui.pages.card import routes as routes_records
from kartoteka.ui.pages.documents import routes as routes_documents
from kartoteka.ui.pages.list import routes as routes_list
from kartoteka.ui.pages.schema import routes as routes_schema
from kartoteka.ui.pages.search import routes as routes_search
from kartoteka.ui.pages.tasks import routes as routes_tasks
from kartoteka.ui.pages.timeline import routes as routes_timeline
from kartoteka.ui.pages.trash import routes as routes_trash
from kartoteka.ui.timing import ServerTiming

__all__ = ["install_ui"]


def install_ui(app: FastAPI, api: Api) -> Ui:
    """Add the UI's routes to `app` (after the API's: they must not shadow `/api`)."""
    ui = Ui(api)
    app.state.ui = ui
    api.caller_checks.append(ui.knows_session)  # a signed-in browser may send large forms
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
