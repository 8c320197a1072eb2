"""The columns every entity table has besides its fields: the one list the engine, the API and
the UI read them from.

    SYSTEM_COLUMNS
    # ('id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'owner', 'version',
    #  'deleted_at')
"""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.schema_engine.shapes import Field, FieldTypeName


@dataclass(frozen=True)
class SystemColumn:
    """A column of every record, and where it may be used."""

    name: str
    #: The field type it reads as in queries, views and the API: integer, datetime or user.
    type: FieldTypeName
    #: English, for the engine's messages and descriptions ("created at").
    label: str
    #: Filters, sorting and shared views may name it.
    queried: bool = True
    #: Declared composite `indexes` may name it (`id` may only close one, see the rules).
    indexable: bool = True
    #: Kartoteka writes it when a record is created (the database assigns `id`).
    stamped: bool = True
    #: A list may offer it as an optional column.
    shown: bool = True
    #: The value is never empty once the record exists.
    required: bool = True

    def as_field(self) -> Field:
        """The column as a field of its type, so queries treat it like a declared one."""
        return {"id": self.name, "name": self.name, "type": self.type, "label": self.label}


#: In table order.
SYSTEM: tuple[SystemColumn, ...] = (
    SystemColumn("id", "integer", "id", indexable=False, stamped=False, shown=False),
    SystemColumn("created_at", "datetime", "created at"),
    SystemColumn("updated_at", "datetime", "updated at"),
    # A user may be deleted: the columns naming users are then empty.
    SystemColumn("created_by", "user", "created by", required=False),
    SystemColumn("updated_by", "user", "updated by", required=False),
    SystemColumn("owner", "user", "owner", required=False),
    SystemColumn("version", "integer", "version", queried=False, indexable=False, shown=False),
    SystemColumn("deleted_at", "datetime", "deleted at", queried=False, indexable=False,
                 stamped=False, shown=False, required=False),
)

BY_NAME: dict[str, SystemColumn] = {c.name: c for c in SYSTEM}

#: Columns every entity table has; no field may take these names.
SYSTEM_COLUMNS: tuple[str, ...] = tuple(BY_NAME)
#: Columns filters, sorting and views may name after the declared fields.
QUERIED_SYSTEM_COLUMNS: tuple[str, ...] = tuple(c.name for c in SYSTEM if c.queried)
#: System columns an entity's declared `indexes` may name besides its fields; `id` may close one.
INDEXABLE_SYSTEM_COLUMNS: tuple[str, ...] = tuple(c.name for c in SYSTEM if c.indexable)
#: Columns naming a user (read with the user's name as their title).
USER_COLUMNS: tuple[str, ...] = tuple(c.name for c in SYSTEM if c.type == "user")
#: Columns a new record's INSERT sets, in table order.
STAMPED_COLUMNS: tuple[SystemColumn, ...] = tuple(c for c in SYSTEM if c.stamped)
#: Columns a list may offer besides the declared fields.
SHOWN_COLUMNS: tuple[str, ...] = tuple(c.name for c in SYSTEM if c.shown)
