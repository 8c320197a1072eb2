"""Batches (all or nothing, problems named by row), autonumbers, the change log and the search
columns every write fills. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from kartoteka.schema_engine.errors import RecordInvalid
from kartoteka.schema_engine.records import writes as records
from kartoteka.schema_engine.search.folded import shadow_name
from tests.support.definitions import MakeApp
from tests.support.records import Records, crm, problems


@pytest.fixture
def app(db_url: str, make_app: MakeApp) -> Records:
    return Records.open(make_app(crm()))


def deals(count: int) -> list[dict[str, object]]:
    return [
        {"title": f"Deal {i}", "amount": i * 10, "stage": "new", "closes_on": "2026-11-23"}
        for i in range(count)
    ]


# ---------------------------------------------------------------- batches


def test_a_batch_gives_the_ids_in_input_order(app: Records) -> None:
    ids = app.create_many(
        "client", [{"name": f"Client {i}", "email": f"c{i}@x.test"} for i in range(2500)]
    )
    assert len(set(ids)) == 2500
    names = app.column("client", "name")
    assert [names[i] for i in ids] == [f"Client {i}" for i in range(2500)]


def test_a_batch_links_each_record_to_its_own_targets(app: Records) -> None:
    red, blue = app.create_many("tag", [{"label": "red"}, {"label": "blue"}])
    ids = app.create_many(
        "client",
        [{"name": "A", "tags": [red]}, {"name": "B"}, {"name": "C", "tags": [blue, {"id": red}]}],
    )
    assert [[t["title"] for t in app.get("client", i)["tags"]] for i in ids] == [
        ["red"],
        [],
        ["red", "blue"],
    ]


def test_one_bad_row_leaves_the_whole_batch_out(app: Records) -> None:
    rows = deals(10)
    rows[7]["amount"] = "a lot"
    with pytest.raises(RecordInvalid) as caught:
        app.create_many("deal", rows)
    assert problems(caught.value) == {"create[7].amount": "'a lot' is not a number"}
    assert app.count("deal", live=False) == 0
    assert app.create_many("deal", deals(1)) == [1]


def test_batch_problems_are_named_by_row_and_field(app: Records) -> None:
    app.create("client", {"name": "Taken", "email": "taken@x.test"})
    rows: list[object] = [
        {"name": "A", "email": "a@x.test"},
        {"name": "B", "email": "dup@x.test"},
        {"name": "", "status": "gold"},
        "not a record",
        {"name": "E", "email": "dup@x.test"},
        {"name": "F", "email": "taken@x.test", "tags": [5]},
    ]
    with pytest.raises(RecordInvalid) as caught:
        app.create_many("client", rows)  # type: ignore[arg-type]
    assert problems(caught.value) == {
        "create[2].name": "name is required",
        "create[2].status": "'gold' is not one of the options (lead, active, vip)",
        "create[3]": 'a record is an object of field values, e.g. {"name": …}',
        "create[4].email": "email 'dup@x.test' is also given in create[1]",
        "create[5].email": "email 'taken@x.test' is already used by client 1",
        "create[5].tags": "tag 5 does not exist",
    }
    assert app.count("client") == 1


def test_a_batch_takes_at_most_ten_thousand_records(app: Records) -> None:
    with pytest.raises(RecordInvalid) as caught:
        app.create_many("tag", [{"label": "x"}] * 10_001)
    assert problems(caught.value) == {
        "create": "a batch takes at most 10,000 records and this "
        "one has 10,001; send it in smaller batches"
    }
    assert app.create_many("tag", []) == []


# ---------------------------------------------------------------- autonumbers


def test_autonumbers_count_on_and_are_never_given_twice(app: Records) -> None:
    assert app.create("client", {"name": "A"})["code"] == 1
    ids = app.create_many("client", [{"name": n} for n in "BCD"])
    assert [app.get("client", i)["code"] for i in ids] == [2, 3, 4]
    app.trash("client", ids[-1])
    with pytest.raises(RecordInvalid):
        app.create_many("client", [{"name": "E"}, {"name": ""}])
    assert app.create("client", {"name": "F"})["code"] == 5


def test_concurrent_writers_get_distinct_autonumbers(app: Records) -> None:
    # SQLite: writers take turns on the database lock from BEGIN IMMEDIATE, as the API opens them.
    engine = app.engine.execution_options(sqlite_begin="IMMEDIATE")

    def create(worker: int) -> None:
        for batch in range(5):
            with engine.begin() as conn:
                records.create_records(
                    conn,
                    app.model,
                    "client",
                    [{"name": f"w{worker} b{batch} r{i}"} for i in range(3)],
                    user_id=None,
                )

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(create, range(4)))
    assert sorted(app.column("client", "code").values()) == list(range(1, 61))


# ---------------------------------------------------------------- the change log


def test_a_created_record_is_logged_once_with_its_values(app: Records) -> None:
    tag = app.create("tag", {"label": "red"})["id"]
    ids = app.create_many("client", [{"name": "Acme", "tags": [tag]}, {"name": "Ольга"}])
    logged = [app.changes("client", i) for i in ids]
    assert [[c.kind for c in changes] for changes in logged] == [["created"], ["created"]]
    first = logged[0][0]
    assert first.new == {
        "fld_client_name": "Acme",
        "fld_client_status": "lead",
        "fld_client_code": 1,
        "fld_client_tags": [tag],
    }
    assert (first.user_id, first.field_id, first.old) == (app.user_id, None, None)
    assert first.at == dt.datetime.fromisoformat(
        app.get("client", ids[0])["created_at"].replace("Z", "+00:00")
    )
    assert logged[1][0].new["fld_client_name"] == "Ольга"


def test_a_change_is_logged_per_field_with_old_and_new_values(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})["id"]
    deal = app.create("deal", {"title": "D", "amount": "100.50", "closes_on": "2026-11-23"})
    app.update(
        "deal",
        deal["id"],
        {
            "amount": 2000,
            "closes_on": "2026-12-01",
            "signed_at": "2026-11-23T10:00:00+01:00",
            "client": client,
            "title": "D",
        },
    )
    changed = [c for c in app.changes("deal", deal["id"]) if c.kind == "changed"]
    assert {c.field_id: (c.old, c.new) for c in changed} == {
        "fld_deal_amount": (100.5, 2000),
        "fld_deal_closes_on": ("2026-11-23", "2026-12-01"),
        "fld_deal_signed_at": (None, "2026-11-23T09:00:00Z"),
        "fld_deal_client": (None, client),
    }
    assert {c.user_id for c in changed} == {app.user_id}


def test_a_refused_write_logs_nothing(app: Records) -> None:
    deal = app.create("deal", {"title": "D"})["id"]
    with pytest.raises(RecordInvalid):
        app.update("deal", deal, {"amount": 5, "stage": "nope"})
    assert [c.kind for c in app.changes("deal", deal)] == ["created"]


# ---------------------------------------------------------------- search columns


def test_text_fields_are_stored_folded_for_search(app: Records) -> None:
    shadow = shadow_name(app.model.field("client", "name"))
    email = shadow_name(app.model.field("client", "email"))
    client = app.create("client", {"name": "ОЛЬГА Smirnová", "email": "Olga@Example.RU"})["id"]
    [batch] = app.create_many("client", [{"name": "José Ñúñez"}])
    assert app.column("client", shadow) == {client: "ольга smirnova", batch: "jose nunez"}
    assert app.column("client", email)[client] == "olga@example.ru"
    app.update("client", client, {"name": "Straße"})
    assert app.column("client", shadow)[client] == "strasse"
    app.update("client", client, {"email": None})
    assert app.column("client", email)[client] is None
