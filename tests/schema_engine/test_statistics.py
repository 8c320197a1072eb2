"""Planner statistics: a table is measured when it has grown, not on every write, on SQLite and
PostgreSQL alike (autovacuum would measure it, but up to a minute after a bulk load)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from kartoteka.schema_engine.statistics import SMALL, refresh_statistics
from tests.support.definitions import MakeApp
from tests.support.records import Records

DEFINITION: dict[str, Any] = {
    "entities": [{
        "name": "deal", "label": "Deal", "plural": "Deals", "title_field": "title",
        "fields": [
            {"name": "title", "type": "text"},
            {"name": "stage", "type": "select", "options": ["new", "won", "lost"]},
        ],
    }]
}


def add_deals(app: Records, count: int) -> None:
    stages = ("new", "won", "lost")
    app.create_many("deal", [{"title": f"d{i}", "stage": stages[i % 3]} for i in range(count)])


def measured_rows(engine: Engine) -> int | None:
    """The row count the planner's statistics hold for the deal table (None: never measured)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            tuples = conn.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'deal'"))
            return int(value) if (value := tuples.scalar()) and value > 0 else None
        exists = text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not conn.execute(exists).first():
            return None
        stat = conn.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'deal'")).scalar()
    return int(stat.split()[0]) if stat else None


def test_a_table_is_measured_once_it_is_big_and_again_when_it_has_doubled(
    db_url: str, make_app: MakeApp
) -> None:
    app = Records.open(make_app(DEFINITION))
    if db_url.startswith("postgresql"):  # autovacuum measuring meanwhile would blur the test
        with app.engine.begin() as conn:
            conn.execute(text("ALTER TABLE deal SET (autovacuum_enabled = false)"))
    add_deals(app, SMALL // 2)
    assert refresh_statistics(app.engine, ["deal"]) == []  # small: any plan is fast
    assert measured_rows(app.engine) is None

    add_deals(app, SMALL)
    assert refresh_statistics(app.engine, ["deal"]) == ["deal"]
    first = measured_rows(app.engine)
    assert first is not None and first > SMALL // 2

    add_deals(app, 500)  # grown, but far from doubled: nothing to do
    assert refresh_statistics(app.engine, ["deal"]) == []
    # New indexes: SQLite measures each index, PostgreSQL each column (nothing new to measure)
    forced = refresh_statistics(app.engine, ["deal"], force=True)
    assert forced == ([] if db_url.startswith("postgresql") else ["deal"])

    add_deals(app, 3 * SMALL)
    assert refresh_statistics(app.engine, ["deal"]) == ["deal"]
    second = measured_rows(app.engine)
    assert second is not None and second > first
