"""Settings of the HTTP application: token and session lifetimes, login throttling, the UI."""

from __future__ import annotations

from dataclasses import dataclass, field

from kartoteka.schema_engine.fast_paths import FastPaths
from kartoteka.schema_engine.limits import Limits

HOUR = 3600.0
DAY = 24 * HOUR


@dataclass(frozen=True)
class Settings:
    """How the API behaves; every figure is in seconds unless its name says otherwise.

    Logins: the first `login_free_failures` failed attempts for one account are answered at
    once; each further failure is answered after `login_delay`, doubled per failure up to
    `login_max_delay`; after `login_lock_after` failures the account's logins are answered 429
    for `login_lock_seconds` (a success in between starts the count afresh).
    """

    token_lifetime: float = 12 * HOUR
    login_free_failures: int = 3
    login_delay: float = 0.5
    login_max_delay: float = 4.0
    login_lock_after: int = 10
    login_lock_seconds: float = 15 * 60
    #: Database connections kept open for requests (the pool grows by as many again under load).
    pool_size: int = 20
    #: How long a browser stays signed in to the web UI (a session is revoked by signing out).
    session_lifetime: float = 7 * DAY
    #: Where the front-end packages from npm are (the folder holding `htmx.org/`); None: the
    #: `KARTOTEKA_VENDOR_DIR` environment variable, else `node_modules` of the source checkout.
    vendor_dir: str | None = None
    #: Where uploaded files and generated documents are stored; None: the `KARTOTEKA_DATA_DIR`
    #: environment variable, else `<database file>.files` beside a SQLite database, else
    #: `./kartoteka-data` (kartoteka.platform.files).
    data_dir: str | None = None
    #: The largest file an upload may be, in bytes (larger ones are refused with 413).
    max_upload_bytes: int = 25 * 1024 * 1024
    #: How often an open page asks whether a task fell due (its in-app reminder), in seconds.
    reminder_poll_seconds: float = 60.0
    #: Whether the server runs the automation worker in a thread (`kartoteka serve --no-worker`
    #: leaves the queue to `kartoteka worker` processes).
    worker: bool = True
    #: How long, in seconds, a read on SQLite may run on the event loop before it is moved to a
    #: worker thread (`loop_reads`); None: every request runs in a worker thread.
    loop_read_budget: float | None = 0.002
    #: Which fast paths are taken: on the engine's reads (written shapers, the driver's cursor)
    #: and reads on the event loop (`loop_reads` off: every request runs in a worker thread).
    #: Default: all, but those `KARTOTEKA_PLAIN_PATHS` names (kartoteka.schema_engine.fast_paths).
    fast_paths: FastPaths = field(default_factory=FastPaths.from_environment)

    # -- query limits and durability (issue 13, "queries") --------------------------------
    #: The most values one `in` condition may list (`stage__in=won,lost`, `"op": "in"`).
    query_in_values: int = 1000
    #: How deep `and`, `or` and `not` groups may nest in a JSON filter (a body's or `filter=`).
    query_filter_depth: int = 20
    #: The most conditions one query may have, in its address and its JSON filter together: a
    #: real CRM filter has a few dozen at most.
    query_conditions: int = 200
    #: How long one statement of a request may run, in seconds, before it is stopped and
    #: answered 503 (None: no bound); on SQLite it counts from the start of the request's
    #: transaction. Schema plans and applies, index builds and upgrades are exempt.
    statement_timeout: float | None = 10.0
    #: SQLite's `synchronous` pragma: FULL (a commit reported survives a power cut) or NORMAL
    #: (faster commits; the last ones may be lost when the machine loses power, never when only
    #: the process crashes). None: `KARTOTEKA_SQLITE_SYNCHRONOUS`, else FULL. PostgreSQL keeps
    #: its own `synchronous_commit`.
    sqlite_synchronous: str | None = None

    @property
    def limits(self) -> Limits:
        """The bounds on queries and statements, as the schema engine takes them."""
        return Limits(in_values=self.query_in_values, filter_depth=self.query_filter_depth,
                      conditions=self.query_conditions,
                      statement_seconds=self.statement_timeout)
