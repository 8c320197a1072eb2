"""My tasks: `/tasks` (overdue, today, upcoming in my time zone), completing one in place, and
`/tasks/reminders`, which the open pages poll for tasks that fell due (tasks.js).

The platform's `tasks` module reads and completes them; this module turns them into rows.
Completing is one POST per task (`.../done`, with the version the page showed): htmx swaps the
groups in place (with the badge beside "Tasks", out of band), a page without JavaScript is
redirected back to `/tasks`. A task changed since the page was shown is not completed: the page
says so and shows it as it is now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.responses import JSONResponse, RedirectResponse, Response

from kartoteka.platform import tasks
from kartoteka.schema_engine.errors import RecordNotFound, StaleRecord
from kartoteka.schema_engine.records import parse_id
from kartoteka.schema_engine.types import field_type
from kartoteka.ui.context import Visit, known_entity, run_page
from kartoteka.ui.errors import PageError
from kartoteka.ui.fields import empty, show
from kartoteka.ui.i18n import gettext
from kartoteka.ui.labels import entity_label, field_label, record_title
from kartoteka.ui.templating import wants_fragment

router = APIRouter(include_in_schema=False)

@dataclass(frozen=True)
class TaskRow:
    """One task as the page lists it."""

    key: str
    entity: str
    record_id: int
    version: int
    title: str
    url: str
    kind: str
    due: Markup
    about: list[tuple[str, Markup]]
    done: bool


@dataclass(frozen=True)
class GroupView:
    name: str
    heading: str
    empty: str
    rows: list[TaskRow]
    count: int
    more: int


# ---------------------------------------------------------------- the page


@router.get("/tasks", name="tasks_page")
async def tasks_page(request: Request, completed: str | None = None) -> Response:
    return await run_page(request, _page, completed == "1", wants_fragment(request))


def _page(visit: Visit, completed: bool, fragment: bool, message: str | None = None,
          problem: str | None = None, status: int = 200) -> Response:
    context = {**_tasks_context(visit, completed), "message": message, "problem": problem,
               "fragment": fragment, "tasks_page": True}
    return visit.render(["_tasks.html" if fragment else "tasks.html"], context, status)


def _tasks_context(visit: Visit, completed: bool) -> dict[str, Any]:
    session = visit.session
    mine = tasks.my_tasks(visit.conn, session.model, session.user.id, dt.datetime.now(dt.UTC),
                          session.user.time_zone, completed=completed)
    groups = [_group(visit, name, group) for name, group in mine.groups()]
    done = None if mine.completed is None else _group(visit, "completed", mine.completed)
    return {
        "groups": [g for g in groups if g.count or g.name != "no_due_date"],
        "completed": done,
        "show_completed": completed,
        "open_count": sum(g.count for g in groups),
        "toggle_url": visit.url("tasks_page", None if completed else {"completed": "1"}),
        "several_kinds": len(tasks.task_entities(session.model)) > 1,
        "time_zone": session.user.time_zone,
    }


def _headings() -> dict[str, tuple[str, str]]:
    return {
        "overdue": (gettext("Overdue"), gettext("Nothing is overdue.")),
        "today": (gettext("Today"), gettext("Nothing else is due today.")),
        "upcoming": (gettext("Upcoming"), gettext("Nothing is due later.")),
        "no_due_date": (gettext("No due date"), ""),
        "completed": (gettext("Completed today"), gettext("Nothing completed today yet.")),
    }


def _group(visit: Visit, name: str, group: tasks.TaskGroup) -> GroupView:
    heading, nothing = _headings()[name]
    rows = [_row(visit, task) for task in group.tasks]
    return GroupView(name, heading, nothing, rows, group.count, group.more)


def _row(visit: Visit, task: tasks.Task) -> TaskRow:
    model = visit.session.model
    entity, record = task.entity, task.record
    role = tasks.task_entity(model, entity)
    fields = model.fields(entity)
    # What it is about (its deal, its client): the records it links to, beside its title.
    about = [(field_label(f), show(f, record.get(name), visit.card_url))
             for name, f in fields.items()
             if field_type(f["type"]).is_link and record.get(name) not in (None, [])]
    due_field = fields[role.due]
    due = show(due_field, record.get(role.due), visit.card_url) if task.due else empty()
    return TaskRow(
        key=f"{entity}-{record['id']}", entity=entity, record_id=record["id"],
        version=record["version"], title=record_title(model, entity, record),
        url=visit.card_url(entity, record["id"]), kind=entity_label(model, entity),
        due=due, about=about, done=bool(record.get(role.done)))


# ---------------------------------------------------------------- completing


@router.post("/tasks/{entity}/{record_id}/done", name="task_done")
async def task_done(request: Request, entity: str, record_id: str) -> Response:
    form = await request.form()
    fields = {key: str(form.get(key) or "") for key in ("version", "done", "completed")}
    return await run_page(request, _done, entity, record_id, fields, wants_fragment(request),
                          write=True)


def _done(visit: Visit, entity: str, record_id: str, form: dict[str, str],
          fragment: bool) -> Response:
    entity = known_entity(visit, entity)
    number = parse_id(record_id)
    model = visit.session.model
    completed, done = form["completed"] == "1", form["done"] != "0"
    try:
        if number is None:
            raise RecordNotFound(record_id)
        record = tasks.complete(visit.conn, model, entity, number, user_id=visit.session.user.id,
                                if_version=parse_id(form["version"]), done=done)
    except tasks.NotATask as exc:
        raise PageError(404, gettext("Not found"), gettext(
            "%(entity)s records are not tasks, so they cannot be completed here.",
            entity=entity_label(model, entity))) from exc
    except StaleRecord as exc:
        title = record_title(model, entity, exc.current)
        return _page(visit, completed, fragment, problem=gettext(
            "“%(title)s” was changed by someone else since this page was shown, so nothing "
            "was changed. It is shown below as it is now: complete it again if it still needs "
            "doing.", title=title), status=200 if fragment else 409)
    except RecordNotFound:
        return _page(visit, completed, fragment, problem=gettext(
            "This task is no longer there: it was moved to the trash."),
            status=200 if fragment else 404)
    if not fragment:
        query = {"completed": "1"} if completed else None
        return RedirectResponse(visit.url("tasks_page", query), status_code=303)
    title = record_title(model, entity, record)
    message = (gettext("“%(title)s” completed.", title=title) if done
               else gettext("“%(title)s” is open again.", title=title))
    return _page(visit, completed, fragment, message=message)


# ---------------------------------------------------------------- reminders


@router.get("/tasks/reminders", name="task_reminders")
async def task_reminders(request: Request) -> Response:
    return await run_page(request, _reminders)


def _reminders(visit: Visit) -> Response:
    """The badge's figure and the tasks that fell due, as JSON for tasks.js (which keeps the
    ones dismissed in this browser to itself)."""
    session = visit.session
    now = dt.datetime.now(dt.UTC)
    overdue, today = tasks.due_counts(visit.conn, session.model, session.user.id, now,
                                      session.user.time_zone)
    due = tasks.fallen_due(visit.conn, session.model, session.user.id, now,
                           session.user.time_zone)
    rows = [_row(visit, task) for task in due]
    return JSONResponse({
        "count": overdue + today,
        "badge": _badge_words(overdue + today),
        "reminders": [{"key": f"{r.key}-{r.version}", "title": r.title, "url": r.url,
                       "due": Markup(r.due).striptags(), "kind": r.kind} for r in rows],
    }, headers={"Cache-Control": "no-store"})


def _badge_words(count: int) -> str:
    return gettext("%(count)s overdue or due today", count=count)
