"""A database made by the previous release has unique indexes on values themselves: until an
apply gives its unique fields their key columns, records are written and compared as stored;
the plan adds the keys, or reports the values that would clash as a problem, and the old index
stays until they are resolved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from kartoteka import schema_engine as se
from kartoteka.platform.tables import upgrade_tables
from kartoteka.schema_engine.errors import RecordInvalid
from kartoteka.schema_engine.model import load_model
from kartoteka.schema_engine.records import writes
from tests.support import previous_release
from tests.support.stored import store_directly


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    previous_release.load(db_url)
    engine = se.connect(db_url)
    with engine.begin() as conn:
        upgrade_tables(conn)
    yield engine
    engine.dispose()


def _indexes(engine: sa.Engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        return {str(i["name"]): list(i["column_names"])
                for i in sa.inspect(conn).get_indexes("client")}


def _create(engine: sa.Engine, values: dict[str, Any]) -> dict[str, Any]:
    with engine.begin() as conn:
        return writes.create_record(conn, load_model(conn), "client", values, user_id=1)


def _email_id(engine: sa.Engine) -> str:
    with engine.connect() as conn:
        client = next(e for e in se.current(conn).document["entities"] if e["name"] == "client")
    return str(next(f["id"] for f in client["fields"] if f["name"] == "email"))


def test_a_clash_blocks_the_keys_until_it_is_resolved(db_url: str, engine: sa.Engine) -> None:
    fid = _email_id(engine)
    # Before any apply: the old index on the value, and records written as before.
    assert _indexes(engine)[f"uq_{fid}"] == ["email"]
    first = _create(engine, {"name": "First", "email": "dup@x.com"})
    [second] = store_directly(db_url, "client", [{"name": "Second", "email": "DUP@x.com"}],
                              owner_email=previous_release.DEMO_LOGIN[0])
    with engine.connect() as conn:
        doc = se.current(conn).document
        plan = se.plan(doc, doc, conn)
    assert [op.op for op in plan.operations] == ["add_unique_key"]
    [problem] = plan.problems
    assert (problem.entity, problem.field, problem.records) == (
        "client", "email", [first["id"], second])
    assert "'DUP@x.com', 'dup@x.com'" in problem.message
    with pytest.raises(se.PlanRefused):
        se.apply(engine, doc, author="admin")
    assert f"uq_{fid}" in _indexes(engine) and f"uk_{fid}" not in _indexes(engine)

    # Resolved: the apply adds the keys and swaps the indexes, as a version of its own.
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE client SET email = 'second@x.com' WHERE id = :id"),
                     {"id": second})
    result = se.apply(engine, doc, author="admin")
    assert result.changed and [op.op for op in result.plan.operations] == ["add_unique_key"]
    assert _indexes(engine)[f"uk_{fid}"] == [f"kt_key_{fid}"]
    assert f"uq_{fid}" not in _indexes(engine)
    with pytest.raises(RecordInvalid, match=f"is already used by client {first['id']}"):
        _create(engine, {"name": "Third", "email": " Dup@X.com"})
    assert not se.apply(engine, doc, author="admin").changed  # and now nothing to do
