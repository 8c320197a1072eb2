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
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from kartoteka import schema_engine as se
from kartoteka.api import install_api
from kartoteka.platform import files
from kartoteka.platform.automation import Worker
from kartoteka.platform.automation import install as install_automations
from kartoteka.platform.bodies import BodyLimits
from kartoteka.platform.context import Api
from kartoteka.platform.hooks import install_hooks
from kartoteka.platform.i18n import RequestLanguage
from kartoteka.platform.request_ids import RequestIds
from kartoteka.platform.responses import JsonResponse
from kartoteka.platform.tables import upgrade_tables
from kartoteka.platform.unique_upgrade import upgrade_unique_keys
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.fast_paths import OPTION as FAST_PATHS_OPTION
from kartoteka.schema_engine.fast_paths import FastPaths, fast_paths
from kartoteka.schema_engine.limits import with_limits
from kartoteka.schema_engine.model import current_version
from kartoteka.schema_engine.shapes import Document
from kartoteka.settings import Settings
from kartoteka.ui import install_ui

TITLE = "Kartoteka"


def create_app(url_or_engine: str | Engine, *, settings: Settings | None = None) -> FastAPI:
    """The API over an initialized database; an engine given is the caller's to dispose of."""
    settings = settings or Settings()
    install_hooks()  # definitions applied through this app have their templates checked
    owned = isinstance(url_or_engine, str)
    engine = _engine(url_or_engine, settings) if isinstance(url_or_engine, str) else url_or_engine
    assert isinstance(engine, Engine)
    engine = with_limits(with_fast_paths(engine, settings.fast_paths), settings.limits)
    api = Api(engine, settings)
    files.configure(engine, settings.data_dir)
    prepare(api)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The automation worker runs beside the requests unless told not to (`--no-worker`).
        worker = Worker(engine, api.models, settings=settings) if settings.worker else None
        if worker:
            worker.start()
        yield
        if worker:
            worker.stop()
        if owned:
            engine.dispose()

    app = FastAPI(title=TITLE, version=_version(), openapi_url=None, docs_url=None,
                  redoc_url=None, default_response_class=JsonResponse, lifespan=lifespan)
    install_api(app, api)
    # The UI comes last, so that its routes and error pages never shadow the API's.
    install_ui(app, api)
    # Innermost of the four: a body is refused before anything reads it.
    app.add_middleware(BodyLimits, settings=settings, knows_caller=api.knows_caller)
    # Every layer inside sees the client's address, from X-Forwarded-For only when a trusted
    # proxy sends it (the servers run with uvicorn's own reading of it off).
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
    # Every request, its refusals and error answers included, knows its language
    # (platform/i18n).
    app.add_middleware(RequestLanguage, latest=lambda: _latest_definition(api))
    # Outermost: every answer, a refused body's too, carries its request id.
    app.add_middleware(RequestIds)
    return app


def _latest_definition(api: Api) -> Document | None:
    model = api.models.latest
    return model.doc if model is not None else None


def _engine(url: str, settings: Settings) -> Engine:
    # As many connections as request threads (Starlette's pool has 40), so none waits for one.
    return se.connect(url, pool_size=settings.pool_size, max_overflow=settings.pool_size,
                      fast_paths=settings.fast_paths, limits=settings.limits,
                      synchronous=settings.sqlite_synchronous)


def with_fast_paths(engine: Engine, chosen: FastPaths) -> Engine:
    """`engine`, or a copy sharing its pool, whose reads take the fast paths of the settings."""
    if fast_paths(engine) == chosen:
        return engine
    return engine.execution_options(**{FAST_PATHS_OPTION: chosen})


def prepare(api: Api) -> None:
    """Refuse a database without an app; add platform tables it lacks, and unique keys to its
    app's fields; load the model."""
    with write_connection(api.engine) as conn:
        se.current(conn)  # raises NotInitialized
        upgrade_tables(conn)
        conn.commit()
    upgrade_unique_keys(api.engine)
    install_automations()  # writes through this app queue the rules they start
    with api.engine.connect() as conn:
        api.models.get(conn, current_version(conn))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kartoteka")
    except PackageNotFoundError:
        return "0"
