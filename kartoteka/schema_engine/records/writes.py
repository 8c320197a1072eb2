"""Record operations: create (one or a batch), read, update with a version check, trash, restore.

Every function takes an open connection inside a transaction (the caller commits) and the
`AppModel`. Every write appends to the change log (`changelog`) in that transaction. Values are
checked by the entity's compiled writer (`record_values`): every problem is raised at once as
`RecordInvalid`, unique violations included, never as a database IntegrityError.

Concurrency. PostgreSQL (READ COMMITTED, its default): the record written is locked first
(`FOR NO KEY UPDATE` to edit, `FOR UPDATE` to trash or restore); link targets are read
`FOR KEY SHARE`, so that a link to a record being trashed waits for that and then sees it in the
trash. SQLite: writers take turns on the database lock; open write transactions with
`BEGIN IMMEDIATE` (`conn.execution_options(sqlite_begin="IMMEDIATE")`) so that a second writer
waits instead of failing with "database is locked" when its snapshot has gone stale.

Autonumbers: the next number is max()+1 of the column, read under a lock held to the commit (an
advisory lock per field on PostgreSQL, the database write lock on SQLite). The sequence follows the
data through schema changes (adding an autonumber field numbers existing rows; a field restored
from the schema trash brings its numbers back) with no counter to keep in step, and records are
never deleted (trashed ones keep their numbers), so a number is never given twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from kartoteka.schema_engine.errors import (
    FieldError,
    RecordInvalid,
    RecordLinked,
    RecordNotFound,
    StaleRecord,
)
from kartoteka.schema_engine.message import Message, msg
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import changelog
from kartoteka.schema_engine.records.changelog import FieldChange
from kartoteka.schema_engine.records.ids import is_id
from kartoteka.schema_engine.records.serialize import reader
from kartoteka.schema_engine.records.trash import (
    Move,
    linked_message,
    plan_restore,
    plan_trash,
    restore_problems,
    set_deleted_at,
)
from kartoteka.schema_engine.records.values import (
    MISSING,
    Defaults,
    EntityWriter,
    FieldSpec,
    Problems,
    batch_path,
    writer,
)
from kartoteka.schema_engine.system_columns import STAMPED_COLUMNS

#: The most records one `create_records` call takes.
MAX_BATCH = 10_000
#: First key of the advisory locks that serialize autonumbers on PostgreSQL (the second is the
#: field). Two-key advisory locks never collide with the one-key lock of schema changes.
AUTONUMBER_LOCK = 7261002


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# ---------------------------------------------------------------- create


def create_record(
    conn: Connection,
    model: AppModel,
    entity: str,
    values: Mapping[str, Any],
    *,
    user_id: int | None,
) -> dict[str, Any]:
    """Create one record from field name -> value; returns it as `get_record` reads it."""
    [record_id] = _create(conn, writer(model, entity), [values], Problems(), user_id)
    return get_record(conn, model, entity, record_id)


def create_records(
    conn: Connection,
    model: AppModel,
    entity: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    user_id: int | None,
) -> list[int]:
    """Create up to 10,000 records at once, all or none; returns their ids in input order.

    Problems are named by row: `create[3].amount`.
    """
    w = writer(model, entity)
    if len(rows) > MAX_BATCH:
        limit, count = format(MAX_BATCH, ","), format(len(rows), ",")
        too_many = msg(
            "a batch takes at most %(limit)s records and this one has %(count)s; "
            "send it in smaller batches", limit=limit, count=count)
        raise RecordInvalid([FieldError("create", too_many)])
    return _create(conn, w, rows, Problems(batch_path), user_id) if rows else []


def _create(
    conn: Connection,
    w: EntityWriter,
    rows: Sequence[Any],
    problems: Problems,
    user_id: int | None,
) -> list[int]:
    moment = _now()
    defaults = w.resolve_defaults(Defaults(user_id, moment), problems)
    values = [w.new_values(row, i, problems, defaults) for i, row in enumerate(rows)]
    _check_new(conn, w, values, problems)
    problems.raise_if_any()
    numbers = _next_numbers(conn, w)
    with _translated(conn, w, lambda: _recheck_new(conn, w, values, problems)):
        ids = _insert(conn, w, values, numbers, user_id, moment)
    _insert_links(conn, w, ids, values)
    changelog.log_created(
        conn,
        w.entity_id,
        _created_log(w, ids, values, numbers),
        model=w.model,
        user_id=user_id,
        at=moment,
    )
    return ids


def _check_new(
    conn: Connection, w: EntityWriter, values: Sequence[Mapping[str, Any]], problems: Problems
) -> None:
    w.check_references(conn, values, problems)
    w.check_unique(conn, values, problems)


def _recheck_new(
    conn: Connection, w: EntityWriter, values: Sequence[Mapping[str, Any]], problems: Problems
) -> Problems:
    fresh = Problems(problems.path)
    _check_new(conn, w, values, fresh)
    return fresh


def _next_numbers(conn: Connection, w: EntityWriter) -> dict[str, int]:
    """Autonumber field -> the number of the first new record (see the module's docstring)."""
    numbers: dict[str, int] = {}
    for name, field_id in w.autonumbers.items():
        if conn.dialect.name == "postgresql":
            conn.execute(
                text("SELECT pg_advisory_xact_lock(:space, hashtext(:field_id))"),
                {"space": AUTONUMBER_LOCK, "field_id": field_id},
            )
        top = conn.execute(select(func.max(w.table.c[name]))).scalar()
        numbers[name] = int(top or 0) + 1
    return numbers


#: The system columns a new record sets, in the order `_stamps` gives them.
_NEW_SYSTEM = tuple(c.name for c in STAMPED_COLUMNS)


def _stamps(user_id: int | None, moment: dt.datetime) -> list[Any]:
    """What a new record's system columns hold: the moment for its times, its author for the
    users (creator, last editor and owner) and 1 for its version."""
    by_type: dict[str, Any] = {"datetime": moment, "user": user_id, "integer": 1}
    return [by_type[c.type] for c in STAMPED_COLUMNS]


def _insert(
    conn: Connection,
    w: EntityWriter,
    values: Sequence[Mapping[str, Any]],
    numbers: Mapping[str, int],
    user_id: int | None,
    moment: dt.datetime,
) -> list[int]:
    """Insert the records; their ids in the order of `values`."""
    names = [spec.name for spec in w.columns]
    shadow_names: list[str] = []
    rows = []
    stamps = _stamps(user_id, moment)
    for i, given in enumerate(values):
        shadow = w.shadow_values(given, conn)
        if not i:
            shadow_names = list(shadow)
        rows.append(
            [
                *stamps,
                *[given[n] for n in names],
                *[first + i for first in numbers.values()],
                *shadow.values(),
            ]
        )
    columns = [*_NEW_SYSTEM, *names, *numbers, *shadow_names]
    if conn.dialect.name == "sqlite":
        return _insert_sqlite(conn, w, columns, rows)
    return _insert_with_ids(conn, w, columns, rows)


def _insert_sqlite(
    conn: Connection, w: EntityWriter, columns: list[str], rows: list[list[Any]]
) -> list[int]:
    """SQLite: multi-row INSERT pages (see `bulk`); SQLite numbers the rows in the order it
    inserts them, under its write lock, so the ids sorted are in the order of `rows`."""
    returned = w.bulk_insert(conn.dialect, columns).run_returning(conn, rows, " RETURNING id")
    return sorted(row[0] for row in returned)


def _insert_with_ids(
    conn: Connection, w: EntityWriter, columns: list[str], rows: list[list[Any]]
) -> list[int]:
    """PostgreSQL: take the ids from the table's own sequence first, then insert them with the
    rows through the driver's pipelined executemany (three times faster than ordered RETURNING,
    and the order of the ids is ours, not the server's)."""
    ids = sorted(
        conn.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
            ),
            {"table": w.table.name, "n": len(rows)},
        ).scalars()
    )
    for row, record_id in zip(rows, ids, strict=True):
        row.append(record_id)
    w.bulk_insert(conn.dialect, [*columns, "id"]).run(conn, rows)
    return ids


def _insert_links(
    conn: Connection, w: EntityWriter, ids: Sequence[int], values: Sequence[Mapping[str, Any]]
) -> None:
    for spec in w.many:
        junction = w.model.junction(w.entity, spec.definition)
        source, target = junction.source.name, junction.target.name
        pairs = [
            {source: record_id, target: target_id}
            for record_id, given in zip(ids, values, strict=True)
            for target_id in given[spec.name]
        ]
        if pairs:
            conn.execute(insert(junction.table), pairs)


def _created_log(
    w: EntityWriter,
    ids: Sequence[int],
    values: Sequence[Mapping[str, Any]],
    numbers: Mapping[str, int],
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(record id, {field id: value}) of the records created, for the change log."""
    for i, (record_id, given) in enumerate(zip(ids, values, strict=True)):
        logged = {spec.id: given[spec.name] for spec in w.specs}
        for name, first in numbers.items():
            logged[w.autonumbers[name]] = first + i
        yield record_id, logged


# ---------------------------------------------------------------- read


def get_record(conn: Connection, model: AppModel, entity: str, record_id: int) -> dict[str, Any]:
    """One live record; raises RecordNotFound (with `trashed=True` when it is in the trash)."""
    record = read_record(conn, model, entity, record_id)
    if record["deleted_at"] is not None:
        raise _in_trash(entity, record_id)
    return record


def read_record(conn: Connection, model: AppModel, entity: str, record_id: int) -> dict[str, Any]:
    """One record, live or in the trash; raises RecordNotFound when there is none."""
    records_reader = reader(model, entity)
    rows: list[Any] = []
    from_driver = False
    if is_id(record_id):
        rows, from_driver = records_reader.rows_by_id(conn, record_id)
    if not rows:
        raise RecordNotFound(_no_record(entity, record_id))
    return records_reader.records(conn, rows, from_driver=from_driver)[0]


def _in_trash(entity: str, record_id: int) -> RecordNotFound:
    return RecordNotFound(msg(
        "%(entity)s %(id)s is in the trash; restore it to see or change it",
        entity=entity, id=record_id), trashed=True)


def _no_record(entity: str, record_id: object) -> Message:
    return msg("%(entity)s %(id)s does not exist", entity=entity, id=record_id)


def _stored_row(
    conn: Connection, w: EntityWriter, record_id: int, *, lock: str, trashed: bool = False
) -> RowMapping:
    """The stored row of a record, locked on PostgreSQL (`lock`: "edit" or "move").

    Raises RecordNotFound when it does not exist, or is in the trash unless `trashed`.
    """
    row = None
    if is_id(record_id):
        query = select(*w.stored_columns(conn)).where(w.table.c.id == record_id)
        row = conn.execute(query.with_for_update(key_share=lock == "edit")).first()
    if row is None:
        raise RecordNotFound(_no_record(w.entity, record_id))
    if row.deleted_at is not None and not trashed:
        raise _in_trash(w.entity, record_id)
    return row._mapping


def _check_version(
    conn: Connection, w: EntityWriter, stored: RowMapping, if_version: int | None
) -> None:
    """Raise StaleRecord, carrying the record as it is now, when `if_version` is not current."""
    if if_version is None or if_version == stored["version"]:
        return
    current = read_record(conn, w.model, w.entity, stored["id"])
    raise StaleRecord(msg(
        "%(entity)s %(id)s was changed since you read it (you have version %(yours)s, it is "
        "at version %(stored)s); reload it and make your change again",
        entity=w.entity, id=stored["id"], yours=if_version, stored=stored["version"]), current)


# ---------------------------------------------------------------- update


def update_record(
    conn: Connection,
    model: AppModel,
    entity: str,
    record_id: int,
    values: Mapping[str, Any],
    *,
    user_id: int | None,
    if_version: int | None = None,
) -> dict[str, Any]:
    """Change some fields of a live record; its version goes up by one when anything changed.

    With `if_version`, raises StaleRecord (with `.current`) unless that is the stored version.
    Fields given with the value they already hold change nothing; read-only fields may be sent
    back unchanged (a record as read can be saved again) but never changed.
    """
    w = writer(model, entity)
    stored = _stored_row(conn, w, record_id, lock="edit")
    _check_version(conn, w, stored, if_version)
    problems = Problems()
    given = w.changed_values(values, stored, problems)
    linked = {
        spec.name: _linked_ids(conn, w, spec, record_id)
        for spec in w.many
        if given.get(spec.name, MISSING) is not MISSING
    }
    changes = _changes(w, stored, linked, given)
    _check_changes(conn, w, record_id, changes, linked, problems)
    problems.raise_if_any()
    if changes:
        _write_changes(conn, w, stored, changes, linked, user_id)
    return get_record(conn, model, entity, record_id)


def _linked_ids(conn: Connection, w: EntityWriter, spec: FieldSpec, record_id: int) -> list[int]:
    """The live records a `links` field of a record points at, by id."""
    junction = w.model.junction(w.entity, spec.definition)
    target = w.model.table(str(spec.target))
    rows = conn.execute(
        select(junction.target)
        .join(target, target.c.id == junction.target)
        .where(junction.source == record_id, target.c.deleted_at.is_(None))
        .order_by(junction.target)
    )
    return [row[0] for row in rows]


def _changes(
    w: EntityWriter,
    stored: RowMapping,
    linked: Mapping[str, list[int]],
    given: Mapping[str, Any],
) -> dict[str, Any]:
    """The given values that differ from the stored ones (`links` compared as sets)."""
    changes = {}
    for name, value in given.items():
        if value is MISSING:
            continue
        old = set(linked[name]) if name in linked else stored[name]
        if (set(value) if name in linked else value) != old:
            changes[name] = value
    return changes


def _check_changes(
    conn: Connection,
    w: EntityWriter,
    record_id: int,
    changes: Mapping[str, Any],
    linked: Mapping[str, list[int]],
    problems: Problems,
) -> None:
    """Link targets newly pointed at, and unique values, of the changed fields."""
    targets = {
        name: ([i for i in value if i not in linked[name]] if name in linked else value)
        for name, value in changes.items()
    }
    w.check_references(conn, [targets], problems, [*w.references, w.owner])
    w.check_unique(conn, [changes], problems, exclude=[record_id])


def _write_changes(
    conn: Connection,
    w: EntityWriter,
    stored: RowMapping,
    changes: Mapping[str, Any],
    linked: Mapping[str, list[int]],
    user_id: int | None,
) -> None:
    moment, record_id = _now(), stored["id"]
    columns = {name: value for name, value in changes.items() if name not in linked}
    new_values = {
        **columns,
        **w.shadow_values(columns, conn),
        "version": stored["version"] + 1,
        "updated_at": moment,
        "updated_by": user_id,
    }
    statement = (
        update(w.table)
        .where(w.table.c.id == record_id, w.table.c.version == stored["version"])
        .values(new_values)
    )
    with _translated(conn, w, lambda: _recheck_changes(conn, w, record_id, columns)):
        if conn.execute(statement).rowcount != 1:
            _check_version(conn, w, _stored_row(conn, w, record_id, lock="edit"), stored["version"])
        for name in linked.keys() & changes.keys():
            _relink(conn, w, w.by_name[name], record_id, linked[name], changes[name])
    log = [
        FieldChange(w.updatable[name].id, linked[name] if name in linked else stored[name], value)
        for name, value in changes.items()
    ]
    changelog.log_changed(
        conn, w.entity_id, record_id, log, model=w.model, user_id=user_id, at=moment
    )


def _recheck_changes(
    conn: Connection, w: EntityWriter, record_id: int, columns: Mapping[str, Any]
) -> Problems:
    problems = Problems()
    w.check_unique(conn, [columns], problems, exclude=[record_id])
    return problems


def _relink(
    conn: Connection,
    w: EntityWriter,
    spec: FieldSpec,
    record_id: int,
    old: list[int],
    new: list[int],
) -> None:
    """Point a `links` field at `new` instead of `old` (links to trashed records are kept)."""
    junction = w.model.junction(w.entity, spec.definition)
    gone = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    if gone:
        conn.execute(
            junction.table.delete().where(junction.source == record_id, junction.target.in_(gone))
        )
    if added:
        conn.execute(
            insert(junction.table),
            [{junction.source.name: record_id, junction.target.name: i} for i in added],
        )


# ---------------------------------------------------------------- database errors


@contextmanager
def _translated(
    conn: Connection, w: EntityWriter, recheck: Callable[[], Problems]
) -> Iterator[None]:
    """Run a write in a savepoint; an IntegrityError (a race the checks before it lost) becomes
    RecordInvalid: the problems `recheck()` finds now, else the constraint's field."""
    try:
        with conn.begin_nested():
            yield
    except IntegrityError as exc:
        problems = recheck()
        if not problems.found:
            problems.add(0, 0, *_constraint_problem(w, exc))
        raise problems.error() from exc


def _constraint_problem(w: EntityWriter, exc: IntegrityError) -> tuple[str, str]:
    """(field, message) for the constraint an IntegrityError names, as far as it says."""
    name = getattr(getattr(exc.orig, "diag", None), "constraint_name", None) or ""
    detail = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
    for spec in w.specs:
        if name.endswith(spec.id) or detail.endswith(f"{w.entity}.{spec.name}"):
            if spec.unique:
                return spec.name, f"this {spec.name} is already used by another {w.entity}"
            return spec.name, f"{spec.name} points at a record that does not exist"
    return "record", f"the {w.entity} record conflicts with the stored data ({detail})"


# ---------------------------------------------------------------- trash and restore


def trash_record(
    conn: Connection,
    model: AppModel,
    entity: str,
    record_id: int,
    *,
    user_id: int | None,
    if_version: int | None = None,
) -> dict[str, Any]:
    """Move a live record to the trash; returns it, `deleted_at` set.

    Records linking to it through a `restrict` link (the default) keep it out: RecordLinked says
    how many of which entity. Through a `cascade` link they go to the trash with it.
    """
    w = writer(model, entity)
    stored = _stored_row(conn, w, record_id, lock="move")
    _check_version(conn, w, stored, if_version)
    move = plan_trash(conn, model, entity, record_id)
    if move.blockers:
        raise RecordLinked(linked_message(entity, record_id, move))
    moment = _now()
    set_deleted_at(conn, model, move, moment, lambda t: t.c.deleted_at.is_(None))
    changelog.log_moved(
        conn, changelog.TRASHED, _moved_log(model, move), model=model, user_id=user_id, at=moment
    )
    return read_record(conn, model, entity, record_id)


def restore_record(
    conn: Connection,
    model: AppModel,
    entity: str,
    record_id: int,
    *,
    user_id: int | None,
) -> dict[str, Any]:
    """Bring a record back from the trash as it was, with the records trashed with it.

    A live record is returned as it is. A unique value taken meanwhile by a live record is a
    RecordInvalid naming both.
    """
    w = writer(model, entity)
    stored = _stored_row(conn, w, record_id, lock="move", trashed=True)
    stamp = stored["deleted_at"]
    if stamp is None:
        return get_record(conn, model, entity, record_id)
    move = plan_restore(conn, model, entity, record_id, stamp)
    first = (entity, record_id)
    restore_problems(conn, model, move, first).raise_if_any()
    with _translated(conn, w, lambda: restore_problems(conn, model, move, first)):
        set_deleted_at(conn, model, move, None, lambda t: t.c.deleted_at == stamp)
    changelog.log_moved(
        conn,
        changelog.RESTORED,
        _moved_log(model, move),
        model=model,
        user_id=user_id,
        at=_now(),
    )
    return get_record(conn, model, entity, record_id)


def _moved_log(model: AppModel, move: Move) -> Iterator[tuple[str, int, tuple[str, int] | None]]:
    """(entity id, record id, (entity id, record id) it moved with) for the change log."""
    for entity, record_id, cause in move.refs():
        with_ = (model.entity(cause[0])["id"], cause[1]) if cause else None
        yield model.entity(entity)["id"], record_id, with_
