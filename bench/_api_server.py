"""The server of bench/api.py: the app of `kartoteka serve`, plus one baseline route.

The app is built and run exactly as `kartoteka serve --db URL` builds and runs it (`create_app(url)`
and `serve.run`). The one route added, `/bench/sql/...`, runs the SQL that the matching route
of `/api/records/...` runs, and nothing else: no token check, no model lookup, no record shaping.
bench/api.py times each read against its twin here, so that what the API adds to its SQL shows.

    GET /bench/sql/{entity}?<params>   the statements of GET /api/records/{entity}?<params>: the
                                       page (`page_select`) and, with count=true, the count
                                       (`count_select`)
    GET /bench/sql/{entity}/{id}       the select of `records.get_record` for that id

Each statement is compiled once, on the first request for its path and query string (SQL text and
bound values, the id of a record aside); every request then takes a pooled connection where the
records API runs its reads (on the event loop while short: kartoteka.platform.loop_reads), runs
the SQL text with `exec_driver_sql` and answers the rows as JSON (orjson), one list per
statement. The statements are compiled for the schema of their first request: change the schema
afterwards and they stay as they were (bench/api.py adds fields only after its reads).

    python bench/_api_server.py --db URL [--host 127.0.0.1] [--port 8000]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import FastAPI, Request, Response
from sqlalchemy import BindParameter, Connection, Dialect, Engine
from sqlalchemy.sql import Executable

from kartoteka.app import create_app
from kartoteka.cli.serve import address, run
from kartoteka.platform.context import Api
from kartoteka.platform.loop_reads import Budget, SlowReads, budgeted, run_read
from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.model import AppModel, current_version
from kartoteka.schema_engine.prepared import CompiledStatement, compile_statement
from kartoteka.schema_engine.records import reader


@dataclass(frozen=True)
class Statement:
    """A statement compiled as the driver takes it (`prepared.compile_statement`: its own values
    converted by their types, as `Connection.execute` converts them), and the bound parameter
    given at each execution (the id of a record), if any."""

    compiled: CompiledStatement
    variable: str | None = None

    @property
    def sql(self) -> str:
        return self.compiled.sql

    def params(self, value: Any = None) -> tuple[Any, ...] | dict[str, Any]:
        """The parameters of one execution, with `value` for the variable one."""
        given = {} if self.variable is None else {self.variable: value}
        return self.compiled.parameters(given)


def compile_one(
    statement: Executable, dialect: Dialect, variable: BindParameter[Any] | None = None
) -> Statement:
    """`statement` on `dialect`; `variable`, a parameter of it, is given at each execution."""
    compiled = compile_statement(statement, dialect)
    return Statement(compiled, None if variable is None else compiled.bind_names[variable])


def list_statements(
    conn: Connection, model: AppModel, entity: str, params: Sequence[tuple[str, str]]
) -> list[Statement]:
    """What GET /api/records/{entity}?<params> runs: the page, then the count if asked for."""
    query = queries.query_from_params(model, entity, params)
    statements: list[Executable] = [queries.page_select(conn.dialect.name, model, query)[0]]
    if query.count:
        statements.append(queries.count_select(model, query))
    return [compile_one(s, conn.dialect) for s in statements]


def record_statements(conn: Connection, model: AppModel, entity: str) -> list[Statement]:
    """What GET /api/records/{entity}/{id} runs: the select of `records.get_record`, built as it
    builds it, its id given at each execution."""
    records = reader(model, entity)
    is_the_record = records.table.c.id == 0
    select_one = records.select().where(is_the_record)
    assert isinstance(is_the_record.right, BindParameter)
    return [compile_one(select_one, conn.dialect, variable=is_the_record.right)]


def add_baseline(app: FastAPI) -> None:
    """Add the routes of /bench/sql to the app (see the module's docstring)."""
    api: Api = app.state.api
    engine: Engine = api.engine
    compiled: dict[tuple[str, ...], list[Statement]] = {}

    def statements(key: tuple[str, ...], build: Callable[[Connection, AppModel],
                                                         list[Statement]]) -> list[Statement]:
        found = compiled.get(key)
        if found is None:
            with engine.connect() as conn:
                model = api.models.get(conn, current_version(conn))
                found = compiled[key] = build(conn, model)
        return found

    def run(found: list[Statement], budget: Budget | None, value: Any = None) -> bytes:
        with engine.connect() as conn, budgeted(conn, budget):
            answers = [
                [tuple(row) for row in conn.exec_driver_sql(s.sql, s.params(value)).fetchall()]
                for s in found
            ]
        return orjson.dumps(answers, default=str)

    slow = SlowReads()

    async def answer(work: Callable[[Budget | None], bytes], key: Hashable) -> Response:
        # Where the records API runs its reads (on the event loop while short), so here too.
        body = await run_read(work, api.loop_budget, slow, key)
        return Response(body, media_type="application/json")

    async def sql_list(request: Request, entity: str) -> Response:
        params = list(request.query_params.multi_items())

        def work(budget: Budget | None) -> bytes:
            found = statements(
                ("list", entity, request.url.query),
                lambda conn, model: list_statements(conn, model, entity, params))
            return run(found, budget)

        return await answer(work, ("list", entity, request.url.query))

    async def sql_record(entity: str, record_id: int) -> Response:
        def work(budget: Budget | None) -> bytes:
            found = statements(
                ("record", entity),
                lambda conn, model: record_statements(conn, model, entity))
            return run(found, budget, record_id)

        return await answer(work, ("record", entity, record_id))

    app.add_api_route("/bench/sql/{entity}", sql_list, methods=["GET"], include_in_schema=False)
    app.add_api_route("/bench/sql/{entity}/{record_id}", sql_record, methods=["GET"],
                      include_in_schema=False)
    # Starlette tries routes in order: the twins go right before the records API's routes, so
    # that finding them costs what finding those costs (at the end, after the UI's, it would
    # cost more and flatter the ratios).
    routes = app.router.routes
    twins = routes[-2:]
    del routes[-2:]
    at = next(i for i, route in enumerate(routes) if _serves_records(route))
    routes[at:at] = twins


def _serves_records(route: Any) -> bool:
    """Whether a route of the app (a router included whole, or a route) serves /api/records."""
    router = getattr(route, "original_router", None)
    path = getattr(router, "prefix", None) or getattr(route, "path", "")
    return str(path).startswith("/api/records")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, metavar="URL", help="an initialized database")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    app = create_app(args.db)
    add_baseline(app)
    print(f"Serving {address(args.host, args.port)} with /bench/sql; stop with Ctrl+C.",
          flush=True)
    run(app, args.host, args.port)


if __name__ == "__main__":
    main()
