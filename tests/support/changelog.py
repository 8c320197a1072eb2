"""Stage moves at moments a test chooses: the change log's rows of a record, dated anew."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from kartoteka import schema_engine as se
from kartoteka.schema_engine.db import write_connection

DAY = dt.timedelta(days=1)
#: The first move of the pipeline tests' deals.
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def date_moves(url: str, record_id: int, moments: list[dt.datetime]) -> None:
    """Give the deal's change-log rows (its creation, then each move) these moments.

    The server may be using the database: the write takes SQLite's lock at BEGIN, as the
    server's writes do. A transaction that reads first and writes later can be refused at once
    ("database is locked", whatever the busy timeout) when another write commits in between."""
    engine = se.connect(url)
    try:
        with write_connection(engine) as conn, conn.begin():
            entity_id = next(e["id"] for e in se.current(conn).document["entities"]
                             if e["name"] == "deal")
            ids = conn.execute(text("SELECT id FROM kt_change WHERE entity_id = :e AND "
                                    "record_id = :r ORDER BY id"),
                               {"e": entity_id, "r": record_id}).scalars().all()
            assert len(ids) == len(moments)
            for change_id, moment in zip(ids, moments, strict=True):
                conn.execute(text("UPDATE kt_change SET at = :at WHERE id = :id"),
                             {"at": moment, "id": change_id})
    finally:
        engine.dispose()
