"""What a UI request works with: the signed-in session, its CSRF token, the templates.

`run_page(request, work, ...)` is to the pages what `Api.run` is to the API: it finds the
session from the cookie, runs `work(visit, ...)` in a worker thread inside the request's
transaction, and answers a page. Without a valid session a page redirects to /login?next=...;
a request that changes something without the session's CSRF token is refused (403).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kartoteka.platform.accounts import COOKIE_SIGNING, session_caller, stored_secret
from kartoteka.platform.context import Api, Session, learn_session_language
from kartoteka.platform.errors import Forbidden
from kartoteka.platform.stages import stage_fields
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.errors import QueryError, RecordNotFound, UnknownEntity
from kartoteka.ui import security
from kartoteka.ui.errors import PageError
from kartoteka.ui.fields import moments_in
from kartoteka.ui.flash import read_flash
from kartoteka.ui.i18n import error_text, gettext
from kartoteka.ui.labels import entity_label
from kartoteka.ui.task_badge import TaskBadge
from kartoteka.ui.templating import Templates, url_for


class CsrfRefused(Forbidden):
    """A request that changes something came without this session's CSRF token."""


class Ui:
    """The web UI of one app: the API's engine and settings, the cookie signer, templates."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.templates = Templates()
        with write_connection(api.engine) as conn:
            secret = stored_secret(conn, COOKIE_SIGNING)
            conn.commit()
        self.signer = security.Signer(secret)

    def session_key(self, request: Request) -> str | None:
        """The session key of the request's cookie, when its signature holds."""
        cookie = request.cookies.get(security.SESSION_COOKIE)
        return self.signer.unsign(cookie, self.api.settings.session_lifetime)

    def knows_session(self, request: Request, conn: Connection) -> bool:
        """Whether the request's session cookie is a signed-in session's (Api.caller_checks)."""
        key = self.session_key(request)
        return key is not None and session_caller(conn, key) is not None

    @contextmanager
    def session(self, key: str, *, write: bool = False) -> Iterator[Session | None]:
        """The signed-in session of `key` inside the request's transaction, else None."""
        opened = write_connection(self.api.engine) if write else self.api.engine.connect()
        with opened as conn:
            caller = session_caller(conn, key)
            if caller is None:
                yield None
                return
            session = Session(conn, self.api.models.get(conn, caller.schema_version), caller.user)
            learn_session_language(session)
            yield session
            if write:
                conn.commit()


def ui_of(request: Request) -> Ui:
    ui: Ui = request.app.state.ui
    return ui


@dataclass(frozen=True)
class Visit:
    """One signed-in request: what a page's work function is given."""

    request: Request
    session: Session
    csrf_token: str
    ui: Ui

    @property
    def conn(self) -> Connection:
        return self.session.conn

    def url(self, name: str, /, _query: Any = None, **params: Any) -> str:
        return url_for(self.request, name, _query, **params)

    def card_url(self, entity: str, record_id: int) -> str:
        return self.url("record_card", entity=entity, record_id=str(record_id))

    def list_url(self, entity: str, params: Any = None) -> str:
        return self.url("record_list", params, entity=entity)

    def render(self, names: list[str], context: dict[str, Any], status: int = 200) -> Response:
        """A page in the layout: the sidebar's entities and the user come with it."""
        return self.ui.templates.render(self.request, names, {**self.layout(), **context}, status)

    def layout(self) -> dict[str, Any]:
        model = self.session.model
        return {
            "user": self.session.user,
            "csrf_token": self.csrf_token,
            "entities": [(name, entity_label(model, name, plural=True)) for name in model.entities],
            "current_entity": None,
            # The message after a change (`?done=`, flash.py), shown at the top of the page.
            "flash": read_flash(self.request, self.ui.signer, model),
            # Entities with a stage field, whose lists link to their board (board.py).
            "boards": {name for name in model.entities if stage_fields(model, name)},
            # Overdue and due-today tasks beside "Tasks", counted only if the page shows it.
            "task_badge": TaskBadge(self.conn, model, self.session.user),
            "reminder_poll_seconds": self.ui.api.settings.reminder_poll_seconds,
        }


Work = Callable[..., Response]


async def text_form(request: Request) -> dict[str, str]:
    """The posted form's text fields by name (files left out; a repeated name keeps its last)."""
    form = await request.form()
    return {k: v for k, v in form.multi_items() if isinstance(v, str)}


async def run_page(request: Request, work: Work, *args: Any, write: bool = False) -> Response:
    """`work(visit, *args)` in a worker thread for the signed-in user, else to the login page."""
    ui = ui_of(request)
    key = ui.session_key(request)
    if key is None:
        return login_redirect(request)
    if write:
        check_csrf(ui, key, await security.submitted_csrf(request))

    def in_session() -> Response | None:
        with ui.session(key, write=write) as session:
            if session is None:
                return None
            visit = Visit(request, session, ui.signer.csrf_token(key), ui)
            try:
                with moments_in(session.user.time_zone):
                    return work(visit, *args)
            except (UnknownEntity, RecordNotFound, QueryError, PageError) as exc:
                return error_in_layout(visit, exc)

    response = await run_in_threadpool(in_session)
    return response if response is not None else login_redirect(request)


def known_entity(visit: Visit, entity: str) -> str:
    """`entity` when the app has it; else a 404 page that says there is no such list."""
    if entity not in visit.session.model.entities:
        raise PageError(404, gettext("Not found"), gettext(
            "There is no list called “%(name)s”. The menu shows every list there is.",
            name=entity))
    return entity


def check_csrf(ui: Ui, key: str, given: str | None) -> None:
    """Refuse (403) a change that does not carry the CSRF token of session `key`."""
    if not ui.signer.csrf_matches(key, given):
        raise CsrfRefused(gettext(
            "This form has expired or did not come from this site's pages, so nothing was "
            "changed. Go back, reload the page and try again."))


def error_in_layout(visit: Visit, exc: Exception) -> Response:
    """What went wrong with a page, in words, with the sidebar still there."""
    status, title, message = describe_error(exc)
    return visit.render(["error.html"], {"title": title, "message": message}, status)


def describe_error(exc: Exception) -> tuple[int, str, str]:
    """(status, heading, sentence) for the errors a page shows in words."""
    if isinstance(exc, PageError):
        return exc.status, exc.title, str(exc)
    if isinstance(exc, UnknownEntity):
        return 404, gettext("Not found"), gettext("There is no such list here.")
    if isinstance(exc, RecordNotFound):
        return 404, gettext("Not found"), gettext("There is no such record here.")
    return 400, gettext("This list cannot be shown"), gettext(
        "The address asks for something the list cannot do: %(problem)s.", problem=error_text(exc))


def login_redirect(request: Request) -> Response:
    """To the login page, coming back here after signing in (htmx: the whole page goes)."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    login = url_for(request, "login_form", {"next": target})
    if "hx-request" in request.headers:
        return Response(status_code=204, headers={"HX-Redirect": login})
    return RedirectResponse(login, status_code=303)
