"""Type changes on tables with data: every value that converts is converted, the others are
listed as problems (count and record ids) or, on request, cleared and kept in the schema trash,
from where a rollback puts them back. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, insert, inspect
from sqlalchemy.exc import IntegrityError

from kartoteka.schema_engine import PlanRefused, apply, plan, rollback, trash_items
from kartoteka.schema_engine.definition import Document, Field
from kartoteka.schema_engine.tables import app_metadata, field_column, field_indexes
from tests.support.definitions import (
    MakeApp,
    add,
    column,
    document,
    entity_def,
    field_def,
    indexes,
)

UTC = dt.UTC


@dataclass(frozen=True)
class Retype:
    """One type change: stored values, what each becomes (BAD: cannot convert), and what a
    rollback gives back (by default the values as they were; converted text is rewritten)."""

    old: dict[str, Any]
    new: dict[str, Any]
    values: list[Any]
    expected: list[Any]
    ddl: bool = True
    back: list[Any] | None = None


BAD = object()
OPTIONS = {"options": ["lead", "active"]}
MULTI = {"options": ["a", "b"]}

CASES: dict[str, Retype] = {
    "integer->decimal": Retype(
        {"type": "integer"}, {"type": "decimal"}, [1, -5, None], [Decimal(1), Decimal(-5), None]
    ),
    "text->integer": Retype(
        {"type": "text"},
        {"type": "integer"},
        ["1 234", "42", " 7 ", "x", "1.5", None, "-3"],
        [1234, 42, 7, BAD, BAD, None, -3],
        back=["1234", "42", "7", "x", "1.5", None, "-3"],
    ),
    "text->decimal": Retype(
        {"type": "text"},
        {"type": "decimal"},
        ["1 234,5", "12.30", "abc"],
        [Decimal("1234.5"), Decimal("12.3"), BAD],
        back=["1234.5", "12.3", "abc"],
    ),
    "text->date": Retype(
        {"type": "text"},
        {"type": "date"},
        ["2024-01-31", "31.12.2023", "someday"],
        [dt.date(2024, 1, 31), dt.date(2023, 12, 31), BAD],
        back=["2024-01-31", "2023-12-31", "someday"],
    ),
    "decimal->integer": Retype(
        {"type": "decimal"},
        {"type": "integer"},
        [Decimal("2"), Decimal("2.5"), Decimal("-3.0"), Decimal("0.001")],
        [2, BAD, -3, BAD],
    ),
    "money->integer": Retype(
        {"type": "money"}, {"type": "integer"}, [Decimal("100"), Decimal("99.99")], [100, BAD]
    ),
    "text->select": Retype(
        {"type": "text"},
        {"type": "select", **OPTIONS},
        ["lead", "Active", "unknown"],
        ["lead", "active", BAD],
        back=["lead", "active", "unknown"],
    ),
    "select->text": Retype(
        {"type": "select", **OPTIONS}, {"type": "text"}, ["lead", None], ["lead", None]
    ),
    "select->stage": Retype(
        {"type": "select", **OPTIONS}, {"type": "stage", **OPTIONS}, ["lead"], ["lead"], False
    ),
    "money->decimal": Retype(
        {"type": "money"}, {"type": "decimal"}, [Decimal("1.25")], [Decimal("1.25")], False
    ),
    "text->long_text": Retype({"type": "text"}, {"type": "long_text"}, ["a\nb"], ["a\nb"], False),
    "integer->text": Retype({"type": "integer"}, {"type": "text"}, [5, None], ["5", None]),
    "text->boolean": Retype(
        {"type": "text"},
        {"type": "boolean"},
        ["yes", "нет", "maybe"],
        [True, False, BAD],
        back=["true", "false", "maybe"],
    ),
    "date->datetime": Retype(
        {"type": "date"},
        {"type": "datetime"},
        [dt.date(2024, 1, 2)],
        [dt.datetime(2024, 1, 2, tzinfo=UTC)],
    ),
    "datetime->date": Retype(
        {"type": "datetime"},
        {"type": "date"},
        [dt.datetime(2024, 1, 2, tzinfo=UTC), dt.datetime(2024, 1, 2, 10, 30, tzinfo=UTC)],
        [dt.date(2024, 1, 2), BAD],
    ),
    "text->multi_select": Retype(
        {"type": "text"},
        {"type": "multi_select", **MULTI},
        ["a", "a,b", "z"],
        [["a"], ["a", "b"], BAD],
        back=["a", "a, b", "z"],
    ),
    "multi_select->text": Retype(
        {"type": "multi_select", **MULTI}, {"type": "text"}, [["a", "b"]], ["a, b"]
    ),
    "text->email": Retype(
        {"type": "text"}, {"type": "email"}, ["a@b.test", "nope"], ["a@b.test", BAD], False
    ),
    "text->link": Retype(
        {"type": "text"},
        {"type": "link", "to": "tag"},
        ["1", "2", "99", "x"],
        [1, 2, BAD, BAD],
    ),
    "link->integer": Retype(
        {"type": "link", "to": "tag"}, {"type": "integer"}, [1, 2, None], [1, 2, None]
    ),
    "integer->link": Retype(
        {"type": "integer"}, {"type": "link", "to": "tag"}, [1, 7, None], [1, BAD, None]
    ),
}


def value_def(settings: dict[str, Any]) -> Field:
    return {"id": "fld_value", "name": "value", **settings}


def app(value_field: dict[str, Any]) -> Document:
    return {
        "entities": [
            entity_def("item", field_def("title", "text"), value_def(value_field)),
            entity_def("tag", field_def("label", "text")),
        ]
    }


Start = Callable[[dict[str, Any], list[Any]], Engine]


@pytest.fixture
def start(db_url: str, make_app: MakeApp) -> Start:
    """Factory: the app with this value field, two tags and an item per value."""

    def make(value_field: dict[str, Any], values: list[Any]) -> Engine:
        engine = make_app(app(value_field))
        add(engine, "tag", {"label": "red"}, {"label": "blue"})
        add(engine, "item", *({"title": f"#{i + 1}", "value": v} for i, v in enumerate(values)))
        return engine

    return make


def retyped(engine: Engine, new: dict[str, Any]) -> Document:
    doc = document(engine)
    doc["entities"][0]["fields"][1] = value_def(new)
    return doc


def values(engine: Engine) -> list[Any]:
    return column(engine, "item", "value")


def column_type(engine: Engine) -> str:
    found = next(c for c in inspect(engine).get_columns("item") if c["name"] == "value")
    return str(found["type"].compile(dialect=engine.dialect))


def value_indexes(engine: Engine) -> set[str]:
    return {name for name, (cols, _) in indexes(engine, "item").items() if cols == ("value",)}


def expected_indexes(doc: Document) -> set[str]:
    item = doc["entities"][0]
    return {spec.name for spec in field_indexes(item, item["fields"][1])}


def expected_type(engine: Engine, f: Field) -> str:
    return str(field_column(f).type.compile(dialect=engine.dialect))


@pytest.mark.parametrize("case", sorted(CASES))
def test_retype(start: Start, case: str) -> None:
    spec = CASES[case]
    engine = start(spec.old, spec.values)
    bad_ids = [i + 1 for i, v in enumerate(spec.expected) if v is BAD]
    new_doc = retyped(engine, spec.new)
    if bad_ids:
        with pytest.raises(PlanRefused) as refused:
            apply(engine, new_doc, author="admin")
        [problem] = refused.value.plan.problems
        assert (problem.entity, problem.field) == ("item", "value")
        assert problem.count == len(bad_ids)
        assert problem.records == bad_ids
        assert values(engine) == spec.values
        assert document(engine)["entities"][0]["fields"][1]["type"] == spec.old["type"]
    result = apply(engine, new_doc, author="admin", on_bad_values="clear")
    assert result.version == 2
    assert result.plan.ddl == spec.ddl
    assert values(engine) == [None if v is BAD else v for v in spec.expected]
    assert column_type(engine) == expected_type(engine, new_doc["entities"][0]["fields"][1])
    assert value_indexes(engine) == expected_indexes(new_doc)
    with engine.connect() as conn:
        kept = [t for t in trash_items(conn) if t.kind == "values"]
    assert [t.count for t in kept] == ([len(bad_ids)] if bad_ids else [])
    # a rollback restores the old type and puts every cleared value back
    rollback(engine, 1, author="admin")
    assert value_indexes(engine) == expected_indexes(app(spec.old))
    back = spec.values if spec.back is None else spec.back
    assert values(engine) == [_same_type(v, spec.old) for v in back]
    with engine.connect() as conn:
        assert [t for t in trash_items(conn) if t.kind == "values"] == []


def _same_type(value: Any, old: dict[str, Any]) -> Any:
    """A value after a round trip to another type and back (text stays text, numbers numbers)."""
    if old["type"] == "decimal" and value is not None:
        return Decimal(value)
    return value


def test_unique_field_stays_unique_through_a_retype(start: Start) -> None:
    engine = start({"type": "text", "unique": True}, ["1", "2", None, None])
    apply(engine, retyped(engine, {"type": "integer", "unique": True}), author="admin")
    assert value_indexes(engine) == {"uq_fld_value"}
    item = app_metadata(document(engine)).tables["item"]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(item).values(title="again", value=1))


def test_link_after_retype_is_a_real_foreign_key(start: Start) -> None:
    engine = start({"type": "text"}, ["1", "2"])
    apply(engine, retyped(engine, {"type": "link", "to": "tag"}), author="admin")
    item = app_metadata(document(engine)).tables["item"]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(item).values(title="bad", value=99))
    apply(engine, retyped(engine, {"type": "integer"}), author="admin")
    with engine.begin() as conn:
        conn.execute(insert(item).values(title="fine", value=99))
    assert values(engine) == [1, 2, 99]


def test_problem_lists_at_most_100_records_and_counts_all(start: Start) -> None:
    engine = start({"type": "text"}, ["x"] * 105 + ["7"])
    with engine.connect() as conn:
        the_plan = plan(document(engine), retyped(engine, {"type": "integer"}), conn)
    [problem] = the_plan.problems
    assert problem.count == 105
    assert problem.records == list(range(1, 101))
    assert problem.to_json()["count"] == 105 and len(problem.to_json()["records"]) == 100
    assert "105 item records have a value that is not a valid integer value" in problem.message


def test_values_changed_after_clearing_are_not_overwritten_by_rollback(start: Start) -> None:
    engine = start({"type": "text"}, ["x", "y", "3"])
    apply(engine, retyped(engine, {"type": "integer"}), author="admin", on_bad_values="clear")
    item = app_metadata(document(engine)).tables["item"]
    with engine.begin() as conn:
        conn.execute(item.update().where(item.c.id == 1).values(value=10))
    rollback(engine, 1, author="admin")
    assert values(engine) == ["10", "y", "3"]
    with engine.connect() as conn:
        [kept] = trash_items(conn)
    assert kept.kind == "values" and kept.count == 1 and kept.payload == [[1, "x"]]


def test_retype_of_a_renamed_field_in_one_change(start: Start) -> None:
    engine = start({"type": "text"}, ["1 000", "oops"])
    doc = retyped(engine, {"type": "integer"})
    doc["entities"][0]["fields"][1]["name"] = "quantity"
    with pytest.raises(PlanRefused) as refused:
        apply(engine, doc, author="admin")
    assert refused.value.plan.problems[0].field == "quantity"
    apply(engine, doc, author="admin", on_bad_values="clear")
    assert column(engine, "item", "quantity") == [1000, None]
