"""`/login` and `/logout`: a signed session cookie for a right email and password.

Signing in takes the API's path (`accounts.sign_in`): failures for one account are answered
more and more slowly, an address past its limit is refused for a while (429), and a server too
busy checking passwords says so (503). The login form carries a CSRF token of its own (tied to
a short-lived cookie), so that no other site can sign a browser in to an account of its choice.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from kartoteka.platform.accounts import (
    ChecksBusy,
    LoginFailed,
    User,
    end_session,
    let_in,
    sign_in,
    start_session,
)
from kartoteka.platform.context import client_address
from kartoteka.platform.errors import TooManyAttempts
from kartoteka.schema_engine.db import write_connection
from kartoteka.ui import security
from kartoteka.ui.context import Ui, check_csrf, ui_of
from kartoteka.ui.i18n import gettext, ngettext
from kartoteka.ui.redirects import same_site_path
from kartoteka.ui.templating import url_for

router = APIRouter(include_in_schema=False)


@router.get("/login", name="login_form")
async def login_form(request: Request) -> Response:
    ui = ui_of(request)
    next_path = same_site_path(request.query_params.get("next"))
    key = ui.session_key(request)
    if key is not None and await run_in_threadpool(_signed_in, ui, key):
        return RedirectResponse(next_path or url_for(request, "home"), status_code=303)
    return _form(request, ui, next_path=next_path)


def _signed_in(ui: Ui, key: str) -> bool:
    with ui.session(key) as session:
        return session is not None


def _form(request: Request, ui: Ui, *, next_path: str | None, email: str = "",
          error: str | None = None, status: int = 200,
          headers: dict[str, str] | None = None) -> Response:
    """The login page, with a fresh form key (its cookie) and the CSRF token that goes with it."""
    form_key = security.new_key()
    context: dict[str, Any] = {"next": next_path or "", "email": email, "error": error,
                               "csrf_token": ui.signer.csrf_token(form_key)}
    response = ui.templates.render(request, ["login.html"], context, status)
    response.headers.update(headers or {})
    security.set_cookie(request, response, security.LOGIN_COOKIE, ui.signer.sign(form_key),
                        security.LOGIN_FORM_LIFETIME)
    return response


@router.post("/login", name="login")
async def login(request: Request) -> Response:
    ui = ui_of(request)
    form = await request.form()
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    next_path = same_site_path(str(form.get("next") or ""))
    form_key = ui.signer.unsign(request.cookies.get(security.LOGIN_COOKIE),
                                security.LOGIN_FORM_LIFETIME)
    if form_key is None or not ui.signer.csrf_matches(form_key, str(form.get("csrf_token"))):
        message = gettext("The sign-in form had expired. Please sign in again.")
        return _form(request, ui, next_path=next_path, email=email, error=message, status=403)
    address = client_address(request)
    api = ui.api
    try:
        user = await sign_in(api.engine, api.settings, api.password_checks, address, email,
                             password)
    except LoginFailed:
        return _form(request, ui, next_path=next_path, email=email, status=401,
                     error=gettext("Wrong email or password."))
    except TooManyAttempts as throttled:
        return _form(request, ui, next_path=next_path, email=email, status=429,
                     error=_throttled_message(throttled), headers=throttled.headers)
    except ChecksBusy as busy:
        return _form(request, ui, next_path=next_path, email=email, status=503,
                     error=gettext("The server is busy signing other people in. Please try "
                                   "again in a few seconds."), headers=busy.headers)
    key = await run_in_threadpool(_start_session, ui, address, email, user)
    response = RedirectResponse(next_path or url_for(request, "home"), status_code=303)
    security.set_cookie(request, response, security.SESSION_COOKIE, ui.signer.sign(key),
                        ui.api.settings.session_lifetime)
    security.clear_cookie(request, response, security.LOGIN_COOKIE)
    return response


def _start_session(ui: Ui, address: str, email: str, user: User) -> str:
    """A new session key for a user who signed in right."""
    with write_connection(ui.api.engine) as conn:
        let_in(conn, address, email)
        key = start_session(conn, user.id, ui.api.settings.session_lifetime)
        conn.commit()
    return key


def _throttled_message(throttled: TooManyAttempts) -> str:
    minutes = math.ceil(int(throttled.headers.get("Retry-After", "60")) / 60)
    return ngettext(
        "Too many failed sign-ins from your network. Try again in %(num)s minute.",
        "Too many failed sign-ins from your network. Try again in %(num)s minutes.", minutes)


@router.post("/logout", name="logout")
async def logout(request: Request) -> Response:
    """End the session (with its CSRF token) and go to the login page."""
    ui = ui_of(request)
    key = ui.session_key(request)
    if key is not None:
        check_csrf(ui, key, await security.submitted_csrf(request))
        await run_in_threadpool(_end_session, ui, key)
    response = RedirectResponse(url_for(request, "login_form"), status_code=303)
    security.clear_cookie(request, response, security.SESSION_COOKIE)
    return response


def _end_session(ui: Ui, key: str) -> None:
    with write_connection(ui.api.engine) as conn:
        end_session(conn, key)
        conn.commit()
