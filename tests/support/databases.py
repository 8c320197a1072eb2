"""Throw-away PostgreSQL databases: one uniquely named database per use, dropped afterwards.

The fixtures built on it (`pg_url`, `db_url`, `new_pg_database`) are in tests/conftest.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

TEST_DATABASE_PREFIX = "kt_t_"

NewPgDatabase = Callable[[], AbstractContextManager[str]]


@contextmanager
def fresh_pg_database(server_url: str) -> Iterator[str]:
    """Create a uniquely named empty database, yield its URL, drop it (even if still connected)."""
    # uuid4 keeps names unique across pytest-xdist workers and concurrent runs on one server.
    name = f"{TEST_DATABASE_PREFIX}{uuid.uuid4().hex[:12]}"
    server = make_url(server_url)
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
