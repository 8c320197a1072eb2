"""The signed-in user's settings: `/account`, where they choose their time zone and language.

Dates and times are shown, and tasks grouped, in the zone (kt_user.time_zone, an IANA name).
Pages are shown in the language (kt_user.language): one the app offers, or "" to follow the
browser's `Accept-Language` (platform/i18n.py). The form posts and redirects back (`?saved=1`
says it was saved); a zone or language this system does not know is refused in words, with
the choice kept.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.platform.accounts import UserError, set_language, set_time_zone
from kartoteka.platform.zones import is_time_zone, time_zones, zone
from kartoteka.schema_engine.languages import NATIVE_NAMES, app_languages
from kartoteka.ui.context import Visit, run_page
from kartoteka.ui.fields import format_moment, moments_in
from kartoteka.ui.i18n import gettext

router = APIRouter(include_in_schema=False)


@router.get("/account", name="account_page")
async def account_page(request: Request, saved: str | None = None) -> Response:
    return await run_page(request, _page, saved == "1")


def _page(visit: Visit, saved: bool, chosen: str | None = None, problem: str | None = None,
          status: int = 200, language: str | None = None,
          language_problem: str | None = None) -> Response:
    user = visit.session.user
    current = user.time_zone
    shown = chosen if chosen is not None else current
    with moments_in(current if is_time_zone(current) else "UTC"):
        now = format_moment(dt.datetime.now(dt.UTC))
    offered = app_languages(visit.session.model.doc)
    context = {
        "zones": [(name, _zone_label(name)) for name in time_zones()],
        "chosen": shown, "saved": saved, "problem": problem, "now": now,
        "account_page": True,
        # The browser's choice first; each language by its own name, so anyone finds theirs.
        "languages": [("", gettext("As the browser says"))]
        + [(code, NATIVE_NAMES[code]) for code in offered],
        "chosen_language": user.language if language is None else language,
        "language_problem": language_problem,
    }
    return visit.render(["account.html"], context, status)


def _zone_label(name: str) -> str:
    """'Europe/Chisinau (UTC+02:00)': the name and its offset now."""
    offset = dt.datetime.now(zone(name)).strftime("%z")
    return f"{name.replace('_', ' ')} (UTC{offset[:3]}:{offset[3:]})"


@router.post("/account", name="account_save")
async def account_save(request: Request) -> Response:
    form = await request.form()
    language = form.get("language")
    return await run_page(request, _save, str(form.get("time_zone") or ""),
                          None if language is None else str(language), write=True)


def _save(visit: Visit, time_zone: str, language: str | None) -> Response:
    """Save the zone and (when the form sends one) the language: both or neither."""
    user = visit.session.user
    if language is not None and language and language not in app_languages(
            visit.session.model.doc):
        return _page(visit, False, time_zone, status=422, language=language,
                     language_problem=gettext(
                         "“%(language)s” is not a language this app offers. Choose one from "
                         "the list.", language=language))
    try:
        set_time_zone(visit.conn, user.id, time_zone)
        if language is not None:
            set_language(visit.conn, user.id, language)
    except UserError:
        return _page(visit, False, time_zone, gettext(
            "“%(zone)s” is not a time zone this server knows. Choose one from the list.",
            zone=time_zone), 422, language=language)
    return RedirectResponse(visit.url("account_page", {"saved": "1"}), status_code=303)
