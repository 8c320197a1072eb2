"""A process killed with SIGKILL at any moment of an apply leaves the old schema or the new one.

A child process applies a change that renames, retypes (a table rebuild on SQLite) and adds
fields on a table with enough rows for the apply to take a while; the test kills it after a
random delay, then checks that the stored definition and the physical tables agree exactly and
that no row or value was lost.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest
from sqlalchemy import inspect, text

from kartoteka import schema_engine as se
from kartoteka.schema_engine.names import RESERVED_PREFIX
from kartoteka.schema_engine.tables import system_columns
from tests.support.definitions import MakeApp

ROWS = 30_000
OLD = {
    "entities": [
        {"name": "client", "title_field": "name",
         "fields": [{"name": "name", "type": "text"}, {"name": "city", "type": "text"}]},
        {"name": "deal", "title_field": "title",
         "fields": [
             {"name": "title", "type": "text"},
             {"name": "amount", "type": "integer"},
             {"name": "note", "type": "text"},
             {"name": "client", "type": "link", "to": "client"},
         ]},
    ]
}


def changed(doc: dict[str, Any]) -> dict[str, Any]:
    new = json.loads(json.dumps(doc))
    deal = new["entities"][1]
    deal["fields"][0]["name"] = "subject"
    deal["title_field"] = "subject"
    deal["fields"][1]["type"] = "decimal"
    deal["fields"].append({"name": "priority", "type": "integer"})
    del deal["fields"][2]
    new["entities"][0]["fields"][1]["type"] = "long_text"
    return new


CHILD = textwrap.dedent("""
    import json, sys
    from kartoteka import schema_engine as se
    engine = se.connect(sys.argv[1])
    doc = json.loads(sys.argv[2])
    print("ready", flush=True)
    se.apply(engine, doc, author="crash test")
    print("done", flush=True)
""")


def prepare(make_app: MakeApp) -> dict[str, Any]:
    engine = make_app(OLD)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO client (name, city, created_at, updated_at, version) "
                          "VALUES ('Acme', 'Paris', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"))
        conn.execute(
            text("INSERT INTO deal (title, amount, note, client, created_at, updated_at, version) "
                 "VALUES (:t, :a, :n, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"),
            [{"t": f"deal {i}", "a": i, "n": f"note {i}"} for i in range(ROWS)],
        )
        doc = se.current(conn).document
    engine.dispose()
    return doc


def assert_consistent(url: str) -> int:
    """The physical tables match the current version exactly; returns that version."""
    engine = se.connect(url)
    with engine.connect() as conn:
        version = se.current(conn)
        inspector = inspect(conn)
        for entity in version.document["entities"]:
            columns = {c["name"]: c for c in inspector.get_columns(entity["name"])}
            visible = {n for n in columns if not n.startswith(RESERVED_PREFIX)}
            expected = {c.name for c in system_columns(entity)} | {
                f["name"] for f in entity["fields"] if f["type"] != "links"
            }
            assert visible == expected, f"version {version.version}: {entity['name']} columns"
        deal = next(e for e in version.document["entities"] if e["name"] == "deal")
        title = deal["fields"][0]["name"]
        count, total = conn.execute(text(
            f"SELECT count(*), sum(CAST(amount AS INTEGER)) FROM deal WHERE {title} LIKE 'deal %'"
        )).one()
        assert (count, int(total)) == (ROWS, sum(range(ROWS)))
        links = conn.execute(text("SELECT count(*) FROM deal WHERE client = 1")).scalar_one()
        assert links == ROWS
    engine.dispose()
    return version.version


@pytest.mark.slow
def test_kill_9_during_apply_leaves_old_or_new_schema(db_url: str, make_app: MakeApp) -> None:
    old = prepare(make_app)
    new = changed(old)
    rng = random.Random(7)
    outcomes = set()
    for attempt in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, db_url, json.dumps(new)],
            stdout=subprocess.PIPE, text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25) if attempt else 0.0)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        version = assert_consistent(db_url)
        outcomes.add(version)
        if version == 2:  # the change got through before the kill: start again from the old one
            engine = se.connect(db_url)
            se.rollback(engine, 1, author="test")
            engine.dispose()
            assert_consistent(db_url)
    assert 1 in outcomes  # at least one kill landed before the commit
