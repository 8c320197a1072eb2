"""The HTTP application: `create_app(url_or_engine, settings=...)` gives a FastAPI app: the API
under `/api`, and the web UI (`kartoteka.ui`) on the other paths.

One database connection per request (the token check also reads the schema version, so that a
change applied by any process is used from the next request on), JSON written with orjson.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import Engine

from kartoteka import schema_engine as se
from kartoteka.api import auth as api_auth
from kartoteka.api import automation as api_automation
from kartoteka.api import files as api_files
from kartoteka.api import openapi
from kartoteka.api import records as api_records
from kartoteka.api import schema as api_schema
from kartoteka.api import stages as api_stages
from kartoteka.api import tasks as api_tasks
from kartoteka.api import timeline as api_timeline
from kartoteka.api.error_handlers import install_error_handlers
from kartoteka.platform import files
from kartoteka.platform.automation import Worker
from kartoteka.platform.automation import install as install_automations
from kartoteka.platform.context import Api
from kartoteka.platform.responses import JsonResponse
from kartoteka.platform.tables import create_platform_tables
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import current_version
from kartoteka.settings import Settings

TITLE = "Kartoteka"


def create_app(url_or_engine: str | Engine, *, settings: Settings | None = None) -> FastAPI:
    """The API over an initialized database; an engine given is the caller's to dispose of."""
    settings = settings or Settings()
    owned = isinstance(url_or_engine, str)
    engine = _engine(url_or_engine, settings) if isinstance(url_or_engine, str) else url_or_engine
    assert isinstance(engine, Engine)
    api = Api(engine, settings)
    files.configure(engine, settings.data_dir)
    prepare(api)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The automation worker runs beside the requests unless told not to (`--no-worker`).
        worker = Worker(engine, api.models) if settings.worker else None
        if worker:
            worker.start()
        yield
        if worker:
            worker.stop()
        if owned:
            engine.dispose()

    app = FastAPI(title=TITLE, version=_version(), openapi_url=None, docs_url=None,
                  redoc_url=None, default_response_class=JsonResponse, lifespan=lifespan)
    app.state.api = api
    for module in (api_auth, api_schema, api_records, api_stages, api_tasks,
                   api_timeline, api_files, api_automation):
        app.include_router(module.router)
    install_error_handlers(app)
    openapi.install(app)
    # The one place the platform reaches up to the UI: this is where the parts are put
    # together. The UI comes last, so that its routes and error pages never shadow the API's.
    from kartoteka.ui import install_ui

    install_ui(app, api)
    return app


def _engine(url: str, settings: Settings) -> Engine:
    # As many connections as request threads (Starlette's pool has 40), so none waits for one.
    return se.connect(url, pool_size=settings.pool_size, max_overflow=settings.pool_size)


def prepare(api: Api) -> None:
    """Refuse a database without an app; add platform tables it lacks; load the model."""
    with write_connection(api.engine) as conn:
        se.current(conn)  # raises NotInitialized
        create_platform_tables(conn)
        conn.commit()
    install_automations()  # writes through this app queue the rules they start
    with api.engine.connect() as conn:
        api.models.get(conn, current_version(conn))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kartoteka")
    except PackageNotFoundError:
        return "0"
