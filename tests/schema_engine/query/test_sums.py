"""Sums of money and decimals are exact on both databases: a totals row, grouped sums and a
board's columns add up to the cent, where SQLite's own SUM adds binary floats."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from kartoteka.schema_engine.query import parse as queries
from tests.support.definitions import entity_def, field_def
from tests.support.queries import add_rows, groups, model_of, shared_app

#: Amounts with cents whose float sum drifts (the first few thousand already do on SQLite).
_RNG = random.Random(20261204)
AMOUNTS = [Decimal(_RNG.randint(1, 10**9)) / 100 for _ in range(3000)]
AMOUNTS += [Decimal("-12.34"), Decimal("0.01"), Decimal("123456789.123456")]
STAGES = ["open", "won"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[Engine]:
    definition = {"entities": [entity_def(
        "deal", field_def("amount", "money", currency="EUR"), field_def("rate", "decimal"),
        field_def("units", "integer"),
        field_def("stage", "stage", options=STAGES, won=["won"]))]}
    with shared_app(request, tmp_path_factory.mktemp("sums"), definition) as engine:
        rows = [{"amount": a, "rate": a / 7 if i % 3 else None, "units": i,
                 "stage": STAGES[i % 2]} for i, a in enumerate(AMOUNTS)]
        add_rows(engine, "deal", *rows)
        yield engine


def _expected(stage: str | None = None) -> Decimal:
    return sum((a for i, a in enumerate(AMOUNTS) if stage in (None, STAGES[i % 2])), Decimal(0))


def test_a_totals_row_adds_money_to_the_cent(app: Engine) -> None:
    with app.connect() as conn:
        count, sums = queries.run_totals(conn, model_of(app), queries.Query("deal"),
                                         ["amount", "units"])
    assert count == len(AMOUNTS)
    assert sums["amount"] == _expected()
    assert sums["units"] == sum(range(len(AMOUNTS)))


def test_grouped_sums_add_money_to_the_cent(app: Engine) -> None:
    found = groups(app, "deal", {"group_by": "stage", "aggregate": {"amount": "sum"}})
    assert [(g["key"], Decimal(str(g["amount_sum"]))) for g in found] == [
        ("open", _expected("open")), ("won", _expected("won"))]


def test_an_empty_group_sums_to_zero_and_a_filter_is_followed(app: Engine) -> None:
    body = {"group_by": "stage", "aggregate": {"amount": "sum", "rate": "sum"},
            "filter": {"field": "stage", "op": "eq", "value": "won"}}
    found = {g["key"]: g for g in groups(app, "deal", body)}
    assert found["open"]["count"] == 0 and found["open"]["amount_sum"] == 0
    assert Decimal(str(found["won"]["amount_sum"])) == _expected("won")
