"""The statements an apply sends: none for an unchanged definition, none outside `entities`;
indexes where the definition asks for them, built after commit unless they must hold at once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, inspect, select, update
from sqlalchemy.exc import IntegrityError

from kartoteka.schema_engine import apply, build_pending_indexes, current
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.store import INDEX_JOBS
from kartoteka.schema_engine.tables import app_metadata
from tests.support.definitions import (
    MakeApp,
    add,
    document,
    entity_def,
    field,
    field_def,
    indexes,
    versions,
    without_ids,
)

DDL = re.compile(r"^\s*(CREATE|ALTER|DROP)\b", re.IGNORECASE)


def crm() -> Document:
    return {
        "entities": [
            entity_def(
                "client",
                field_def("name", "text"),
                field_def("email", "email", unique=True),
                field_def("status", "select", options=["lead", "vip"]),
                field_def("score", "integer"),
                field_def("rating", "decimal", indexed=False),
                field_def("note", "long_text"),
                field_def("tags", "links", to="tag"),
            ),
            entity_def(
                "deal",
                field_def("title", "text"),
                field_def("amount", "money"),
                field_def("share", "percent"),
                field_def("stage", "stage", options=["new", "won"]),
                field_def("close_date", "date"),
                field_def("closed_at", "datetime"),
                field_def("won", "boolean"),
                field_def("client", "link", to="client"),
                field_def("owner_user", "user"),
                field_def("number", "autonumber"),
            ),
            entity_def("tag", field_def("label", "text")),
        ],
        "views": [{"name": "all clients", "entity": "client"}],
    }


@pytest.fixture
def engine(db_url: str, make_app: MakeApp) -> Engine:
    engine = make_app(crm())
    add(engine, "client", {"name": "Acme"})
    return engine


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


# ---------------------------------------------------------------- zero DDL


@pytest.mark.parametrize("ids", [True, False], ids=["with ids", "without ids"])
def test_unchanged_definition_sends_no_ddl_and_adds_no_version(engine: Engine, ids: bool) -> None:
    doc = document(engine) if ids else without_ids(document(engine))
    with statements(engine) as sent:
        result = apply(engine, doc, author="admin")
    assert sent, "the apply ran no statement at all: the capture is broken"
    assert ddl_of(sent) == []
    assert not result.changed and result.version == 1
    assert versions(engine) == [1]


def test_same_definition_in_another_key_order_is_unchanged(engine: Engine) -> None:
    doc = document(engine)
    doc["entities"] = [{k: e[k] for k in reversed(list(e))} for e in doc["entities"]]
    with statements(engine) as sent:
        assert not apply(engine, doc, author="admin").changed
    assert ddl_of(sent) == []


def test_change_outside_entities_sends_no_ddl_but_makes_a_version(engine: Engine) -> None:
    doc = document(engine)
    doc["views"].append({"name": "vip clients", "entity": "client"})
    doc["automations"] = [{"name": "Welcome", "entity": "client", "when": {"event": "created"},
                           "do": [{"action": "webhook", "url": "https://example.com/hook"}]}]
    with statements(engine) as sent:
        result = apply(engine, doc, author="olga", summary="a view for VIPs")
    assert ddl_of(sent) == []
    assert [op.op for op in result.plan.operations] == ["update_views", "update_automations"]
    assert result.version == 2 and not result.plan.ddl
    with engine.connect() as conn:
        latest = current(conn)
    assert (latest.author, latest.summary) == ("olga", "a view for VIPs")
    assert latest.document["views"][1]["name"] == "vip clients"


def test_labels_reorders_and_options_send_no_ddl(engine: Engine) -> None:
    doc = document(engine)
    client = doc["entities"][0]
    client["label"] = "Customer"
    client["fields"].reverse()
    client["fields"][0]["label"] = "Tags"
    field(doc, "client", "status")["options"].append("lost")
    doc["entities"].reverse()
    with statements(engine) as sent:
        result = apply(engine, doc, author="admin")
    assert ddl_of(sent) == []
    assert {op.op for op in result.plan.operations} == {
        "reorder_entities",
        "reorder_fields",
        "update_field",
        "change_options",
        "update_entity",
    }


def test_a_real_change_sends_ddl(engine: Engine) -> None:
    doc = document(engine)
    doc["entities"][0]["fields"].append({"name": "vat", "type": "text"})
    with statements(engine) as sent:
        apply(engine, doc, author="admin")
    ddl = ddl_of(sent)
    assert "ADD COLUMN vat" in ddl[0]
    # the rest gives vat its search column and index (`search_index`), and nothing else
    assert all("vat" in statement for statement in ddl[1:])


# ---------------------------------------------------------------- indexes


def test_default_indexes_of_a_new_entity(engine: Engine) -> None:
    deal = indexes(engine, "deal")
    indexed = {cols[0] for name, (cols, _) in deal.items() if name.startswith("ix_fld_")}
    assert indexed == {
        "amount",
        "share",
        "stage",
        "close_date",
        "closed_at",
        "client",
        "owner_user",
        "number",
    }
    client = indexes(engine, "client")
    assert client["ix_fld_status"] == (("status",), False)
    assert client["ix_fld_score"] == (("score",), False)
    # Unique text is compared by its key: 'DUP@x.com' is 'dup@x.com' (migrate/unique_keys.py).
    assert client["uk_fld_email"] == (("kt_key_fld_email",), True)
    assert "ix_fld_rating" not in client  # "indexed": false
    assert not any(cols in {("name",), ("note",)} for cols, _ in client.values())
    assert indexes(engine, "client__tags")["ix_fld_tags_dst"] == (("tag_id",), False)


def test_index_of_a_new_field_is_built_after_commit(engine: Engine) -> None:
    doc = document(engine)
    doc["entities"][0]["fields"].append({"id": "fld_since", "name": "since", "type": "date"})
    result = apply(engine, doc, author="admin", build_indexes=False)
    assert result.indexes_pending == 1
    assert "ix_fld_since" not in indexes(engine, "client")
    with engine.connect() as conn:
        jobs = conn.execute(select(INDEX_JOBS.c.table_name, INDEX_JOBS.c.index_name)).all()
    assert [tuple(j) for j in jobs] == [("client", "ix_fld_since")]
    assert build_pending_indexes(engine) == 1
    assert indexes(engine, "client")["ix_fld_since"] == (("since",), False)
    assert build_pending_indexes(engine) == 0


def test_indexed_false_drops_the_index_and_true_brings_it_back(engine: Engine) -> None:
    doc = document(engine)
    field(doc, "client", "score")["indexed"] = False
    apply(engine, doc, author="admin")
    assert "ix_fld_score" not in indexes(engine, "client")
    field(doc, "client", "score")["indexed"] = True
    apply(engine, doc, author="admin")
    assert "ix_fld_score" in indexes(engine, "client")


def test_unique_index_is_built_at_once_and_ignores_trashed_records(engine: Engine) -> None:
    doc = document(engine)
    field(doc, "client", "name")["unique"] = True
    result = apply(engine, doc, author="admin", build_indexes=False)
    assert result.indexes_pending == 0
    assert indexes(engine, "client")["uk_fld_name"] == (("kt_key_fld_name",), True)
    client = app_metadata(document(engine)).tables["client"]
    key = "kt_key_fld_name"  # what a record write stores with the name: its key
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(client).values(name="ACME ", **{key: "acme"}))
    with engine.begin() as conn:
        conn.execute(update(client).values(deleted_at=dt.datetime.now(dt.UTC)))
        conn.execute(insert(client).values(name="Acme", **{key: "acme"}))
        conn.execute(insert(client).values(name=None))
        conn.execute(insert(client).values(name=None))
    # and unique off: the unique index gives way to a plain one, built after commit
    field(doc, "client", "name")["unique"] = False
    result = apply(engine, doc, author="admin")
    assert "uk_fld_name" not in indexes(engine, "client")
    assert "kt_key_fld_name" not in [c["name"] for c in inspect(engine).get_columns("client")]
    with engine.begin() as conn:
        conn.execute(insert(client).values(name="Acme"))
