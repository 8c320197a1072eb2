"""Records read through the fast path give exactly what the generic conversion gives.

Lists convert moments, dates and decimals from the driver's raw values (serialize.RAW_CONVERTERS),
and on SQLite read the driver's own rows (query._Plan.prepared);
these tests store values through the record layer (and, for rows written by other tools, through
plain SQL) and compare each record with the same row read through SQLAlchemy's own type processing
and `json_value`, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from kartoteka.schema_engine.query.parse import query_from_params, run_query
from kartoteka.schema_engine.records.serialize import json_value
from tests.support.definitions import MakeApp
from tests.support.records import Records

DEFINITION: dict[str, Any] = {
    "entities": [{
        "name": "deal", "label": "Deal", "plural": "Deals", "title_field": "title",
        "fields": [
            {"name": "title", "type": "text"},
            {"name": "amount", "type": "decimal"},
            {"name": "price", "type": "money", "currency": "EUR"},
            {"name": "closed_on", "type": "date"},
            {"name": "signed_at", "type": "datetime"},
            {"name": "done", "type": "boolean"},
            {"name": "tags", "type": "multi_select", "options": ["a", "b", "c"]},
            {"name": "client", "type": "link", "to": "client"},
            {"name": "partners", "type": "links", "to": "client"},
        ],
    }, {
        "name": "client", "label": "Client", "plural": "Clients", "title_field": "name",
        "fields": [{"name": "name", "type": "text"}],
    }]
}
MOMENT_COLUMNS = ("signed_at", "created_at", "updated_at")


@pytest.fixture
def app(db_url: str, make_app: MakeApp) -> Records:
    return Records.open(make_app(DEFINITION))


def generic(app: Records, record_id: int) -> dict[str, Any]:
    """The stored row read with SQLAlchemy's type processing, each value through json_value."""
    table = app.model.table("deal")
    with app.engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == record_id)).one()
    return {key: json_value(value) for key, value in row._mapping.items()
            if not key.startswith("kt_")}


def listed(app: Records, record_id: int) -> dict[str, Any]:
    """The record as a list finds it (on SQLite, read from the driver's own rows)."""
    with app.engine.connect() as conn:
        query = query_from_params(app.model, "deal", [("id", str(record_id))])
        items = run_query(conn, app.model, query).items
    assert len(items) == 1
    return items[0]


def same_values(app: Records, record_id: int) -> None:
    fast = app.get("deal", record_id)
    assert json.dumps(listed(app, record_id)) == json.dumps(fast)  # true is not 1
    slow = generic(app, record_id)
    for key, value in slow.items():
        shown = fast[key]["id"] if isinstance(fast[key], dict) else fast[key]
        assert (key, shown, type(shown)) == (key, value, type(value))


moments = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1),
    timezones=st.just(dt.UTC),
)
decimals = st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    moment=moments | st.builds(lambda m: m.replace(microsecond=0), moments),
    amount=decimals | st.integers(-10**9, 10**9).map(Decimal),
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
    done=st.none() | st.booleans(),
    tags=st.none() | st.lists(st.sampled_from(["a", "b", "c"]), unique=True),
)
def test_a_record_reads_as_the_generic_conversion_gives(
    app: Records, moment: dt.datetime, amount: Decimal, day: dt.date, done: bool | None,
    tags: list[str] | None,
) -> None:
    client = app.create("client", {"name": "Acme"})
    created = app.create("deal", {
        "title": "x", "amount": str(amount), "price": str(amount),
        "closed_on": day.isoformat(), "signed_at": moment.isoformat(), "done": done,
        "tags": tags, "client": client["id"], "partners": [client["id"]],
    })
    same_values(app, created["id"])
    assert created["signed_at"] == moment.isoformat().replace("+00:00", "Z")
    assert Decimal(str(created["amount"])) == amount


def test_values_written_by_other_tools_read_the_same(app: Records) -> None:
    """A row changed with plain SQL (a BI tool, a script) in formats Kartoteka does not write."""
    record = app.create("deal", {"title": "x", "amount": "12.50",
                                 "signed_at": "2026-01-02T03:04:05Z"})
    with app.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("UPDATE deal SET signed_at = '2026-01-02 03:04:05', "
                              "updated_at = '2026-01-02T03:04:05.5', amount = '7' WHERE id = :id"),
                         {"id": record["id"]})
        else:
            conn.execute(text("UPDATE deal SET signed_at = '2026-01-02 05:04:05+02', "
                              "amount = 7.000 WHERE id = :id"), {"id": record["id"]})
    same_values(app, record["id"])
    read = app.get("deal", record["id"])
    assert (read["signed_at"], read["amount"]) == ("2026-01-02T03:04:05Z", 7)
