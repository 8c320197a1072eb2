"""A database made by the previous release gets its unique keys when a server starts (decision
0058): its clients' emails then compare as people read them; records that would clash keep
the old index until they are made different, and the schema page tells the admin."""

from __future__ import annotations

import json
import logging
import threading

import pytest
import sqlalchemy as sa

from kartoteka import schema_engine as se
from kartoteka.platform.tables import upgrade_tables
from kartoteka.platform.unique_upgrade import AUTHOR, SUMMARY, upgrade_unique_keys
from tests.cli.test_main import run
from tests.support import previous_release
from tests.support.forms import apply_plan, post_form
from tests.support.pages import csrf_of, links, signed_in, visible_text
from tests.support.servers import MakeServer
from tests.support.stored import store_directly

DEMO = previous_release.DEMO_LOGIN
PREVIOUS_VERSIONS = 2
NOTICE = "2 records of Clients share a value of “Email” written differently."


def _versions(db_url: str) -> list[tuple[int, str, str]]:
    engine = se.connect(db_url)
    try:
        with engine.connect() as conn:
            return [(row.version, row.author, row.summary) for row in conn.execute(sa.text(
                "SELECT version, author, summary FROM kt_schema_version ORDER BY version"))]
    finally:
        engine.dispose()


def _clashing_clients(db_url: str) -> list[int]:
    """Two clients whose emails differ by case only, written as the previous release could."""
    return store_directly(db_url, "client", [{"name": "Lower", "email": "dup@x.com"},
                                             {"name": "Upper", "email": "DUP@x.com"}],
                          owner_email=DEMO[0])


def test_a_started_server_gives_the_keys(db_url: str, make_server: MakeServer) -> None:
    previous_release.load(db_url)
    server = make_server(initialize=False)
    api = server.client(server.login(*DEMO))
    [existing] = api.get("/api/records/client", params={"limit": 1}).json()["items"]
    assert existing["email"]

    twin = api.post("/api/records/client", json={"name": "Twin",
                                                  "email": existing["email"].upper()})
    assert twin.status_code == 422, twin.text
    assert "already used by client" in twin.text
    versions = _versions(db_url)
    assert len(versions) == PREVIOUS_VERSIONS + 1
    assert versions[-1] == (PREVIOUS_VERSIONS + 1, AUTHOR, SUMMARY)
    # A second start finds nothing to do.
    make_server(initialize=False)
    assert len(_versions(db_url)) == PREVIOUS_VERSIONS + 1


def test_a_clash_keeps_the_old_index_and_shows_on_the_schema_page(
    db_url: str, make_server: MakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    previous_release.load(db_url)
    lower, upper = _clashing_clients(db_url)
    with caplog.at_level(logging.WARNING, logger="kartoteka.upgrade"):
        server = make_server(initialize=False)
    [warning] = [r.getMessage() for r in caplog.records if r.name == "kartoteka.upgrade"]
    assert "email of client" in warning and f"records {lower}, {upper}" in warning
    assert "'DUP@x.com', 'dup@x.com'" in warning

    # It serves, added no version, and the old index keeps values unique as stored.
    assert len(_versions(db_url)) == PREVIOUS_VERSIONS
    api = server.client(server.login(*DEMO))
    exact = api.post("/api/records/client", json={"name": "Exact", "email": "dup@x.com"})
    assert exact.status_code == 422, exact.text
    assert api.get(f"/api/records/client/{upper}").json()["email"] == "DUP@x.com"

    # The admin sees the clash, with links to both records.
    admin = signed_in(server.url, *DEMO)
    page = admin.get("/schema")
    assert page.status_code == 200
    assert f"{NOTICE} Make them different, then apply." in visible_text(page.text)
    shown = dict(links(page.text))
    assert [shown[href] for href in shown if href.endswith((f"/{lower}", f"/{upper}"))] == [
        f"#{lower}", f"#{upper}"]

    # Made different and applied from the notice: the keys are in place, the notice gone.
    changed = api.patch(f"/api/records/client/{upper}", json={"email": "other@x.com"})
    assert changed.status_code == 200, changed.text
    planned = post_form(admin, "/schema/unique-keys", [("csrf_token", csrf_of(page.text))])
    assert planned.status_code == 200, planned.text
    assert "compare the unique values" in visible_text(planned.text)
    applied = apply_plan(admin, planned.text)
    assert applied.status_code == 303, applied.text
    assert len(_versions(db_url)) == PREVIOUS_VERSIONS + 1
    twin = api.post("/api/records/client", json={"name": "Twin", "email": " Dup@X.com"})
    assert twin.status_code == 422, twin.text
    assert NOTICE not in visible_text(admin.get("/schema").text)
    admin.close()


def test_a_clash_resolved_gets_the_keys_at_the_next_start(
    db_url: str, make_server: MakeServer
) -> None:
    previous_release.load(db_url)
    _, upper = _clashing_clients(db_url)
    make_server(initialize=False)
    assert len(_versions(db_url)) == PREVIOUS_VERSIONS
    engine = se.connect(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE client SET email = 'other@x.com' WHERE id = :id"),
                     {"id": upper})
    engine.dispose()
    server = make_server(initialize=False)
    assert _versions(db_url)[-1] == (PREVIOUS_VERSIONS + 1, AUTHOR, SUMMARY)
    api = server.client(server.login(*DEMO))
    twin = api.post("/api/records/client", json={"name": "Twin", "email": "DUP@X.COM"})
    assert twin.status_code == 422, twin.text


def test_processes_starting_together_apply_it_once(db_url: str) -> None:
    previous_release.load(db_url)
    engines = [se.connect(db_url) for _ in range(3)]
    with engines[0].begin() as conn:
        upgrade_tables(conn)
    start = threading.Barrier(len(engines))
    failures: list[BaseException] = []

    def starting(engine: sa.Engine) -> None:
        start.wait()
        try:
            assert upgrade_unique_keys(engine) == []
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=starting, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for engine in engines:
        engine.dispose()
    assert not failures, failures
    assert [v[1] for v in _versions(db_url)].count(AUTHOR) == 1


def test_a_worker_gives_the_keys_too(db_url: str) -> None:
    previous_release.load(db_url)
    done = run("worker", "--db", db_url, "--once", "--json")
    assert done.returncode == 0, done.stderr
    assert _versions(db_url)[-1] == (PREVIOUS_VERSIONS + 1, AUTHOR, SUMMARY)


def test_a_definition_this_release_refuses_still_serves(
    db_url: str, make_server: MakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    previous_release.load(db_url)
    engine = se.connect(db_url)
    with engine.begin() as conn:
        stored = conn.execute(sa.text(
            "SELECT document FROM kt_schema_version WHERE version = 2")).scalar_one()
        conn.execute(sa.text("UPDATE kt_schema_version SET document = :d WHERE version = 2"),
                     {"d": json.dumps({**json.loads(stored), "unexpected": 1})})
    engine.dispose()
    with caplog.at_level(logging.WARNING, logger="kartoteka.upgrade"):
        server = make_server(initialize=False)
    [warning] = [r.getMessage() for r in caplog.records if r.name == "kartoteka.upgrade"]
    assert "unknown key 'unexpected'" in warning
    assert len(_versions(db_url)) == PREVIOUS_VERSIONS
    api = server.client(server.login(*DEMO))
    assert api.get("/api/records/client", params={"limit": 1}).status_code == 200
    admin = signed_in(server.url, *DEMO)
    assert admin.get("/schema").status_code == 200
    admin.close()
