"""Which records go to the trash, and come back, together: the links' `on_delete`.

`restrict` (the default): live records linking to a record keep it out of the trash. `cascade`:
they go to the trash with it, stamped with the same `deleted_at`, and come back with it. Restoring
a record brings back exactly the records that went with it: those linking to it through a
cascading link that carry its stamp (and, in turn, those that went with them).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.sql.elements import ColumnElement

from kartoteka.schema_engine.message import AND, Listing, Message, msg, plural_msg
from kartoteka.schema_engine.model import AppModel, Relation
from kartoteka.schema_engine.records.values import Problems, chunks, shown, writer

#: (entity name, record id)
Ref = tuple[str, int]
State = Callable[[Table], ColumnElement[bool]]


@dataclass
class Move:
    """Records moving together: entity -> {id: the record it moves with (None for the first)}.

    `blockers`: live records that link to a moving one through a `restrict` link and do not move,
    with the record each links to.
    """

    records: dict[str, dict[int, Ref | None]]
    blockers: list[tuple[Ref, Ref]] = field(default_factory=list)

    def refs(self) -> Iterator[tuple[str, int, Ref | None]]:
        for entity, ids in self.records.items():
            for record_id, cause in ids.items():
                yield entity, record_id, cause


def plan_trash(conn: Connection, model: AppModel, entity: str, record_id: int) -> Move:
    """The live records that go to the trash with a record, and those that keep it out."""
    move = _walk(conn, model, (entity, record_id), lambda t: t.c.deleted_at.is_(None), True)
    move.blockers = [
        (source, target)
        for source, target in dict.fromkeys(move.blockers)
        if source[1] not in move.records.get(source[0], {})
    ]
    return move


def plan_restore(
    conn: Connection, model: AppModel, entity: str, record_id: int, stamp: dt.datetime
) -> Move:
    """The trashed records that come back with a record: those that went to the trash with it."""
    return _walk(conn, model, (entity, record_id), lambda t: t.c.deleted_at == stamp, False)


def _walk(conn: Connection, model: AppModel, first: Ref, state: State, restricted: bool) -> Move:
    """Follow cascading links from `first` to the records in `state`; with `restricted`, also
    collect the records linking through `restrict` links."""
    move = Move({first[0]: {first[1]: None}})
    frontier = [(first[0], [first[1]])]
    while frontier:
        target, ids = frontier.pop()
        for relation in model.relations_to(target):
            cascade = relation.field.get("on_delete", "restrict") == "cascade"
            if not (cascade or restricted):
                continue
            pairs = _linking(conn, model, relation, ids, state)
            if not cascade:
                move.blockers.extend(((relation.entity, s), (target, t)) for s, t in pairs)
                continue
            moving = move.records.setdefault(relation.entity, {})
            new = [s for s, _ in pairs if s not in moving]
            for source, target_id in pairs:
                moving.setdefault(source, (target, target_id))
            if new:
                frontier.append((relation.entity, list(dict.fromkeys(new))))
    return move


def _linking(
    conn: Connection, model: AppModel, relation: Relation, ids: list[int], state: State
) -> list[tuple[int, int]]:
    """(source id, target id) of the records in `state` whose `relation` points at `ids`."""
    source = model.table(relation.entity)
    found: list[tuple[int, int]] = []
    for part in chunks(ids):
        if relation.many:
            junction = model.junction(relation.entity, relation.field)
            query = (
                select(junction.source, junction.target)
                .join(source, source.c.id == junction.source)
                .where(junction.target.in_(part), state(source))
            )
        else:
            column = source.c[relation.field["name"]]
            query = select(source.c.id, column).where(column.in_(part), state(source))
        found.extend((s, t) for s, t in conn.execute(query))
    return found


def linked_message(entity: str, record_id: int, move: Move) -> Message:
    """'3 live deal records link to this client; ...' for the blockers of a trash."""
    counts = Counter(source[0] for source, _ in move.blockers)
    records = Listing(tuple(plural_msg("%(count)s live %(entity)s record",
                                       "%(count)s live %(entity)s records", n, entity=name)
                            for name, n in counts.items()), ", ", AND)
    with_it = any(target != (entity, record_id) for _, target in move.blockers)
    if len(move.blockers) == 1 and with_it:
        return msg("%(records)s links to this %(entity)s or to records that would go to the "
                   "trash with it; trash it or unlink it first (or make the link cascade)",
                   records=records, entity=entity)
    if len(move.blockers) == 1:
        return msg("%(records)s links to this %(entity)s; trash it or unlink it first (or make "
                   "the link cascade)", records=records, entity=entity)
    if with_it:
        return msg("%(records)s link to this %(entity)s or to records that would go to the "
                   "trash with it; trash them or unlink them first (or make the link cascade)",
                   records=records, entity=entity)
    return msg("%(records)s link to this %(entity)s; trash them or unlink them first (or make "
               "the link cascade)", records=records, entity=entity)


def set_deleted_at(
    conn: Connection, model: AppModel, move: Move, value: dt.datetime | None, state: State
) -> None:
    """Stamp (or clear) `deleted_at` of every record in `move` that is in `state`."""
    for entity, ids in move.records.items():
        table = model.table(entity)
        for part in chunks(list(ids)):
            conn.execute(
                update(table).where(table.c.id.in_(part), state(table)).values(deleted_at=value)
            )


def restore_problems(conn: Connection, model: AppModel, move: Move, first: Ref) -> Problems:
    """Unique values of the records coming back that live records have taken meanwhile."""
    paths: list[str] = []
    problems = Problems(lambda row: paths[row])
    for entity, ids in move.records.items():
        w = writer(model, entity)
        for spec in w.unique:
            rows: dict[Any, int] = {}
            for part in chunks(list(ids)):
                query = select(w.table.c[spec.name], w.table.c.id).where(w.table.c.id.in_(part))
                for value, record_id in conn.execute(query):
                    if value is not None:
                        paths.append(
                            "" if (entity, record_id) == first else f"{entity}[{record_id}]"
                        )
                        rows[value] = len(paths) - 1
            for value, other, _stored in w.used_by(conn, spec, list(rows), list(ids)):
                problems.add(
                    rows.get(value, 0),
                    spec.position,
                    spec.name,
                    f"{spec.name} {shown(value)} is now used by {entity} {other}; "
                    "change one of them, then restore",
                )
    return problems
