"""What the schema builder's pages show: the entities, one entity's fields, the trash, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from kartoteka import schema_engine as se
from kartoteka.platform.unique_upgrade import pending_clashes
from kartoteka.schema_engine.definition import Document, Entity
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import parse_id
from kartoteka.schema_engine.store import VERSIONS, TrashItem, get_version, iso
from kartoteka.ui.i18n import gettext, ngettext
from kartoteka.ui.labels import entity_label, field_label
from kartoteka.ui.pages.schema.builder import field_settings, option_summary, restorable
from kartoteka.ui.pages.schema.forms import type_labels
from kartoteka.ui.pages.schema.plan import SHOWN_RECORDS, in_ui_words

#: Versions the Schema page lists (the newest).
RECENT_VERSIONS = 5


@dataclass(frozen=True)
class EntityRow:
    name: str
    label: str
    plural: str
    fields: int
    records: int


@dataclass(frozen=True)
class FieldRow:
    name: str
    label: str
    type: str
    type_label: str
    settings: list[str]
    options: list[str]
    first: bool
    last: bool


@dataclass(frozen=True)
class TrashRow:
    id: int
    kind: str
    title: str
    count: int
    version: int
    author: str
    at: str
    restorable: bool


@dataclass(frozen=True)
class VersionRow:
    version: int
    author: str
    at: str
    summary: str


@dataclass(frozen=True)
class ClashRow:
    """Records that keep a unique field of an earlier release from comparing its values as
    people read them (decision 0058)."""

    message: str
    #: (record id, card path) of the first records concerned.
    records: list[tuple[int, str]]
    more: int


def clash_rows(conn: Connection, model: AppModel,
               card_url: Callable[[str, int], str]) -> list[ClashRow]:
    rows = []
    for problem in pending_clashes(conn, model.doc):
        entity, name = str(problem.entity), str(problem.field)
        declared = next(f for f in model.entity(entity)["fields"] if f["name"] == name)
        shown = problem.records[:SHOWN_RECORDS]
        rows.append(ClashRow(
            ngettext("%(count)s record of %(list)s shares a value of “%(field)s” written "
                     "differently with another one.",
                     "%(count)s records of %(list)s share a value of “%(field)s” written "
                     "differently.",
                     problem.count, count=problem.count,
                     list=entity_label(model, entity, plural=True),
                     field=field_label(declared)),
            [(rid, card_url(entity, rid)) for rid in shown], max(problem.count - len(shown), 0)))
    return rows


def live_records(conn: Connection, model: AppModel, entity: str) -> int:
    """How many records of `entity` are not in the trash (the Schema page's counts)."""
    table = model.table(entity)
    query = select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
    return int(conn.execute(query).scalar_one())


def entity_rows(conn: Connection, model: AppModel) -> list[EntityRow]:
    return [
        EntityRow(name, entity_label(model, name), entity_label(model, name, plural=True),
                  len(entity["fields"]), live_records(conn, model, name))
        for name, entity in model.entities.items()
    ]


def field_rows(entity: Entity) -> list[FieldRow]:
    labels = type_labels()
    fields = entity["fields"]
    return [
        FieldRow(f["name"], field_label(f), f["type"], labels.get(f["type"], f["type"]),
                 field_settings(f), option_summary(f), j == 0, j == len(fields) - 1)
        for j, f in enumerate(fields)
    ]


def linked_from(model: AppModel, entity: str) -> list[str]:
    """'deal.client' for every link field pointing at `entity`."""
    return [f"{r.entity}.{r.field['name']}" for r in model.relations_to(entity)]


def trash_rows(conn: Connection, doc: Document) -> list[TrashRow]:
    """The schema trash, newest first, with whether the builder can restore each item."""
    items: list[TrashItem] = se.trash_items(conn)
    return [
        TrashRow(t.id, t.kind, t.title, t.count, t.version, t.author, _when(t.at),
                 restorable(t, doc))
        for t in reversed(items)
    ]


def recent_versions(conn: Connection) -> list[VersionRow]:
    """The newest versions, without their documents."""
    columns = VERSIONS.c
    query = (select(columns.version, columns.author, columns.at, columns.summary)
             .order_by(columns.version.desc()).limit(RECENT_VERSIONS))
    return [VersionRow(row.version, row.author, _when(row.at), in_ui_words(row.summary))
            for row in conn.execute(query)]


def applied_version(conn: Connection, number: str | None) -> VersionRow | None:
    """The version a redirect after applying names (`?applied=12`), to say what was done."""
    version_number = parse_id(number)
    if version_number is None:
        return None
    version = get_version(conn, version_number)
    if version is None:
        return None
    return VersionRow(version.version, version.author, _when(version.at),
                      in_ui_words(version.summary))


def _when(moment: dt.datetime) -> str:
    """A moment as the pages show times for now: ISO, UTC, to the minute."""
    return gettext("%(moment)s UTC", moment=iso(moment)[:16].replace("T", " "))
