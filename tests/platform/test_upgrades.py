"""Upgrades: a database made by the previous release works after an upgrade, and upgrade steps
run once each, in order, and never on a database made by this release."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kartoteka import schema_engine as se
from kartoteka.platform import tables
from kartoteka.schema_engine import upgrades
from kartoteka.schema_engine.upgrades import Component, Step
from tests.support import previous_release
from tests.support.receivers import LOCAL, receiving
from tests.support.servers import MakeServer
from tests.support.waiting import wait_for


def test_the_previous_releases_database_serves_after_the_upgrade(
    db_url: str, make_server: MakeServer
) -> None:
    previous_release.load(db_url)
    server = make_server(initialize=False)
    client = server.client(server.login(*previous_release.DEMO_LOGIN))
    deals = client.get("/api/records/deal", params={"limit": 1, "count": "true"})
    assert deals.status_code == 200, deals.text
    assert deals.json()["count"] == 150
    assert server.login("sales@example.com", "sales-password")
    engine = se.connect(db_url)
    with engine.connect() as conn:
        assert upgrades.version_of(conn, "engine") == upgrades.ENGINE.latest
        assert upgrades.version_of(conn, "platform") == tables.PLATFORM.latest


def test_a_second_start_runs_no_step(db_url: str) -> None:
    previous_release.load(db_url)
    engine = se.connect(db_url)
    with engine.begin() as conn:
        tables.upgrade_tables(conn)
    with engine.begin() as conn:
        assert upgrades.upgrade(conn, upgrades.ENGINE) == []
        assert upgrades.upgrade(conn, tables.PLATFORM) == []


# ---------------------------------------------------------------- the mechanism


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[sa.Engine]:
    engine = se.connect(f"sqlite:///{tmp_path / 'steps.db'}")
    yield engine
    engine.dispose()


def _component(log: list[int], fail_at: int | None = None) -> Component:
    def step(version: int) -> Step:
        def run(conn: sa.Connection) -> None:
            conn.exec_driver_sql(f"ALTER TABLE marker ADD COLUMN c{version} TEXT")
            if version == fail_at:
                raise RuntimeError(f"step {version} failed")
            log.append(version)
        return Step(version, f"add c{version}", run)

    return Component(name="toy", marker="marker", steps=[step(2), step(1), step(3)])


def _columns(engine: sa.Engine) -> list[str]:
    return [c["name"] for c in sa.inspect(engine).get_columns("marker")]


def test_steps_run_in_order_once_on_a_database_older_than_them(engine: sa.Engine) -> None:
    log: list[int] = []
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE marker (id INTEGER)")
    with engine.begin() as conn:
        ran = upgrades.upgrade(conn, _component(log))
    assert [s.version for s in ran] == log == [1, 2, 3]
    with engine.begin() as conn:
        assert upgrades.upgrade(conn, _component(log)) == []
        assert upgrades.version_of(conn, "toy") == 3
    assert _columns(engine) == ["id", "c1", "c2", "c3"]


def test_a_new_database_is_stamped_and_runs_no_step(engine: sa.Engine) -> None:
    log: list[int] = []
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE marker (id INTEGER)")
        upgrades.stamp_latest(conn, _component(log))
    with engine.begin() as conn:
        assert upgrades.upgrade(conn, _component(log)) == []
    assert log == []


def test_a_database_without_the_components_tables_is_left_alone(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        assert upgrades.upgrade(conn, _component([])) == []
        assert upgrades.version_of(conn, "toy") is None


def test_a_failing_step_changes_nothing(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE marker (id INTEGER)")
    with pytest.raises(RuntimeError, match="step 2 failed"), engine.begin() as conn:
        upgrades.upgrade(conn, _component([], fail_at=2))
    with engine.connect() as conn:
        assert upgrades.version_of(conn, "toy") is None
    assert _columns(engine) == ["id"]


# ---------------------------------------------------------------- platform step 10


def test_webhook_secrets_leave_the_stored_definitions_and_still_sign(
    db_url: str, make_server: MakeServer
) -> None:
    previous_release.load(db_url)
    secret = previous_release.WEBHOOK_SECRET
    with receiving() as receiver:
        server = make_server(initialize=False, settings=LOCAL)
        engine = se.connect(db_url)
        with engine.connect() as conn:
            documents = conn.execute(sa.text("SELECT document FROM kt_schema_version")).scalars()
            assert not [d for d in documents if secret in d]
            stored = conn.execute(sa.select(tables.WEBHOOK_SECRETS)).all()
        assert [(s.name, s.value) for s in stored] == [("tell_the_warehouse", secret)]
        # A plain user sees neither the secret nor where the webhook goes.
        user = server.client(server.login("sales@example.com", "sales-password"))
        shown = user.get("/api/schema")
        assert shown.status_code == 200
        assert secret not in shown.text and "warehouse.example.com" not in shown.text
        assert "tell_the_warehouse" not in shown.text
        # The administrator sees the secret's name; the webhook now goes to the receiver.
        admin = server.client(server.login(*previous_release.DEMO_LOGIN))
        current = admin.get("/api/schema").json()
        [hook] = [a for r in current["definition"]["automations"] for a in r["do"]
                  if a["action"] == "webhook"]
        assert hook == {"action": "webhook", "url": "http://warehouse.example.com/hooks/crm",
                        "secret": "tell_the_warehouse"}
        hook["url"] = receiver.url
        applied = admin.put("/api/schema", json={"definition": current["definition"],
                                                 "base_version": current["version"]})
        assert applied.status_code == 200, applied.text
        deal = admin.get("/api/records/deal", params={"stage": "new", "limit": 1}).json()
        [first] = deal["items"]
        moved = admin.patch(f"/api/records/deal/{first['id']}", json={"stage": "won"})
        assert moved.status_code == 200, moved.text
        assert wait_for(lambda: receiver.calls), "the webhook was never called"
        [call] = receiver.calls
        expected = hmac.new(secret.encode(), call["body"], hashlib.sha256).hexdigest()
        assert call["headers"]["X-Kartoteka-Signature"] == f"sha256={expected}"


def test_queued_webhook_jobs_keep_the_secrets_name_not_its_value(db_url: str) -> None:
    previous_release.load(db_url)
    secret = previous_release.WEBHOOK_SECRET
    rule = {"name": "tell the warehouse", "entity": "deal", "when": {"event": "created"},
            "do": [{"action": "webhook", "url": "https://example.com/h", "secret": secret}]}
    engine = se.connect(db_url)
    jobs = [("webhook", {"url": "https://example.com/h", "secret": secret, "body": "{}"}),
            ("rule", {"rule": rule, "index": 2, "at": "2026-01-01T00:00:00Z", "version": 2})]
    with engine.begin() as conn:  # queued by the previous release, not yet sent
        for kind, payload in jobs:
            conn.execute(sa.text(
                "INSERT INTO kt_job (kind, rule, entity, record_id, event, payload, state, "
                "attempts, depth, created_at, run_at) VALUES (:kind, 'tell the warehouse', "
                "'deal', 1, 'created', :payload, 'pending', 0, 0, :at, :at)"),
                {"kind": kind, "payload": json.dumps(payload), "at": dt.datetime.now(dt.UTC)})
    with engine.begin() as conn:
        tables.upgrade_tables(conn)
    with engine.connect() as conn:
        stored = [json.loads(p) for p in conn.execute(
            sa.text("SELECT payload FROM kt_job ORDER BY id")).scalars()]
    assert stored[0]["secret"] == "tell_the_warehouse"
    assert stored[1]["rule"]["do"][0]["secret"] == "tell_the_warehouse"
    assert secret not in json.dumps(stored)
