"""`/records/{entity}/pipeline`: the figures of each stage, as `GET /api/pipeline/{entity}` gives.

Per stage, in the stage field's order: how many records are in it now and the sum of each money
field (the board's figures), how long records stayed in it on average, and the share of the
records that entered it which went on to a won stage (kartoteka.platform.pipeline reads them).
Added before the card's routes, which take any `/records/{entity}/{word}`; `?field=` picks
another stage field, as on the board. These figures read the whole change log of the stage
field, so the board links here rather than computing them on every board.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import numbers
from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.responses import Response

from kartoteka.platform.pipeline import read_pipeline
from kartoteka.platform.stages import stage_fields
from kartoteka.schema_engine.errors import QueryError
from kartoteka.ui.context import Visit, known_entity, run_page
from kartoteka.ui.errors import PageError
from kartoteka.ui.fields import show
from kartoteka.ui.i18n import LOCALE, error_text, gettext, ngettext
from kartoteka.ui.labels import entity_label, field_label
from kartoteka.ui.pages.board.board import count_text, money_fields
from kartoteka.ui.templating import choices

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class StageRow:
    label: str
    #: "won", "lost" or None: how the row is marked.
    closed: str | None
    count: Markup
    list_url: str
    sums: list[Markup]
    average: str
    won_share: str


@router.get("/records/{entity}/pipeline", name="record_pipeline")
async def record_pipeline(request: Request, entity: str) -> Response:
    return await run_page(request, _pipeline, entity, request.query_params.get("field"))


def _pipeline(visit: Visit, entity: str, wanted: str | None) -> Response:
    entity = known_entity(visit, entity)
    model = visit.session.model
    label = entity_label(model, entity, plural=True)
    stages = stage_fields(model, entity)
    context: dict[str, Any] = {"entity": entity, "label": label, "current_entity": entity,
                               "stage_fields": [(str(f["name"]), field_label(f)) for f in stages]}
    if not stages:
        return visit.render(choices("pipeline", entity), {**context, "rows": None}, 404)
    try:
        figures = read_pipeline(visit.conn, model, entity, wanted)
    except QueryError as exc:
        raise PageError(404, gettext("No such pipeline"), error_text(exc)) from None
    stage = model.fields(entity)[figures["field"]]
    money = money_fields(model, entity)
    rows = [_row(visit, entity, stage, money, item) for item in figures["stages"]]
    return visit.render(choices("pipeline", entity), {
        **context, "rows": rows, "field": figures["field"], "stage_label": field_label(stage),
        "money": [field_label(f) for f in money],
    })


def _row(visit: Visit, entity: str, stage: Any, money: list[Any],
         item: dict[str, Any]) -> StageRow:
    value = item["stage"]
    closed = ("won" if value in stage.get("won", []) else
              "lost" if value in stage.get("lost", []) else None)
    return StageRow(
        label=item["label"], closed=closed, count=count_text(item["count"]),
        list_url=visit.list_url(entity, [(str(stage["name"]), value)]),
        sums=[show(f, item["sums"].get(str(f["name"])) or 0, visit.card_url) for f in money],
        average=duration_text(item["avg_seconds"]), won_share=share_text(item["won_share"]),
    )


def duration_text(seconds: float | None) -> str:
    """'3.5 days', '5 hours', '12 minutes'; '—' (a dash) when no stay has ended yet."""
    if seconds is None:
        return gettext("—")
    days, hours = seconds / 86400, seconds / 3600
    if days >= 1:
        return ngettext("%(num)s day", "%(num)s days", 1 if round(days, 1) == 1 else 2,
                        num=_one_decimal(days))
    if hours >= 1:
        return ngettext("%(num)s hour", "%(num)s hours", 1 if round(hours, 1) == 1 else 2,
                        num=_one_decimal(hours))
    minutes = max(round(seconds / 60), 0)
    return ngettext("%(num)s minute", "%(num)s minutes", minutes)


def _one_decimal(value: float) -> str:
    return str(numbers.format_decimal(round(value, 1), format="#,##0.#", locale=LOCALE))


def share_text(share: float | None) -> str:
    """'31%'; '—' when no record entered the stage yet."""
    if share is None:
        return gettext("—")
    return str(numbers.format_percent(share, locale=LOCALE))
