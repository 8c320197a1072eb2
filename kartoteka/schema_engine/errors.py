"""Exceptions of the schema engine. The platform maps them to HTTP statuses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class KartotekaError(Exception):
    """Base of every error Kartoteka raises on purpose."""


@dataclass(frozen=True)
class DefinitionError:
    """One problem found in an app definition: where it is and how to fix it."""

    path: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "message": self.message}

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DefinitionInvalid(KartotekaError):
    """The app definition breaks its JSON Schema or a semantic rule; `errors` holds them all."""

    def __init__(self, errors: list[DefinitionError]) -> None:
        self.errors = errors
        count = len(errors)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"the app definition has {count} {noun}:\n" + "\n".join(f"  {e}" for e in errors)
        )


class StaleVersion(KartotekaError):
    """The definition changed since the caller read it."""


class NotInitialized(KartotekaError):
    """The database holds no Kartoteka app yet."""


class AlreadyInitialized(KartotekaError):
    """The database already holds a Kartoteka app."""


class TrashError(KartotekaError):
    """A schema-trash item cannot be restored or purged."""


class UnknownEntity(KartotekaError):
    """A name that is not an entity of the app definition."""


class UnknownField(KartotekaError):
    """A name that is not a field of the entity."""


@dataclass(frozen=True)
class FieldError:
    """A problem with one value of a record; `field` is its path (`amount`, `create[3].amount`)."""

    field: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "message": self.message}


class RecordInvalid(KartotekaError):
    """A record's values do not fit its entity; `errors` holds every problem at once."""

    def __init__(self, errors: list[FieldError], message: str | None = None) -> None:
        self.errors = errors
        count = len(errors)
        super().__init__(
            message
            or f"the record has {count} invalid value{'' if count == 1 else 's'}: "
            + "; ".join(f"{e.field}: {e.message}" for e in errors)
        )


class RecordNotFound(KartotekaError):
    """No such record; `trashed` says it exists but is in the trash."""

    def __init__(self, message: str, *, trashed: bool = False) -> None:
        self.trashed = trashed
        super().__init__(message)


class StaleRecord(KartotekaError):
    """The record changed since the caller read it; `current` is how it is now."""

    def __init__(self, message: str, current: dict[str, Any]) -> None:
        self.current = current
        super().__init__(message)


class RecordLinked(KartotekaError):
    """Live records still link to this one and the link says `restrict`."""


class QueryError(KartotekaError):
    """A filter, sort or page request that cannot be run; the message names the valid choices."""


class StatementTimeout(KartotekaError):
    """A statement ran longer than the bound on one statement's time and was cut off; nothing
    it was doing was kept."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"the query ran longer than {seconds:g} s, the limit for one statement, and was "
            "stopped; narrow it with a filter or a search, or try again later")
