"""A record's timeline: `/records/{entity}/{id}/timeline` (`?before=` pages to older entries).

The card loads it with htmx once the card is shown (so it never delays the card) and gets the
fragment `_timeline.html`; without JavaScript the card links here and the whole page shows it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from kartoteka.platform.timeline import read_timeline
from kartoteka.schema_engine.errors import RecordNotFound
from kartoteka.schema_engine.records import read_record

from .context import Visit, known_entity, run_page
from .digits import record_number
from .errors import PageError
from .i18n import gettext
from .listing import entity_label, record_title
from .templating import choices, wants_fragment
from .timeline import timeline_view

router = APIRouter(include_in_schema=False)


@router.get("/records/{entity}/{record_id}/timeline", name="record_timeline")
async def record_timeline(request: Request, entity: str, record_id: str,
                          before: str | None = None) -> Response:
    return await run_page(request, _timeline, entity, record_id, before,
                          wants_fragment(request))


def _timeline(visit: Visit, entity: str, record_id: str, before: str | None,
              fragment: bool) -> Response:
    entity = known_entity(visit, entity)
    record = read_live_or_trashed(visit, entity, record_id)
    model = visit.session.model
    page = read_timeline(visit.conn, model, entity, record["id"], before=_cursor(before))
    older = None if page.next_before is None else visit.url(
        "record_timeline", {"before": page.next_before}, entity=entity,
        record_id=str(record["id"]))
    context = {
        "timeline": timeline_view(page, model, visit.card_url, older),
        "record_title": record_title(model, entity, record),
        "card_url": visit.card_url(entity, record["id"]),
        "entity_label": entity_label(model, entity),
        "current_entity": entity,
    }
    return visit.render(choices("_timeline" if fragment else "timeline", entity), context)


def _cursor(before: str | None) -> int | None:
    """The `before` of an older page: a change id; anything else starts from the newest."""
    return record_number(before)


def read_live_or_trashed(visit: Visit, entity: str, text: str) -> dict[str, Any]:
    """The record a path names (in the trash or not), else a 404 page in words."""
    number = record_number(text)
    if number is not None:
        try:
            return read_record(visit.conn, visit.session.model, entity, number)
        except RecordNotFound:
            pass
    label = entity_label(visit.session.model, entity)
    raise PageError(404, gettext("Not found"), gettext(
        "%(entity)s %(id)s does not exist.", entity=label, id=text))
