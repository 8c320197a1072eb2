"""What a request works with: one connection, the caller, the app model of the stored version."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from sqlalchemy import Connection, Engine
from starlette.concurrency import run_in_threadpool

from kartoteka.platform.accounts import PasswordChecks, User, address_key, caller_of
from kartoteka.platform.errors import Forbidden, Unauthorized
from kartoteka.platform.i18n import learn_app_languages, learn_user_language
from kartoteka.platform.loop_reads import Budget, MoveToThread, SlowReads, budgeted, run_read
from kartoteka.platform.model_cache import ModelCache
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import AppModel
from kartoteka.settings import Settings

T = TypeVar("T")

NO_TOKEN = (
    "this route needs a token: send 'Authorization: Bearer <token>' "
    "(POST /api/auth/token with username and password gives one)"
)
BAD_TOKEN = "the token is unknown, revoked or expired; get a new one from POST /api/auth/token"
ADMINS_ONLY = "only administrators may change the app definition"


@dataclass(frozen=True)
class Session:
    """One request's connection (inside its transaction), model and user."""

    conn: Connection
    model: AppModel
    user: User


def learn_session_language(session: Session) -> None:
    """Tell the request's language choice the user's stored language and the app's default."""
    learn_app_languages(session.model.doc)
    learn_user_language(session.user.language)


def bearer_token(request: Request) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def client_address(request: Request) -> str:
    """Whom sign-ins are counted against: the address the request comes from (taken from
    X-Forwarded-For only when a trusted proxy sends it: `Settings.trusted_proxies`)."""
    return address_key(request.client.host if request.client else None)


class Api:
    """The engine, the settings and the models: everything a route needs besides its request."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.models = ModelCache()
        self.slow_reads = SlowReads()
        #: This process's share of the machine-wide cap on password checks.
        self.password_checks = PasswordChecks.of(settings)
        #: Besides a bearer token, what tells a signed-in caller (the UI adds its session
        #: cookie): each is given the request and a connection.
        self.caller_checks: list[Callable[[Request, Connection], bool]] = []

    def knows_caller(self, request: Request) -> bool:
        """Whether the request comes from a signed-in user: a valid bearer token, or anything
        a `caller_checks` entry accepts. It reads the database: call it in a worker thread."""
        token = bearer_token(request)
        if token is None and not self.caller_checks:
            return False
        with self.engine.connect() as conn:
            if token is not None and caller_of(conn, token) is not None:
                return True
            return any(check(request, conn) for check in self.caller_checks)

    @contextmanager
    def session(self, token: str | None, *, write: bool = False, admin: bool = False,
                budget: Budget | None = None) -> Iterator[Session]:
        """Authenticate `token` and open the request's transaction (committed when `write`);
        with a `budget`, a read on the event loop (`loop_reads`)."""
        opened = write_connection(self.engine) if write else self.engine.connect()
        with opened as conn, budgeted(conn, budget):
            if token is None:
                raise Unauthorized(NO_TOKEN)
            caller = caller_of(conn, token)
            if caller is None:
                raise Unauthorized(BAD_TOKEN)
            if admin and not caller.user.is_admin:
                raise Forbidden(ADMINS_ONLY)
            if budget is not None and not self.models.has(caller.schema_version):
                raise MoveToThread  # loading a model takes a while: not on the loop
            session = Session(conn, self.models.get(conn, caller.schema_version), caller.user)
            learn_session_language(session)
            yield session
            if write:
                conn.commit()

    async def run(
        self, request: Request, work: Callable[..., T], *args: Any, write: bool = False,
        admin: bool = False, on_loop: bool = False,
    ) -> T:
        """`work(session, *args)` inside an authenticated session, in a worker thread; a read
        marked `on_loop` runs on the event loop if it is short (see `loop_reads`)."""
        token = bearer_token(request)

        def in_session(budget: Budget | None = None) -> T:
            with self.session(token, write=write, admin=admin, budget=budget) as session:
                return work(session, *args)

        budget = self.loop_budget if on_loop and not write else None
        if budget is not None:
            return await run_read(in_session, budget, self.slow_reads, read_key(work, args))
        return await run_in_threadpool(in_session)

    @property
    def loop_budget(self) -> float | None:
        """How long a read may hold the event loop: none on PostgreSQL, whose driver waits
        on the network, nor with the `loop_reads` fast path off."""
        if self.engine.dialect.name != "sqlite" or not self.settings.fast_paths.loop_reads:
            return None
        return self.settings.loop_read_budget


def read_key(work: Callable[..., Any], args: tuple[Any, ...]) -> Hashable | None:
    """What tells one read from another: the work and its arguments (lists as tuples), or None
    when they cannot be told apart cheaply."""
    key = (work, *(tuple(a) if isinstance(a, list) else a for a in args))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def api_of(request: Request) -> Api:
    api: Api = request.app.state.api
    return api
