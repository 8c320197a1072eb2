"""Platform upgrade step 1 on the previous release's database: accounts lose their lock
column, client addresses get their counters, and a server on it throttles sign-ins."""

from __future__ import annotations

import sqlalchemy as sa

from kartoteka import schema_engine as se
from kartoteka.platform import tables
from kartoteka.schema_engine import upgrades
from kartoteka.settings import Settings
from tests.support import previous_release
from tests.support.servers import MakeServer


def test_the_previous_releases_database_gets_the_address_counters(
    db_url: str, make_server: MakeServer
) -> None:
    previous_release.load(db_url)
    engine = se.connect(db_url)
    try:
        columns = {c["name"] for c in sa.inspect(engine).get_columns("kt_login_failure")}
        assert "locked_until" in columns  # as the previous release made it
        assert not sa.inspect(engine).has_table("kt_login_address")
        server = make_server(initialize=False, settings=Settings(login_address_failures=1))
        email, password = previous_release.DEMO_LOGIN
        anonymous = server.client()
        wrong = anonymous.post("/api/auth/token", data={"username": email, "password": "nope"})
        assert wrong.status_code == 401
        refused = anonymous.post("/api/auth/token",
                                 data={"username": email, "password": password})
        assert refused.status_code == 429
        columns = {c["name"] for c in sa.inspect(engine).get_columns("kt_login_failure")}
        assert columns == {"account", "failures", "last_failure_at"}
        indexed = [i["column_names"] for i in sa.inspect(engine).get_indexes("kt_login_failure")]
        assert ["last_failure_at"] in indexed
        with engine.connect() as conn:
            assert upgrades.version_of(conn, "platform") == tables.PLATFORM.latest >= 1
            counted = conn.execute(sa.select(tables.LOGIN_ADDRESSES.c.address,
                                             tables.LOGIN_ADDRESSES.c.failures)).all()
            assert [tuple(row) for row in counted] == [("127.0.0.1", 1)]
            failures = conn.execute(sa.select(tables.LOGIN_FAILURES.c.failures)).scalar()
            assert failures == 1
    finally:
        engine.dispose()
