"""What moving a record to the trash will do, in words, before the user confirms it.

The schema engine plans the move (`record_trash.plan_trash`: the records going with it through
cascading links, the live records keeping it out through `restrict` links); this module reads
that plan and says it as people would: "2 Tasks go to the trash with it", "2 Deals point to
Client “Acme”: …" with links to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from kartoteka.platform.timeline import record_titles
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import Move, Ref, plan_trash
from kartoteka.ui.i18n import gettext, ngettext
from kartoteka.ui.labels import entity_label, record_title
from kartoteka.ui.pages.list.listing import Params

#: Records of one entity named on the page; the rest are counted.
NAMED = 10


@dataclass(frozen=True)
class Named:
    title: str
    url: str


@dataclass(frozen=True)
class Group:
    """Records of one entity that go with the record, or that keep it out of the trash."""

    sentence: str
    records: list[Named]
    #: "and 5 more", with a link to them all when there is a list to show them.
    more: str | None
    more_url: str | None


@dataclass(frozen=True)
class TrashPlan:
    entity: str
    label: str
    title: str
    record_id: int
    version: int
    going: list[Group]
    blockers: list[Group]


CardUrl = Callable[[str, int], str]
ListUrl = Callable[[str, Params], str]


def trash_plan(conn: Connection, model: AppModel, record: dict[str, Any], entity: str,
               card_url: CardUrl, list_url: ListUrl) -> TrashPlan:
    """What trashing `record` (a live one) moves along, and what refuses it."""
    move = plan_trash(conn, model, entity, record["id"])
    title = record_title(model, entity, record)
    first = (entity, int(record["id"]))
    return TrashPlan(
        entity=entity, label=entity_label(model, entity), title=title, record_id=first[1],
        version=int(record["version"]), going=_going(conn, model, move, first, card_url),
        blockers=_blockers(conn, model, move, first, title, card_url, list_url),
    )


def _going(conn: Connection, model: AppModel, move: Move, first: Ref,
           card_url: CardUrl) -> list[Group]:
    groups = []
    for entity, ids in move.records.items():
        others = [i for i in ids if (entity, i) != first]
        if not others:
            continue
        sentence = ngettext("%(num)s %(entity)s goes to the trash with it:",
                            "%(num)s %(entities)s go to the trash with it:", len(others),
                            entity=entity_label(model, entity),
                            entities=entity_label(model, entity, plural=True))
        groups.append(_group(conn, model, entity, others, sentence, card_url, None))
    return groups


def _blockers(conn: Connection, model: AppModel, move: Move, first: Ref, title: str,
              card_url: CardUrl, list_url: ListUrl) -> list[Group]:
    by_entity: dict[str, list[int]] = {}
    to_first: Counter[str] = Counter()
    for (source, source_id), target in move.blockers:
        by_entity.setdefault(source, []).append(source_id)
        to_first[source] += target == first
    groups = []
    for entity, ids in by_entity.items():
        ids = list(dict.fromkeys(ids))
        labels = {"entity": entity_label(model, entity),
                  "entities": entity_label(model, entity, plural=True),
                  "record": gettext("%(entity)s “%(title)s”", entity=entity_label(
                      model, first[0]), title=title)}
        if to_first[entity] == len(ids):
            sentence = ngettext("%(num)s %(entity)s points to %(record)s:",
                                "%(num)s %(entities)s point to %(record)s:", len(ids), **labels)
        else:
            sentence = ngettext(
                "%(num)s %(entity)s points to %(record)s or to records going with it:",
                "%(num)s %(entities)s point to %(record)s or to records going with it:",
                len(ids), **labels)
        groups.append(_group(conn, model, entity, ids, sentence, card_url,
                             _all_url(model, entity, first, list_url)))
    return groups


def _all_url(model: AppModel, entity: str, first: Ref, list_url: ListUrl) -> str | None:
    """The list of `entity` filtered on its link to the record (when it is one plain link)."""
    links = [r for r in model.relations_to(first[0]) if r.entity == entity]
    if len(links) != 1:
        return None
    name = str(links[0].field["name"])
    key = f"{name}__has" if links[0].many else name
    return list_url(entity, [(key, str(first[1]))])


def _group(conn: Connection, model: AppModel, entity: str, ids: list[int], sentence: str,
           card_url: CardUrl, more_url: str | None) -> Group:
    shown = ids[:NAMED]
    titles = record_titles(conn, model, entity, shown)
    label = entity_label(model, entity)
    named = [Named(titles.get(i) or gettext("%(entity)s #%(id)s", entity=label, id=i),
                   card_url(entity, i)) for i in shown]
    rest = len(ids) - len(shown)
    more = ngettext("and %(num)s more", "and %(num)s more", rest) if rest else None
    return Group(sentence, named, more, more_url if rest else None)
