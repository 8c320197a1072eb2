"""The totals row of a list: how many records its filter selects and the sums of its money,
integer and decimal columns, over every matching record (not just the page shown).

It is its own request (`/records/{entity}/totals?...`, loaded by htmx once the rows are there),
so that adding up 100,000 deals never delays the first rows; without JavaScript the list shows
a "Show totals" link that reloads it with `totals=1`. One statement (`run_totals`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel import numbers
from markupsafe import Markup
from sqlalchemy import Connection

from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.model import AppModel
from kartoteka.ui.fields import CardUrl, empty, show
from kartoteka.ui.i18n import LOCALE, ngettext
from kartoteka.ui.pages.list.columns import totalled


@dataclass(frozen=True)
class Totals:
    """What the totals row shows: "Total of 150 records", then a cell per column after the
    first."""

    summary: str
    cells: list[Markup]


def run_totals(conn: Connection, model: AppModel, query: queries.Query,
               columns: Sequence[Field], card_url: CardUrl) -> Totals:
    """The totals of `query` under `columns` (the first column holds the count)."""
    names = [str(f["name"]) for f in totalled(columns)]
    count, sums = queries.run_totals(conn, model, query, names)
    cells = [show(f, sums[f["name"]], card_url) if f["name"] in sums else empty()
             for f in columns[1:]]
    summary = ngettext("Total of %(shown)s record", "Total of %(shown)s records", count,
                       shown=numbers.format_decimal(count, locale=LOCALE))
    return Totals(summary, cells)
