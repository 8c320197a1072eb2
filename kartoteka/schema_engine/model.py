"""One version of the app definition, ready to work with: tables, fields and links both ways.

Everything that reads or writes records goes through an `AppModel`; it is built once per schema
version and shared (it is never changed after it is built). What is worked out from it and kept
(readers, writers, parsed queries, statements) lives in its one `memo` (schema_engine.memo).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Column, Connection, MetaData, Table

from kartoteka.schema_engine import store
from kartoteka.schema_engine.errors import UnknownEntity, UnknownField
from kartoteka.schema_engine.limits import DEFAULT as DEFAULT_LIMITS
from kartoteka.schema_engine.limits import Limits, limits_of
from kartoteka.schema_engine.memo import ModelMemo
from kartoteka.schema_engine.shapes import Document, Entity, Field
from kartoteka.schema_engine.tables import app_metadata, junction_columns, junction_name
from kartoteka.schema_engine.types import field_type


@dataclass(frozen=True)
class Relation:
    """A link seen from its target: the client's `deals` are deal records whose `client` is it."""

    name: str
    entity: str
    field: Field

    @property
    def many(self) -> bool:
        """Through a junction table (links), not a column of the linking record (link)."""
        return not field_type(self.field["type"]).has_column


@dataclass(frozen=True)
class Junction:
    """The table of a many-to-many link and its two columns."""

    table: Table
    source: Column[int]
    target: Column[int]


class AppModel:
    """The entities of one definition version, their tables and their links."""

    def __init__(self, doc: Document, version: int, dialect: str | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> None:
        self.doc = doc
        #: The bounds on its queries (of the engine it was loaded through).
        self.limits = limits
        self.version = version
        self.dialect = dialect
        self.entities: dict[str, Entity] = {e["name"]: e for e in doc["entities"]}
        self._fields = {
            e["name"]: {f["name"]: f for f in e["fields"]} for e in doc["entities"]
        }
        #: Everything kept for this model: a new version is a new model with a fresh memo.
        self.memo = ModelMemo(len(self.entities))

    @cached_property
    def metadata(self) -> MetaData:
        return app_metadata(self.doc, self.dialect)

    def entity(self, name: str) -> Entity:
        try:
            return self.entities[name]
        except KeyError:
            names = ", ".join(self.entities) or "(none yet)"
            raise UnknownEntity(f"unknown entity {name!r}; entities are: {names}") from None

    def fields(self, entity: str) -> dict[str, Field]:
        self.entity(entity)
        return self._fields[entity]

    def field(self, entity: str, name: str) -> Field:
        fields = self.fields(entity)
        try:
            return fields[name]
        except KeyError:
            raise UnknownField(
                f"unknown field {name!r} on entity {entity!r}; fields are: {', '.join(fields)}"
            ) from None

    def table(self, entity: str) -> Table:
        self.entity(entity)
        return self.metadata.tables[entity]

    def junction(self, entity: str, field: Field) -> Junction:
        table = self.metadata.tables[junction_name(self.entity(entity), field)]
        source, target = junction_columns(entity, field)
        return Junction(table, table.c[source], table.c[target])

    def title_field(self, entity: str) -> str | None:
        """The field that names a record (its `title_field`, else its first text field)."""
        declared = self.entity(entity).get("title_field")
        if declared:
            return str(declared)
        text = [n for n, f in self.fields(entity).items() if f["type"] == "text"]
        return text[0] if text else None

    def searchable(self, entity: str) -> list[Field]:
        """Fields that `q=` searches: every text-like field."""
        return [f for f in self.fields(entity).values() if field_type(f["type"]).searchable]

    @cached_property
    def _relations(self) -> dict[str, list[Relation]]:
        found: dict[str, list[Relation]] = {name: [] for name in self.entities}
        for entity in self.doc["entities"]:
            for f in entity["fields"]:
                if field_type(f["type"]).is_link:
                    name = f.get("inverse") or f"{entity['name']}_{f['name']}"
                    found[f["to"]].append(Relation(name, entity["name"], f))
        return found

    def relations_to(self, entity: str) -> list[Relation]:
        """Links of other entities (and this one) that point at `entity`."""
        self.entity(entity)
        return self._relations[entity]


def load_model(conn: Connection) -> AppModel:
    """The model of the current definition version."""
    version = store.current(conn)
    return AppModel(version.document, version.version, conn.dialect.name, limits_of(conn))


def current_version(conn: Connection) -> int:
    """The number of the current definition version (a cheap query, for reload checks)."""
    return store.current_version_number(conn)
