"""The pitfalls DESIGN.md lists, each checked: a table rebuild must not fire ON DELETE CASCADE,
foreign keys are on again after an apply, and DDL is really transactional (an apply that fails
or is killed half-way leaves the old schema, the old data and no new version).

They run on both databases: PostgreSQL must keep the same promises without the workarounds.
"""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, Table, insert, inspect
from sqlalchemy.exc import IntegrityError

from kartoteka.schema_engine import KartotekaError, apply, current
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.migrate.apply import HANDLERS, rebuild_sqlite_table, sqlite_shape
from kartoteka.schema_engine.migrate.operations import Operation
from kartoteka.schema_engine.tables import app_metadata
from tests.support.definitions import (
    MakeApp,
    add,
    big_change,
    document,
    entity_def,
    field,
    field_def,
    retype_score,
    versions,
)
from tests.support.waiting import wait_for


def crm() -> Document:
    return {
        "entities": [
            entity_def(
                "client",
                field_def("name", "text"),
                field_def("score", "text"),
                field_def("tags", "links", to="tag"),
            ),
            entity_def(
                "deal",
                field_def("title", "text"),
                field_def("client", "link", to="client"),
                field_def("partners", "links", to="client"),
            ),
            entity_def("tag", field_def("label", "text")),
        ]
    }


@pytest.fixture
def engine(db_url: str, make_app: MakeApp) -> Engine:
    # One pooled connection: what an apply leaves behind is what the next user gets.
    return fill(make_app(crm(), pool_size=1, max_overflow=0))


def fill(engine: Engine) -> Engine:
    """The app with two records in each table; returns `engine`."""
    add(engine, "tag", {"label": "red"}, {"label": "blue"})
    add(engine, "client", {"name": "Acme", "score": "10"}, {"name": "Ольга", "score": "20"})
    add(engine, "deal", {"title": "D1", "client": 1}, {"title": "D2", "client": 2})
    add(engine, "client__tags", {"client_id": 1, "tag_id": 1}, {"client_id": 2, "tag_id": 2})
    add(engine, "deal__partners", {"deal_id": 1, "client_id": 2}, {"deal_id": 2, "client_id": 1})
    return engine


def rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the app's tables, without the clock columns."""
    found = {}
    with engine.connect() as conn:
        for table in ("client", "deal", "tag", "client__tags", "deal__partners"):
            columns = [c["name"] for c in inspect(conn).get_columns(table)]
            wanted = ", ".join(f'"{c}"' for c in columns if not c.endswith("_at"))
            found[table] = sorted(
                tuple(r) for r in conn.exec_driver_sql(f'SELECT {wanted} FROM "{table}"')
            )
    return found


def schema(engine: Engine) -> dict[str, Any]:
    inspector = inspect(engine)
    return {
        t: (
            [(c["name"], str(c["type"])) for c in inspector.get_columns(t)],
            sorted(str(i["name"]) for i in inspector.get_indexes(t)),
            sorted(str(k["referred_table"]) for k in inspector.get_foreign_keys(t)),
        )
        for t in sorted(inspector.get_table_names())
    }


# ---------------------------------------------------------------- the cascade pitfall


def test_rebuilding_a_linked_table_keeps_child_and_link_rows(engine: Engine) -> None:
    """client is rebuilt on SQLite (text -> integer); deal links to it and two many-to-many
    tables point at it with ON DELETE CASCADE: not one of their rows may go."""
    before = rows(engine)
    result = apply(engine, retype_score(document(engine)), author="admin")
    assert result.plan.ddl
    after = rows(engine)
    assert after["deal"] == before["deal"]
    assert after["client__tags"] == before["client__tags"] == [(1, 1), (2, 2)]
    assert after["deal__partners"] == before["deal__partners"] == [(1, 2), (2, 1)]
    assert [r[-1] for r in after["client"]] == [10, 20]
    client = app_metadata(document(engine)).tables["client__tags"]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(client).values(client_id=99, tag_id=1))


def test_the_cascade_pitfall_is_real_with_foreign_keys_on(
    sqlite_url: str, make_app: MakeApp
) -> None:
    """The control experiment: the same rebuild outside schema_transaction (foreign keys on)
    deletes the link rows. If this stops failing, the test above proves nothing."""
    engine = fill(make_app(crm()))
    with engine.begin() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        reflected = Table("tag", MetaData(), autoload_with=conn)
        ops = Operations(MigrationContext.configure(conn))
        rebuild_sqlite_table(conn, ops, sqlite_shape(reflected, None))
    assert rows(engine)["client__tags"] == []


def test_rebuild_keeps_ids_counting_after_deleted_records(
    sqlite_url: str, make_app: MakeApp
) -> None:
    engine = fill(make_app(crm()))
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM deal__partners WHERE client_id = 2")
        conn.exec_driver_sql("DELETE FROM client__tags WHERE client_id = 2")
        conn.exec_driver_sql("DELETE FROM deal WHERE client = 2")
        conn.exec_driver_sql("DELETE FROM client WHERE id = 2")
    apply(engine, retype_score(document(engine)), author="admin")
    with engine.begin() as conn:
        conn.execute(insert(app_metadata(document(engine)).tables["client"]).values(name="New"))
        assert conn.exec_driver_sql("SELECT max(id) FROM client").scalar() == 3


def test_a_change_that_would_leave_broken_links_is_refused(
    sqlite_url: str, make_app: MakeApp
) -> None:
    """Foreign keys are off during an apply: `PRAGMA foreign_key_check` is the safety net."""
    engine = fill(make_app(crm()))
    with engine.connect() as conn:  # a link to a missing client, slipped in behind our back
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("INSERT INTO deal (title, client, version) VALUES ('ghost', 99, 1)")
        raw.execute("PRAGMA foreign_keys=ON")
    before = schema(engine)
    with pytest.raises(KartotekaError, match="1 links to missing records in deal"):
        apply(engine, retype_score(document(engine)), author="admin")
    assert schema(engine) == before
    with engine.connect() as conn:
        assert current(conn).version == 1


# ---------------------------------------------------------------- foreign keys back on


def foreign_keys_on(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())


def test_foreign_keys_are_on_after_an_apply(sqlite_url: str, make_app: MakeApp) -> None:
    engine = make_app(crm(), pool_size=1, max_overflow=0)
    assert foreign_keys_on(engine)
    apply(engine, retype_score(document(engine)), author="admin")
    assert foreign_keys_on(engine)
    broken = copy.deepcopy(document(engine))
    field(broken, "client", "score")["type"] = "date"
    with pytest.raises(RuntimeError), _failing("change_type"):
        apply(engine, broken, author="admin")
    assert foreign_keys_on(engine)
    deal = app_metadata(document(engine)).tables["deal"]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(deal).values(client=99))


# ---------------------------------------------------------------- transactional DDL


class _failing:
    """Make one operation handler fail after it did its work (after its DDL ran)."""

    def __init__(self, op: str) -> None:
        self.op = op
        self.original = HANDLERS[op]

    def __enter__(self) -> None:
        def fail(ex: Any, operation: Operation) -> None:
            self.original(ex, operation)
            ex.conn.exec_driver_sql("SELECT 1")  # the connection is still in the transaction
            raise RuntimeError(f"simulated failure in {self.op}")

        HANDLERS[self.op] = fail

    def __exit__(self, *_exc: object) -> None:
        HANDLERS[self.op] = self.original


@pytest.mark.parametrize("failing_op", ["add_field", "change_type", "add_index"])
def test_a_failure_half_way_leaves_everything_as_it_was(engine: Engine, failing_op: str) -> None:
    before_schema, before_rows = schema(engine), rows(engine)
    with pytest.raises(RuntimeError, match="simulated failure"), _failing(failing_op):
        apply(engine, big_change(document(engine)), author="admin")
    assert schema(engine) == before_schema
    assert rows(engine) == before_rows
    assert versions(engine) == [1]
    result = apply(engine, big_change(document(engine)), author="admin")  # and it still works
    assert result.version == 2 and "opportunity" in inspect(engine).get_table_names()


KILLED_APPLY = textwrap.dedent(
    """
    import copy, sys, time
    from pathlib import Path
    from kartoteka.schema_engine import apply, connect, current
    from kartoteka.schema_engine.migrate.apply import HANDLERS
    sys.path.insert(0, sys.argv[3])
    from tests.support.definitions import big_change

    original = HANDLERS["add_index"]

    def stall(ex, op):
        original(ex, op)
        Path(sys.argv[2]).write_text("in the middle")
        time.sleep(120)

    HANDLERS["add_index"] = stall
    engine = connect(sys.argv[1])
    with engine.connect() as conn:
        doc = current(conn).document
    apply(engine, big_change(doc), author="admin")
    """
)


def test_an_apply_killed_half_way_leaves_the_old_schema(engine: Engine, tmp_path: Path) -> None:
    before_schema, before_rows = schema(engine), rows(engine)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    marker = tmp_path / "marker"
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_APPLY, url, str(marker), str(Path(__file__).parents[3])],
        stderr=subprocess.PIPE,
    )
    wait_for(lambda: marker.exists() or process.poll() is not None)
    os.kill(process.pid, signal.SIGKILL)
    _, errors = process.communicate()
    assert marker.exists(), f"the apply never reached its middle: {errors.decode()}"
    assert process.returncode == -signal.SIGKILL
    assert schema(engine) == before_schema
    assert rows(engine) == before_rows
    assert versions(engine) == [1]
    assert apply(engine, big_change(document(engine)), author="admin").version == 2
