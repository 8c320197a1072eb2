"""HTTP errors: the platform's exceptions carry their status; the engine's are mapped here.

Every error answer is JSON: `{"detail": "a sentence", "errors": [{"field", "message"}]}` (errors
only where there are several things to fix) plus what the class adds (`record` for a stale
record, `plan` for a refused schema change). The one place that says which exception means
which status is `ERRORS` below; an exception class not listed inherits its parent's entry.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exc as sa_exc

from kartoteka.platform.request_ids import HEADER as REQUEST_ID_HEADER
from kartoteka.platform.request_ids import current_request_id
from kartoteka.platform.responses import JsonResponse, json_response
from kartoteka.schema_engine import errors as se_errors
from kartoteka.schema_engine.migrate import PlanRefused

log = logging.getLogger("kartoteka.api")


class ApiError(se_errors.KartotekaError):
    """An error of the HTTP layer; `status` is its HTTP status."""

    status = 400

    def __init__(
        self, message: str, *, errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.errors = errors or []
        self.headers = headers or {}


class BadRequest(ApiError):
    status = 400


class Unauthorized(ApiError):
    status = 401

    def __init__(self, message: str) -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404


class PreconditionFailed(ApiError):
    status = 412


class Unprocessable(ApiError):
    """The request is well-formed JSON of the wrong shape; `errors` says what to fix."""

    status = 422


class TooManyAttempts(ApiError):
    status = 429

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message, headers={"Retry-After": str(max(1, math.ceil(retry_after)))})


class ServiceUnavailable(ApiError):
    """The server is too busy to take this request now; Retry-After says when to come back."""

    status = 503

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message, headers={"Retry-After": str(max(1, math.ceil(retry_after)))})


# ---------------------------------------------------------------- the registry


def _field_errors(exc: Any) -> dict[str, Any]:
    return {"errors": [e.to_json() for e in exc.errors]}


def _definition_errors(exc: se_errors.DefinitionInvalid) -> dict[str, Any]:
    return {"errors": [{"field": e.path, "message": e.message} for e in exc.errors]}


def _plan_problems(exc: PlanRefused) -> dict[str, Any]:
    problems = exc.plan.problems
    errors = [{"field": ".".join(p for p in (pr.entity, pr.field) if p), "message": pr.message}
              for pr in problems]
    return {"errors": errors, "plan": exc.plan.to_json()}


def _stale_record(exc: se_errors.StaleRecord) -> dict[str, Any]:
    return {"record": exc.current}


def _retry_after_limit(exc: se_errors.StatementTimeout) -> dict[str, str]:
    """Retry-After names the limit: a statement cut off after it is worth trying once a busy
    moment has passed, not at once."""
    return {"Retry-After": str(max(1, math.ceil(exc.seconds)))}


@dataclass(frozen=True)
class ErrorKind:
    """How one exception class is answered: its status, its body's extras, extra headers."""

    status: int
    extras: Callable[[Any], dict[str, Any]] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    #: A fixed detail instead of the exception's message (for errors whose text is internal).
    detail: str | None = None
    #: Headers that depend on the exception (added to `headers`).
    headers_of: Callable[[Any], dict[str, str]] | None = None


ERRORS: dict[type[BaseException], ErrorKind] = {
    se_errors.UnknownEntity: ErrorKind(404),
    se_errors.RecordNotFound: ErrorKind(404),
    se_errors.UnknownField: ErrorKind(400),
    se_errors.QueryError: ErrorKind(400),
    se_errors.RecordInvalid: ErrorKind(422, _field_errors),
    se_errors.StaleRecord: ErrorKind(412, _stale_record),
    se_errors.RecordLinked: ErrorKind(409),
    se_errors.StaleVersion: ErrorKind(409),
    se_errors.DefinitionInvalid: ErrorKind(422, _definition_errors),
    PlanRefused: ErrorKind(422, _plan_problems),
    se_errors.TrashError: ErrorKind(409),
    se_errors.NotInitialized: ErrorKind(503),
    se_errors.StatementTimeout: ErrorKind(503, headers_of=_retry_after_limit),
    se_errors.KartotekaError: ErrorKind(400),
    # Safety nets: the engine translates what users can cause; these keep anything it missed
    # from becoming a 500 with a stack trace.
    sa_exc.IntegrityError: ErrorKind(
        409, detail="the change conflicts with data already stored; nothing was changed"),
    sa_exc.DataError: ErrorKind(
        400, detail="a value does not fit the database (too large, or of the wrong kind)"),
    # Other database errors are told apart by what the database says (DATABASE_ERRORS below);
    # the rest are a 500 with a request id: they are not the caller's to fix, nor passing.
}


@dataclass(frozen=True)
class DatabaseError:
    """Database errors answered alike: by PostgreSQL SQLSTATE (a code, or a class's first two
    characters), SQLite's error name (SQLITE_BUSY also covers SQLITE_BUSY_SNAPSHOT...), or a
    fragment of the driver's message."""

    kind: ErrorKind
    sqlstates: tuple[str, ...] = ()
    sqlite_names: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()

    def matches(self, error: BaseException) -> bool:
        sqlstate = getattr(error, "sqlstate", None) or ""
        sqlite_name = getattr(error, "sqlite_errorname", None) or ""
        message = str(error)
        return (any(sqlstate.startswith(code) for code in self.sqlstates if sqlstate)
                or any(sqlite_name.startswith(name) for name in self.sqlite_names if sqlite_name)
                or any(fragment in message for fragment in self.messages))


#: Passing: the same request may well succeed in a moment.
BUSY = ErrorKind(
    503, headers={"Retry-After": "1"},
    detail="the database is busy: another change holds it longer than the server waits; "
           "nothing was changed; try again in a moment")

DATABASE_ERRORS = (
    # SQLite: locked past the busy timeout, or the schema changed under the statement.
    # PostgreSQL: serialization failure, deadlock, lock timeout, too many connections, the
    # server shutting down or restarting, a lost connection.
    DatabaseError(BUSY, sqlite_names=("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_SCHEMA"),
                  sqlstates=("40001", "40P01", "55P03", "53300", "57P01", "57P02", "57P03",
                             "08")),
    DatabaseError(ErrorKind(400, detail=(
        "the request needs more values in one statement than the database takes "
        "(PostgreSQL 65,535; SQLite 32,766 unless built with more); ask for fewer at once")),
        messages=("too many SQL variables", "number of parameters must be between")),
    DatabaseError(ErrorKind(400, detail=(
        "a number is out of the range the database stores: whole numbers go from "
        "-9223372036854775808 to 9223372036854775807")),
        sqlstates=("22003",), messages=("too large to convert to SQLite",)),
)


def _driver_error(exc: BaseException) -> BaseException | None:
    """The database driver's own error inside `exc`, or `exc` when it is one (the fast paths
    run statements on the driver's cursor, and SQLite's BEGIN too): else None."""
    if isinstance(exc, sa_exc.StatementError):
        return exc.orig
    if type(exc).__module__.startswith(("sqlite3", "psycopg")):
        return exc
    if isinstance(exc, OverflowError):  # pysqlite's, for an integer beyond 64 bits
        return exc
    return None


def database_kind(exc: BaseException) -> ErrorKind | None:
    """The entry of DATABASE_ERRORS that `exc` (or the driver's error in it) matches."""
    error = _driver_error(exc)
    if error is None:
        return None
    for rule in DATABASE_ERRORS:
        if rule.matches(error):
            return rule.kind
    return None


def kind_of(exc: BaseException) -> ErrorKind | None:
    """The entry of DATABASE_ERRORS a database's error matches, else the registry entry of
    the exception's class or of its nearest listed ancestor."""
    database = database_kind(exc)
    if database is not None:
        return database
    for cls in type(exc).__mro__:
        if cls in ERRORS:
            return ERRORS[cls]
    return None


def error_body(detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}


def error_response(exc: BaseException) -> JsonResponse:
    """The JSON answer to an exception: its status, detail, errors and extras."""
    if isinstance(exc, ApiError):
        return json_response(error_body(str(exc), exc.errors), exc.status, exc.headers)
    kind = kind_of(exc)
    if kind is None:
        return internal_error(exc)
    if kind.detail is not None:
        # The driver's words, not SQLAlchemy's: those hold the whole statement and its values.
        log.warning("request %s: database error answered %s: %s", current_request_id(),
                    kind.status, _driver_error(exc) or exc)
    body = error_body(kind.detail or str(exc))
    if kind.extras is not None:
        body.update(kind.extras(exc))
    headers = kind.headers if kind.headers_of is None else {**kind.headers,
                                                             **kind.headers_of(exc)}
    return json_response(body, kind.status, headers)


def internal_error(exc: BaseException) -> JsonResponse:
    """A 500 naming the request's id, which the log line with the details also names."""
    request_id = current_request_id()
    log.error("request %s: unexpected error answering it", request_id, exc_info=exc)
    body = error_body(f"internal error; the server log has the details under request id "
                      f"{request_id}")
    body["request_id"] = request_id
    return json_response(body, 500, {REQUEST_ID_HEADER: request_id})
