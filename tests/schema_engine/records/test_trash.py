"""The trash: trashed records are out of sight until restored as they were; links decide what
happens to the records pointing at one (`restrict` keeps it, `cascade` takes them along).
On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from kartoteka.schema_engine.errors import (
    RecordInvalid,
    RecordLinked,
    RecordNotFound,
    StaleRecord,
)
from kartoteka.schema_engine.records.writes import create_record, trash_record
from tests.support.definitions import MakeApp, entity_def
from tests.support.records import Records, crm, fld, problems, second_writer
from tests.support.waiting import wait_for


@pytest.fixture
def app(db_url: str, make_app: MakeApp) -> Records:
    return Records.open(make_app(crm()))


def test_a_trashed_record_is_out_of_sight_until_restored_as_it_was(app: Records) -> None:
    tag = app.create("tag", {"label": "red"})["id"]
    client = app.create("client", {"name": "Acme", "email": "a@x.test", "tags": [tag]})
    trashed = app.trash("client", client["id"])
    assert trashed["deleted_at"].endswith("Z")
    assert {**trashed, "deleted_at": None} == client
    attempts: list[Callable[[], object]] = [
        lambda: app.get("client", client["id"]),
        lambda: app.update("client", client["id"], {"name": "x"}),
        lambda: app.trash("client", client["id"]),
    ]
    for attempt in attempts:
        with pytest.raises(RecordNotFound, match="client 1 is in the trash; restore it") as caught:
            attempt()
        assert caught.value.trashed is True
    assert app.restore("client", client["id"]) == client
    assert app.get("client", client["id"]) == client


def test_restoring_a_live_record_changes_nothing(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})
    assert app.restore("client", client["id"]) == client
    assert [c.kind for c in app.changes("client", client["id"])] == ["created"]
    with pytest.raises(RecordNotFound, match="client 5 does not exist"):
        app.restore("client", 5)


def test_a_stale_version_keeps_a_record_out_of_the_trash(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})["id"]
    app.update("client", client, {"name": "Acme Ltd"})
    with pytest.raises(StaleRecord) as caught:
        app.trash("client", client, if_version=1)
    assert caught.value.current["name"] == "Acme Ltd"
    assert app.trash("client", client, if_version=2)["deleted_at"] is not None


# ---------------------------------------------------------------- restrict


def test_live_records_linking_to_a_record_keep_it_out_of_the_trash(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})["id"]
    deals = app.create_many("deal", [{"title": f"D{i}", "client": client} for i in range(3)])
    with pytest.raises(RecordLinked) as caught:
        app.trash("client", client)
    assert str(caught.value) == (
        "3 live deal records link to this client; trash them or unlink "
        "them first (or make the link cascade)"
    )
    assert app.get("client", client)["deleted_at"] is None
    app.trash("deal", deals[0])
    app.update("deal", deals[1], {"client": None})
    with pytest.raises(RecordLinked, match=r"^1 live deal record links to this client; trash it"):
        app.trash("client", client)
    app.trash("deal", deals[2])
    assert app.trash("client", client)["deleted_at"] is not None


def test_a_many_to_many_link_restricts_too(app: Records) -> None:
    tag = app.create("tag", {"label": "red"})["id"]
    app.create_many("client", [{"name": "A", "tags": [tag]}, {"name": "B", "tags": [tag]}])
    with pytest.raises(RecordLinked, match=r"^2 live client records link to this tag"):
        app.trash("tag", tag)


def test_a_restricting_link_behind_a_cascading_one_is_named(db_url: str, make_app: MakeApp) -> None:
    app = Records.open(
        make_app(
            {
                "entities": [
                    entity_def("client", fld("client", "name", "text")),
                    entity_def(
                        "task",
                        fld("task", "title", "text"),
                        fld("task", "client", "link", to="client", on_delete="cascade"),
                    ),
                    entity_def(
                        "reminder",
                        fld("reminder", "note", "text"),
                        fld("reminder", "task", "link", to="task"),
                    ),
                ]
            }
        )
    )
    client = app.create("client", {"name": "Acme"})["id"]
    task = app.create("task", {"title": "Call", "client": client})["id"]
    app.create("reminder", {"note": "tomorrow", "task": task})
    with pytest.raises(RecordLinked) as caught:
        app.trash("client", client)
    assert str(caught.value).startswith(
        "1 live reminder record links to this client or to records that would go to the trash "
        "with it; "
    )
    assert (app.count("client"), app.count("task")) == (1, 1)


def test_a_link_made_while_its_target_goes_to_the_trash_is_refused(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})["id"]
    engine = app.engine.execution_options(sqlite_begin="IMMEDIATE")  # as the API opens writes
    writer, waiting = second_writer(app.engine)

    def link_a_deal() -> dict[str, Any]:
        with writer.begin() as conn:
            return create_record(
                conn, app.model, "deal", {"title": "D", "client": client}, user_id=app.user_id
            )

    with ThreadPoolExecutor(max_workers=1) as pool:
        with engine.begin() as conn:
            trash_record(conn, app.model, "client", client, user_id=app.user_id)
            linking = pool.submit(link_a_deal)
            assert wait_for(waiting), "the link never waited for the trash's lock"
            assert not linking.done()  # it waits for the trash to commit
        with pytest.raises(RecordInvalid, match="client 1 is in the trash"):
            linking.result()
    assert app.count("deal", live=False) == 0


# ---------------------------------------------------------------- cascade


def test_cascading_links_take_records_to_the_trash_and_back(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})["id"]
    other = app.create("client", {"name": "Other"})["id"]
    earlier, call, mail = app.create_many(
        "task",
        [
            {"title": "Done long ago", "client": client},
            {"title": "Call", "client": client},
            {"title": "Mail", "client": client},
        ],
    )
    subtask = app.create("task", {"title": "Draft", "parent": mail})["id"]
    unrelated = app.create("task", {"title": "Other", "client": other})["id"]
    app.trash("task", earlier)

    trashed = app.trash("client", client)
    for task in (call, mail, subtask):
        with pytest.raises(RecordNotFound, match="in the trash"):
            app.get("task", task)
    stamps = {t: app.column("task", "deleted_at")[t] for t in (call, mail, subtask)}
    assert len(set(stamps.values())) == 1
    assert app.column("client", "deleted_at")[client] == stamps[call]
    assert trashed["deleted_at"] is not None
    assert app.get("task", unrelated)["deleted_at"] is None

    app.restore("client", client)
    assert [app.get("task", t)["title"] for t in (call, mail, subtask)] == ["Call", "Mail", "Draft"]
    with pytest.raises(RecordNotFound, match="in the trash"):
        app.get("task", earlier)


def test_restoring_a_dependent_alone_brings_back_its_own_dependents(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})["id"]
    mail = app.create("task", {"title": "Mail", "client": client})["id"]
    draft = app.create("task", {"title": "Draft", "parent": mail})["id"]
    app.trash("client", client)
    app.restore("task", mail)
    assert app.get("task", draft)["title"] == "Draft"
    with pytest.raises(RecordNotFound, match="client 1 is in the trash"):
        app.get("client", client)


def test_trash_and_restore_are_logged_with_what_went_along(app: Records) -> None:
    client = app.create("client", {"name": "Acme"})["id"]
    task = app.create("task", {"title": "Call", "client": client})["id"]
    app.trash("client", client)
    app.restore("client", client)
    assert [(c.kind, c.new) for c in app.changes("client", client)][1:] == [
        ("trashed", None),
        ("restored", None),
    ]
    went_with = {"with": {"entity_id": "ent_client", "record_id": client}}
    assert [(c.kind, c.new, c.user_id) for c in app.changes("task", task)][1:] == [
        ("trashed", went_with, app.user_id),
        ("restored", went_with, app.user_id),
    ]


# ---------------------------------------------------------------- restoring onto taken values


def test_a_unique_value_taken_meanwhile_keeps_a_record_in_the_trash(app: Records) -> None:
    old = app.create("client", {"name": "Old", "email": "a@x.test"})["id"]
    app.trash("client", old)
    new = app.create("client", {"name": "New", "email": "a@x.test"})["id"]
    with pytest.raises(RecordInvalid) as caught:
        app.restore("client", old)
    assert problems(caught.value) == {
        "email": f"email 'a@x.test' is now used by client {new}; change one of them, then restore"
    }
    app.update("client", new, {"email": "b@x.test"})
    assert app.restore("client", old)["email"] == "a@x.test"
