"""How `connect` sets up SQLite: a commit reported is durable (synchronous=FULL) unless the
admin relaxes it."""

from __future__ import annotations

from typing import Any

import pytest

from kartoteka.schema_engine import connect
from kartoteka.schema_engine.db import SYNCHRONOUS_VARIABLE
from kartoteka.settings import Settings
from tests.support.servers import LiveServer

FULL, NORMAL = 2, 1


def _synchronous(url: str, **options: str) -> int:
    engine = connect(url, **options)
    with engine.connect() as conn:
        value = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    return int(value)


def test_a_new_connection_syncs_every_commit_by_default(sqlite_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SYNCHRONOUS_VARIABLE, raising=False)
    assert _synchronous(sqlite_url) == FULL


def test_the_server_syncs_every_commit_by_default(sqlite_url: str, server: LiveServer,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SYNCHRONOUS_VARIABLE, raising=False)
    engine = server.app.state.api.engine
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == FULL


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_the_relaxed_setting_reaches_every_connection(sqlite_url: str, how: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "environment":
        monkeypatch.setenv(SYNCHRONOUS_VARIABLE, "NORMAL")
    relaxed = {"synchronous": "normal"} if how == "argument" else {}
    engine = connect(sqlite_url, pool_size=2, **relaxed)
    conns = [engine.connect() for _ in range(2)]  # two driver connections, each set up anew
    try:
        assert [c.exec_driver_sql("PRAGMA synchronous").scalar() for c in conns] == [NORMAL] * 2
    finally:
        for conn in conns:
            conn.close()


def test_an_unknown_setting_is_refused(sqlite_url: str) -> None:
    with pytest.raises(ValueError, match=r"is one of FULL, NORMAL, not 'OFF'"):
        connect(sqlite_url, synchronous="OFF")


def test_the_servers_setting_reaches_its_connections(sqlite_url: str,
                                                     make_server: Any) -> None:
    server = make_server(settings=Settings(sqlite_synchronous="NORMAL"))
    with server.app.state.api.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == NORMAL
