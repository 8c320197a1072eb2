"""Purge the schema trash: delete a trashed entity, field or values and their data for good."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, MetaData, Table, delete, inspect

from kartoteka.schema_engine import store
from kartoteka.schema_engine.db import (
    alembic_operations,
    check_foreign_keys,
    is_sqlite,
    schema_transaction,
)
from kartoteka.schema_engine.errors import TrashError
from kartoteka.schema_engine.message import Listing, msg
from kartoteka.schema_engine.migrate.indexes import _wanted_indexes, build_pending_indexes
from kartoteka.schema_engine.migrate.sqlite_rebuild import rebuild_sqlite_table, sqlite_shape
from kartoteka.schema_engine.names import trash_name
from kartoteka.schema_engine.search import drop_search_index, drop_shadow
from kartoteka.schema_engine.tables import app_metadata, is_searchable, shadow_name

if TYPE_CHECKING:  # Alembic loads on the first schema change, not with the server
    from alembic.operations import Operations


def purge(engine: Engine, item_id: int, *, author: str) -> store.TrashItem:
    """Delete a schema-trash item and its data for good.

    Purging an entity purges the fields and values of it that are in the trash too; it is
    refused while another trashed item still links to it (that one must be purged first).
    """
    with schema_transaction(engine) as conn:
        item = store.trash_item(conn, item_id)
        if item is None:
            ids = ", ".join(str(t.id) for t in store.trash_items(conn))
            raise TrashError(msg("there is no schema-trash item %(item)s; items are: %(items)s",
                                 item=item_id, items=ids) if ids else
                             msg("there is no schema-trash item %(item)s; the trash is empty",
                                 item=item_id))
        ops = alembic_operations(conn)
        PURGERS[item.kind](conn, ops, item)
        conn.execute(delete(store.TRASH).where(store.TRASH.c.id == item_id))
    build_pending_indexes(engine)
    return item


Purger = Callable[[Connection, "Operations", store.TrashItem], None]


def _purge_entity(conn: Connection, ops: Operations, item: store.TrashItem) -> None:
    assert item.physical
    own = [t for t in store.trash_items(conn) if t.entity_id == item.entity_id and t.id != item.id]
    fields = [
        *item.entity_definition["fields"],
        *(t.field_definition for t in own if t.kind == "field"),
    ]
    junctions = [trash_name(f["id"]) for f in fields if f["type"] == "links"]
    tables = [t for t in junctions if inspect(conn).has_table(t)] + [item.physical]
    _refuse_links_into(conn, item, set(tables))
    for table in tables:
        ops.drop_table(table)
    for f in fields:
        if is_searchable(f):  # SQLite: its FTS table outlives the entity table
            drop_search_index(conn, item.physical, f)
    conn.execute(delete(store.TRASH).where(store.TRASH.c.id.in_([t.id for t in own])))


def _refuse_links_into(conn: Connection, item: store.TrashItem, tables: set[str]) -> None:
    """Refuse to purge an entity that trashed links of other entities still point at."""
    inspector = inspect(conn)
    holders = {
        column
        for table in inspector.get_table_names()
        if table not in tables
        for key in inspector.get_foreign_keys(table)
        if key["referred_table"] == item.physical
        for column in (table, *key["constrained_columns"])
    }
    blocking = [
        t
        for t in store.trash_items(conn)
        if t.id != item.id and t.physical in holders and t.entity_id != item.entity_id
    ]
    if blocking:
        names = Listing(tuple(msg("%(title)s (item %(id)s)", title=t.title, id=t.id)
                              for t in blocking))
        raise TrashError(msg(
            "%(title)s cannot be purged while these trashed items link to it: %(items)s; "
            "purge them first", title=item.title, items=names))


def _purge_field(conn: Connection, ops: Operations, item: store.TrashItem) -> None:
    assert item.physical
    if item.field_definition["type"] == "links":
        ops.drop_table(item.physical)
        return
    document = store.current(conn).document
    entity = next((e for e in document["entities"] if e["id"] == item.entity_id), None)
    table = entity["name"] if entity else trash_name(item.entity_id)
    field = item.field_definition
    if not is_sqlite(conn):
        ops.drop_column(table, item.physical)  # its index and foreign key go with it
        if is_searchable(field):
            drop_shadow(conn, ops, table, field)
        return
    if is_searchable(field):
        drop_search_index(conn, table, field)
    reflected = Table(table, MetaData(), autoload_with=conn)
    wanted = app_metadata(document, conn.dialect.name).tables[table] if entity else None
    drop = (item.physical, shadow_name(field))
    rebuild_sqlite_table(conn, ops, sqlite_shape(reflected, wanted, drop=drop))
    check_foreign_keys(conn, rebuilt=[table])
    for spec in _wanted_indexes(document).values():
        if spec.table == table:
            store.add_index_job(conn, spec.table, spec.name, spec.columns)


def _purge_values(conn: Connection, ops: Operations, item: store.TrashItem) -> None:
    """Cleared values live in the trash row itself: deleting it is enough."""


PURGERS: dict[str, Purger] = {
    "entity": _purge_entity,
    "field": _purge_field,
    "values": _purge_values,
}
