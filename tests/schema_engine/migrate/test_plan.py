"""The planner: operations and problems measured on the data, shown before anything happens.

A plan never writes; an apply with problems refuses and changes nothing; an apply re-plans in
its own transaction, so data changed after the plan was shown is taken into account.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, update

from kartoteka.schema_engine import DefinitionInvalid, Plan, PlanRefused, apply, current, plan
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.tables import app_metadata
from tests.support.definitions import (
    MakeApp,
    add,
    document,
    edited,
    entity,
    entity_def,
    field,
    field_def,
    without_ids,
)


def crm() -> Document:
    return {
        "entities": [
            entity_def(
                "client",
                field_def("name", "text"),
                field_def("email", "email"),
                field_def("city", "text"),
                field_def("status", "select", options=["lead", "active", "vip"]),
                field_def("labels", "multi_select", options=["a", "b", "c"]),
            ),
            entity_def(
                "deal",
                field_def("title", "text"),
                field_def(
                    "stage", "stage", options=["new", "won", "lost"], won=["won"], lost=["lost"]
                ),
                field_def("tags", "links", to="client"),
            ),
        ]
    }


TRASHED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
CLIENTS = [
    {"name": "Acme", "email": "a@x.test", "city": "Paris", "status": "lead", "labels": ["a"]},
    {"name": "", "email": "a@x.test", "city": None, "status": "vip", "labels": ["a", "b"]},
    {"name": "  ", "email": "b@x.test", "city": "Oslo", "status": "vip", "labels": None},
    {"name": None, "email": "b@x.test", "city": "Rome", "status": None, "labels": ["c"]},
    {"name": "Zed", "email": "c@x.test", "city": "Rome", "status": "active", "labels": []},
]


@pytest.fixture
def engine(db_url: str, make_app: MakeApp) -> Engine:
    engine = make_app(crm())
    add(engine, "client", *CLIENTS)
    add(engine, "deal", {"title": "D1", "stage": "won"}, {"title": "D2", "stage": "new"})
    return engine


def plan_of(engine: Engine, edit: Callable[[Document], Any], **options: Any) -> Plan:
    with engine.connect() as conn:
        return plan(document(engine), edited(engine, edit), conn, **options)


def setting(entity_name: str, field_name: str, **values: Any) -> Callable[[Document], None]:
    return lambda doc: field(doc, entity_name, field_name).update(values)


def snapshot(engine: Engine) -> dict[str, Any]:
    """Every table's columns, indexes, foreign keys and rows: what a user could notice."""
    inspector = inspect(engine)
    state: dict[str, Any] = {}
    with engine.connect() as conn:
        for table in sorted(inspector.get_table_names()):
            state[table] = (
                [(c["name"], str(c["type"])) for c in inspector.get_columns(table)],
                sorted(
                    (str(i["name"]), tuple(i["column_names"]), bool(i["unique"]))
                    for i in inspector.get_indexes(table)
                ),
                sorted(
                    (tuple(k["constrained_columns"]), k["referred_table"])
                    for k in inspector.get_foreign_keys(table)
                ),
                sorted(map(repr, conn.exec_driver_sql(f'SELECT * FROM "{table}"'))),
            )
    return state


# ---------------------------------------------------------------- pure plans


def test_plan_without_a_database_lists_operations_in_order() -> None:
    new = copy.deepcopy(crm())
    client = new["entities"][0]
    client["name"] = "customer"
    field(new, "deal", "tags")["to"] = "customer"
    client["fields"][2]["name"] = "town"
    client["fields"].append({"name": "vip_since", "type": "date"})
    new["entities"][1]["fields"].pop(0)
    new["views"] = [{"name": "all deals"}]
    the_plan = plan(crm(), new)
    assert [op.op for op in the_plan.operations] == [
        "trash_field",
        "rename_entity",
        "rename_field",
        "add_field",
        "add_index",
        "update_views",
    ]
    assert the_plan.problems == []
    operations = the_plan.to_json()["operations"]
    assert operations[1] | {"description": ""} == {
        "op": "rename_entity",
        "entity": "customer",
        "from": "client",
        "ddl": True,
        "description": "",
    }
    assert operations[2]["field"] == "town" and operations[2]["from"] == "city"
    assert operations[3]["description"] == "add field customer.vip_since (date)"
    assert any("changes its API path" in w.message for w in the_plan.warnings)


def test_plan_assigns_ids_to_new_items_and_keeps_old_ones() -> None:
    new = without_ids(crm())
    new["entities"][0]["fields"].append({"name": "vat", "type": "text"})
    the_plan = plan(crm(), new)
    assert [op.op for op in the_plan.operations] == ["add_field"]
    fields = the_plan.new["entities"][0]["fields"]
    assert [f["id"] for f in fields[:5]] == [f["id"] for f in crm()["entities"][0]["fields"]]
    assert fields[5]["id"] not in {f["id"] for e in crm()["entities"] for f in e["fields"]}


def test_plan_with_a_database_writes_nothing(engine: Engine) -> None:
    before = snapshot(engine)

    def big_change(doc: Document) -> None:
        setting("client", "name", required=True, unique=True, type="integer")(doc)
        entity(doc, "deal")["name"] = "opportunity"
        doc["entities"][0]["fields"].pop(2)

    the_plan = plan_of(engine, big_change, on_bad_values="clear")
    assert the_plan.operations and the_plan.problems
    assert snapshot(engine) == before


def test_a_type_change_a_field_cannot_make_is_a_definition_error() -> None:
    new = copy.deepcopy(crm())
    field(new, "deal", "tags").update(type="text")
    del field(new, "deal", "tags")["to"]
    with pytest.raises(DefinitionInvalid, match="a links field cannot become a text field"):
        plan(crm(), new)


# ---------------------------------------------------------------- problems


def test_required_on_lists_the_empty_records(engine: Engine) -> None:
    the_plan = plan_of(engine, setting("client", "name", required=True))
    [problem] = the_plan.problems
    assert (problem.entity, problem.field, problem.count, problem.records) == (
        "client",
        "name",
        3,
        [2, 3, 4],
    )
    assert problem.message.startswith("3 client records have no name")
    assert [op.op for op in the_plan.operations] == ["set_required"]
    assert not the_plan.ddl


def test_required_on_ignores_records_in_the_record_trash(engine: Engine) -> None:
    client = app_metadata(document(engine)).tables["client"]
    with engine.begin() as conn:
        conn.execute(update(client).where(client.c.id.in_([2, 3])).values(name="filled"))
        conn.execute(update(client).where(client.c.id == 4).values(deleted_at=TRASHED))
    assert plan_of(engine, setting("client", "name", required=True)).problems == []


def test_unique_on_lists_the_duplicate_groups(engine: Engine) -> None:
    [problem] = plan_of(engine, setting("client", "email", unique=True)).problems
    assert (problem.count, problem.records) == (4, [1, 2, 3, 4])
    assert "2 values are used by more than one record ('a@x.test', 'b@x.test')" in problem.message
    # empty values and trashed records are no duplicates
    [problem] = plan_of(engine, setting("client", "city", unique=True)).problems
    assert problem.records == [4, 5] and "1 value is used" in problem.message
    client = app_metadata(document(engine)).tables["client"]
    with engine.begin() as conn:
        conn.execute(update(client).where(client.c.id == 5).values(deleted_at=TRASHED))
    assert plan_of(engine, setting("client", "city", unique=True)).problems == []


@pytest.mark.parametrize(
    ("entity_name", "name", "options", "records"),
    [
        ("client", "status", ["lead", "active"], [2, 3]),
        ("deal", "stage", ["new", "lost"], [1]),
        ("client", "labels", ["a", "c"], [2]),
    ],
)
def test_removing_an_option_in_use_lists_the_records(
    engine: Engine, entity_name: str, name: str, options: list[str], records: list[int]
) -> None:
    edit = setting(entity_name, name, options=options, **({"won": []} if name == "stage" else {}))
    [problem] = plan_of(engine, edit).problems
    assert problem.records == records
    assert "which the change removes" in problem.message


def test_removing_an_unused_option_or_relabelling_is_no_problem(engine: Engine) -> None:
    def edit(doc: Document) -> None:
        field(doc, "client", "status")["options"] = [
            "lead",
            {"value": "active", "label": "Active", "color": "#00ff00"},
            "vip",
        ]
        field(doc, "deal", "stage")["options"] = ["new", "won", "lost"]
        field(doc, "deal", "stage")["lost"] = ["lost"]

    the_plan = plan_of(engine, edit)
    assert the_plan.problems == [] and not the_plan.ddl
    assert [op.op for op in the_plan.operations] == ["change_options"]


# ---------------------------------------------------------------- refusals


def test_an_apply_with_problems_changes_nothing(engine: Engine) -> None:
    before = snapshot(engine)

    def edit(doc: Document) -> None:
        setting("client", "status", options=["lead"])(doc)  # a problem
        setting("client", "city", name="town")(doc)  # fine on its own
        entity(doc, "deal")["fields"].append({"name": "amount", "type": "money"})
        doc["entities"].append({"name": "tag", "fields": [{"name": "label", "type": "text"}]})

    with pytest.raises(PlanRefused) as refused:
        apply(engine, edited(engine, edit), author="admin")
    assert "the change was not applied" in str(refused.value)
    assert "3 client records use status 'active', 'vip'" in str(refused.value)
    assert snapshot(engine) == before


def test_apply_plans_again_in_its_transaction(engine: Engine) -> None:
    new = edited(engine, setting("client", "city", required=True))
    with engine.connect() as conn:
        assert plan(document(engine), new, conn).problems[0].records == [2]
    client = app_metadata(document(engine)).tables["client"]
    with engine.begin() as conn:  # someone fills the city in meanwhile
        conn.execute(update(client).where(client.c.id == 2).values(city="Lima"))
    apply(engine, new, author="admin")
    # and the other way round: a plan without problems, then a record breaks it
    new = edited(engine, setting("client", "email", unique=True))
    with engine.begin() as conn:
        conn.execute(update(client).values(email=client.c.name + "@x.test"))
        conn.execute(update(client).where(client.c.id == 3).values(email="n@x.test"))
    with engine.connect() as conn:
        assert plan(document(engine), new, conn).problems == []
    with engine.begin() as conn:
        conn.execute(update(client).where(client.c.id == 4).values(email="n@x.test"))
    with pytest.raises(PlanRefused) as refused:
        apply(engine, new, author="admin")
    assert refused.value.plan.problems[0].records == [3, 4]
    with engine.connect() as conn:
        assert current(conn).version == 2


def test_unique_and_required_are_measured_on_converted_values(engine: Engine) -> None:
    client = app_metadata(document(engine)).tables["client"]
    with engine.begin() as conn:
        for rid, city in [(1, "1"), (2, "01"), (3, "x"), (4, "2"), (5, "3")]:
            conn.execute(update(client).where(client.c.id == rid).values(city=city))
    the_plan = plan_of(
        engine,
        setting("client", "city", type="integer", unique=True, required=True),
        on_bad_values="clear",
    )
    unique, required = the_plan.problems
    assert unique.records == [1, 2] and "cannot become unique" in unique.message
    assert required.records == [3] and "no city" in required.message


def test_number_display_settings_change_no_column(engine: Engine) -> None:
    """`group_digits` and `summable` are read by the UI alone: a settings step, no DDL."""
    founded = field_def("founded", "integer")
    apply(engine, edited(engine, lambda doc: entity(doc, "client")["fields"].append(founded)),
          author="admin")
    the_plan = plan_of(engine, setting("client", "founded", group_digits=False, summable=False))
    assert [op.op for op in the_plan.operations] == ["update_field"]
    assert not the_plan.ddl and the_plan.problems == []
