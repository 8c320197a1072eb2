"""Statements compiled once and run on the driver's cursor: what SQLAlchemy's execution gives."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Integer, MetaData, Table, Text, bindparam, insert, select

from kartoteka.schema_engine import connect
from kartoteka.schema_engine.prepared import Prepared, compile_statement
from kartoteka.schema_engine.tables import UtcDateTime

METADATA = MetaData()
EVENTS = Table("ev", METADATA, Column("id", Integer, primary_key=True), Column("name", Text),
               Column("at", UtcDateTime()))
NOON = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def test_parameters_are_converted_by_their_types_and_rows_come_back_as_tuples(
    db_url: str,
) -> None:
    engine = connect(db_url)
    try:
        with engine.begin() as conn:
            METADATA.create_all(conn)
            conn.execute(insert(EVENTS), [{"name": "early", "at": NOON - dt.timedelta(hours=1)},
                                          {"name": "late", "at": NOON + dt.timedelta(hours=1)}])
        after = Prepared(select(EVENTS.c.id, EVENTS.c.name)
                         .where(EVENTS.c.at > bindparam("moment", type_=UtcDateTime()))
                         .order_by(EVENTS.c.id))
        with engine.connect() as conn:
            assert after.first(conn, {"moment": NOON}) == (2, "late")
            assert after.first(conn, {"moment": NOON + dt.timedelta(days=1)}) is None
            assert conn.in_transaction()  # begun as SQLAlchemy begins it
    finally:
        with engine.begin() as conn:
            METADATA.drop_all(conn)
        engine.dispose()


def test_values_given_with_params_are_kept_and_a_run_may_replace_them(db_url: str) -> None:
    engine = connect(db_url)
    try:
        statement = (select(EVENTS.c.id).where(EVENTS.c.name == bindparam("name"))
                     .params(name="late"))
        compiled = compile_statement(statement, engine.dialect)
        assert "late" in _values(compiled.parameters({}))
        assert "early" in _values(compiled.parameters({"name": "early"}))
    finally:
        engine.dispose()


def _values(parameters: tuple[object, ...] | dict[str, object]) -> list[object]:
    return list(parameters.values()) if isinstance(parameters, dict) else list(parameters)
