"""A database made by the previous release, for the upgrade tests.

`sqlite.db` and `postgresql.sql` (pg_dump --inserts) hold the same app: the demo of release
7d36069 (`kartoteka demo --no-serve`: 60 clients, 150 deals, 80 tasks, demo@example.com) plus
two users (sales@example.com / sales-password, Mixed.Case@Example.com / another-password) and a
second definition version with a webhook rule whose secret is stored in the definition
("tell the warehouse", secret "s3cret-of-the-previous-release").

When a release changes Kartoteka's own tables, it does so through an upgrade step
(kartoteka.schema_engine.upgrades); these files stay as they are, so that every later release
is tested on a database made before its steps existed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

HERE = Path(__file__).parent
DEMO_LOGIN = ("demo@example.com", "kartoteka")
WEBHOOK_SECRET = "s3cret-of-the-previous-release"


def load(url: str) -> None:
    """Make the empty database `url` (a SQLite file not yet created, or an empty PostgreSQL
    database) the previous release's."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database and not Path(parsed.database).exists(), url
        shutil.copyfile(HERE / "sqlite.db", parsed.database)
    else:
        _load_postgresql(url)


def _load_postgresql(url: str) -> None:
    script = (HERE / "postgresql.sql").read_text(encoding="utf-8")
    # The dump empties search_path for its own session: a connection of its own, then dropped.
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            # The driver's own cursor: without parameters it runs a script of many statements
            # and reads no placeholders in the data.
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.execute(script)
    finally:
        engine.dispose()
