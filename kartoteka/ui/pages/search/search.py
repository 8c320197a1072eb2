"""The header's search: records of every entity at once, grouped by entity.

Each entity with searchable fields is asked once, through the same query as a list's `q`
(`query.query_from_params`: every word, case- and accent-insensitive, through the shadow
columns and their trigram indexes), for a few records; nothing is counted. A group whose entity
has more matches links to its list searched the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import Connection

from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.model import AppModel
from kartoteka.ui.fields import CardUrl, show
from kartoteka.ui.labels import entity_label, record_title
from kartoteka.ui.pages.list.listing import Params, default_columns

#: Records shown per entity.
PER_ENTITY = 5
#: Longer text is cut: a search term is a few words, not a document.
MAX_QUERY = 200


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    #: A second value that tells records apart (a client's city, a deal's amount).
    detail: Markup | None


@dataclass(frozen=True)
class SearchGroup:
    entity: str
    heading: str
    hits: list[Hit]
    #: The entity's list searched for the same text, when it has more than these.
    more_url: str | None


def search_everything(conn: Connection, model: AppModel, text: str, card_url: CardUrl,
                      list_url: Callable[[str, Params], str]) -> list[SearchGroup]:
    """The groups of entities with records matching `text` (none for blank text)."""
    q = clean_query(text)
    if not q:
        return []
    groups = []
    for entity in model.entities:
        if not model.searchable(entity):
            continue
        query = queries.query_from_params(model, entity, [("q", q), ("limit", str(PER_ENTITY))])
        page = queries.run_query(conn, model, query)
        if not page.items:
            continue
        hits = [_hit(model, entity, record, card_url) for record in page.items]
        more = list_url(entity, [("q", q)]) if page.next_cursor else None
        groups.append(SearchGroup(entity, entity_label(model, entity, plural=True), hits, more))
    return groups


def clean_query(text: str | None) -> str:
    """The search text as it is searched: trimmed, no control characters, not too long."""
    kept = "".join(c for c in (text or "") if c.isprintable() or c == " ")
    return " ".join(kept.split())[:MAX_QUERY]


def _hit(model: AppModel, entity: str, record: dict[str, object], card_url: CardUrl) -> Hit:
    columns = default_columns(model, entity)[1:2]
    detail = None
    if columns and record.get(str(columns[0]["name"])) not in (None, "", []):
        detail = show(columns[0], record[str(columns[0]["name"])], card_url)
    record_id = int(str(record["id"]))
    return Hit(record_title(model, entity, dict(record)), card_url(entity, record_id), detail)
