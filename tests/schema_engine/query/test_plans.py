"""Statements kept per query shape: a filter asked again with other values reuses the statement
built the first time, its values bound anew. As a property, on SQLite and PostgreSQL: over
random records, random filters of a few shapes (so that most examples reuse a kept statement),
searches too, find exactly the records Python finds, and count them alike."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete

from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.query.parse import query_from_json, query_from_params, run_query
from kartoteka.schema_engine.types import fold
from tests.support.definitions import entity_def, field_def
from tests.support.queries import cached_model, insert_rows, shared_app

OPTIONS = ["c", "a", "b"]
DAYS = [dt.date(2024, 1, 1), dt.date(2023, 12, 31), dt.date(2024, 2, 29)]
PRICES = [Decimal("0.5"), Decimal(1), Decimal("-3.25")]


def items() -> Document:
    return {"entities": [entity_def(
        "item",
        field_def("n", "integer"),
        field_def("price", "decimal"),
        field_def("stage", "select", options=OPTIONS),
        field_def("day", "date"),
        field_def("flag", "boolean"),
        field_def("label", "text"),
    )]}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    with shared_app(request, tmp_path_factory.mktemp("plans"), items()) as engine:
        yield engine


def _maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), values)


ROWS = st.lists(st.fixed_dictionaries({
    "n": _maybe(st.integers(-2, 2)),
    "price": _maybe(st.sampled_from(PRICES)),
    "stage": _maybe(st.sampled_from(OPTIONS)),
    "day": _maybe(st.sampled_from(DAYS)),
    "flag": _maybe(st.booleans()),
    "label": _maybe(st.text("aAbÁ", max_size=5)),
}), max_size=12)

Test = Callable[[Any], bool]
COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda x, v: x is not None and x == v,
    "ne": lambda x, v: x is None or x != v,
    "lt": lambda x, v: x is not None and x < v,
    "gte": lambda x, v: x is not None and x >= v,
    "in": lambda x, v: x is not None and x in v,
}


@st.composite
def conditions(draw: st.DrawFn) -> tuple[dict[str, Any], str, Test]:
    """One condition in the API's JSON form, and how Python reads it."""
    if draw(st.integers(0, 2)) == 0:  # a search: short terms read without the trigram index
        op = draw(st.sampled_from(["contains", "startswith"]))
        term = draw(st.text("aAbÁ", min_size=1, max_size=4))

        def found(x: Any) -> bool:
            if not x:
                return False
            return fold(term) in fold(x) if op == "contains" else fold(x).startswith(fold(term))

        return {"field": "label", "op": op, "value": term}, "label", found
    name, values = draw(st.sampled_from([
        ("n", st.integers(-2, 2)), ("price", st.sampled_from(PRICES)),
        ("stage", st.sampled_from(OPTIONS)), ("day", st.sampled_from(DAYS)),
        ("flag", st.booleans()),
    ]))
    ops = ["eq", "ne", "empty"] + (["lt", "gte", "in"] if name != "flag" else [])
    if name == "stage":
        ops = ["eq", "ne", "in", "empty"]
    op = draw(st.sampled_from(ops))
    if op == "empty":
        flag = draw(st.booleans())
        return ({"field": name, "op": op, "value": flag}, name,
                lambda x: (x is None) == flag)
    value = draw(st.lists(values, min_size=1, max_size=3) if op == "in" else values)
    shown = json.loads(json.dumps(value, default=str))
    return {"field": name, "op": op, "value": shown}, name, lambda x: COMPARE[op](x, value)


@st.composite
def filters(draw: st.DrawFn) -> tuple[dict[str, Any], Test]:
    """All or any of one to three conditions, perhaps negated."""
    parts = draw(st.lists(conditions(), min_size=1, max_size=3))
    kind = draw(st.sampled_from(["and", "or"]))
    combine = all if kind == "and" else any

    def test(row: Any) -> bool:
        return combine(check(row[name]) for _, name, check in parts)

    node: dict[str, Any] = {kind: [data for data, _, _ in parts]}
    if draw(st.booleans()):
        return {"not": node}, lambda row: not test(row)
    return node, test


def _store(engine: Engine, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    with engine.begin() as conn:
        conn.execute(delete(cached_model(conn).table("item")))
        new_ids = insert_rows(conn, "item", rows)
    return [{**row, "id": i} for row, i in zip(rows, new_ids, strict=True)]


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=ROWS, wanted=st.lists(filters(), min_size=1, max_size=4))
def test_a_kept_statement_finds_what_its_values_ask_for(
    app: Engine, rows: list[dict[str, Any]], wanted: list[tuple[dict[str, Any], Test]]
) -> None:
    stored = _store(app, rows)
    with app.connect() as conn:
        model = cached_model(conn)  # one model for every example: statements are kept in it
        for node, test in wanted:
            query = query_from_json(model, "item", {"filter": node, "count": True,
                                                    "limit": 500})
            page = run_query(conn, model, query)
            expected = sorted((row["id"] for row in stored if test(row)), reverse=True)
            assert [item["id"] for item in page.items] == expected, node
            assert page.count == len(expected), node


def test_a_query_string_asked_again_finds_the_records_of_the_moment(app: Engine) -> None:
    # The parsed query is kept per model by its parameters: the records are read anew.
    params = [("stage", "a"), ("n__gte", "0")]
    for rows in ([{"stage": "a", "n": 1}, {"stage": "b", "n": 1}],
                 [{"stage": "a", "n": 2}, {"stage": "a", "n": -1}, {"stage": "a", "n": 0}]):
        stored = _store(app, rows)
        with app.connect() as conn:
            model = cached_model(conn)
            page = run_query(conn, model, query_from_params(model, "item", params))
        expected = [row["id"] for row in reversed(stored) if row["stage"] == "a" and row["n"] >= 0]
        assert [item["id"] for item in page.items] == expected
