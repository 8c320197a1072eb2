"""The schema trash: deleted fields and entities keep their data until purged, a rollback brings
them back with it, and a purge removes them for good. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import Engine, inspect, update
from sqlalchemy.exc import IntegrityError

from kartoteka.schema_engine import PlanRefused, TrashError, purge, rollback, trash_items
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.store import TrashItem
from kartoteka.schema_engine.tables import app_metadata
from tests.support.definitions import (
    MakeApp,
    add,
    change,
    column,
    columns,
    document,
    entity,
    entity_def,
    field,
    field_def,
)


def crm() -> Document:
    return {
        "entities": [
            entity_def(
                "client",
                field_def("name", "text"),
                field_def("email", "email", unique=True),
                field_def("score", "decimal"),
                field_def("tags", "links", to="tag"),
            ),
            entity_def(
                "deal", field_def("title", "text"), field_def("client", "link", to="client")
            ),
            entity_def("tag", field_def("label", "text")),
        ]
    }


@pytest.fixture
def engine(db_url: str, make_app: MakeApp) -> Engine:
    engine = make_app(crm())
    add(engine, "tag", {"label": "red"}, {"label": "blue"})
    add(
        engine,
        "client",
        {"name": "Acme", "email": "a@x.test", "score": Decimal("1.5")},
        {"name": "Ольга", "email": "o@x.test", "score": Decimal("2")},
    )
    add(engine, "deal", {"title": "D1", "client": 1}, {"title": "D2", "client": 2})
    add(engine, "client__tags", {"client_id": 1, "tag_id": 1}, {"client_id": 1, "tag_id": 2})
    return engine


def drop_field(name: str, entity_name: str = "client") -> Callable[[Document], None]:
    def edit(doc: Document) -> None:
        e = entity(doc, entity_name)
        e["fields"] = [f for f in e["fields"] if f["name"] != name]

    return edit


def drop_entities(*names: str) -> Callable[[Document], None]:
    def edit(doc: Document) -> None:
        doc["entities"] = [e for e in doc["entities"] if e["name"] not in names]

    return edit


def items(engine: Engine) -> list[TrashItem]:
    with engine.connect() as conn:
        return trash_items(conn)


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


# ---------------------------------------------------------------- fields


def test_deleted_field_goes_to_the_trash_and_comes_back_with_its_data(engine: Engine) -> None:
    result = change(engine, drop_field("score"))
    assert [op.op for op in result.plan.operations] == ["trash_field"]
    assert "schema trash" in result.plan.warnings[0].message
    assert "score" not in columns(engine, "client")
    [item] = items(engine)
    assert (item.kind, item.entity_name, item.field_name, item.count) == (
        "field",
        "client",
        "score",
        2,
    )
    assert item.to_json()["definition"]["type"] == "decimal"
    add(engine, "client", {"name": "New", "email": "n@x.test"})  # the app works without it
    result = rollback(engine, 1, author="admin")
    assert [op.op for op in result.plan.operations] == ["restore_field"]
    assert column(engine, "client", "score") == [Decimal("1.5"), Decimal(2), None]
    assert items(engine) == []


def test_deleted_many_to_many_field_keeps_its_pairs(engine: Engine) -> None:
    change(engine, drop_field("tags"))
    assert "client__tags" not in tables(engine)
    assert items(engine)[0].count == 2
    rollback(engine, 1, author="admin")
    with engine.connect() as conn:
        assert set(conn.exec_driver_sql("SELECT client_id, tag_id FROM client__tags")) == {
            (1, 1),
            (1, 2),
        }


def test_a_new_field_with_a_trashed_name_starts_empty(engine: Engine) -> None:
    change(engine, drop_field("score"))
    change(
        engine, lambda d: entity(d, "client")["fields"].append({"name": "score", "type": "decimal"})
    )
    assert column(engine, "client", "score") == [None, None]
    assert field(document(engine), "client", "score")["id"] != "fld_score"
    assert len(items(engine)) == 1  # the old score is still in the trash


def test_deleted_unique_field_no_longer_blocks_new_records(engine: Engine) -> None:
    change(engine, drop_field("email"))
    add(engine, "client", {"name": "A"}, {"name": "B"})
    rollback(engine, 1, author="admin")
    assert column(engine, "client", "email") == ["a@x.test", "o@x.test", None, None]
    with pytest.raises(IntegrityError):
        add(engine, "client", {"name": "C", "email": "a@x.test"})


def test_restored_field_is_measured_on_its_hidden_data(engine: Engine) -> None:
    """v2 makes score text, a record gets a word, v3 deletes score; back to v1 (decimal)."""
    change(engine, lambda d: field(d, "client", "score").update(type="text"))
    t = app_metadata(document(engine)).tables["client"]
    with engine.begin() as conn:
        conn.execute(update(t).where(t.c.id == 2).values(score="plenty"))
    change(engine, drop_field("score"))
    with pytest.raises(PlanRefused) as refused:
        rollback(engine, 1, author="admin")
    [problem] = refused.value.plan.problems
    assert (problem.count, problem.records) == (1, [2])
    rollback(engine, 1, author="admin", on_bad_values="clear")
    assert column(engine, "client", "score") == [Decimal("1.5"), None]
    [kept] = items(engine)
    assert kept.kind == "values" and kept.payload == [[2, "plenty"]]


# ---------------------------------------------------------------- entities


def test_deleted_entity_comes_back_with_records_and_links(engine: Engine) -> None:
    result = change(engine, drop_entities("client", "deal"))
    assert {op.op for op in result.plan.operations} == {"trash_entity"}
    assert {"client", "deal", "client__tags"}.isdisjoint(tables(engine))
    assert sorted((t.kind, t.entity_name, t.count) for t in items(engine)) == [
        ("entity", "client", 2),
        ("entity", "deal", 2),
    ]
    rollback(engine, 1, author="admin")
    assert column(engine, "client", "name") == ["Acme", "Ольга"]
    assert column(engine, "deal", "client") == [1, 2]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM client__tags").scalar() == 2
    with pytest.raises(IntegrityError):
        add(engine, "deal", {"title": "D3", "client": 99})
    assert items(engine) == []


def test_deleting_a_link_target_trashes_the_link_field_too(engine: Engine) -> None:
    def drop_tag(doc: Document) -> None:
        drop_entities("tag")(doc)
        drop_field("tags")(doc)

    change(engine, drop_tag)
    assert sorted(t.title for t in items(engine)) == ["entity tag", "field client.tags"]
    rollback(engine, 1, author="admin")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM client__tags").scalar() == 2
    assert column(engine, "tag", "label") == ["red", "blue"]


def test_a_new_entity_may_take_the_name_of_a_trashed_one(engine: Engine) -> None:
    def replace_tag(doc: Document) -> None:
        drop_field("tags")(doc)
        entity(doc, "tag")["id"] = "ent_tag2"
        entity(doc, "tag")["fields"] = [{"name": "colour", "type": "text"}]

    change(engine, replace_tag)
    assert column(engine, "tag", "colour") == []
    rollback(engine, 1, author="admin")
    assert column(engine, "tag", "label") == ["red", "blue"]
    assert [t.entity_id for t in items(engine)] == ["ent_tag2"]


# ---------------------------------------------------------------- purge


def test_purge_removes_a_field_for_good(engine: Engine) -> None:
    change(engine, drop_field("score"))
    [item] = items(engine)
    before = columns(engine, "client")
    purge(engine, item.id, author="admin")
    assert items(engine) == []
    assert len(columns(engine, "client")) == len(before) - 1
    assert column(engine, "client", "name") == ["Acme", "Ольга"]
    assert column(engine, "deal", "client") == [1, 2]  # links into the rebuilt table survive
    with pytest.raises(IntegrityError):
        add(engine, "client", {"name": "dup", "email": "a@x.test"})
    result = rollback(engine, 1, author="admin")
    assert [op.op for op in result.plan.operations] == ["add_field", "add_index"]
    assert column(engine, "client", "score") == [None, None]


def test_purge_removes_an_entity_and_its_trashed_fields(engine: Engine) -> None:
    change(engine, drop_field("title", "deal"))
    change(engine, drop_entities("deal"))
    assert len(items(engine)) == 2
    purge(engine, next(t.id for t in items(engine) if t.kind == "entity"), author="admin")
    assert items(engine) == []
    assert not any(t.startswith("kt_trash") for t in tables(engine))


def test_purge_of_a_link_target_waits_for_the_trashed_link(engine: Engine) -> None:
    def drop_tag(doc: Document) -> None:
        drop_entities("tag")(doc)
        drop_field("tags")(doc)

    change(engine, drop_tag)
    by_title = {t.title: t.id for t in items(engine)}
    with pytest.raises(TrashError, match=r"field client.tags \(item \d+\); purge them first"):
        purge(engine, by_title["entity tag"], author="admin")
    purge(engine, by_title["field client.tags"], author="admin")
    purge(engine, by_title["entity tag"], author="admin")
    assert items(engine) == []
    # later changes still pass the foreign-key check
    change(engine, lambda d: entity(d, "client")["fields"].append({"name": "x", "type": "text"}))


def test_purge_of_cleared_values(engine: Engine) -> None:
    change(
        engine, lambda d: field(d, "client", "name").update(type="integer"), on_bad_values="clear"
    )
    [kept] = items(engine)
    assert kept.kind == "values" and kept.count == 2
    purge(engine, kept.id, author="admin")
    rollback(engine, 1, author="admin")
    assert column(engine, "client", "name") == [None, None]


def test_purge_of_an_unknown_item_names_the_known_ones(engine: Engine) -> None:
    change(engine, drop_field("score"))
    [item] = items(engine)
    with pytest.raises(TrashError, match=f"no schema-trash item 999; items are: {item.id}"):
        purge(engine, 999, author="admin")


def test_restored_entity_is_measured_on_its_hidden_table(engine: Engine) -> None:
    """v2 makes deal.title an integer (clearing words), v3 deletes deal; back to v1 (text)."""
    t = app_metadata(document(engine)).tables["deal"]
    with engine.begin() as conn:
        conn.execute(update(t).where(t.c.id == 2).values(title="42"))
    change(
        engine, lambda d: field(d, "deal", "title").update(type="integer"), on_bad_values="clear"
    )
    change(engine, drop_entities("deal"))
    rollback(engine, 1, author="admin")
    assert column(engine, "deal", "title") == ["D1", "42"]
    assert items(engine) == []


# ---------------------------------------------------------------- links pointed elsewhere


def test_link_pointed_at_another_entity_keeps_old_links_in_the_trash(engine: Engine) -> None:
    def to_tag(doc: Document) -> None:
        field(doc, "deal", "client")["to"] = "tag"

    with pytest.raises(PlanRefused) as refused:
        change(engine, to_tag)
    assert refused.value.plan.problems[0].records == [1, 2]
    result = change(engine, to_tag, on_bad_values="clear")
    assert [op.op for op in result.plan.operations] == ["change_link_target"]
    assert column(engine, "deal", "client") == [None, None]
    [kept] = items(engine)
    assert kept.payload == [[1, 1], [2, 2]]
    add(engine, "deal", {"title": "D3", "client": 2})  # tag 2
    with pytest.raises(IntegrityError):
        add(engine, "deal", {"title": "D4", "client": 3})  # no tag 3 (client 3 neither)
    rollback(engine, 1, author="admin", on_bad_values="clear")
    assert column(engine, "deal", "client") == [1, 2, None]
    assert [t.payload for t in items(engine)] == [[[3, 2]]]


def test_many_to_many_link_pointed_elsewhere_keeps_its_pairs(engine: Engine) -> None:
    def to_deal(doc: Document) -> None:
        field(doc, "client", "tags")["to"] = "deal"

    with pytest.raises(PlanRefused) as refused:
        change(engine, to_deal)
    assert refused.value.plan.problems[0].records == [1]
    change(engine, to_deal, on_bad_values="clear")
    assert columns(engine, "client__tags") == ["client_id", "deal_id"]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM client__tags").scalar() == 0
    rollback(engine, 1, author="admin")
    assert columns(engine, "client__tags") == ["client_id", "tag_id"]
    with engine.connect() as conn:
        assert set(conn.exec_driver_sql("SELECT * FROM client__tags")) == {(1, 1), (1, 2)}
    assert items(engine) == []


def test_entity_restored_without_a_field_it_had_when_trashed(engine: Engine) -> None:
    """v2 adds deal.note and client.labels, v3 deletes deal (and the link to it); back to v1:
    deal comes back without note, which stays in the trash with its data."""

    def add_fields(doc: Document) -> None:
        entity(doc, "deal")["fields"].append({"name": "note", "type": "text"})
        entity(doc, "deal")["fields"].append({"name": "labels", "type": "links", "to": "tag"})

    change(engine, add_fields)
    t = app_metadata(document(engine)).tables["deal"]
    with engine.begin() as conn:
        conn.execute(update(t).where(t.c.id == 1).values(note="call back"))
    add(engine, "deal__labels", {"deal_id": 1, "tag_id": 2})
    change(engine, drop_entities("deal"))
    rollback(engine, 1, author="admin")
    assert column(engine, "deal", "title") == ["D1", "D2"]
    assert "note" not in columns(engine, "deal") and "deal__labels" not in tables(engine)
    assert sorted((t.title, t.count) for t in items(engine)) == [
        ("field deal.labels", 1),
        ("field deal.note", 1),
    ]
    rollback(engine, 2, author="admin")
    assert column(engine, "deal", "note") == ["call back", None]
    with engine.connect() as conn:
        assert list(conn.exec_driver_sql("SELECT * FROM deal__labels")) == [(1, 2)]


def test_restored_field_gets_its_index_back(engine: Engine) -> None:
    """A SQLite rebuild while score is in the trash loses the hidden column's index."""
    change(engine, drop_field("score"))
    change(engine, lambda d: field(d, "client", "name").update(type="long_text"))
    change(
        engine, lambda d: field(d, "client", "name").update(type="integer"), on_bad_values="clear"
    )
    rollback(engine, 1, author="admin", on_bad_values="clear")
    indexes = {str(i["name"]): i["column_names"] for i in inspect(engine).get_indexes("client")}
    assert indexes["ix_fld_score"] == ["score"]
    assert column(engine, "client", "score") == [Decimal("1.5"), Decimal(2)]
    assert column(engine, "client", "name") == ["Acme", "Ольга"]


def test_purge_of_a_field_of_a_trashed_entity(engine: Engine) -> None:
    change(engine, drop_field("title", "deal"))
    change(engine, drop_entities("deal"))
    field_item = next(t for t in items(engine) if t.kind == "field")
    purge(engine, field_item.id, author="admin")
    rollback(engine, 1, author="admin")
    assert column(engine, "deal", "client") == [1, 2]
    assert column(engine, "deal", "title") == [None, None]
    assert items(engine) == []
