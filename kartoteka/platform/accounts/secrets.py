"""Server secrets generated once per database and kept in `kt_secret`.

Every server process on a database reads the same secret, so a cookie signed by one is
accepted by the others and survives restarts. Whoever can read the database can forge
cookies, but could read every record anyway.
"""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, select

from kartoteka.platform.accounts.throttle import dialect_insert
from kartoteka.platform.accounts.tokens import now
from kartoteka.platform.tables import SECRETS

COOKIE_SIGNING = "cookie_signing"


def stored_secret(conn: Connection, name: str) -> str:
    """The secret called `name`, made (64 random bytes, hex) the first time it is asked for.

    Two processes asking at once both end up with the one that was stored first.
    The caller commits.
    """
    found = conn.execute(select(SECRETS.c.value).where(SECRETS.c.name == name)).scalar()
    if found is not None:
        return str(found)
    fresh = secrets.token_hex(64)
    statement = dialect_insert(conn)(SECRETS).values(name=name, value=fresh, created_at=now())
    conn.execute(statement.on_conflict_do_nothing(index_elements=[SECRETS.c.name]))
    return str(conn.execute(select(SECRETS.c.value).where(SECRETS.c.name == name)).scalar_one())
