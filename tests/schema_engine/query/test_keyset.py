"""Keyset paging, as a property: over random records with duplicate and empty values, pages of
random sizes cover every record exactly once, in the order of one big sorted query, which
itself sorts as Python does with empty values last. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from itertools import cycle
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete

from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.types import fold
from tests.support.definitions import entity_def, field_def
from tests.support.queries import all_pages, cached_model, ids, insert_rows, shared_app

OPTIONS = ["c", "a", "b"]  # option order is not alphabetical order
SORTABLE = ("n", "price", "label", "stage", "day", "flag", "at")


def items() -> Document:
    return {
        "entities": [
            entity_def(
                "item",
                field_def("n", "integer"),
                field_def("price", "decimal"),
                field_def("label", "text"),
                field_def("stage", "select", options=OPTIONS),
                field_def("day", "date"),
                field_def("flag", "boolean"),
                field_def("at", "datetime"),
            )
        ]
    }


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    with shared_app(request, tmp_path_factory.mktemp("paging"), items()) as engine:
        yield engine


def _maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), values)


ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "n": _maybe(st.integers(-2, 2)),
            "price": _maybe(st.sampled_from([Decimal("0.5"), Decimal(1), Decimal("-3.25")])),
            "label": _maybe(st.sampled_from(["a", "ab", "b", "", "B", "Ab"])),
            "stage": _maybe(st.sampled_from(OPTIONS)),
            "day": _maybe(st.sampled_from([dt.date(2024, 1, 1), dt.date(2023, 12, 31)])),
            "flag": _maybe(st.booleans()),
            "at": _maybe(
                st.sampled_from(
                    [
                        dt.datetime(2024, 1, 1, 10, tzinfo=dt.UTC),
                        dt.datetime(2024, 1, 1, 10, 0, 0, 500, tzinfo=dt.UTC),
                    ]
                )
            ),
            "trashed": st.booleans() | st.just(False),
        }
    ),
    max_size=14,
)
SORTS = st.lists(
    st.tuples(st.sampled_from(SORTABLE), st.booleans()), max_size=3, unique_by=lambda k: k[0]
)


def _store(engine: Engine, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace the items with `rows`; returns the live ones, with their ids."""
    moment = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(delete(cached_model(conn).table("item")))
        values = [
            {
                **{k: v for k, v in row.items() if k != "trashed"},
                "deleted_at": moment if row["trashed"] else None,
            }
            for row in rows
        ]
        new_ids = insert_rows(conn, "item", values)
    return [{**row, "id": i} for row, i in zip(rows, new_ids, strict=True) if not row["trashed"]]


def _python_order(rows: list[dict[str, Any]], keys: list[tuple[str, bool]]) -> list[int]:
    """Ids sorted as the query language says: each key in its direction, empty values last,
    then id in the direction of the first key (select options in their order, text folded:
    "B" with "b", and empty text is no value)."""
    first_descending = keys[0][1] if keys else True
    ordered = sorted(rows, key=lambda r: r["id"], reverse=first_descending)
    for name, descending in reversed(keys):
        present = [r for r in ordered if r[name] not in (None, "")]
        empty = [r for r in ordered if r[name] in (None, "")]
        rank = {"stage": OPTIONS.index, "label": fold}.get(name, lambda v: v)
        ordered = sorted(present, key=lambda r: rank(r[name]), reverse=descending) + empty
    return [r["id"] for r in ordered]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=ROWS, keys=SORTS, sizes=st.lists(st.integers(1, 5), min_size=1, max_size=4))
def test_pages_cover_every_record_once_in_sort_order(
    app: Engine, rows: list[dict[str, Any]], keys: list[tuple[str, bool]], sizes: list[int]
) -> None:
    live = _store(app, rows)
    sort = ",".join(("-" if descending else "") + name for name, descending in keys)
    query = f"sort={sort}" if sort else ""
    whole = ids(app, "item", f"{query}&limit=500")
    assert whole == _python_order(live, keys)
    pages = all_pages(app, "item", query, cycle(sizes))
    assert [i for p in pages for i in p] == whole
    assert all(p for p in pages) or whole == []
