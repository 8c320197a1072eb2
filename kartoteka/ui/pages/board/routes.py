"""The kanban board: `/records/{entity}/board`, its columns' next cards, and moving a card.

Added before the card's routes, which take any `/records/{entity}/{word}`.

    GET  /records/{entity}/board           the board (`?field=` a stage field; list filters)
    GET  /records/{entity}/board/cards     a column's next cards (htmx; `column=`, `cursor=`)
    GET  /records/{entity}/board/figures   every column's time in stage and wins (htmx)
    POST /records/{entity}/board/move      move a card: `record_id`, `version`, `to`

A move without JavaScript is a plain form: it redirects back to the board (303), which says
what moved; when the move cannot be made the board is answered at once with the reason (409
stale, 404 gone, 422 refused). board.js sends the same form with `HX-Request` and gets
`_board_update.html`: the message, the card as it is now and every column's totals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.errors import RecordInvalid, RecordNotFound, StaleRecord
from kartoteka.schema_engine.records import get_record, parse_id
from kartoteka.schema_engine.types import option_values
from kartoteka.ui.context import Visit, known_entity, run_page, text_form
from kartoteka.ui.errors import PageError
from kartoteka.ui.fields import option_label
from kartoteka.ui.i18n import gettext, message
from kartoteka.ui.labels import entity_label, field_label, record_title
from kartoteka.ui.pages.board.board import (
    Board,
    Links,
    board_card,
    board_params,
    card_fields,
    chosen_stage,
    column_cards,
    column_filter,
    move_card,
    query_params,
    read_board,
    stage_options,
)
from kartoteka.ui.pages.board.figures import PARAM as FIGURES
from kartoteka.ui.pages.board.figures import ColumnFigures, read_figures
from kartoteka.ui.pages.list.listing import Params
from kartoteka.ui.templating import choices, wants_fragment

router = APIRouter(include_in_schema=False)
T = TypeVar("T")



@router.get("/records/{entity}/board", name="record_board")
async def record_board(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await run_page(request, _board, entity, params)


def _board(visit: Visit, entity: str, params: Params) -> Response:
    entity = known_entity(visit, entity)
    stage = _stage(visit, entity, params)
    if stage is None:
        return _no_stage(visit, entity)
    board = read_board(visit.conn, visit.session.model, entity, stage, params,
                       _links(visit, entity))
    figures = None
    if dict(params).get(FIGURES) == "1":  # without JavaScript, asked for: computed here
        figures = read_figures(visit.conn, visit.session.model, entity, stage)
    return _render(visit, board, _moved_message(visit, board, stage, params), figures=figures)


@router.get("/records/{entity}/board/figures", name="board_figures")
async def board_figures(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await run_page(request, _figures, entity, params, wants_fragment(request))


def _figures(visit: Visit, entity: str, params: Params, fragment: bool) -> Response:
    """Every column's pipeline figures, swapped into place by htmx; without it, the board
    that shows them."""
    entity = known_entity(visit, entity)
    stage = _stage(visit, entity, params)
    if stage is None:
        return _no_stage(visit, entity)
    if not fragment:
        return RedirectResponse(visit.url("record_board", [*board_params(params), (FIGURES, "1")],
                                          entity=entity), status_code=303)
    return visit.render(choices("_board_figures_loaded", entity), {
        "board_figures": read_figures(visit.conn, visit.session.model, entity, stage),
        "filtered": bool(query_params(params))})


@router.get("/records/{entity}/board/cards", name="board_cards")
async def board_more(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    return await run_page(request, _more, entity, params, wants_fragment(request))


def _more(visit: Visit, entity: str, params: Params, fragment: bool) -> Response:
    """A column's next cards for htmx; without it, that stage's records in the list."""
    entity = known_entity(visit, entity)
    stage = _stage(visit, entity, params)
    if stage is None:
        return _no_stage(visit, entity)
    key = dict(params).get("column") or None
    list_url = visit.list_url(entity, [*query_params(params),
                                       column_filter(str(stage["name"]), key)])
    if not fragment:
        return RedirectResponse(list_url, status_code=303)
    cards, more = _guarded(lambda: column_cards(
        visit.conn, visit.session.model, entity, stage, params, _links(visit, entity)))
    return visit.render(choices("_board_cards", entity), {
        "cards": cards, "more_url": more, "more_list_url": list_url,
        "options": stage_options(stage),
        "move_url": visit.url("board_move", board_params(params), entity=entity)})


@router.post("/records/{entity}/board/move", name="board_move")
async def board_move(request: Request, entity: str) -> Response:
    params = list(request.query_params.multi_items())
    given = await text_form(request)
    return await run_page(request, _move, entity, params, given, wants_fragment(request),
                          write=True)


def _move(visit: Visit, entity: str, params: Params, form: dict[str, str],
          fragment: bool) -> Response:
    entity = known_entity(visit, entity)
    stage = _stage(visit, entity, params)
    if stage is None:
        return _no_stage(visit, entity)
    record_id, version, to = _move_form(stage, form)
    outcome = _attempt(visit, entity, stage, record_id, version, to)
    if fragment:
        return _update(visit, entity, stage, params, outcome)
    if outcome.status == 200:
        back = [*board_params(params), ("moved", str(record_id))]
        return RedirectResponse(visit.url("record_board", back, entity=entity), status_code=303)
    board = read_board(visit.conn, visit.session.model, entity, stage, params,
                       _links(visit, entity))
    return _render(visit, board, outcome.message, outcome.status, problem=True)


@dataclass(frozen=True)
class Outcome:
    """How a move ended: its status, the record as it is now (None when gone), what to say
    on the board and (`note`) on the card."""

    status: int
    record: dict[str, Any] | None
    message: str
    note: str | None = None


def _attempt(visit: Visit, entity: str, stage: Field, record_id: int, version: int,
             to: str) -> Outcome:
    """Move the card; a stale version, a record gone or refused values are an Outcome."""
    model = visit.session.model
    try:
        record = move_card(visit.conn, model, entity, stage, record_id, version, to,
                           visit.session.user.id)
    except StaleRecord as exc:
        return Outcome(409, exc.current, gettext(
            "“%(title)s” was changed by someone else after this board was loaded, so it was "
            "not moved. It is shown as it is now, in %(stage)s: move it again if you still "
            "want to.", title=record_title(model, entity, exc.current),
            stage=_stage_label(stage, exc.current)),
            gettext("Changed by someone else: shown as it is now."))
    except RecordNotFound:
        return Outcome(404, None, gettext(
            "%(entity)s %(id)s was not moved: it has been moved to the trash or no longer "
            "exists, so it is no longer on the board.", entity=entity_label(model, entity),
            id=record_id))
    except RecordInvalid as exc:
        current = get_record(visit.conn, model, entity, record_id)
        return Outcome(422, current, gettext(
            "“%(title)s” was not moved: %(problems)s. Open its card to fix that first.",
            title=record_title(model, entity, current),
            problems="; ".join(message(e.message) for e in exc.errors)))
    return Outcome(200, record, gettext(
        "“%(title)s” moved to %(stage)s.", title=record_title(model, entity, record),
        stage=_stage_label(stage, record)))


# ---------------------------------------------------------------- helpers


def _links(visit: Visit, entity: str) -> Links:
    return Links(
        card=visit.card_url,
        list=lambda p: visit.list_url(entity, p),
        board=lambda p: visit.url("record_board", p, entity=entity),
        cards=lambda p: visit.url("board_cards", p, entity=entity),
    )


def _stage(visit: Visit, entity: str, params: Params) -> Field | None:
    wanted = dict(params).get("field")
    return _guarded(lambda: chosen_stage(visit.session.model, entity, wanted))


def _guarded(work: Callable[[], T]) -> T:
    """`work()`; a LookupError (a stage or field the address names that is not there) is a
    page in words."""
    try:
        return work()
    except LookupError as exc:
        raise PageError(404, gettext("No such board"), str(exc)) from None


def _no_stage(visit: Visit, entity: str) -> Response:
    """The page of an entity without a stage field: what a board needs, in words (404)."""
    label = entity_label(visit.session.model, entity, plural=True)
    return visit.render(choices("board", entity), {
        "board": None, "label": label, "entity": entity, "current_entity": entity,
        "message": None}, 404)


def _move_url(visit: Visit, board: Board) -> str:
    return visit.url("board_move", board.params, entity=board.entity)


def _render(visit: Visit, board: Board, message: str | None, status: int = 200,
            problem: bool = False, figures: dict[str, ColumnFigures] | None = None) -> Response:
    """The board page; its pipeline figures when given, else the place htmx loads them into."""
    return visit.render(choices("board", board.entity), {
        "board": board, "label": board.label, "entity": board.entity,
        "current_entity": board.entity, "message": message, "problem": problem,
        "options": board.options, "move_url": _move_url(visit, board),
        "board_figures": figures, "filtered": bool(board.filters or board.q),
        "figures_url": visit.url("board_figures", board.params, entity=board.entity),
        "show_figures_url": visit.url("record_board", [*board.params, (FIGURES, "1")],
                                      entity=board.entity)}, status)


def _moved_message(visit: Visit, board: Board, stage: Field, params: Params) -> str | None:
    """After a move without JavaScript (`?moved=12`): where the record is now."""
    moved = parse_id(dict(params).get("moved"))
    if moved is None:
        return None
    model = visit.session.model
    try:
        record = get_record(visit.conn, model, board.entity, moved)
    except RecordNotFound:
        return None
    return gettext("“%(title)s” is now in %(stage)s.",
                   title=record_title(model, board.entity, record),
                   stage=_stage_label(stage, record))


def _stage_label(stage: Field, record: dict[str, Any]) -> str:
    value = record.get(str(stage["name"]))
    if value is None:
        return gettext("no %(field)s", field=field_label(stage))
    return option_label(stage, str(value))


def _move_form(stage: Field, form: dict[str, str]) -> tuple[int, int, str]:
    """(record id, version, stage) of a move form, or a 422 page saying what is wrong."""
    record_id, version, to = (form.get(k, "") for k in ("record_id", "version", "to"))
    options = option_values(stage)
    if parse_id(record_id) is None or parse_id(version) is None:
        raise PageError(422, gettext("Nothing was moved"), gettext(
            "The move form lacks the record or its version. Reload the board and try again."))
    if to not in options:
        raise PageError(422, gettext("Nothing was moved"), gettext(
            "“%(to)s” is not a stage here; the stages are: %(names)s.", to=to,
            names=", ".join(option_label(stage, o) for o in options)))
    return int(record_id), int(version), to



def _update(visit: Visit, entity: str, stage: Field, params: Params,
            outcome: Outcome) -> Response:
    """What board.js swaps in after a move: the message, the card now, every column's totals."""
    model = visit.session.model
    board = read_board(visit.conn, model, entity, stage, params, _links(visit, entity),
                       with_cards=False)
    card = None
    if outcome.record is not None:
        card = board_card(model, entity, stage, outcome.record, card_fields(model, entity),
                          visit.card_url)
    return visit.render(choices("_board_update", entity), {
        "board": board, "card": card, "note": outcome.note, "message": outcome.message,
        "problem": outcome.status != 200, "options": board.options,
        "move_url": _move_url(visit, board)}, outcome.status)
