"""Settings of the HTTP application: token and session lifetimes, login throttling, the UI."""

from __future__ import annotations

from dataclasses import dataclass, field

from kartoteka.schema_engine.fast_paths import FastPaths
from kartoteka.schema_engine.limits import Limits

HOUR = 3600.0
DAY = 24 * HOUR


@dataclass(frozen=True)
class Settings:
    """How the API behaves; every figure is in seconds unless its name says otherwise."""

    token_lifetime: float = 12 * HOUR
    # ---- Sign-in (issue 13, part "signin"): throttles, the cap on password checks, proxies.
    #: Failed sign-ins for one account: the first `login_free_failures` are answered at once;
    #: each further one after `login_delay`, doubled per failure up to `login_max_delay`.
    #: Never a lock: whoever knows the password gets in, however many guessed wrong before.
    login_free_failures: int = 3
    login_delay: float = 0.5
    login_max_delay: float = 4.0
    #: Sign-ins from one client address: at most `login_address_failures` failures within
    #: `login_window` seconds (counted from the first); after that the address is answered 429
    #: for the rest of the window. Failures of an account older than the window are forgotten.
    login_address_failures: int = 10
    login_window: float = 15 * 60
    #: How many password checks (argon2: CPU and 64 MiB each) run at once on this machine,
    #: shared by every server process of its user; None: the CPU cores less one, at least 1.
    password_checks: int | None = None
    #: Where the lock files of those checks are; None: `kartoteka-<uid>-password-checks` in the
    #: system's temporary folder.
    password_check_dir: str | None = None
    #: How many sign-ins one process lets wait for a check, and for how long (seconds); beyond
    #: either, a sign-in is answered 503 at once with Retry-After.
    password_check_queue: int = 64
    password_check_wait: float = 10.0
    #: Addresses or networks of reverse proxies whose X-Forwarded-For (and X-Forwarded-Proto)
    #: is believed, as uvicorn's `--forwarded-allow-ips` ("*": any, only behind a proxy that
    #: overwrites the header). Other clients are known by the address they connect from.
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")
    # ---- end of sign-in
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

    # -- hooks (issue 13, hardening automations, webhooks and templates) --------------------
    #: Hosts webhooks may call although they are on internal networks (loopback, private,
    #: link-local...; every other such address is refused): names as written in the webhook's
    #: URL ("warehouse.internal", "127.0.0.1") or networks ("10.1.0.0/16"). `kartoteka serve`
    #: and `kartoteka worker` read them from `--webhook-allow-host` or
    #: `KARTOTEKA_WEBHOOK_ALLOWED_HOSTS` (separated by spaces).
    webhook_allowed_hosts: tuple[str, ...] = ()
    #: Seconds a webhook call may take in all: connecting, sending and the whole answer.
    webhook_timeout: float = 10.0
    #: Webhook calls a worker sends at once, beside the rule jobs (which never wait for them).
    webhook_concurrency: int = 4
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
