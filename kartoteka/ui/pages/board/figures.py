"""A board's pipeline figures: the average time in each stage and the share that went on to win.

They read the whole change log of the stage field (kartoteka.platform.pipeline), which takes far
longer than the board itself, so the board never waits for them: its columns come with an empty
place for them and htmx loads `/records/{entity}/board/figures` once the board is shown, whose
answer fills every column at once (out-of-band swaps). Without JavaScript the board links to
itself with `figures=1`, which computes them in the same request.

The figures are the pipeline page's, in its words and number formats (its helpers). They cover
every record of the entity, as the pipeline page does: a board's filters do not narrow them. A
closed column shows the average time alone: every record in a won stage won, and one in a lost
stage went on to win only if it was reopened, so a share there would say nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from kartoteka.platform.pipeline import read_pipeline
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.types import option_values
from kartoteka.ui.i18n import gettext
from kartoteka.ui.pages.board.board import column_id
from kartoteka.ui.pages.board.pipeline import duration_text, share_text

#: The query-string word of a board that shows its figures at once (without JavaScript).
PARAM = "figures"


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class ColumnFigures:
    """What one column shows under its sums; `dom_id` is its column's."""

    dom_id: str
    items: list[Figure]


def read_figures(conn: Connection, model: AppModel, entity: str,
                 stage: Field) -> dict[str, ColumnFigures]:
    """Column id -> its figures, for every declared stage of `stage` (the board's columns of
    the declared options come first, in their order, so the ids match)."""
    figures = read_pipeline(conn, model, entity, str(stage["name"]))
    closed = set(stage.get("won", [])) | set(stage.get("lost", []))
    by_stage = {item["stage"]: item for item in figures["stages"]}
    found = {}
    for index, value in enumerate(option_values(stage)):
        item = by_stage.get(value)
        if item is None:
            continue
        items = [Figure(gettext("Average time in stage"), duration_text(item["avg_seconds"]))]
        if value not in closed:
            items.append(Figure(gettext("Went on to win"), share_text(item["won_share"])))
        found[column_id(index)] = ColumnFigures(column_id(index), items)
    return found
