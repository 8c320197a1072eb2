"""The signed-in user's settings: `/account`, where they choose their time zone.

Dates and times are shown, and tasks grouped, in it (kt_user.time_zone, an IANA name). The form
posts and redirects back (`?saved=1` says it was saved); a zone this system does not know is
refused in words, with the choice kept.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.platform.accounts import UserError, set_time_zone
from kartoteka.platform.zones import is_time_zone, time_zones, zone
from kartoteka.ui.context import Visit, run_page
from kartoteka.ui.fields import format_moment, moments_in
from kartoteka.ui.i18n import gettext

router = APIRouter(include_in_schema=False)


@router.get("/account", name="account_page")
async def account_page(request: Request, saved: str | None = None) -> Response:
    return await run_page(request, _page, saved == "1")


def _page(visit: Visit, saved: bool, chosen: str | None = None, problem: str | None = None,
          status: int = 200) -> Response:
    current = visit.session.user.time_zone
    shown = chosen if chosen is not None else current
    with moments_in(current if is_time_zone(current) else "UTC"):
        now = format_moment(dt.datetime.now(dt.UTC))
    context = {
        "zones": [(name, _zone_label(name)) for name in time_zones()],
        "chosen": shown, "saved": saved, "problem": problem, "now": now,
        "account_page": True,
    }
    return visit.render(["account.html"], context, status)


def _zone_label(name: str) -> str:
    """'Europe/Chisinau (UTC+02:00)': the name and its offset now."""
    offset = dt.datetime.now(zone(name)).strftime("%z")
    return f"{name.replace('_', ' ')} (UTC{offset[:3]}:{offset[3:]})"


@router.post("/account", name="account_save")
async def account_save(request: Request) -> Response:
    form = await request.form()
    return await run_page(request, _save, str(form.get("time_zone") or ""), write=True)


def _save(visit: Visit, time_zone: str) -> Response:
    try:
        set_time_zone(visit.conn, visit.session.user.id, time_zone)
    except UserError:
        return _page(visit, False, time_zone, gettext(
            "“%(zone)s” is not a time zone this server knows. Choose one from the list.",
            zone=time_zone), 422)
    return RedirectResponse(visit.url("account_page", {"saved": "1"}), status_code=303)
