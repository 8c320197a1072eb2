"""What a list page shows: its columns, rows, search, sort, filters and the next page's link.

The query string is the API's (`field__op=value`, `q`, `sort`, `cursor`), read by the schema
engine's `query_from_params`, so that `/records/deal?stage=won` lists the won deals. Pages are
keyset pages: a "Load more" link carries the next cursor, and nothing counts the whole table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from markupsafe import Markup
from sqlalchemy import Connection

from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.types import field_type
from kartoteka.ui.fields import CardUrl, show
from kartoteka.ui.labels import entity_label, field_label, new_label, record_title
from kartoteka.ui.pages.list import filters, views
from kartoteka.ui.pages.list.columns import (
    ColumnChoice,
    column_choices,
    parse_columns,
    totalled,
    with_title_first,
)
from kartoteka.ui.pages.list.filter_fields import BuilderView, builder_view, utc_to_typed
from kartoteka.ui.pages.list.sentences import describe
from kartoteka.ui.pages.list.totals import Totals, run_totals

#: Columns a list shows until views choose their own: the title field and the next few.
DEFAULT_COLUMNS = 5
#: Query-string words the UI does not pass on: the page's cursor, and counting the whole table.
NOT_KEPT = frozenset({"cursor", "count"})

Params = list[tuple[str, str]]


def default_columns(model: AppModel, entity: str, leave_out: str | None = None) -> list[Field]:
    """The title field first, then the next fields in their order (`leave_out`: one to skip,
    such as the link back to the card a related list is on)."""
    fields = model.fields(entity)
    title = model.title_field(entity)
    first = [fields[title]] if title else []
    rest = [f for name, f in fields.items()
            if name not in (title, leave_out) and field_type(f["type"]).listed]
    return [*first, *rest][:DEFAULT_COLUMNS]


@dataclass(frozen=True)
class Row:
    id: int
    title: str
    url: str
    cells: list[Markup]
    #: The record's version, which a bulk change checks (None where nothing changes records).
    version: int | None = None


def rows(model: AppModel, entity: str, records: Sequence[dict[str, Any]],
         columns: Sequence[Field], card_url: CardUrl) -> list[Row]:
    """The cells of each record; the first column names the record and links to its card."""
    return [
        Row(r["id"], record_title(model, entity, r), card_url(entity, r["id"]),
            [show(f, r[f["name"]], card_url) for f in columns], r.get("version"))
        for r in records
    ]


@dataclass(frozen=True)
class Header:
    """A column header: its label, the link that sorts by it, and how the list is sorted now."""

    label: str
    sort_url: str | None
    #: "ascending", "descending" or None (the values of aria-sort).
    sorted: str | None


def headers(columns: Sequence[Field], params: Params, url: Callable[[Params], str]) -> list[Header]:
    """Headers that sort by their column: ascending first, descending when clicked again."""
    current = dict(params).get("sort", "").split(",")[0]
    found = []
    for f in columns:
        name = str(f["name"])
        state = {name: "ascending", f"-{name}": "descending"}.get(current)
        wanted = f"-{name}" if state == "ascending" else name
        link = url(replaced(params, "sort", wanted)) if field_type(f["type"]).sortable else None
        found.append(Header(field_label(f), link, state))
    return found


def kept(params: Sequence[tuple[str, str]]) -> Params:
    """The query string a list passes on to its links and forms."""
    return [(k, v) for k, v in params if k not in NOT_KEPT]


def replaced(params: Params, key: str, value: str | None) -> Params:
    """`params` with `key` set to `value` (left out when None)."""
    rest = [(k, v) for k, v in params if k != key]
    return rest if value is None else [*rest, (key, value)]


def hidden_inputs(params: Params) -> Params:
    """What the search form sends besides `q`: the sort and the filters in force."""
    return [(k, v) for k, v in params if k != "q"]


@dataclass(frozen=True)
class ViewLink:
    """A view in the switcher: its name, the list's URL with it, and what may be done to it."""

    key: str
    name: str
    url: str
    shared: bool
    current: bool


@dataclass(frozen=True)
class ListPage:
    """Everything `list.html` and `_records.html` show."""

    entity: str
    label: str
    columns: list[Field]
    headers: list[Header]
    rows: list[Row]
    q: str
    searchable: bool
    hidden: Params
    filters: list[str]
    more_url: str | None
    clear_url: str
    #: Whether the first column is the title field (else rows start with "Deal #12").
    title_column: bool = True
    #: The query string the list runs (filters, q, sort), for totals and the board.
    query_params: Params = dataclass_field(default_factory=list)
    #: The query string as shown (with the columns and the view), for forms that come back.
    kept: Params = dataclass_field(default_factory=list)
    column_choices: list[ColumnChoice] = dataclass_field(default_factory=list)
    builder: BuilderView | None = None
    #: Whether a totals row applies (a money, integer or decimal column is shown).
    totalled: bool = False
    #: The totals, when asked for in the URL (`totals=1`, the no-JavaScript way).
    totals: Totals | None = None
    show_totals_url: str = ""
    views: list[ViewLink] = dataclass_field(default_factory=list)
    view: ViewLink | None = None
    all_url: str = ""
    select_all: bool = False
    select_all_url: str = ""
    #: Whether rows can be ticked for a bulk change (not in the trash).
    selectable: bool = True
    #: The "New deal" button of the list's head and of its empty state.
    new_label: str = ""


@dataclass(frozen=True)
class Viewer:
    """Who looks at a list: their views and the users a filter or a bulk change offers."""

    user_id: int
    is_admin: bool
    users: list[tuple[int, str]]


def run_list(conn: Connection, model: AppModel, entity: str, params: Sequence[tuple[str, str]],
             url: Callable[[Params], str], card_url: CardUrl,
             viewer: Viewer | None = None) -> ListPage:
    """Run the list's query and gather what the page shows (`url(params)`: the list's URL)."""
    given = kept(params)
    settings = dict(given)
    engine = engine_params(given)
    query = queries.query_from_params(model, entity, [*engine, *_cursor(params)])
    shown = shown_columns(model, entity, settings.get("columns"))
    page = queries.run_query(conn, model, query)
    more = url([*given, ("cursor", page.next_cursor)]) if page.next_cursor else None
    title_column = model.title_field(entity) is not None
    rows_shown = rows(model, entity, page.items, shown, card_url)
    totals = (run_totals(conn, model, query, totals_columns(model, entity, shown), card_url)
              if settings.get("totals") and totalled(shown) else None)
    return ListPage(
        entity=entity, label=entity_label(model, entity, plural=True), columns=shown,
        headers=headers(shown, given, url), rows=rows_shown,
        q=query.q or "", searchable=bool(model.searchable(entity)),
        hidden=hidden_inputs(_lasting(given)),
        filters=describe(query.filter), more_url=more,
        clear_url=url([(k, v) for k, v in given if k in ("q", "sort", "columns")]),
        title_column=title_column, query_params=engine, kept=_lasting(given),
        column_choices=column_choices(model, entity, shown),
        builder=builder_view(model, entity,
                             utc_to_typed(model, entity, filters.from_params(engine)),
                             viewer.users if viewer else []),
        totalled=bool(totalled(shown)), totals=totals,
        **_views(conn, model, entity, settings.get("view"), viewer, url),
        select_all=settings.get("select") == "all",
        show_totals_url=url([*_lasting(given), ("totals", "1")]),
        select_all_url=url([*_lasting(given), ("select", "all")]),
        selectable=not query.trashed, new_label=new_label(model, entity),
    )


def engine_params(params: Sequence[tuple[str, str]]) -> Params:
    """The query string without the list page's own words: what the engine reads."""
    return [(k, v) for k, v in params if k not in filters.UI_PARAMS]


def _lasting(params: Params) -> Params:
    """What a list keeps when it comes back after a form: the view's parts, not messages."""
    return [(k, v) for k, v in params if k not in ("totals", "select", "done", "bulk")]


def shown_columns(model: AppModel, entity: str, text: str | None) -> list[Field]:
    """The columns of `columns=` (the title first), else the defaults."""
    if not text:
        return default_columns(model, entity)
    return with_title_first(model, entity, parse_columns(model, entity, text))


def totals_columns(model: AppModel, entity: str, shown: list[Field]) -> list[Field]:
    """The columns as the totals row lines them up: its first cell is the title's."""
    if model.title_field(entity) is not None:
        return shown
    return [{"name": "", "type": "text"}, *shown]


def _views(conn: Connection, model: AppModel, entity: str, key: str | None,
           viewer: Viewer | None, url: Callable[[Params], str]) -> dict[str, Any]:
    """The switcher's views (the user's own, then shared ones) and the one in use."""
    found = [*(views.personal_views(conn, viewer.user_id, entity) if viewer else []),
             *views.shared_views(model, entity)]
    links = [ViewLink(v.key, v.name, url(views.params_of(v)), v.shared, v.key == key)
             for v in found]
    current = next((link for link in links if link.current), None)
    return {"views": links, "view": current, "all_url": url([])}


def _cursor(params: Sequence[tuple[str, str]]) -> Params:
    return [(k, v) for k, v in params if k == "cursor"][:1]
