"""The badge beside "Tasks" on every page: the signed-in user's overdue and due-today tasks.

It is read when the layout shows it, not before: fragments that htmx swaps never ask, and a
page asks once, through one indexed query per task entity (`platform.tasks.due_counts`).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from sqlalchemy import Connection

from kartoteka.platform.accounts import User
from kartoteka.platform.tasks import due_counts, task_entities
from kartoteka.schema_engine.model import AppModel


class TaskBadge:
    """(overdue, today) of the user's tasks, counted on first use."""

    def __init__(self, conn: Connection, model: AppModel, user: User) -> None:
        self._conn, self._model, self._user = conn, model, user

    @property
    def shown(self) -> bool:
        """Whether the app has tasks at all (else neither link nor badge)."""
        return bool(task_entities(self._model))

    @cached_property
    def counts(self) -> tuple[int, int]:
        return due_counts(self._conn, self._model, self._user.id, dt.datetime.now(dt.UTC),
                          self._user.time_zone)

    @property
    def total(self) -> int:
        return sum(self.counts)
