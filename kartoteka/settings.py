"""Settings of the HTTP application: token and session lifetimes, login throttling, the UI."""

from __future__ import annotations

from dataclasses import dataclass, field

from kartoteka.schema_engine.fast_paths import FastPaths

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

    # -- limits (issue 13, hardening): request bodies and the API description -------------
    #: The largest request body read before the caller is known, in bytes: the sign-in forms
    #: fit; a larger body without a valid bearer token or session cookie is refused (401).
    max_anonymous_body_bytes: int = 16 * 1024
    #: The largest JSON body of a request (and of any body not listed below), in bytes.
    max_json_bytes: int = 10 * 1024 * 1024
    #: The largest body of a records batch (`POST /api/records/{entity}/batch`), in bytes.
    max_batch_bytes: int = 32 * 1024 * 1024
    #: The largest form (the web UI's, URL-encoded or multipart), its files included, in bytes;
    #: each file is also held to `max_upload_bytes`.
    max_form_bytes: int = 64 * 1024 * 1024
    #: Whether `/openapi.json` and `/docs` answer anyone; by default only signed-in users.
    public_api_docs: bool = False
