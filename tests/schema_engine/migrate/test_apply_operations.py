"""Every schema operation, applied to tables that hold data, on SQLite and PostgreSQL.

Each test starts from a small CRM with records and checks what a user would notice: the tables
and columns under their new names, every value still there, links still enforced.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import IntegrityError

from kartoteka.schema_engine import (
    FIELD_TYPES,
    DefinitionInvalid,
    apply,
    build_pending_indexes,
    current,
    history,
    rollback,
)
from kartoteka.schema_engine.definition.document import Document
from tests.support.definitions import (
    MakeApp,
    add,
    change,
    column_values,
    columns,
    document,
    entity_def,
    field,
    field_def,
    fields_of,
    indexes,
)

# ---------------------------------------------------------------- the app under test


def crm() -> Document:
    return {
        "entities": [
            entity_def(
                "client",
                field_def("name", "text", required=True),
                field_def("email", "email", unique=True),
                field_def("city", "text"),
                field_def("status", "select", options=["lead", "active", "vip"]),
                field_def("tags", "links", to="tag"),
                title_field="name",
            ),
            entity_def(
                "deal",
                field_def("title", "text", required=True),
                field_def("amount", "money", currency="USD"),
                field_def(
                    "stage", "stage", options=["new", "won", "lost"], won=["won"], lost=["lost"]
                ),
                field_def("client", "link", to="client"),
                field_def("partners", "links", to="client"),
                title_field="title",
            ),
            entity_def("tag", field_def("label", "text"), title_field="label"),
        ]
    }


@pytest.fixture
def engine(db_url: str, make_app: MakeApp) -> Engine:
    return make_app(crm())


@pytest.fixture
def filled(engine: Engine) -> Engine:
    """The CRM with two clients, two tags, three deals and links between them."""
    add(engine, "tag", {"label": "red"}, {"label": "blue"})
    add(
        engine,
        "client",
        {"name": "Acme", "email": "a@acme.test", "city": "Paris", "status": "lead"},
        {"name": "Ольга", "email": "o@x.test", "city": "1 234", "status": "vip"},
    )
    add(
        engine,
        "deal",
        {"title": "D1", "amount": Decimal("100.50"), "stage": "new", "client": 1},
        {"title": "D2", "amount": Decimal("12345678901234.56"), "stage": "won", "client": 2},
        {"title": "D3", "amount": None, "stage": "lost", "client": 2},
    )
    add(engine, "client__tags", {"client_id": 1, "tag_id": 1}, {"client_id": 2, "tag_id": 2})
    add(engine, "deal__partners", {"deal_id": 1, "client_id": 2})
    return engine


# ---------------------------------------------------------------- helpers


def pairs(engine: Engine, table: str) -> set[tuple[int, int]]:
    with engine.connect() as conn:
        return {(r[0], r[1]) for r in conn.exec_driver_sql(f'SELECT * FROM "{table}"')}


def foreign_keys(engine: Engine, table: str) -> dict[str, str]:
    """column -> referred table."""
    return {
        fk["constrained_columns"][0]: fk["referred_table"]
        for fk in inspect(engine).get_foreign_keys(table)
    }


def index_columns(engine: Engine, table: str) -> dict[str, tuple[str, ...]]:
    return {name: cols for name, (cols, _) in indexes(engine, table).items()}


def refused_by_foreign_key(engine: Engine, table: str, row: dict[str, Any]) -> bool:
    try:
        add(engine, table, row)
    except IntegrityError:
        return True
    return False


# ---------------------------------------------------------------- create, rename entity


def test_initialize_makes_tables_columns_and_version_1(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {"client", "deal", "tag", "client__tags", "deal__partners"} <= tables
    assert columns(engine, "client")[:8] == [
        "id",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "owner",
        "version",
        "deleted_at",
    ]
    assert columns(engine, "client")[8:] == ["name", "email", "city", "status"]
    assert columns(engine, "client__tags") == ["client_id", "tag_id"]
    assert foreign_keys(engine, "deal")["client"] == "client"
    with engine.connect() as conn:
        assert [v.version for v in history(conn)] == [1]


def test_create_entity_with_links_to_existing_ones(filled: Engine) -> None:
    supplier = {
        "name": "supplier",
        "fields": [
            {"name": "company", "type": "text", "required": True},
            {"name": "client", "type": "link", "to": "client"},
            {"name": "tags", "type": "links", "to": "tag"},
        ],
    }
    result = change(filled, lambda d: d["entities"].append(supplier))
    assert [op.op for op in result.plan.operations] == ["create_entity"]
    assert columns(filled, "supplier")[8:] == ["company", "client"]
    assert foreign_keys(filled, "supplier") == {
        "created_by": "kt_user",
        "updated_by": "kt_user",
        "owner": "kt_user",
        "client": "client",
    }
    assert columns(filled, "supplier__tags") == ["supplier_id", "tag_id"]
    add(filled, "supplier", {"company": "Umbrella", "client": 2})
    add(filled, "supplier__tags", {"supplier_id": 1, "tag_id": 1})
    assert refused_by_foreign_key(filled, "supplier", {"company": "X", "client": 99})
    new_ids = [e.get("id") for e in document(filled)["entities"]]
    assert new_ids[3] and new_ids[3] not in new_ids[:3]


def test_rename_entity_keeps_data_and_links_follow(filled: Engine) -> None:
    def rename(doc: Document) -> None:
        doc["entities"][0]["name"] = "customer"
        field(doc, "deal", "client")["to"] = "customer"
        field(doc, "deal", "partners")["to"] = "customer"

    result = change(filled, rename)
    assert result.plan.operations[0].to_json()["op"] == "rename_entity"
    assert result.plan.operations[0].to_json()["from"] == "client"
    tables = set(inspect(filled).get_table_names())
    assert "client" not in tables and "client__tags" not in tables
    assert column_values(filled, "customer", "name") == {1: "Acme", 2: "Ольга"}
    assert foreign_keys(filled, "deal")["client"] == "customer"
    assert column_values(filled, "deal", "client") == {1: 1, 2: 2, 3: 2}
    # the entity's own many-to-many table, and another entity's table pointing at it
    assert columns(filled, "customer__tags") == ["customer_id", "tag_id"]
    assert pairs(filled, "customer__tags") == {(1, 1), (2, 2)}
    assert columns(filled, "deal__partners") == ["deal_id", "customer_id"]
    assert pairs(filled, "deal__partners") == {(1, 2)}
    assert foreign_keys(filled, "customer__tags") == {"customer_id": "customer", "tag_id": "tag"}
    assert foreign_keys(filled, "deal__partners")["customer_id"] == "customer"
    # the links are still enforced against the renamed table
    assert refused_by_foreign_key(filled, "deal", {"title": "D4", "client": 99})
    add(filled, "deal", {"title": "D4", "client": 1})
    add(filled, "customer", {"name": "New", "email": "n@x.test"})
    assert refused_by_foreign_key(filled, "customer__tags", {"customer_id": 3, "tag_id": 99})


def test_entity_rename_without_ids_is_a_new_entity(filled: Engine) -> None:
    """Without ids a renamed entity cannot be told from a new one: the old one goes to trash."""
    doc = document(filled)
    del doc["entities"][2]["id"]
    doc["entities"][2]["name"] = "label"
    doc["entities"][0]["fields"] = [f for f in fields_of(doc, "client") if f["name"] != "tags"]
    result = apply(filled, doc, author="admin")
    ops = {op.op for op in result.plan.operations}
    assert {"create_entity", "trash_entity"} <= ops


# ---------------------------------------------------------------- add field, every type

SAMPLES: dict[str, tuple[dict[str, Any], Any]] = {
    "text": ({}, "hello"),
    "long_text": ({}, "a\nlong\ntext"),
    "integer": ({}, 42),
    "decimal": ({}, Decimal("3.14159")),
    "money": ({"currency": "EUR"}, Decimal("1999.99")),
    "percent": ({}, Decimal("12.5")),
    "boolean": ({}, True),
    "date": ({}, dt.date(2026, 11, 23)),
    "datetime": ({}, dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)),
    "email": ({}, "x@y.test"),
    "phone": ({}, "+1 555 0100"),
    "url": ({}, "https://example.test"),
    "select": ({"options": ["a", "b"]}, "b"),
    "multi_select": ({"options": ["a", "b"]}, ["a", "b"]),
    "stage": ({"options": ["new", "done"]}, "done"),
    "link": ({"to": "tag"}, 2),
    "links": ({"to": "tag"}, None),
    "user": ({}, None),
    "autonumber": ({}, None),
    "file": ({}, 7),  # an attachment id (the platform's kt_attachment; no foreign key)
}
INDEXED_BY_DEFAULT = {
    "integer",
    "decimal",
    "money",
    "percent",
    "date",
    "datetime",
    "select",
    "stage",
    "link",
    "user",
    "autonumber",
}


def test_every_field_type_has_a_sample() -> None:
    assert set(SAMPLES) == set(FIELD_TYPES)


@pytest.mark.parametrize("type_name", sorted(SAMPLES))
def test_add_field_of_every_type(filled: Engine, type_name: str) -> None:
    settings, sample = SAMPLES[type_name]
    new = {"id": "fld_extra", "name": "extra", "type": type_name, **settings}
    result = change(filled, lambda d: fields_of(d, "client").append(new), build_indexes=False)
    assert result.plan.operations[0].op == "add_field"
    if type_name == "links":
        assert columns(filled, "client__extra") == ["client_id", "tag_id"]
        assert foreign_keys(filled, "client__extra") == {"client_id": "client", "tag_id": "tag"}
        add(filled, "client__extra", {"client_id": 1, "tag_id": 2})
        assert pairs(filled, "client__extra") == {(1, 2)}
        return
    assert columns(filled, "client")[-1] == "extra"
    assert column_values(filled, "client", "name") == {1: "Acme", 2: "Ольга"}
    if type_name == "autonumber":  # existing records are numbered in order
        assert column_values(filled, "client", "extra") == {1: 1, 2: 2}
    else:
        assert column_values(filled, "client", "extra") == {1: None, 2: None}
    if sample is not None:
        add(filled, "client", {"name": "New", "extra": sample})
        assert column_values(filled, "client", "extra")[3] == sample
    if type_name in ("link", "user"):
        target = "tag" if type_name == "link" else "kt_user"
        assert foreign_keys(filled, "client")["extra"] == target
        assert refused_by_foreign_key(filled, "client", {"name": "Bad", "extra": 99})
    # the index of a new field is built after commit, by a job; so is the trigram index of
    # its search column on PostgreSQL (SQLite's FTS5 table is made at once, empty)
    indexed = type_name in INDEXED_BY_DEFAULT
    searched = FIELD_TYPES[type_name].searchable and filled.dialect.name == "postgresql"
    assert "ix_fld_extra" not in index_columns(filled, "client")
    assert result.indexes_pending == int(indexed) + int(searched)
    assert build_pending_indexes(filled) == int(indexed) + int(searched)
    assert ("ix_fld_extra" in index_columns(filled, "client")) == indexed


def test_add_required_field_to_a_table_with_records(filled: Engine) -> None:
    with_default = {"name": "country", "type": "text", "required": True, "default": "FR"}
    change(filled, lambda d: fields_of(d, "client").append(with_default))
    assert column_values(filled, "client", "country") == {1: "FR", 2: "FR"}
    without = {"name": "vat", "type": "text", "required": True}
    with pytest.raises(Exception, match="2 client records would have no vat"):
        change(filled, lambda d: fields_of(d, "client").append(without))


# ---------------------------------------------------------------- rename, reorder fields


def test_rename_field_keeps_data(filled: Engine) -> None:
    def rename(doc: Document) -> None:
        field(doc, "client", "city")["name"] = "town"
        field(doc, "deal", "amount")["name"] = "value"
        field(doc, "deal", "client")["name"] = "customer"
        field(doc, "client", "tags")["name"] = "labels"

    result = change(filled, rename)
    assert sorted(op.from_ or "" for op in result.plan.operations) == [
        "amount",
        "city",
        "client",
        "tags",
    ]
    assert column_values(filled, "client", "town") == {1: "Paris", 2: "1 234"}
    assert column_values(filled, "deal", "value")[2] == Decimal("12345678901234.56")
    assert column_values(filled, "deal", "customer") == {1: 1, 2: 2, 3: 2}
    assert foreign_keys(filled, "deal")["customer"] == "client"
    assert "ix_fld_amount" in index_columns(filled, "deal")
    assert index_columns(filled, "deal")["ix_fld_amount"] == ("value",)
    assert pairs(filled, "client__labels") == {(1, 1), (2, 2)}
    assert "client__tags" not in inspect(filled).get_table_names()


def test_reorder_fields_changes_no_table(filled: Engine) -> None:
    before = columns(filled, "client")
    result = change(filled, lambda d: fields_of(d, "client").reverse())
    assert [op.op for op in result.plan.operations] == ["reorder_fields"]
    assert not result.plan.ddl
    assert columns(filled, "client") == before
    assert fields_of(document(filled), "client")[0]["name"] == "tags"


def test_swap_two_field_names_in_one_change(filled: Engine) -> None:
    def swap(doc: Document) -> None:
        field(doc, "client", "city")["name"] = "tmp"
        field(doc, "client", "name")["name"] = "city"
        field(doc, "client", "tmp")["name"] = "name"
        doc["entities"][0]["title_field"] = "name"

    change(filled, swap)
    assert column_values(filled, "client", "name") == {1: "Paris", 2: "1 234"}
    assert column_values(filled, "client", "city") == {1: "Acme", 2: "Ольга"}
    by_name = {f["name"]: f["id"] for f in fields_of(document(filled), "client")}
    assert by_name["name"] == "fld_city" and by_name["city"] == "fld_name"


def test_swap_two_entity_names_in_one_change(filled: Engine) -> None:
    def swap(doc: Document) -> None:
        client, tag = doc["entities"][0], doc["entities"][2]
        client["name"], tag["name"] = "tag", "client"
        field(doc, "tag", "tags")["to"] = "client"
        field(doc, "deal", "client")["to"] = "tag"
        field(doc, "deal", "partners")["to"] = "tag"

    change(filled, swap)
    assert column_values(filled, "tag", "name") == {1: "Acme", 2: "Ольга"}
    assert column_values(filled, "client", "label") == {1: "red", 2: "blue"}
    assert foreign_keys(filled, "deal")["client"] == "tag"
    assert columns(filled, "tag__tags") == ["tag_id", "client_id"]
    assert pairs(filled, "tag__tags") == {(1, 1), (2, 2)}
    assert columns(filled, "deal__partners") == ["deal_id", "tag_id"]
    assert refused_by_foreign_key(filled, "deal", {"title": "x", "client": 99})


# ---------------------------------------------------------------- versions


def test_versions_are_numbered_and_stored(filled: Engine) -> None:
    doc = document(filled)
    field(doc, "client", "city")["label"] = "Town"
    apply(filled, doc, author="olga@example.test", summary="label the city")
    change(filled, lambda d: fields_of(d, "client").append({"name": "vat", "type": "text"}))
    with filled.connect() as conn:
        versions = history(conn)
    assert [v.version for v in versions] == [3, 2, 1]
    assert versions[1].author == "olga@example.test"
    assert versions[1].summary == "label the city"
    assert field(versions[1].document, "client", "city")["label"] == "Town"
    assert "add field client.vat" in versions[0].summary
    assert versions[0].at.year >= 2026 and versions[0].at >= versions[1].at
    assert versions[0].to_json()["at"].endswith("Z")


def test_rollback_is_a_new_version_equal_to_the_old_document(filled: Engine) -> None:
    change(filled, lambda d: fields_of(d, "client").append({"name": "vat", "type": "text"}))
    result = rollback(filled, 1, author="admin")
    assert result.version == 3 and result.changed
    with filled.connect() as conn:
        versions = history(conn)
    assert versions[0].document == versions[2].document
    assert "rolled back to version 1" in versions[0].summary


def test_invalid_definition_is_refused_with_every_error(filled: Engine) -> None:
    def break_it(doc: Document) -> None:
        field(doc, "client", "city")["name"] = "select"
        field(doc, "deal", "client")["to"] = "nowhere"

    with pytest.raises(DefinitionInvalid) as caught:
        change(filled, break_it)
    assert len(caught.value.errors) == 2
    with filled.connect() as conn:
        assert current(conn).version == 1
