"""Values put into a database without Kartoteka's checks, as a database of an earlier release
(or a hand-written SQL statement) could hold them: the hostile tests show that pages and answers
still serve them.

    store_directly(server.db_url, "deal", [{"title": "Huge", "amount": Decimal("1e27")}])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select, update

from kartoteka import schema_engine as se
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.store import USERS


def _model(conn: Any) -> AppModel:
    stored = se.current(conn)
    return AppModel(stored.document, stored.version, conn.dialect.name)


def store_directly(url: str, entity: str, rows: Sequence[Mapping[str, Any]],
                   owner_email: str = "admin@example.com") -> list[int]:
    """Insert `rows` into the entity's table with SQL alone; returns their ids."""
    engine = se.connect(url)
    try:
        with write_connection(engine) as conn, conn.begin():  # as the server writes
            owner = conn.execute(select(USERS.c.id).where(USERS.c.email == owner_email)).scalar()
            table = _model(conn).table(entity)
            at = dt.datetime.now(dt.UTC)
            system = {"created_at": at, "updated_at": at, "created_by": owner,
                      "updated_by": owner, "owner": owner, "version": 1}
            return [int(conn.execute(insert(table).values({**system, **row})
                                     .returning(table.c.id)).scalar_one()) for row in rows]
    finally:
        engine.dispose()


def set_time_zone(url: str, email: str, time_zone: str) -> None:
    """The user's zone, as their profile would set it."""
    engine = se.connect(url)
    try:
        with write_connection(engine) as conn, conn.begin():
            conn.execute(update(USERS).where(USERS.c.email == email).values(time_zone=time_zone))
    finally:
        engine.dispose()
