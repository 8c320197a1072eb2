"""Helpers of the query and search tests: a shared app per module and database, rows written
with SQLAlchemy Core (search columns included), queries run the way the API runs them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from sqlalchemy import Connection, Engine, insert

from kartoteka.schema_engine import connect, initialize
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.model import AppModel, current_version, load_model
from kartoteka.schema_engine.query.parse import (
    Page,
    Query,
    query_from_json,
    query_from_params,
    run_groups,
    run_query,
)
from kartoteka.schema_engine.search.folded import shadow_values
from tests.support.databases import fresh_pg_database
from tests.support.definitions import entity_def, field_def

STAGES = ["new", "qualified", "proposal", "won", "lost"]


def crm() -> Document:
    """Clients, deals and rates: a field of each kind the queries filter, sort and sum on."""
    return {
        "entities": [
            entity_def(
                "client",
                field_def("name", "text"),
                field_def("city", "text"),
                field_def("email", "email"),
                field_def("status", "select", options=["lead", "active", "vip", "lost"]),
                field_def("tags", "multi_select", options=["a", "b", "c"]),
                title_field="name",
            ),
            entity_def(
                "deal",
                field_def("title", "text"),
                field_def("amount", "money", currency="EUR"),
                field_def("stage", "stage", options=STAGES, won=["won"], lost=["lost"]),
                field_def("closed_on", "date", label="Closed on"),
                field_def("client", "link", to="client"),
                field_def("partners", "links", to="client"),
                field_def("done", "boolean"),
                field_def("note", "long_text"),
                title_field="title",
            ),
            entity_def("rate", field_def("value", "decimal")),
        ]
    }


@contextmanager
def shared_app(request: pytest.FixtureRequest, tmp: Path, definition: Document) -> Iterator[Engine]:
    """An app for a whole test module on the database `request.param` names."""
    if request.param == "sqlite":
        engine = connect(f"sqlite:///{tmp / 'app.db'}")
        initialize(engine, definition, author="admin")
        yield engine
        engine.dispose()
        return
    server = str(request.getfixturevalue("pg_server_url"))
    with fresh_pg_database(server) as url:
        engine = connect(url)
        initialize(engine, definition, author="admin")
        yield engine
        engine.dispose()


_MODELS: dict[tuple[str, int], AppModel] = {}


def cached_model(conn: Connection) -> AppModel:
    """The current model, built once per database and version (as the platform caches it)."""
    key = (str(conn.engine.url), current_version(conn))
    if key not in _MODELS:
        _MODELS[key] = load_model(conn)
    return _MODELS[key]


def insert_rows(conn: Connection, entity: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Write records as the records API does: values, search columns, many-to-many pairs."""
    model = cached_model(conn)
    table = model.table(entity)
    fields = model.fields(entity)
    ids = []
    for row in rows:
        values = {k: v for k, v in row.items() if k not in fields or fields[k]["type"] != "links"}
        statement = insert(table).values(**values, **shadow_values(model, entity, values))
        record_id = int(conn.execute(statement).inserted_primary_key[0])
        ids.append(record_id)
        for name, targets in row.items():
            if name in fields and fields[name]["type"] == "links":
                junction = model.junction(entity, fields[name])
                pairs = [
                    {junction.source.name: record_id, junction.target.name: t} for t in targets
                ]
                conn.execute(insert(junction.table), pairs)
    return ids


def add_rows(engine: Engine, entity: str, *rows: Mapping[str, Any]) -> list[int]:
    with engine.begin() as conn:
        return insert_rows(conn, entity, rows)


def model_of(engine: Engine) -> AppModel:
    with engine.connect() as conn:
        return cached_model(conn)


def params(text: str) -> list[tuple[str, str]]:
    """'stage=won&amount__gt=5000' as the API hands it over."""
    return parse_qsl(text, keep_blank_values=True)


def page(engine: Engine, entity: str, text: str) -> Page:
    with engine.connect() as conn:
        model = cached_model(conn)
        return run_query(conn, model, query_from_params(model, entity, params(text)))


def ids(engine: Engine, entity: str, text: str) -> list[int]:
    """Ids of the first page of `GET /api/records/{entity}?{text}`."""
    return [record["id"] for record in page(engine, entity, text).items]


def json_page(engine: Engine, entity: str, body: Any) -> Page:
    with engine.connect() as conn:
        model = cached_model(conn)
        return run_query(conn, model, query_from_json(model, entity, body))


def json_ids(engine: Engine, entity: str, body: Any) -> list[int]:
    return [record["id"] for record in json_page(engine, entity, body).items]


def groups(engine: Engine, entity: str, body: Any) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        model = cached_model(conn)
        return run_groups(conn, model, query_from_json(model, entity, body))


def all_pages(engine: Engine, entity: str, text: str, sizes: Iterator[int]) -> list[list[int]]:
    """Every page of a query, following next_cursor, with page sizes taken from `sizes`."""
    pages: list[list[int]] = []
    cursor = None
    with engine.connect() as conn:
        model = cached_model(conn)
        while True:
            given = [*params(text), ("limit", str(next(sizes)))]
            if cursor:
                given.append(("cursor", cursor))
            result = run_query(conn, model, query_from_params(model, entity, given))
            pages.append([record["id"] for record in result.items])
            cursor = result.next_cursor
            if cursor is None:
                return pages


def checked(model: AppModel, entity: str, text: str) -> Query:
    return query_from_params(model, entity, params(text))
