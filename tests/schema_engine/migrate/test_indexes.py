"""Indexes an entity declares over several columns (`"indexes": [{"fields": [...]}]`): partial
(live records only), named from stable ids, kept through renames, retypes, the schema trash and
SQLite table rebuilds; added after commit and dropped by a plan like other indexes. On SQLite and
PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, event, inspect

from kartoteka.schema_engine import (
    DefinitionInvalid,
    apply,
    build_pending_indexes,
    plan,
    purge,
    rollback,
    trash_items,
)
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query.parse import (
    count_select,
    query_from_json,
    query_from_params,
    run_groups,
)
from tests.support.definitions import (
    MakeApp,
    add,
    change,
    column,
    document,
    edited,
    entity,
    entity_def,
    field,
    field_def,
    without_ids,
)

DDL = re.compile(r"^\s*(CREATE|ALTER|DROP)\b", re.IGNORECASE)
STAGE_AMOUNT = ("stage", "amount")


def crm(*indexes: list[str]) -> Document:
    deal = entity_def(
        "deal",
        field_def("title", "text"),
        field_def("amount", "money"),
        field_def("stage", "stage", options=["new", "won", "lost"]),
        field_def("client", "link", to="client"),
        field_def("tags", "links", to="client"),
    )
    if indexes:
        deal["indexes"] = [{"fields": list(names)} for names in indexes]
    return {"entities": [entity_def("client", field_def("name", "text")), deal]}


DEALS = [
    {"title": "D1", "amount": Decimal(6000), "stage": "won"},
    {"title": "D2", "amount": Decimal(100), "stage": "won"},
    {"title": "D3", "amount": Decimal(9000), "stage": "new"},
]


@pytest.fixture
def engine(db_url: str, make_app: MakeApp) -> Engine:
    """deal declares an index on (stage, amount) and holds three records."""
    engine = make_app(crm(list(STAGE_AMOUNT)))
    add(engine, "deal", *DEALS)
    return engine


# ---------------------------------------------------------------- helpers


def declared(engine: Engine, table: str) -> dict[tuple[str, ...], tuple[str, str]]:
    """Indexes over more than one column: their declared columns in order (a trailing
    `deleted_at` aside) -> (name, how live records are read: 'deleted_at last', or the
    WHERE clause the dialect reports for a partial index).
    """
    found = {}
    for index in inspect(engine).get_indexes(table):
        columns = tuple(index["column_names"])
        if len(columns) > 1:
            options = index.get("dialect_options", {})
            where = str(options.get("sqlite_where", options.get("postgresql_where", "")))
            if columns[-1] == "deleted_at":
                columns, where = columns[:-1], "deleted_at last" + where
            found[columns] = (str(index["name"]), where)
    return found


def assert_serves_live_records(how: str) -> None:
    """Lists read live records: the index has `deleted_at` last (and is not partial, which
    SQLite would not read alone for a query naming `deleted_at`)."""
    assert how == "deleted_at last", how


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """Every SQL statement the engine sends while the block runs."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def ddl_of(sent: list[str]) -> list[str]:
    return [s for s in sent if DDL.match(s)]


def index_list(*indexes: tuple[str, ...]) -> Callable[[Document], None]:
    """An edit giving deal exactly these declared indexes."""

    def edit(doc: Document) -> None:
        entity(doc, "deal")["indexes"] = [{"fields": list(names)} for names in indexes]

    return edit


def query_plan(engine: Engine, entity_name: str, *filters: tuple[str, str]) -> str:
    """SQLite's EXPLAIN QUERY PLAN of the count a list shows for these filters."""
    model = AppModel(document(engine), 0)
    statement = count_select(model, query_from_params(model, entity_name, list(filters)))
    sql = statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
    return "\n".join(str(row[-1]) for row in rows)


# ---------------------------------------------------------------- created with its entity


def test_an_entity_created_with_an_index_has_it_with_deleted_at_last(engine: Engine) -> None:
    indexes = declared(engine, "deal")
    assert list(indexes) == [STAGE_AMOUNT]
    name, where = indexes[STAGE_AMOUNT]
    assert name.startswith("ix_ent_deal_") and len(name) <= 63
    assert_serves_live_records(where)


def test_an_entity_added_later_gets_its_indexes_with_its_table(engine: Engine) -> None:
    def add_invoice(doc: Document) -> None:
        invoice = entity_def("invoice", field_def("due", "date"), field_def("total", "money"))
        invoice["indexes"] = [{"fields": ["due", "total", "id"]}, {"fields": ["owner", "due"]}]
        doc["entities"].append(invoice)

    result = change(engine, add_invoice, build_indexes=False)
    assert [op.op for op in result.plan.operations] == ["create_entity"]
    assert result.indexes_pending == 0  # built with the table, inside the transaction
    assert set(declared(engine, "invoice")) == {("due", "total", "id"), ("owner", "due")}


def test_a_count_over_both_fields_uses_the_index(sqlite_url: str, make_app: MakeApp) -> None:
    engine = make_app(crm(list(STAGE_AMOUNT)))
    add(engine, "deal", *DEALS)
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]
    explained = query_plan(engine, "deal", ("stage", "won"), ("amount__gt", "5000"))
    assert f"USING COVERING INDEX {name} (stage=? AND amount>?)" in explained
    change(engine, index_list())  # without it, the count falls back to the stage index
    assert name not in query_plan(engine, "deal", ("stage", "won"), ("amount__gt", "5000"))



def test_the_count_and_sum_of_each_stage_are_read_from_the_index_alone(
    sqlite_url: str, make_app: MakeApp
) -> None:
    """A board's columns: deals per stage and their amounts, live ones only, without reading
    the table (with a partial index SQLite read every row through the stage index)."""
    engine = make_app(crm(list(STAGE_AMOUNT)))
    add(engine, "deal", *DEALS)
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]
    with engine.connect() as conn, statements(engine) as sent:
        model = AppModel(document(engine), 0)
        query = query_from_json(model, "deal", {"group_by": "stage",
                                                "aggregate": {"amount": "sum"}})
        groups = run_groups(conn, model, query)
        [grouping] = [s for s in sent if "GROUP BY" in s]
        zeros = (0,) * grouping.count("?")  # the sums' "0 when empty"
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {grouping}", zeros).all()
    assert f"USING COVERING INDEX {name}" in " ".join(str(row[-1]) for row in plan)
    assert sum(group["count"] for group in groups) == len(DEALS)


# ---------------------------------------------------------------- plan and apply


def test_a_new_index_is_planned_and_built_after_commit(engine: Engine) -> None:
    new = edited(engine, index_list(STAGE_AMOUNT, ("client", "created_at")))
    with engine.connect() as conn:
        the_plan = plan(document(engine), new, conn)
    [op] = the_plan.operations
    assert op.describe() == "add index on deal (client, created_at)"
    assert op.to_json() | {"index": ""} == {
        "op": "add_composite_index",
        "entity": "deal",
        "fields": ["client", "created_at"],
        "index": "",
        "ddl": True,
        "description": "add index on deal (client, created_at)",
    }
    result = apply(engine, new, author="admin", build_indexes=False)
    assert result.indexes_pending == 1
    assert ("client", "created_at") not in declared(engine, "deal")
    with statements(engine) as sent:
        assert build_pending_indexes(engine) == 1
    [create] = ddl_of(sent)
    assert create.endswith("(client, created_at, deleted_at)")
    if engine.dialect.name == "postgresql":
        assert create.startswith("CREATE INDEX CONCURRENTLY")
    [name, where] = declared(engine, "deal")[("client", "created_at")]
    assert name == op.to_json()["index"]
    assert_serves_live_records(where)
    undo = rollback(engine, 1, author="admin")  # the reverse: drop it
    assert [o.op for o in undo.plan.operations] == ["drop_composite_index"]
    assert ("client", "created_at") not in declared(engine, "deal")


def test_removing_an_index_drops_it_and_a_rollback_brings_it_back(engine: Engine) -> None:
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]
    result = change(engine, index_list())
    [op] = result.plan.operations
    assert op.describe() == "drop index on deal (stage, amount)"
    assert declared(engine, "deal") == {}
    rollback(engine, 1, author="admin")
    assert declared(engine, "deal")[STAGE_AMOUNT][0] == name


def test_another_order_of_the_same_fields_is_another_index(engine: Engine) -> None:
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]
    result = change(engine, index_list(("amount", "stage")))
    assert [op.op for op in result.plan.operations] == [
        "drop_composite_index",
        "add_composite_index",
    ]
    [(columns, (new_name, _))] = declared(engine, "deal").items()
    assert columns == ("amount", "stage") and new_name != name


@pytest.mark.parametrize("ids", [True, False], ids=["with ids", "without ids"])
def test_an_unchanged_definition_sends_no_ddl(engine: Engine, ids: bool) -> None:
    doc = document(engine) if ids else without_ids(document(engine))
    with statements(engine) as sent:
        result = apply(engine, doc, author="admin")
    assert sent and ddl_of(sent) == []
    assert not result.changed


def test_indexes_listed_in_another_order_send_no_ddl(engine: Engine) -> None:
    change(engine, index_list(STAGE_AMOUNT, ("client", "stage")))
    with statements(engine) as sent:
        result = change(engine, index_list(("client", "stage"), STAGE_AMOUNT))
    assert ddl_of(sent) == []
    assert [op.op for op in result.plan.operations] == ["update_entity"]
    assert len(declared(engine, "deal")) == 2


def test_renames_keep_the_index_without_touching_it(engine: Engine) -> None:
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]

    def rename(doc: Document) -> None:
        entity(doc, "deal")["name"] = "opportunity"
        field(doc, "opportunity", "amount")["name"] = "value"
        entity(doc, "opportunity")["indexes"] = [{"fields": ["stage", "value"]}]

    with statements(engine) as sent:
        result = change(engine, rename)
    assert {op.op for op in result.plan.operations} == {"rename_entity", "rename_field"}
    assert not any("INDEX" in s.upper() for s in ddl_of(sent))
    [index_name, where] = declared(engine, "opportunity")[("stage", "value")]
    assert index_name == name
    assert_serves_live_records(where)


# ---------------------------------------------------------------- retypes, rebuilds, the trash


@pytest.mark.parametrize("member", [True, False], ids=["member", "other field"])
def test_a_retype_keeps_the_index(engine: Engine, member: bool) -> None:
    """money -> integer changes the column type: SQLite copies the table, PostgreSQL replaces
    the column (which drops every index on it); a text field to integer also copies it."""
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]
    retyped = "amount" if member else "title"
    if not member:
        add(engine, "deal", {"title": "42", "stage": "new"})
    result = change(
        engine,
        lambda doc: field(doc, "deal", retyped).update(type="integer"),
        on_bad_values="clear",
    )
    assert result.plan.ddl
    [index_name, where] = declared(engine, "deal")[STAGE_AMOUNT]
    assert index_name == name
    assert_serves_live_records(where)
    if member:
        assert column(engine, "deal", "amount") == [6000, 100, 9000]
    if engine.dialect.name == "sqlite":
        explained = query_plan(engine, "deal", ("stage", "won"), ("amount__gt", "5000"))
        assert f"USING COVERING INDEX {name}" in explained


def test_trashing_and_restoring_the_entity_keeps_the_index(engine: Engine) -> None:
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]
    change(engine, lambda doc: doc["entities"].pop())
    assert [t.title for t in _trash(engine)] == ["entity deal"]
    rollback(engine, 1, author="admin")
    [index_name, where] = declared(engine, "deal")[STAGE_AMOUNT]
    assert index_name == name
    assert_serves_live_records(where)
    assert column(engine, "deal", "title") == ["D1", "D2", "D3"]


def test_restoring_an_entity_rebuilt_in_the_trash_brings_the_index_back(engine: Engine) -> None:
    """Purging a field of a trashed entity copies its table on SQLite, without its indexes."""
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]
    change(engine, lambda doc: entity(doc, "deal")["fields"].pop(0))  # title
    change(engine, lambda doc: doc["entities"].pop())
    [title] = [t for t in _trash(engine) if t.kind == "field"]
    purge(engine, title.id, author="admin")
    rollback(engine, 2, author="admin")
    assert declared(engine, "deal")[STAGE_AMOUNT][0] == name
    assert column(engine, "deal", "amount") == [d["amount"] for d in DEALS]


def test_purging_another_field_keeps_the_index(engine: Engine) -> None:
    """Purging a trashed field copies the live table on SQLite."""
    [name, _] = declared(engine, "deal")[STAGE_AMOUNT]
    change(engine, lambda doc: entity(doc, "deal")["fields"].pop(0))  # title
    [title] = _trash(engine)
    purge(engine, title.id, author="admin")
    assert declared(engine, "deal")[STAGE_AMOUNT][0] == name


def test_a_field_leaves_its_index_before_it_goes_to_the_trash(engine: Engine) -> None:
    def drop_amount(doc: Document) -> None:
        deal = entity(doc, "deal")
        deal["fields"] = [f for f in deal["fields"] if f["name"] != "amount"]

    with pytest.raises(DefinitionInvalid) as refused:
        change(engine, drop_amount)
    [error] = refused.value.errors
    assert error.path == "$.entities[1].indexes[0].fields[1]"
    assert "unknown field 'amount' on entity 'deal'" in error.message
    assert "remove it from this index, or remove the index" in error.message
    assert declared(engine, "deal")

    def drop_both(doc: Document) -> None:
        drop_amount(doc)
        entity(doc, "deal")["indexes"] = []

    result = change(engine, drop_both)
    assert [op.op for op in result.plan.operations][:2] == ["drop_composite_index", "trash_field"]
    assert declared(engine, "deal") == {}
    rollback(engine, 1, author="admin")
    assert STAGE_AMOUNT in declared(engine, "deal")
    assert column(engine, "deal", "amount") == [d["amount"] for d in DEALS]


def test_bad_references_are_all_reported_at_their_paths(engine: Engine) -> None:
    def break_indexes(doc: Document) -> None:
        entity(doc, "deal")["indexes"] = [
            {"fields": ["stage", "amout"]},
            {"fields": ["tags", "stage"]},
            {"fields": ["id", "stage"]},
            {"fields": ["stage", "amout"]},
            {"fields": ["stage"]},
        ]

    with pytest.raises(DefinitionInvalid) as refused:
        plan(document(engine), edited(engine, break_indexes))
    found = {e.path: e.message for e in refused.value.errors}
    at = "$.entities[1].indexes"
    assert set(found) == {
        f"{at}[0].fields[1]",
        f"{at}[1].fields[0]",
        f"{at}[2].fields[0]",
        f"{at}[3].fields",
        f"{at}[3].fields[1]",
        f"{at}[4].fields",
    }
    assert found[f"{at}[0].fields[1]"].startswith(
        "unknown field 'amout' on entity 'deal' (did you mean 'amount'?); "
        "fields are: title, amount, stage, client"
    )
    assert "links field, which has no column" in found[f"{at}[1].fields[0]"]
    assert "'id' can only close an index" in found[f"{at}[2].fields[0]"]
    assert f"the index at {at}[0].fields already covers" in found[f"{at}[3].fields"]
    assert "at least 2 fields" in found[f"{at}[4].fields"]


def _trash(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return trash_items(conn)
