"""Engines and transactions, with SQLite set up so that DDL is transactional and safe."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from kartoteka.schema_engine.errors import KartotekaError
from kartoteka.schema_engine.fast_paths import OPTION as FAST_PATHS_OPTION
from kartoteka.schema_engine.fast_paths import FastPaths
from kartoteka.schema_engine.limits import OPTION as LIMITS_OPTION
from kartoteka.schema_engine.limits import Limits, no_statement_limit
from kartoteka.schema_engine.limits import install as install_limits

if TYPE_CHECKING:
    from alembic.operations import Operations

DEFAULT_URL = "sqlite:///kartoteka.db"
URL_VARIABLE = "KARTOTEKA_DATABASE_URL"
#: What SQLite's `synchronous` pragma may be set to: FULL syncs the write-ahead log at every
#: commit, so a commit reported survives a power cut; NORMAL syncs it only at checkpoints, so
#: the last commits before a power cut may be lost (a crash of the process loses none).
SYNCHRONOUS = ("FULL", "NORMAL")
#: The environment variable that relaxes it for every engine `connect` makes (`NORMAL`).
SYNCHRONOUS_VARIABLE = "KARTOTEKA_SQLITE_SYNCHRONOUS"


def default_url() -> str:
    """The database URL: $KARTOTEKA_DATABASE_URL, else a `kartoteka.db` file here."""
    return os.environ.get(URL_VARIABLE) or DEFAULT_URL


def connect(url: str | None = None, *, fast_paths: FastPaths | None = None,
            limits: Limits | None = None, synchronous: str | None = None,
            **kwargs: Any) -> Engine:
    """An engine for `url`; plain PostgreSQL URLs use psycopg 3.

    On SQLite, pysqlite's own transaction handling is switched off (it would commit before every
    DDL statement); Kartoteka emits BEGIN itself, turns foreign keys on for every connection and
    uses WAL so that readers never wait for a writer, with `synchronous` (FULL or NORMAL; None:
    $KARTOTEKA_SQLITE_SYNCHRONOUS, else FULL) for its commits. `fast_paths`: which fast paths
    its reads take (kartoteka.schema_engine.fast_paths; None: as the environment says, else
    all). `limits`: the bounds on its queries and statements (kartoteka.schema_engine.limits; None:
    the defaults, statements unbounded).
    """
    chosen = FastPaths.from_environment() if fast_paths is None else fast_paths
    bounds = limits or Limits()
    options = {**kwargs.pop("execution_options", {}), FAST_PATHS_OPTION: chosen,
               LIMITS_OPTION: bounds}
    kwargs["execution_options"] = options
    parsed = make_url(url or default_url())
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        chosen_sync = synchronous or os.environ.get(SYNCHRONOUS_VARIABLE) or "FULL"
        engine = _sqlite_engine(parsed, chosen_sync, **kwargs)
    else:
        engine = create_engine(parsed, pool_pre_ping=True, **kwargs)
    install_limits(engine, bounds)
    return engine


def _sqlite_engine(url: Any, synchronous: str, **kwargs: Any) -> Engine:
    if synchronous.upper() not in SYNCHRONOUS:
        raise ValueError(f"SQLite's synchronous ({SYNCHRONOUS_VARIABLE}) is one of "
                         f"{', '.join(SYNCHRONOUS)}, not {synchronous!r}")
    pragma = f"PRAGMA synchronous={synchronous.upper()}"
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(pragma)
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "")
        # On the driver's connection: every transaction starts here, and SQLAlchemy's own
        # execution of a statement would cost more than the BEGIN itself.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute(f"BEGIN {mode}".strip())

    return engine


def is_sqlite(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "sqlite"


@contextmanager
def write_connection(engine: Engine) -> Iterator[Connection]:
    """A connection whose transaction will write: on SQLite it takes the write lock at BEGIN,
    so that two writers never deadlock upgrading their read locks. The caller commits."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.execution_options(sqlite_begin="IMMEDIATE")
        yield conn


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for a schema change, holding the write lock from its first statement.

    SQLite: foreign keys are switched off before BEGIN (the pragma is a no-op inside a
    transaction) because rebuilding a parent table with them on would fire ON DELETE CASCADE and
    delete child rows; they are switched back on afterwards, whatever happens. The caller runs
    `check_foreign_keys` on what it changed before the block ends. PostgreSQL: DDL is
    transactional; an advisory lock keeps two schema changes from interleaving. Its statements
    run as long as they need (`limits.no_statement_limit`): a rebuild of a big table may.
    """
    with engine.connect() as conn, no_statement_limit(conn):
        if not is_sqlite(conn):
            with conn.begin():
                conn.execute(text("SELECT pg_advisory_xact_lock(7261001)"))
                yield conn
            return
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def check_foreign_keys(
    conn: Connection, written: Iterable[str] = (), rebuilt: Iterable[str] = ()
) -> None:
    """Refuse to commit a SQLite schema change that leaves a link to a missing record.

    `written`: tables whose links were set; `rebuilt`: tables copied anew, whose children are
    checked too. Only those are scanned, so that adding a field stays instant on big tables.
    PostgreSQL checks every foreign key as it goes: nothing to do there.
    """
    if not is_sqlite(conn):
        return
    tables = set(written) | set(rebuilt)
    for parent in rebuilt:
        tables.update(_children(conn, parent))
    broken = [
        row
        for table in sorted(tables)
        for row in conn.exec_driver_sql(f"PRAGMA foreign_key_check({_quote(conn, table)})")
    ]
    if broken:
        names = ", ".join(sorted({row[0] for row in broken}))
        raise KartotekaError(
            f"the change would leave {len(broken)} links to missing records in {names}; "
            "nothing was changed"
        )


def _children(conn: Connection, parent: str) -> list[str]:
    """Tables with a foreign key to `parent`."""
    rows = conn.exec_driver_sql(
        "SELECT m.name FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS k "
        "WHERE m.type = 'table' AND k.\"table\" = ?",
        (parent,),
    )
    return [row[0] for row in rows]


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))


def alembic_operations(conn: Connection) -> Operations:
    """Alembic's Operations on `conn`. Alembic (and with it SQLAlchemy's PostgreSQL dialect,
    which it registers) is imported here, on the first schema change: a server that only reads
    and writes records on SQLite never loads it."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    return Operations(MigrationContext.configure(conn))
