"""SQLAlchemy Core tables: Kartoteka's own `kt_` tables and those an app definition describes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from functools import cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import Float, TypeDecorator, TypeEngine

from kartoteka.schema_engine.shapes import Document, Entity, Field
from kartoteka.schema_engine.system_columns import SYSTEM, SystemColumn
from kartoteka.schema_engine.types import field_type, is_indexed

#: Every constraint gets a name, so that later changes can find it.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}

USER_TABLE = "kt_user"
#: The unique index on users' email keys (see upgrades.ENGINE_STEPS).
USER_EMAIL_KEY_INDEX = "uq_kt_user_email_key"
CHANGE_TABLE = "kt_change"


# ---------------------------------------------------------------- column types


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A moment in time, stored in UTC and read back as an aware UTC datetime on both databases.

    SQLite has no time zones: SQLAlchemy would drop the offset of an aware value (storing the
    local wall time) and read naive values back. Naive values given here are taken as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if not isinstance(value, dt.datetime):
            return value
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)  # type: ignore[no-any-return]
        return value.astimezone(dt.UTC)  # type: ignore[no-any-return]


class _PlainNumeric(Numeric):  # type: ignore[type-arg]
    """NUMERIC that hands values to the driver and back untouched (no float conversion)."""

    def bind_processor(self, dialect: Dialect) -> None:
        return None

    def result_processor(self, dialect: Dialect, coltype: object) -> None:
        return None


class ExactDecimal(TypeDecorator[Decimal]):
    """A NUMERIC column that gives back exactly the decimals it was given, on both databases.

    PostgreSQL stores decimals natively. SQLite has no decimal type: SQLAlchemy's Numeric goes
    through float and pads to ten places (12345678901234.56 comes back as ...34.5605468750).
    Here values are bound as text, which the column's NUMERIC affinity stores as an integer or
    a real keeping 15 significant digits, and reals are read back through their shortest repr.
    Both databases give values without trailing zeros (100.50 -> 100.5).
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_PlainNumeric())
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        if isinstance(value, float):
            value = repr(value)
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, float):
            value = repr(value)
        return plain_decimal(Decimal(value))


#: Digits kept when reading decimals back: more than any stored value has.
_WIDE = 120


def plain_decimal(number: Decimal) -> Decimal:
    """A decimal without trailing zeros, written out (12.30 -> 12.3, 1E+2 -> 100), so that both
    databases give the same value: SQLite cannot keep the zeros PostgreSQL keeps."""
    if not number.is_finite():
        return number
    with localcontext(Context(prec=_WIDE)):  # the default 28 digits would round long values
        number = number.normalize()
        if number.as_tuple().exponent > 0:  # type: ignore[operator]
            number = number.quantize(Decimal(1))
    return number


def column_type(field: Field) -> TypeEngine[Any]:
    """The SQL type of a field's column; decimals and moments behave alike on both databases."""
    kind = field_type(field["type"])
    assert kind.column_type is not None, f"{field['type']} fields have no column"
    sql_type = kind.column_type()
    if isinstance(sql_type, Numeric) and not isinstance(sql_type, Float):
        return ExactDecimal()
    if isinstance(sql_type, DateTime):
        return UtcDateTime()
    return sql_type


# ---------------------------------------------------------------- Kartoteka's own tables


def _utc() -> UtcDateTime:
    return UtcDateTime()


@cache
def system_metadata() -> MetaData:
    """Kartoteka's own tables, the same in every database."""
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    Table(
        USER_TABLE,
        metadata,
        Column("id", Integer, primary_key=True),
        Column("email", Text, nullable=False, unique=True),
        Column("name", Text, nullable=False, server_default=""),
        Column("password_hash", Text),
        Column("is_admin", Boolean, nullable=False, server_default=text("false")),
        Column("active", Boolean, nullable=False, server_default=text("true")),
        Column("time_zone", Text, nullable=False, server_default="UTC"),
        # "" until the user chooses one at /account (upgrade step 10 of the engine).
        Column("language", Text, nullable=False, server_default=""),
        Column("created_at", _utc(), nullable=False, server_default=func.now()),
        # The email as emails compare (types.text_key): 'DUP@x.com' is 'dup@x.com'.
        Column("email_key", Text),
        Index(USER_EMAIL_KEY_INDEX, "email_key", unique=True),
        sqlite_autoincrement=True,
    )
    Table(
        "kt_schema_version",
        metadata,
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("author", Text, nullable=False),
        Column("at", _utc(), nullable=False),
        Column("summary", Text, nullable=False),
        Column("document", Text, nullable=False),
    )
    Table(
        "kt_schema_trash",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("kind", Text, nullable=False),  # entity | field | values
        Column("entity_id", Text, nullable=False),
        Column("field_id", Text),
        Column("entity_name", Text, nullable=False),
        Column("field_name", Text),
        Column("physical", Text),  # the hidden table or column holding the data
        Column("definition", Text, nullable=False),  # JSON of the entity or field
        Column("payload", Text),  # JSON [[record id, old value], ...] for cleared values
        Column("count", Integer, nullable=False, server_default="0"),
        Column("version", Integer, nullable=False),
        Column("author", Text, nullable=False),
        Column("at", _utc(), nullable=False),
        sqlite_autoincrement=True,
    )
    Table(
        "kt_index_job",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("table_name", Text, nullable=False),
        Column("index_name", Text, nullable=False, unique=True),
        Column("columns", Text, nullable=False),  # JSON list of column names
        Column("created_at", _utc(), nullable=False, server_default=func.now()),
        Column("error", Text),
    )
    Table(
        CHANGE_TABLE,
        metadata,
        # The one change log: every record write appends here in its own transaction; the
        # timeline, the audit, stage history and automations read it. Ids are the stable
        # entity and field ids, so renames never orphan history.
        Column("id", Integer, primary_key=True),
        Column("at", _utc(), nullable=False),
        Column("user_id", Integer),
        Column("entity_id", Text, nullable=False),
        Column("record_id", Integer, nullable=False),
        Column("kind", Text, nullable=False),  # created | changed | trashed | restored | note...
        Column("field_id", Text),
        Column("old", Text),  # JSON
        Column("new", Text),  # JSON
        Index("ix_kt_change_record", "entity_id", "record_id", "id"),
        sqlite_autoincrement=True,
    )
    return metadata


# ---------------------------------------------------------------- names of the physical schema


def index_name(field: Field) -> str:
    return f"ix_{field['id']}"


def unique_name(field: Field) -> str:
    return f"uq_{field['id']}"


def key_name(field: Field) -> str:
    """The hidden column a unique field of a type with a `unique_key` is compared by: the key
    of its value ('dup@x.com' for 'DUP@x.com'), under a unique index. Named like the search
    shadow column, after the field id."""
    return f"kt_key_{field['id']}"


def key_index_name(field: Field) -> str:
    """The unique index on a field's key column; another name than `unique_name`, so that a
    plan tells an index on the value from one on the key."""
    return f"uk_{field['id']}"


def has_unique_key(field: Field) -> bool:
    """Whether a field is unique by the key of its values (`types.FieldType.unique_key`)."""
    return bool(field.get("unique")) and field_type(field["type"]).unique_key is not None


def shadow_name(field: Field) -> str:
    """The hidden search column of a searchable field: its value, case- and accent-folded.

    Named after the field id, so that renames never touch it, and with the reserved prefix, so
    that it is never shown: readers list declared fields only.
    """
    return f"kt_fold_{field['id']}"


def is_searchable(field: Field) -> bool:
    """Whether a field has a search shadow column (`types.FieldType.searchable`)."""
    return field_type(field["type"]).searchable


def trigram_index_name(field: Field) -> str:
    """PostgreSQL: the pg_trgm GIN index on a field's shadow column."""
    return f"kt_trgm_{field['id']}"


def fts_name(field: Field) -> str:
    """SQLite: the contentless FTS5 trigram table indexing a field's shadow column."""
    return f"kt_fts_{field['id']}"


#: The one column of every FTS5 table of search; its rowid is the record id.
FTS_COLUMN = "folded"


def junction_name(entity: Entity, field: Field) -> str:
    return f"{entity['name']}__{field['name']}"


def junction_columns(entity_name: str, field: Field) -> tuple[str, str]:
    """The two columns of a many-to-many table: `<entity>_id` and `<target>_id`."""
    source = f"{entity_name}_id"
    target = f"{field['to']}_id"
    if target == source:  # a link from an entity to itself
        target = f"{field['name']}_id" if field["name"] != entity_name else "related_id"
    return source, target


@dataclass(frozen=True)
class IndexSpec:
    """An index the definition asks for; built with its table or later by a background job."""

    name: str
    table: str
    columns: tuple[str, ...]
    unique: bool = False
    #: A pg_trgm GIN index (PostgreSQL only) rather than a plain B-tree.
    trigram: bool = False
    #: A partial index over live records only (`WHERE deleted_at IS NULL`): trashed records
    #: neither clash with unique values nor take room in indexes that lists read.
    live_only: bool = False
    #: The fields an entity's `indexes` entry names, when `columns` adds to them.
    declared: tuple[str, ...] = ()


def field_indexes(entity: Entity, field: Field) -> list[IndexSpec]:
    """The indexes one field's column carries (a unique index ignores trashed records)."""
    if not field_type(field["type"]).has_column:
        return []
    if has_unique_key(field):
        name, columns = key_index_name(field), (key_name(field),)
        return [IndexSpec(name, entity["name"], columns, unique=True, live_only=True)]
    if field.get("unique"):
        name, columns = unique_name(field), (field["name"],)
        return [IndexSpec(name, entity["name"], columns, unique=True, live_only=True)]
    if is_indexed(field):
        return [IndexSpec(index_name(field), entity["name"], (field["name"],))]
    return []


def composite_index_name(entity: Entity, columns: Sequence[str]) -> str:
    """`ix_<entity id>_<hash of its field ids>`: renaming the entity or a field keeps it.

    System columns go into the hash by name, marked with `$`, which no id has, so that a field
    whose id reads like a system column still makes another name. At most 3 + 41 + 1 + 12 = 57
    characters, within PostgreSQL's 63.
    """
    ids = {f["name"]: f["id"] for f in entity["fields"]}
    key = ",".join(ids.get(column, f"${column}") for column in columns)
    return f"ix_{entity['id']}_{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def composite_indexes(entity: Entity) -> list[IndexSpec]:
    """The indexes an entity declares over several columns (`indexes`).

    `deleted_at` comes last in each: every list, count and total reads live records only, and
    with it in the index they are answered from the index alone (a count of won deals, the sums
    of a board's stages: 8 ms instead of 40 on 100k rows in SQLite). A partial index (`WHERE
    deleted_at IS NULL`) would be smaller, but SQLite does not read it alone when the query
    names `deleted_at`, and then prefers the field's own index and reads every row.
    """
    return [
        IndexSpec(
            composite_index_name(entity, index["fields"]),
            entity["name"],
            (*index["fields"], *(() if "deleted_at" in index["fields"] else ("deleted_at",))),
            declared=tuple(index["fields"]),
        )
        for index in entity.get("indexes", [])
    ]


def entity_indexes(entity: Entity) -> list[IndexSpec]:
    """Every index of an entity's table: those of its fields, then its declared ones."""
    own = [spec for f in entity["fields"] for spec in field_indexes(entity, f)]
    return own + composite_indexes(entity)


def trigram_indexes(doc: Document) -> list[IndexSpec]:
    """PostgreSQL: the trigram index of every searchable field's shadow column."""
    return [
        IndexSpec(trigram_index_name(f), entity["name"], (shadow_name(f),), trigram=True)
        for entity in doc["entities"]
        for f in entity["fields"]
        if is_searchable(f)
    ]


# ---------------------------------------------------------------- user tables


def system_columns(entity: Entity) -> list[Column[object]]:
    return [_system_column(entity["id"], column) for column in SYSTEM]


def _system_column(entity_id: str, column: SystemColumn) -> Column[object]:
    """A system column: users are foreign keys (named after the entity's stable id, so a rename
    keeps them), the rest default to now (times) or 1 (the version) when required."""
    if column.name == "id":
        return Column("id", Integer, primary_key=True)
    if column.type == "user":
        key = ForeignKey(f"{USER_TABLE}.id", name=f"fk_{entity_id}_{column.name}")
        return Column(column.name, Integer, key)
    moment = column.type == "datetime"
    default = (func.now() if moment else "1") if column.required else None
    return Column(column.name, _utc() if moment else Integer, nullable=not column.required,
                  server_default=default)


def field_column(field: Field) -> Column[object]:
    """The column of a field that has one (every type but `links`)."""
    kind = field_type(field["type"])
    if kind.is_reference:  # a file's attachment is no foreign key
        target = USER_TABLE if kind.points_to == "user" else field["to"]
        return Column(field["name"], Integer, ForeignKey(f"{target}.id", name=f"fk_{field['id']}"))
    return Column(field["name"], column_type(field))


def shadow_column(field: Field) -> Column[object]:
    """The search shadow column of a searchable field (see `shadow_name`)."""
    return Column(shadow_name(field), Text)


def key_column(field: Field) -> Column[object]:
    """The key column of a field unique by key (see `key_name`)."""
    return Column(key_name(field), Text)


def _field_columns(field: Field) -> list[Column[object]]:
    """A field's column, followed by its search shadow column and its key column when it has
    them."""
    if not field_type(field["type"]).has_column:
        return []
    columns = [field_column(field)]
    if is_searchable(field):
        columns.append(shadow_column(field))
    if has_unique_key(field):
        columns.append(key_column(field))
    return columns


def entity_table(entity: Entity, metadata: MetaData, dialect: str | None = None) -> Table:
    columns = [c for f in entity["fields"] for c in _field_columns(f)]
    table = Table(
        entity["name"],
        metadata,
        *system_columns(entity),
        *columns,
        PrimaryKeyConstraint("id", name=f"pk_{entity['id']}"),
        sqlite_autoincrement=True,
    )
    for spec in entity_indexes(entity):
        _index(table, spec, dialect)
    return table


def _index(table: Table, spec: IndexSpec, dialect: str | None) -> Index:
    """The index of `spec`; a partial one says its WHERE for `dialect` alone when it is known
    (naming another dialect's option makes SQLAlchemy import that dialect)."""
    cols = [table.c[c] for c in spec.columns]
    live = table.c.deleted_at.is_(None)
    dialects = (dialect,) if dialect else ("sqlite", "postgresql")
    # Any: the dialect options go to Index's **dialect_kw, not its typed keywords.
    where: dict[str, Any] = {f"{d}_where": live for d in dialects} if spec.live_only else {}
    return Index(spec.name, *cols, unique=spec.unique, **where)


def junction_table(entity: Entity, field: Field, metadata: MetaData) -> Table:
    source, target = junction_columns(entity["name"], field)
    fid = field["id"]
    table = Table(
        junction_name(entity, field),
        metadata,
        Column(
            source,
            Integer,
            ForeignKey(f"{entity['name']}.id", name=f"fk_{fid}_src", ondelete="CASCADE"),
            nullable=False,
        ),
        Column(
            target,
            Integer,
            ForeignKey(f"{field['to']}.id", name=f"fk_{fid}_dst", ondelete="CASCADE"),
            nullable=False,
        ),
        PrimaryKeyConstraint(source, target, name=f"pk_{fid}"),
    )
    Index(f"ix_{fid}_dst", table.c[target])
    return table


def app_metadata(doc: Document, dialect: str | None = None) -> MetaData:
    """Tables for every entity and many-to-many link of `doc` (the kt_user table included),
    for a database of `dialect` ('sqlite' or 'postgresql'; None: either)."""
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    system_metadata().tables[USER_TABLE].to_metadata(metadata)
    for entity in doc["entities"]:
        entity_table(entity, metadata, dialect)
    for entity in doc["entities"]:
        for field in entity["fields"]:
            if field["type"] == "links":
                junction_table(entity, field, metadata)
    return metadata
