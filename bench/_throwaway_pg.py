"""A throw-away PostgreSQL database for a benchmark run (server: KARTOTEKA_BENCH_PG_URL)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url


def pg_database(server: str) -> tuple[str, Callable[[], None]]:
    """Create an empty database on `server`; returns its URL and the function that drops it."""
    name = f"kt_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return make_url(server).set(database=name).render_as_string(hide_password=False), drop
