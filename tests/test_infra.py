"""The database fixtures give every test its own working, empty database."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.support.databases import NewPgDatabase


def _select_one_and_tables(url: str) -> tuple[int, list[str]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            one = conn.execute(sa.text("SELECT 1")).scalar_one()
        return one, sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_db_url_is_a_working_empty_database(db_url: str) -> None:
    assert _select_one_and_tables(db_url) == (1, [])


def test_sqlite_url_is_a_file_under_tmp_path(sqlite_url: str, tmp_path: Path) -> None:
    database = Path(make_url(sqlite_url).database or "")
    assert database.parent == tmp_path
    assert not database.exists()
    assert _select_one_and_tables(sqlite_url) == (1, [])
    assert database.is_file()


def test_pg_url_is_its_own_database(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            current = conn.execute(sa.text("SELECT current_database()")).scalar_one()
    finally:
        engine.dispose()
    assert current == make_url(pg_url).database
    assert current.startswith("kt_t_")


def test_pg_database_is_dropped_afterwards_even_when_connected(
    new_pg_database: NewPgDatabase, pg_server_url: str
) -> None:
    with new_pg_database() as url:
        name = make_url(url).database
        engine = sa.create_engine(url)
        lingering = engine.connect()  # a test that forgot to close must not block the drop
        lingering.execute(sa.text("CREATE TABLE t (id integer)"))
        lingering.commit()
    server = sa.create_engine(pg_server_url)
    try:
        with server.connect() as conn:
            exists = conn.execute(
                sa.text("SELECT count(*) FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar_one()
    finally:
        server.dispose()
        lingering.invalidate()
        engine.dispose()
    assert exists == 0
