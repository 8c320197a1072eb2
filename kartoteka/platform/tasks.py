"""Tasks: the records of entities with `"role": "task"`, read for the person they are assigned to.

Nothing here knows the template's names: a task entity names its `due_field` (a date or a
datetime), its `done_field` (a boolean) and its `assignee_field` (a user). `my_tasks` groups a
user's open tasks in their time zone (an IANA name such as "Europe/Chisinau", `kt_user.time_zone`):

- a datetime task is overdue once its moment has passed, "today" when it falls due later today
  (before the user's next midnight), upcoming after that;
- a date task is "today" on its date and overdue from the next day on (a date has no hour, so it
  counts as due at the end of its day in the user's zone);
- an open task whose done flag is empty counts as open, and one without a due date goes to
  `no_due_date`; tasks in the trash are left out.

`due_counts` gives the figure of the badge on every page, (overdue, due today), in one query per
task entity over the index (assignee, done, due) that the crm template declares. Completing a
task goes through `records.update_record`, so that the change log, the timeline and automations
see it as any other change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    false,
    func,
    or_,
    select,
    true,
    union_all,
)

from kartoteka.platform.zones import zone
from kartoteka.schema_engine import KartotekaError, records
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import reader

#: Tasks a group shows at most (the page says how many more there are).
GROUP_LIMIT = 100
#: A task reminds of itself (in-app) while it fell due less than this long ago.
REMINDER_WINDOW = dt.timedelta(hours=24)
#: Group names, in the order the page and the API show them.
GROUPS = ("overdue", "today", "upcoming", "no_due_date")


class NotATask(KartotekaError):
    """The entity is not a task entity (it has no `"role": "task"`)."""


@dataclass(frozen=True)
class TaskEntity:
    """An entity with `"role": "task"` and the three fields the role names."""

    name: str
    due: str
    done: str
    assignee: str
    #: Whether the due field is a date (else a datetime).
    due_is_date: bool


def task_entities(model: AppModel) -> list[TaskEntity]:
    """The task entities of an app, in definition order."""
    found: list[TaskEntity] | None = model.memo.derived.get(task_entities)
    if found is None:  # a model never changes: read once, kept in its memo
        found = []
        for name, entity in model.entities.items():
            if entity.get("role") == "task":
                due = str(entity["due_field"])
                found.append(TaskEntity(name, due, str(entity["done_field"]),
                                        str(entity["assignee_field"]),
                                        model.field(name, due)["type"] == "date"))
        model.memo.derived.put(task_entities, found)
    return found


def task_entity(model: AppModel, entity: str) -> TaskEntity:
    """The task entity called `entity`; raises UnknownEntity or NotATask."""
    model.entity(entity)
    for task in task_entities(model):
        if task.name == entity:
            return task
    raise NotATask(f"{entity} is not a task entity: it has no \"role\": \"task\"")


# ---------------------------------------------------------------- the user's day


@dataclass(frozen=True)
class Day:
    """Now and the bounds of today in a user's zone (moments in UTC)."""

    now: dt.datetime
    today: dt.date
    start: dt.datetime
    end: dt.datetime
    zone: dt.tzinfo


def local_day(now: dt.datetime, tz: str | dt.tzinfo) -> Day:
    """Today around `now` in zone `tz`: its date and its midnights as UTC moments."""
    where = zone(tz)
    today = now.astimezone(where).date()
    start = dt.datetime.combine(today, dt.time(), where).astimezone(dt.UTC)
    tomorrow = today + dt.timedelta(days=1)
    end = dt.datetime.combine(tomorrow, dt.time(), where).astimezone(dt.UTC)
    return Day(now.astimezone(dt.UTC), today, start, end, where)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Task:
    """One task: its entity and the record as the records API shows it."""

    entity: str
    record: dict[str, Any]
    #: When it is due: a date, a moment (UTC) or None.
    due: dt.date | dt.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {**self.record, "entity": self.entity}


@dataclass
class TaskGroup:
    """The tasks of one group, soonest due first, and how many there are in all."""

    tasks: list[Task] = field(default_factory=list)
    count: int = 0

    @property
    def more(self) -> int:
        """How many tasks of the group are not in `tasks` (over GROUP_LIMIT)."""
        return self.count - len(self.tasks)


@dataclass
class MyTasks:
    """A user's tasks, grouped as `/tasks` shows them."""

    day: Day
    overdue: TaskGroup
    today: TaskGroup
    upcoming: TaskGroup
    no_due_date: TaskGroup
    #: Tasks completed today (by anyone) that are assigned to the user; None when not asked.
    completed: TaskGroup | None = None

    def groups(self) -> list[tuple[str, TaskGroup]]:
        return [(name, getattr(self, name)) for name in GROUPS]

    def to_json(self) -> dict[str, Any]:
        answer = {name: [t.to_json() for t in group.tasks] for name, group in self.groups()}
        if self.completed is not None:
            answer["completed"] = [t.to_json() for t in self.completed.tasks]
        return answer


class _Columns:
    """The columns of one task entity and the conditions the groups are made of."""

    def __init__(self, model: AppModel, task: TaskEntity) -> None:
        self.task = task
        self.table = model.table(task.name)
        self.due = self.table.c[task.due]
        self.done = self.table.c[task.done]
        self.assignee = self.table.c[task.assignee]

    def mine(self, user_id: int, *, done: bool = False) -> ColumnElement[bool]:
        """Live tasks of the user, open (an empty done flag counts as open) or done."""
        state = self.done == true() if done else or_(self.done == false(), self.done.is_(None))
        return and_(self.assignee == user_id, state, self.table.c.deleted_at.is_(None))

    def overdue(self, day: Day) -> ColumnElement[bool]:
        return self.due < (day.today if self.task.due_is_date else day.now)

    def due_by_tonight(self, day: Day) -> ColumnElement[bool]:
        """Overdue or due today."""
        return self.due <= day.today if self.task.due_is_date else self.due < day.end

    def group(self, name: str, day: Day) -> ColumnElement[bool]:
        if name == "overdue":
            return self.overdue(day)
        if name == "today":
            return and_(self.due_by_tonight(day), ~self.overdue(day))
        if name == "upcoming":
            return ~self.due_by_tonight(day)
        return self.due.is_(None)

    def due_value(self, record: dict[str, Any]) -> dt.date | dt.datetime | None:
        value = record.get(self.task.due)
        if value is None:
            return None
        if self.task.due_is_date:
            return dt.date.fromisoformat(str(value))
        return dt.datetime.fromisoformat(str(value)).astimezone(dt.UTC)


def _columns(model: AppModel) -> list[_Columns]:
    return [_Columns(model, task) for task in task_entities(model)]


def my_tasks(conn: Connection, model: AppModel, user_id: int, now: dt.datetime,
             tz: str | dt.tzinfo, *, completed: bool = False) -> MyTasks:
    """The user's open tasks of every task entity, grouped in their zone (see the module);
    with `completed`, also the ones they completed today."""
    day = local_day(now, tz)
    groups = {name: _group(conn, model, user_id, day, name) for name in GROUPS}
    done = _completed_today(conn, model, user_id, day) if completed else None
    return MyTasks(day, **groups, completed=done)


def _group(conn: Connection, model: AppModel, user_id: int, day: Day, name: str) -> TaskGroup:
    group = TaskGroup()
    for columns in _columns(model):
        where = and_(columns.mine(user_id), columns.group(name, day))
        order = (columns.table.c.id,) if name == "no_due_date" else (columns.due,
                                                                     columns.table.c.id)
        read = _read(conn, model, columns, where, order, GROUP_LIMIT + 1)
        group.tasks += read
        group.count += _count(conn, columns, where, len(read))
    group.tasks.sort(key=_sort_key(day))
    del group.tasks[GROUP_LIMIT:]
    return group


def _sort_key(day: Day) -> Any:
    """Soonest due first across entities: a date counts as the end of its day."""
    def key(task: Task) -> tuple[dt.datetime, str, int]:
        due = task.due
        if isinstance(due, dt.datetime):
            moment = due
        elif isinstance(due, dt.date):
            moment = dt.datetime.combine(due, dt.time.max, day.zone)
        else:
            moment = dt.datetime.max.replace(tzinfo=dt.UTC)
        return (moment, task.entity, int(task.record["id"]))
    return key


def _read(conn: Connection, model: AppModel, columns: _Columns, where: ColumnElement[bool],
          order: tuple[Any, ...], limit: int) -> list[Task]:
    records_reader = reader(model, columns.task.name)
    query: Select[Any] = records_reader.select().where(where).order_by(*order).limit(limit)
    rows = conn.execute(query).all()
    return [Task(columns.task.name, r, columns.due_value(r))
            for r in records_reader.records(conn, rows)]


def _count(conn: Connection, columns: _Columns, where: ColumnElement[bool], read: int) -> int:
    """How many rows match: what was read, unless it was more than a group shows."""
    if read <= GROUP_LIMIT:
        return read
    query = select(func.count()).select_from(columns.table).where(where)
    return int(conn.execute(query).scalar_one())


def _completed_today(conn: Connection, model: AppModel, user_id: int, day: Day) -> TaskGroup:
    """Done tasks of the user last changed since their midnight, latest first."""
    group = TaskGroup()
    for columns in _columns(model):
        updated = columns.table.c.updated_at
        where = and_(columns.mine(user_id, done=True), updated >= day.start)
        group.tasks += _read(conn, model, columns, where, (updated.desc(),), GROUP_LIMIT)
    group.tasks.sort(key=lambda t: str(t.record.get("updated_at")), reverse=True)
    del group.tasks[GROUP_LIMIT:]
    group.count = len(group.tasks)
    return group


def due_counts(conn: Connection, model: AppModel, user_id: int, now: dt.datetime,
               tz: str | dt.tzinfo) -> tuple[int, int]:
    """(overdue, due today) of the user's open tasks: one indexed query per task entity."""
    day = local_day(now, tz)
    overdue = today = 0
    for columns in _columns(model):
        total, late = conn.execute(_count_due(columns, user_id, day)).one()
        overdue += int(late or 0)
        today += int(total or 0) - int(late or 0)
    return overdue, today


def _count_due(columns: _Columns, user_id: int, day: Day) -> Select[Any]:
    """How many open tasks are due by tonight, and how many of them are overdue.

    An open task is done = false or done is null; an OR between them would make the database
    read every task of the user, so each state is counted on its own seek of the index
    (assignee, done, due) and the two counts are added up."""
    late = case((columns.overdue(day), 1), else_=0)
    live = columns.table.c.deleted_at.is_(None)
    parts = [select(func.count().label("total"), func.sum(late).label("late"))
             .select_from(columns.table)
             .where(columns.assignee == user_id, state, live, columns.due_by_tonight(day))
             for state in (columns.done == false(), columns.done.is_(None))]
    both = union_all(*parts).subquery()
    return select(func.sum(both.c.total), func.sum(both.c.late))


def fallen_due(conn: Connection, model: AppModel, user_id: int, now: dt.datetime,
               tz: str | dt.tzinfo) -> list[Task]:
    """Open tasks of the user that fell due within REMINDER_WINDOW (a date task on its day),
    soonest first: what the in-app reminders show."""
    day = local_day(now, tz)
    found: list[Task] = []
    for columns in _columns(model):
        if columns.task.due_is_date:
            when = columns.due == day.today
        else:
            when = and_(columns.due <= day.now, columns.due > day.now - REMINDER_WINDOW)
        where = and_(columns.mine(user_id), when)
        found += _read(conn, model, columns, where, (columns.due, columns.table.c.id),
                       GROUP_LIMIT)
    found.sort(key=_sort_key(day))
    return found[:GROUP_LIMIT]


# ---------------------------------------------------------------- completing


def complete(conn: Connection, model: AppModel, entity: str, record_id: int, *,
             user_id: int | None, if_version: int | None, done: bool = True) -> dict[str, Any]:
    """Mark a task done (or open again, `done=False`) through the one write path; raises
    NotATask, RecordNotFound, or StaleRecord when `if_version` is no longer the stored one."""
    task = task_entity(model, entity)
    return records.update_record(conn, model, entity, record_id, {task.done: done},
                                 user_id=user_id, if_version=if_version)
