"""What a record card shows: every field with its value, the system fields, related lists.

Related lists cover links in both directions: a link field of the record shows the record it
points at (the deal's client), and every link of another entity that points here lists the
records pointing at this one (the client's deals), read through the record layer's query with
the API's filter (`client=5`, or `clients__has=5` for a many-to-many link). Each related list
offers to create a record already linked: `/records/deal/new?client=5&back=<the card>`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from sqlalchemy import Connection

from kartoteka.platform.automation import card_buttons
from kartoteka.platform.documents import documents_of, label_of
from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.model import AppModel, Relation
from kartoteka.schema_engine.records import read_record
from kartoteka.ui.fields import CardUrl, empty, format_moment, show
from kartoteka.ui.i18n import gettext, label, markup_gettext
from kartoteka.ui.labels import entity_label, field_label, new_label, record_title
from kartoteka.ui.pages.list.listing import Params, Row, default_columns, rows

#: Records a related list shows before "Show all" leads to the filtered list.
RELATED_LIMIT = 20


@dataclass(frozen=True)
class Value:
    label: str
    value: Markup
    #: The field's name (empty for system values): clicking it on the card edits it.
    name: str = ""


@dataclass(frozen=True)
class RelatedList:
    """The records of `entity` whose `field` points at the card's record."""

    entity: str
    #: Unique on the card: "deal-client".
    key: str
    heading: str
    columns: list[str]
    rows: list[Row]
    all_url: str | None
    #: "New deal", and the form that creates one linked to the card's record.
    new_label: str
    new_url: str


@dataclass(frozen=True)
class Card:
    entity: str
    label: str
    plural: str
    title: str
    record_id: int
    trashed: bool
    fields: list[Value]
    system: list[Value]
    related: list[RelatedList]
    #: The record as the record layer reads it (its version, for the edit form).
    record: dict[str, Any]
    #: (key, label) of the entity's button rules (automations): one button each on the card.
    buttons: list[tuple[str, str]] = field(default_factory=list)
    #: (name, label) of the entity's documents (definition `documents`): "Generate" buttons.
    documents: list[tuple[str, str]] = field(default_factory=list)


#: (entity, query-string pairs) -> the path of that list (or of a new record's form).
ListUrl = Callable[[str, Params], str]


def read_card(conn: Connection, model: AppModel, entity: str, record_id: int,
              list_url: ListUrl, card_url: CardUrl, new_url: ListUrl) -> Card:
    """The card of a record, live or in the trash (`list_url(entity, params)`: a list's URL,
    `new_url(entity, params)`: the form of a new record)."""
    record = read_record(conn, model, entity, record_id)  # RecordNotFound when there is none
    fields = [Value(field_label(f), show(f, record[name], card_url), name)
              for name, f in model.fields(entity).items()]
    relations = model.relations_to(entity)
    repeated = Counter(r.entity for r in relations)
    return Card(
        entity=entity, label=entity_label(model, entity),
        plural=entity_label(model, entity, plural=True), title=record_title(model, entity, record),
        record_id=record_id, trashed=record["deleted_at"] is not None, fields=fields,
        system=system_values(record),
        related=[_related(conn, model, r, record_id, repeated[r.entity] > 1,
                          (list_url, new_url), card_url)
                 for r in relations],
        record=record,
        buttons=card_buttons(model, entity),
        documents=[(str(d["name"]), label(label_of(d))) for d in documents_of(model, entity)],
    )


def system_values(record: dict[str, Any]) -> list[Value]:
    """Created and updated: when (UTC) and by whom; the owner."""
    return [
        Value(gettext("Created"), _when_by(record["created_at"], record["created_by"])),
        Value(gettext("Updated"), _when_by(record["updated_at"], record["updated_by"])),
        Value(gettext("Owner"), _user(record["owner"])),
    ]


def _when_by(moment: str | None, user: dict[str, Any] | None) -> Markup:
    if moment is None:
        return empty()
    when = dt.datetime.fromisoformat(moment)
    shown = Markup('<time datetime="{}">{}</time>').format(moment, format_moment(when))
    if user is None:
        return shown
    return markup_gettext("%(when)s by %(user)s", when=shown, user=_user(user))


def _user(user: dict[str, Any] | None) -> Markup:
    if user is None:
        return empty()
    return Markup("{}").format(user.get("title") or f"#{user['id']}")


def _related(conn: Connection, model: AppModel, relation: Relation, record_id: int,
             name_field: bool, urls: tuple[ListUrl, ListUrl], card_url: CardUrl) -> RelatedList:
    list_url, new_url = urls
    link = str(relation.field["name"])
    params: Params = [(f"{link}__has" if relation.many else link, str(record_id))]
    query = queries.query_from_params(
        model, relation.entity, [*params, ("limit", str(RELATED_LIMIT))])
    page = queries.run_query(conn, model, query)
    columns = default_columns(model, relation.entity, leave_out=link)
    back = card_url(str(relation.field["to"]), record_id)
    heading = entity_label(model, relation.entity, plural=True)
    if name_field:  # two links from one entity: "Deals (Partner)"
        heading = gettext("%(entity)s (%(field)s)", entity=heading,
                          field=field_label(relation.field))
    return RelatedList(
        entity=relation.entity, key=f"{relation.entity}-{link}", heading=heading,
        columns=[field_label(f) for f in columns],
        rows=rows(model, relation.entity, page.items, columns, card_url),
        all_url=list_url(relation.entity, params) if page.next_cursor else None,
        new_label=new_label(model, relation.entity),
        new_url=new_url(relation.entity, [(link, str(record_id)), ("back", back)]),
    )


