"""The recent runs of automations as `/automations` shows them: rule, record, state, error.

The runs are the automation queue's jobs (`kartoteka.platform.automation.jobs.recent_runs`), newest
first. Records are named by their title field, read in one query per entity; a record gone
from its table since is named "Deal #12" and not linked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from kartoteka.platform import automation
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.types import field_type
from kartoteka.ui.fields import format_moment
from kartoteka.ui.i18n import gettext
from kartoteka.ui.labels import entity_label

#: How many runs the page shows (the contract's default).
SHOWN_RUNS = 50


@dataclass(frozen=True)
class RunRow:
    id: int
    rule: str
    record: str
    record_url: str | None
    event: str
    #: The state's value ("failed"...), for the row's style and the Retry button.
    state: str
    state_text: str
    attempts: int
    created_at: str
    created_iso: str
    finished_at: str | None
    next_attempt_at: str | None
    error: str | None

    @property
    def retryable(self) -> bool:
        """Failed, or waiting to be tried again after an error (Retry runs it now)."""
        return self.state == "failed" or (self.state == "pending" and bool(self.error))


def _event_names() -> dict[str, str]:
    return {
        "created": gettext("created"), "updated": gettext("changed"),
        "field_changed": gettext("field changed"), "stage_entered": gettext("stage entered"),
        "date_reached": gettext("date reached"), "button": gettext("button pressed"),
    }


def _state_names() -> dict[str, str]:
    return {"pending": gettext("Waiting"), "running": gettext("Running"),
            "done": gettext("Done"), "failed": gettext("Failed")}


def run_rows(conn: Connection, model: AppModel,
             card_url: Callable[[str, int], str]) -> list[RunRow]:
    """The last runs, newest first, as rows of the page."""
    runs = automation.recent_runs(conn, limit=SHOWN_RUNS)
    titles = _titles(conn, model, [(r.entity, r.record_id) for r in runs])
    events, states = _event_names(), _state_names()
    rows = []
    for run in runs:
        known = run.entity in model.entities
        title = titles.get((run.entity, run.record_id)) or gettext(
            "%(entity)s #%(id)s", entity=entity_label(model, run.entity) if known else run.entity,
            id=run.record_id)
        exists = (run.entity, run.record_id) in titles
        rows.append(RunRow(
            id=run.id, rule=run.rule, record=title,
            record_url=card_url(run.entity, run.record_id) if exists else None,
            event=_event_text(events, run), state=run.state,
            state_text=states.get(run.state, run.state), attempts=run.attempts,
            created_at=_moment(run.created_at) or "", created_iso=_iso(run.created_at),
            finished_at=_moment(run.finished_at), next_attempt_at=_moment(
                run.next_attempt_at) if run.state in ("pending", "failed") else None,
            error=run.error if run.state != "done" else None,
        ))
    return rows


def _event_text(events: dict[str, str], run: automation.Run) -> str:
    said = events.get(run.event, run.event)
    return gettext("%(event)s (webhook call)", event=said) if run.kind == "webhook" else said


def _moment(moment: dt.datetime | None) -> str | None:
    """In the user's time zone, named ('Nov 23, 2026, 7:30 PM EET')."""
    return None if moment is None else format_moment(moment)


def _iso(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.isoformat()


def _titles(conn: Connection, model: AppModel,
            records: Sequence[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The title of every live record among `records` ("" when its title is empty)."""
    wanted: dict[str, set[int]] = {}
    for entity, record_id in records:
        if entity in model.entities:
            wanted.setdefault(entity, set()).add(record_id)
    found: dict[tuple[str, int], str] = {}
    for entity, ids in wanted.items():
        table = model.table(entity)
        title = model.title_field(entity)
        plain = title is not None and not field_type(
            model.fields(entity)[title]["type"]).is_reference
        column: Any = table.c[title] if plain and title else table.c.id
        rows = conn.execute(select(table.c.id, column).where(
            table.c.id.in_(sorted(ids)), table.c.deleted_at.is_(None)))
        for record_id, value in rows:
            found[(entity, record_id)] = str(value) if plain and value not in (None, "") else ""
    return found
