"""The stored history of the app definition and the schema trash."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, func, insert, inspect, select, update

from kartoteka.schema_engine import upgrades
from kartoteka.schema_engine.errors import NotInitialized
from kartoteka.schema_engine.message import msg
from kartoteka.schema_engine.shapes import Document, Entity, Field, empty_definition
from kartoteka.schema_engine.tables import system_metadata

_SYSTEM = system_metadata()
VERSIONS: Table = _SYSTEM.tables["kt_schema_version"]
TRASH: Table = _SYSTEM.tables["kt_schema_trash"]
INDEX_JOBS: Table = _SYSTEM.tables["kt_index_job"]
USERS: Table = _SYSTEM.tables["kt_user"]


NO_APP = msg("this database holds no Kartoteka app; run `kartoteka init` first")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def is_initialized(conn: Connection) -> bool:
    """Whether the database holds a Kartoteka app (its version table has a row)."""
    if not inspect(conn).has_table(VERSIONS.name):
        return False
    return conn.execute(select(func.count()).select_from(VERSIONS)).scalar_one() > 0


def create_system_tables(conn: Connection) -> None:
    _SYSTEM.create_all(conn)
    upgrades.stamp_latest(conn, upgrades.ENGINE)


@dataclass(frozen=True)
class Version:
    version: int
    author: str
    at: dt.datetime
    summary: str
    document: Document

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "author": self.author,
            "at": iso(self.at),
            "summary": self.summary,
        }


def iso(moment: dt.datetime) -> str:
    """UTC ISO-8601 with a Z, to the second."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _version(row: Any) -> Version:
    return Version(row.version, row.author, row.at, row.summary, json.loads(row.document))


def current(conn: Connection) -> Version:
    """The newest version; raises NotInitialized on a database without a Kartoteka app."""
    if not inspect(conn).has_table(VERSIONS.name):
        raise NotInitialized(NO_APP)
    row = conn.execute(select(VERSIONS).order_by(VERSIONS.c.version.desc()).limit(1)).first()
    if row is None:
        raise NotInitialized(NO_APP)
    return _version(row)


def current_version_number(conn: Connection) -> int:
    """The newest version's number, 0 when none: one indexed lookup, cheap enough per request."""
    return int(conn.execute(select(func.max(VERSIONS.c.version))).scalar() or 0)


def current_or_empty(conn: Connection) -> tuple[int, Document]:
    try:
        version = current(conn)
    except NotInitialized:
        return 0, empty_definition()
    return version.version, version.document


def get_version(conn: Connection, number: int) -> Version | None:
    row = conn.execute(select(VERSIONS).where(VERSIONS.c.version == number)).first()
    return _version(row) if row else None


def history(conn: Connection) -> list[Version]:
    """Every version, newest first."""
    rows = conn.execute(select(VERSIONS).order_by(VERSIONS.c.version.desc()))
    return [_version(r) for r in rows]


def add_version(conn: Connection, number: int, author: str, summary: str, doc: Document) -> None:
    conn.execute(
        insert(VERSIONS).values(
            version=number,
            author=author,
            at=now(),
            summary=summary,
            document=json.dumps(doc, ensure_ascii=False),
        )
    )


@dataclass(frozen=True)
class TrashItem:
    """A trashed entity or field, or values cleared by a type change, kept until purged."""

    id: int
    kind: str
    entity_id: str
    field_id: str | None
    entity_name: str
    field_name: str | None
    physical: str | None
    definition: dict[str, Any]
    payload: list[Any] | None
    count: int
    version: int
    author: str
    at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "entity": self.entity_name,
            "field": self.field_name,
            "count": self.count,
            "version": self.version,
            "author": self.author,
            "at": iso(self.at),
            "definition": self.definition,
        }

    @property
    def entity_definition(self) -> Entity:
        """The definition of a trashed entity (`kind` "entity"), as it was when trashed."""
        return cast(Entity, self.definition)

    @property
    def field_definition(self) -> Field:
        """The definition of a trashed field, or of the field whose values were cleared."""
        return cast(Field, self.definition)

    @property
    def title(self) -> str:
        if self.kind == "entity":
            return f"entity {self.entity_name}"
        if self.kind == "field":
            return f"field {self.entity_name}.{self.field_name}"
        noun = "value" if self.count == 1 else "values"
        return f"{self.count} {noun} of {self.entity_name}.{self.field_name}"


def _trash_item(row: Any) -> TrashItem:
    return TrashItem(
        row.id,
        row.kind,
        row.entity_id,
        row.field_id,
        row.entity_name,
        row.field_name,
        row.physical,
        json.loads(row.definition),
        json.loads(row.payload) if row.payload else None,
        row.count,
        row.version,
        row.author,
        row.at,
    )


def trash_items(conn: Connection) -> list[TrashItem]:
    if not inspect(conn).has_table(TRASH.name):
        return []
    return [_trash_item(r) for r in conn.execute(select(TRASH).order_by(TRASH.c.id))]


def trash_item(conn: Connection, item_id: int) -> TrashItem | None:
    row = conn.execute(select(TRASH).where(TRASH.c.id == item_id)).first()
    return _trash_item(row) if row else None


def add_trash_item(conn: Connection, **values: Any) -> None:
    for key in ("definition", "payload"):
        if values.get(key) is not None:
            values[key] = json.dumps(values[key], ensure_ascii=False, default=str)
    conn.execute(insert(TRASH).values(at=now(), **values))


def update_trash_payload(conn: Connection, item_id: int, payload: list[Any]) -> None:
    """Keep only `payload` of a trash item of cleared values (the rest was put back)."""
    conn.execute(
        update(TRASH)
        .where(TRASH.c.id == item_id)
        .values(payload=json.dumps(payload, ensure_ascii=False, default=str), count=len(payload))
    )


def count_index_jobs(conn: Connection) -> int:
    """How many indexes wait to be built after commit."""
    return int(conn.execute(select(func.count()).select_from(INDEX_JOBS)).scalar_one())


def add_index_job(conn: Connection, table: str, name: str, columns: Iterable[str]) -> None:
    """Ask for an index to be built after commit (see `indexes.build_pending_indexes`)."""
    conn.execute(delete(INDEX_JOBS).where(INDEX_JOBS.c.index_name == name))
    conn.execute(
        insert(INDEX_JOBS).values(
            table_name=table, index_name=name, columns=json.dumps(list(columns))
        )
    )
