"""Creating, reading and updating records: values in and out, every problem at once, versions.

On SQLite and PostgreSQL, through the record functions a request calls.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import insert, select

from kartoteka.schema_engine.errors import (
    RecordInvalid,
    RecordNotFound,
    StaleRecord,
    UnknownEntity,
)
from kartoteka.schema_engine.records.changelog import CHANGES
from kartoteka.schema_engine.records.values import EntityWriter
from kartoteka.schema_engine.records.writes import create_record, get_record, update_record
from kartoteka.schema_engine.store import USERS
from tests.support.definitions import MakeApp
from tests.support.records import Records, crm, problems, second_writer
from tests.support.waiting import wait_for

SYSTEM = {
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "owner",
    "version",
    "deleted_at",
}


@pytest.fixture
def app(db_url: str, make_app: MakeApp) -> Records:
    return Records.open(make_app(crm()))


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


# ---------------------------------------------------------------- create and read


def test_a_new_record_has_every_field_and_who_made_it(app: Records) -> None:
    before = dt.datetime.now(dt.UTC)
    record = app.create("client", {"name": "Acme", "email": "info@acme.test"})
    me = {"id": app.user_id, "title": "Ольга"}
    assert record["name"] == "Acme"
    assert set(record) == SYSTEM | set(app.model.fields("client"))
    assert (record["phone"], record["labels"], record["tags"]) == (None, None, [])
    assert (record["version"], record["deleted_at"]) == (1, None)
    assert record["created_by"] == record["updated_by"] == record["owner"] == me
    assert record["created_at"].endswith("Z")
    assert before - dt.timedelta(seconds=1) <= utc(record["created_at"]) <= dt.datetime.now(dt.UTC)
    assert record["updated_at"] == record["created_at"]
    assert app.get("client", record["id"]) == record


def test_every_field_type_goes_in_and_comes_out_as_json(app: Records) -> None:
    client = app.create(
        "client",
        {
            "name": "Ольга Смирнова",
            "email": " olga@example.ru ",
            "phone": "+7 912 345-67-89",
            "website": "https://example.ru",
            "notes": "Line one\nline two",
            "status": "VIP",
            "labels": "b2b, partner",
            "tags": [
                app.create("tag", {"label": "red"})["id"],
                {"id": app.create("tag", {"label": "blue"})["id"], "title": "ignored"},
            ],
        },
    )
    assert {k: client[k] for k in ("name", "email", "phone", "website", "notes", "status")} == {
        "name": "Ольга Смирнова",
        "email": "olga@example.ru",
        "phone": "+7 912 345-67-89",
        "website": "https://example.ru",
        "notes": "Line one\nline two",
        "status": "vip",
    }
    assert client["labels"] == ["b2b", "partner"]
    assert client["tags"] == [{"id": 1, "title": "red"}, {"id": 2, "title": "blue"}]
    assert client["code"] == 1
    deal = app.create(
        "deal",
        {
            "title": "Pharma supply",
            "amount": "1 234 567,89",
            "rate": 0.125,
            "probability": "75%",
            "seats": "12",
            "stage": "won",
            "closes_on": "23.11.2026",
            "signed_at": "2026-11-23T10:30:00+03:00",
            "paid": "yes",
            "client": {"id": client["id"]},
        },
    )
    assert deal["amount"] == 1234567.89
    assert (deal["rate"], deal["probability"], deal["seats"]) == (0.125, 75, 12)
    assert (deal["stage"], deal["closes_on"], deal["paid"]) == ("won", "2026-11-23", True)
    assert deal["signed_at"] == "2026-11-23T07:30:00Z"
    assert deal["client"] == {"id": client["id"], "title": "Ольга Смирнова"}
    assert deal["manager"] == {"id": app.user_id, "title": "Ольга"}
    assert app.get("deal", deal["id"]) == deal


def test_money_keeps_every_digit(app: Records) -> None:
    deal = app.create("deal", {"title": "Big", "amount": "9999999999999.99"})
    assert deal["amount"] == 9999999999999.99
    assert app.update("deal", deal["id"], {"amount": "-0.000000001"})["amount"] == -1e-9
    assert app.update("deal", deal["id"], {"amount": "0.10"})["amount"] == 0.1


def test_defaults_fill_the_fields_left_out(app: Records) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    task = app.create("task", {"title": "Call back"})
    assert task["done"] is False
    assert before <= utc(task["due"]) <= dt.datetime.now(dt.UTC)
    assert app.create("client", {"name": "Acme"})["status"] == "lead"
    deal = app.create("deal", {"title": "D"})
    assert (deal["stage"], deal["manager"]) == ("new", {"id": app.user_id, "title": "Ольга"})


def test_a_field_given_as_empty_stays_empty_despite_its_default(app: Records) -> None:
    client = app.create("client", {"name": "Acme", "status": None, "email": "", "phone": "  "})
    assert (client["status"], client["email"], client["phone"]) == (None, None, None)


def test_an_unknown_record_or_entity_is_named(app: Records) -> None:
    with pytest.raises(RecordNotFound, match="client 99 does not exist") as caught:
        app.get("client", 99)
    assert caught.value.trashed is False
    with pytest.raises(UnknownEntity, match="unknown entity 'clients'; entities are: client"):
        app.get("clients", 1)


# ---------------------------------------------------------------- every problem at once


def test_every_problem_is_reported_at_once_with_its_field(app: Records) -> None:
    app.create("client", {"name": "Acme", "email": "a@x.test"})
    with pytest.raises(RecordInvalid) as caught:
        app.create(
            "client",
            {
                "name": " ",
                "email": "a@x.test",
                "website": "example.com",
                "status": "gold",
                "labels": ["b2b", "retail"],
                "emial": "b@x.test",
                "id": 7,
                "code": 3,
            },
        )
    assert problems(caught.value) == {
        "name": "name is required",
        "email": "email 'a@x.test' is already used by client 1",
        "website": "'example.com' is not a web address starting with http:// or https://",
        "status": "'gold' is not one of the options (lead, active, vip)",
        "labels": "'retail' is not one of the options (b2b, b2c, partner)",
        "emial": "unknown field 'emial' on entity 'client' (did you mean 'email'?); fields "
        "are: name, email, phone, website, notes, status, labels, tags",
        "id": "id is read-only: Kartoteka assigns it",
        "code": "code is an autonumber: Kartoteka assigns it",
    }
    assert [e.field for e in caught.value.errors][:5] == [
        "name",
        "email",
        "website",
        "status",
        "labels",
    ]
    assert app.count("client") == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"amount": "ten"}, "amount", "'ten' is not a number"),
        ({"seats": 2.5}, "seats", "2.5 has a fractional part"),
        ({"closes_on": "2026-13-01"}, "closes_on", "is not a date (use YYYY-MM-DD or DD.MM.YYYY)"),
        ({"signed_at": "soon"}, "signed_at", "'soon' is not a date and time"),
        ({"paid": "maybe"}, "paid", "'maybe' is not yes or no"),
        ({"stage": "archived"}, "stage", "'archived' is not one of the options (new, qualified"),
        ({"client": "Acme"}, "client", "'Acme' is not a record id"),
        ({"client": 99}, "client", "client 99 does not exist"),
        ({"manager": 99}, "manager", "user 99 does not exist"),
        ({"created_at": "2026-01-01T00:00:00Z"}, "created_at", "created_at is read-only"),
        ({"title": None}, "title", "title is required"),
    ],
)
def test_a_bad_value_is_named_with_what_is_wrong(
    app: Records, values: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(RecordInvalid) as caught:
        app.create("deal", {"title": "D", **values})
    assert list(problems(caught.value)) == [field]
    assert message in problems(caught.value)[field]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "a\x00b"}, "title contains a NUL character, which cannot be stored"),
        ({"title": "broken \ud800"}, "title is not valid Unicode text"),
        ({"title": "x" * 10_001}, "title has 10,001 characters; the limit is 10,000"),
        ({"amount": "1e400000"}, "'1e400000' is too large; numbers stay below ±10,000,000,"),
        ({"amount": 123456789012345678901234567890}, "is too large; numbers stay below ±10,"),
        ({"amount": "-10000000000000"}, "is too large; numbers stay below ±10,000,000,000,000"),
        ({"rate": "0.1234567891"}, "has 10 digits after the point; the limit is 9"),
        ({"rate": "1234567.123456789"}, "has 16 significant digits; the limit is 15"),
        ({"closes_on": "9999-12-31"}, "closes_on '9999-12-31' is out of range; dates run from"),
        ({"signed_at": "0001-01-01T23:00:00+14:00"}, "is out of range; dates run from 0001-01"),
        ({"title": ["a", "b"]}, "title takes text, not a list"),
        ({"title": {"a": 1}}, "title takes text, not an object"),
        ({"seats": 2**40}, "is too large for a whole number"),
    ],
)
def test_values_no_database_could_store_are_refused_as_such(
    app: Records, values: dict[str, Any], message: str
) -> None:
    with pytest.raises(RecordInvalid) as caught:
        app.create("deal", {"title": "D", **values})
    [error] = caught.value.errors
    assert message in error.message
    assert app.count("deal") == 0


def test_long_text_takes_long_values(app: Records) -> None:
    notes = "Заметка. " * 5000
    assert app.create("client", {"name": "A", "notes": notes})["notes"] == notes


def test_links_take_lists_of_live_records(app: Records) -> None:
    tag = app.create("tag", {"label": "red"})["id"]
    app.trash("tag", app.create("tag", {"label": "old"})["id"])
    with pytest.raises(RecordInvalid) as caught:
        app.create("client", {"name": "A", "tags": tag})
    assert problems(caught.value) == {"tags": "tags takes a list of record ids, e.g. [3, 5]"}
    with pytest.raises(RecordInvalid) as caught:
        app.create("client", {"name": "A", "tags": [tag, 2, 77, "x"]})
    assert problems(caught.value) == {"tags": "'x' is not a record id"}
    with pytest.raises(RecordInvalid) as caught:
        app.create("client", {"name": "A", "tags": [tag, 2, 77]})
    assert [e.message for e in caught.value.errors] == [
        "tag 2 is in the trash; restore it first or pick another",
        "tag 77 does not exist",
    ]


def test_a_link_to_a_trashed_record_is_refused(app: Records) -> None:
    client = app.create("client", {"name": "Gone"})["id"]
    app.trash("client", client)
    with pytest.raises(RecordInvalid) as caught:
        app.create("deal", {"title": "D", "client": client})
    assert problems(caught.value) == {
        "client": f"client {client} is in the trash; restore it first or pick another"
    }


def test_a_record_must_be_an_object(app: Records) -> None:
    with pytest.raises(RecordInvalid) as caught:
        app.create("tag", ["red"])  # type: ignore[arg-type]
    assert problems(caught.value) == {
        "record": 'a record is an object of field values, e.g. {"name": …}'
    }


# ---------------------------------------------------------------- unique values


def test_a_unique_value_names_the_record_using_it(app: Records) -> None:
    first = app.create("client", {"name": "A", "email": "a@x.test"})["id"]
    other = app.create("client", {"name": "B", "email": "b@x.test"})["id"]
    with pytest.raises(RecordInvalid) as caught:
        app.update("client", other, {"email": "a@x.test"})
    assert problems(caught.value) == {
        "email": f"email 'a@x.test' is already used by client {first}"
    }
    assert app.update("client", first, {"email": "a@x.test", "name": "A2"})["name"] == "A2"


def test_a_trashed_record_frees_its_unique_value(app: Records) -> None:
    app.trash("client", app.create("client", {"name": "Old", "email": "a@x.test"})["id"])
    assert app.create("client", {"name": "New", "email": "a@x.test"})["email"] == "a@x.test"


def test_a_unique_value_taken_in_a_race_is_still_a_field_problem(
    app: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before the insert can lose a race; the database's refusal is translated."""
    app.create("client", {"name": "A", "email": "a@x.test"})
    checks: list[int] = []
    real = EntityWriter.check_unique

    def late(self: EntityWriter, *args: Any, **kwargs: Any) -> None:
        checks.append(1)
        if len(checks) > 1:  # the check run after the database refused
            real(self, *args, **kwargs)

    monkeypatch.setattr(EntityWriter, "check_unique", late)
    with app.engine.begin() as conn:
        with pytest.raises(RecordInvalid) as caught:
            create_record(
                conn, app.model, "client", {"name": "B", "email": "a@x.test"}, user_id=app.user_id
            )
        # The transaction is still usable: only the savepoint of the insert was rolled back.
        assert get_record(conn, app.model, "client", 1)["name"] == "A"
    assert problems(caught.value) == {"email": "email 'a@x.test' is already used by client 1"}
    assert len(checks) == 2  # the database refused, then the check named the record
    assert app.count("client") == 1


# ---------------------------------------------------------------- update


def test_an_update_changes_the_fields_given_and_counts_the_version(app: Records) -> None:
    deal = app.create("deal", {"title": "D", "amount": 100, "stage": "new"})
    changed = app.update("deal", deal["id"], {"amount": "250.5", "stage": "qualified"})
    assert (changed["amount"], changed["stage"], changed["title"]) == (250.5, "qualified", "D")
    assert changed["version"] == 2
    assert changed["updated_at"] > deal["updated_at"]
    assert changed["created_at"] == deal["created_at"]
    assert app.get("deal", deal["id"]) == changed


def test_an_update_that_changes_nothing_keeps_the_version(app: Records) -> None:
    deal = app.create("deal", {"title": "D", "amount": "100.50", "closes_on": "2026-11-23"})
    same = app.update("deal", deal["id"], {"amount": 100.5, "closes_on": "23.11.2026"})
    assert same == deal
    assert [c.kind for c in app.changes("deal", deal["id"])] == ["created"]


def test_a_record_as_read_can_be_saved_back(app: Records) -> None:
    tag = app.create("tag", {"label": "x"})["id"]
    client = app.create("client", {"name": "Acme", "tags": [tag]})
    again = app.update("client", client["id"], {**client, "name": "Acme Ltd"})
    assert (again["name"], again["version"], again["tags"]) == ("Acme Ltd", 2, client["tags"])


def test_read_only_fields_cannot_be_changed(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})
    with pytest.raises(RecordInvalid) as caught:
        app.update(
            "client",
            client["id"],
            {
                "id": 5,
                "version": 9,
                "code": 4,
                "created_at": "2020-01-01T00:00:00Z",
                "owner": {"id": 99},
                "deleted_at": "2026-01-01T00:00:00Z",
            },
        )
    assert problems(caught.value) == {
        "id": "id is read-only: Kartoteka assigns it",
        "version": "version is read-only: Kartoteka increments it on every change",
        "code": "code is an autonumber: Kartoteka assigns it",
        "created_at": "created_at is read-only: Kartoteka sets it",
        "owner": "user 99 does not exist",
        "deleted_at": "deleted_at is read-only: trash or restore the record instead",
    }


def test_a_record_is_assigned_to_another_user_by_changing_its_owner(app: Records) -> None:
    with app.engine.begin() as conn:
        anna = conn.execute(insert(USERS).values(email="anna@example.com", name="Anna")
                            .returning(USERS.c.id)).scalar_one()
    deal = app.create("deal", {"title": "D"})
    assert deal["owner"] == {"id": app.user_id, "title": "Ольга"}  # its creator's
    moved = app.update("deal", deal["id"], {"owner": anna}, if_version=1)
    assert (moved["owner"], moved["version"]) == ({"id": anna, "title": "Anna"}, 2)
    assert app.update("deal", deal["id"], {"owner": {"id": anna}})["version"] == 2  # no change
    with app.engine.connect() as conn:
        logged = conn.execute(select(CHANGES.c.field_id, CHANGES.c.old, CHANGES.c.new)
                              .where(CHANGES.c.kind == "changed")).all()
    assert logged == [("owner", str(app.user_id), str(anna))]
    for wrong, message in ((None, "owner is required"), (999, "user 999 does not exist")):
        with pytest.raises(RecordInvalid) as caught:
            app.update("deal", deal["id"], {"owner": wrong})
        assert problems(caught.value) == {"owner": message}
    with pytest.raises(RecordInvalid) as caught:  # a new record is its creator's
        app.create("deal", {"title": "E", "owner": anna})
    assert problems(caught.value) == {"owner": "owner is read-only: Kartoteka sets it"}


def test_a_required_field_cannot_be_emptied_but_others_can(app: Records) -> None:
    deal = app.create("deal", {"title": "D", "amount": 5})
    with pytest.raises(RecordInvalid) as caught:
        app.update("deal", deal["id"], {"title": "", "amount": None})
    assert problems(caught.value) == {"title": "title is required"}
    assert app.update("deal", deal["id"], {"amount": None})["amount"] is None


def test_a_stale_version_is_refused_with_the_record_as_it_is(app: Records) -> None:
    deal = app.create("deal", {"title": "D", "amount": 1})
    app.update("deal", deal["id"], {"amount": 2}, if_version=1)
    with pytest.raises(StaleRecord, match="you have version 1, it is at version 2") as caught:
        app.update("deal", deal["id"], {"amount": 3}, if_version=1)
    assert (caught.value.current["amount"], caught.value.current["version"]) == (2, 2)
    assert app.get("deal", deal["id"])["amount"] == 2
    assert app.update("deal", deal["id"], {"amount": 3})["version"] == 3  # last write wins


def test_two_edits_of_one_version_at_once_lose_nothing(app: Records) -> None:
    deal = app.create("deal", {"title": "D", "amount": 1})["id"]
    # As the API opens writes: on SQLite the second writer waits for the first one's lock.
    engine = app.engine.execution_options(sqlite_begin="IMMEDIATE")
    writer, waiting = second_writer(app.engine)

    def second_edit() -> dict[str, Any]:
        with writer.begin() as conn:
            return update_record(
                conn, app.model, "deal", deal, {"amount": 3}, user_id=app.user_id, if_version=1
            )

    with ThreadPoolExecutor(max_workers=1) as pool:
        with engine.begin() as conn:
            update_record(
                conn, app.model, "deal", deal, {"amount": 2}, user_id=app.user_id, if_version=1
            )
            second = pool.submit(second_edit)
            assert wait_for(waiting), "the second edit never waited for the first one's lock"
            assert not second.done()  # it waits for the first edit's transaction
        with pytest.raises(StaleRecord) as caught:
            second.result()
    assert (caught.value.current["amount"], caught.value.current["version"]) == (2, 2)
    assert app.get("deal", deal)["amount"] == 2


def test_an_update_relinks_many_to_many(app: Records) -> None:
    red, blue, green = (app.create("tag", {"label": t})["id"] for t in ("red", "blue", "green"))
    client = app.create("client", {"name": "Acme", "tags": [red, blue]})
    changed = app.update("client", client["id"], {"tags": [{"id": green}, blue]})
    assert [t["title"] for t in changed["tags"]] == ["blue", "green"]
    assert app.update("client", client["id"], {"tags": []})["tags"] == []


def test_a_link_to_a_trashed_record_survives_an_update_and_comes_back_with_it(
    app: Records,
) -> None:
    red, blue, green = (app.create("tag", {"label": t})["id"] for t in ("red", "blue", "green"))
    client = app.create("client", {"name": "Acme", "tags": [red, blue]})["id"]
    app.trash("client", client)
    app.trash("tag", red)  # no live record links to it any more
    app.restore("client", client)
    assert [t["title"] for t in app.get("client", client)["tags"]] == ["blue"]
    app.update("client", client, {"tags": [green]})
    app.restore("tag", red)
    assert [t["title"] for t in app.get("client", client)["tags"]] == ["red", "green"]


def test_an_unknown_field_in_an_update_is_named(app: Records) -> None:
    deal = app.create("deal", {"title": "D"})
    with pytest.raises(RecordInvalid) as caught:
        app.update("deal", deal["id"], {"amout": 5})
    assert problems(caught.value)["amout"].startswith(
        "unknown field 'amout' on entity 'deal' (did you mean 'amount'?); fields are: title, "
    )


def test_an_update_of_a_missing_record_is_not_found(app: Records) -> None:
    with pytest.raises(RecordNotFound, match="deal 7 does not exist"):
        app.update("deal", 7, {"title": "x"})
