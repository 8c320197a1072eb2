"""What a kanban board shows: a column per stage, with counts, money sums and the first cards.

`/records/{entity}/board` groups the records of an entity by its stage field (the first one, or
the one `?field=` names). Counts and sums come from one grouped query over every record the
board's filters select (the engine's `run_groups`, as `POST /api/records/{entity}/query` with
`group_by` runs it), so a column's total covers its records beyond the cards shown. Cards come
from one query per column, limited to `CARDS` and sorted newest first (`-id`, which the stage
field's index serves); a column's "Show more" reads the next keyset page. The filters of the
list's query string (`owner=3`, `q=`, `amount__gt=5000`) apply to the board as they are.

Moving a card is `move_card`: the engine's `update_record` with the version the board showed,
as the record card and the API save; a stale version is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from babel import numbers
from markupsafe import Markup
from sqlalchemy import Connection

from kartoteka.platform.stages import stage_fields
from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import update_record
from kartoteka.schema_engine.types import is_summable, option_values
from kartoteka.ui.fields import CardUrl, field_ui, option_label, show
from kartoteka.ui.i18n import LOCALE, gettext, ngettext
from kartoteka.ui.labels import entity_label, field_label, record_title
from kartoteka.ui.pages.list.listing import Params, kept
from kartoteka.ui.pages.list.sentences import describe

#: Cards a column shows before "Show more".
CARDS = 20
#: Newest first: the stage field's index gives a column's first cards without sorting them.
DEFAULT_SORT = "-id"
#: Query-string words that are the board's own, not filters of the records.
OWN_WORDS = frozenset({"field", "moved", "column", "limit", "done", "figures"})


@dataclass(frozen=True)
class Value:
    label: str
    value: Markup


@dataclass(frozen=True)
class BoardCard:
    """One record on the board; `version` goes back with a move (optimistic concurrency)."""

    id: int
    version: int
    title: str
    url: str
    stage: str | None
    values: list[Value]


@dataclass(frozen=True)
class Column:
    """One stage: its records' count and sums (all of them), its first cards."""

    #: The stage value; "" for the records without one.
    key: str
    #: The column's HTML id: stage values are any text, so columns are numbered.
    dom_id: str
    label: str
    total: int
    count: Markup
    sums: list[Value]
    #: "won", "lost" or None (an open stage).
    closed: str | None
    cards: list[BoardCard]
    #: The next cards (htmx) and, without JavaScript, the list of this stage's records.
    more_url: str | None
    list_url: str | None
    #: Whether cards can be moved here (a declared option).
    target: bool


@dataclass(frozen=True)
class Board:
    """Everything `board.html` shows."""

    entity: str
    label: str
    field: str
    field_label: str
    #: The entity's stage fields, (name, label), when there are several to choose from.
    stage_fields: list[tuple[str, str]]
    open: list[Column]
    closed: list[Column]
    #: Every declared option, (value, label): where a card can go.
    options: list[tuple[str, str]]
    filters: list[str]
    q: str
    searchable: bool
    #: The board's query string (filters, `field`), kept by its links and forms.
    params: Params
    #: The same records in the list; the board without its filters.
    list_url: str
    clear_url: str

    @property
    def columns(self) -> list[Column]:
        return [*self.open, *self.closed]


# ---------------------------------------------------------------- the stage field


def chosen_stage(model: AppModel, entity: str, wanted: str | None) -> Field | None:
    """The stage field `?field=` names, else the first; None when the entity has none.

    A `wanted` name that is no stage field of the entity is a `LookupError` naming those
    there are."""
    found = stage_fields(model, entity)
    if wanted is None or not found:
        return found[0] if found else None
    for f in found:
        if f["name"] == wanted:
            return f
    names = ", ".join(str(f["name"]) for f in found)
    raise LookupError(gettext("“%(name)s” is not a stage field here; the stage fields are: "
                              "%(names)s.", name=wanted, names=names))


def stage_options(stage: Field) -> list[tuple[str, str]]:
    """(value, label) of every declared stage: where a card can be moved."""
    return [(v, option_label(stage, v)) for v in option_values(stage)]


def query_params(params: Sequence[tuple[str, str]]) -> Params:
    """The filters of the board's query string: what the list's query takes of it."""
    return [(k, v) for k, v in kept(params) if k not in OWN_WORDS]


def board_params(params: Sequence[tuple[str, str]]) -> Params:
    """What the board's links and forms keep of its query string: the filters and `field`."""
    return [(k, v) for k, v in kept(params) if k not in OWN_WORDS or k == "field"]


# ---------------------------------------------------------------- reading the board

#: Query-string pairs -> a path.
Url = Callable[[Params], str]


@dataclass(frozen=True)
class Links:
    """How the board names its pages: the card, the list, the board, a column's next cards."""

    card: CardUrl
    list: Url
    board: Url
    cards: Url


def read_board(conn: Connection, model: AppModel, entity: str, stage: Field,
               params: Sequence[tuple[str, str]], links: Links, *,
               with_cards: bool = True) -> Board:
    """The board of `entity` by `stage`, its records filtered by the query string `params`
    (`with_cards=False`: the columns' counts and sums alone, as a move updates them)."""
    filters = query_params(params)
    base = queries.query_from_params(model, entity, _with_sort(filters))  # checks every filter
    grouped = column_totals(conn, model, entity, stage, base)
    kept_params = board_params(params)
    columns = [_column(conn, model, entity, stage, group, i, filters, kept_params, links,
                       with_cards) for i, group in enumerate(grouped)]
    closed = set(stage.get("won", [])) | set(stage.get("lost", []))
    choices = stage_fields(model, entity)
    return Board(
        entity=entity, label=entity_label(model, entity, plural=True), field=str(stage["name"]),
        field_label=field_label(stage),
        stage_fields=[(str(f["name"]), field_label(f)) for f in choices] if len(choices) > 1
        else [],
        open=[c for c in columns if c.key not in closed],
        closed=[c for c in columns if c.key in closed],
        options=stage_options(stage),
        filters=describe(base.filter), q=base.q or "",
        searchable=bool(model.searchable(entity)), params=kept_params,
        list_url=links.list(filters), clear_url=links.board(
            [(k, v) for k, v in kept_params if k == "field"]),
    )


def _with_sort(filters: Params) -> Params:
    return filters if any(k == "sort" for k, _ in filters) else [*filters, ("sort", DEFAULT_SORT)]


def money_fields(model: AppModel, entity: str) -> list[Field]:
    """The money fields a column adds up (not one marked `"summable": false`)."""
    return [f for f in model.fields(entity).values() if f["type"] == "money" and is_summable(f)]


def column_totals(conn: Connection, model: AppModel, entity: str, stage: Field,
                  base: queries.Query) -> list[dict[str, Any]]:
    """Every stage option in order (zeros too), then other stored values and the records
    without one: `{"key", "count", "<money>_sum"...}`, over every record `base` selects."""
    sums = tuple((str(f["name"]), "sum") for f in money_fields(model, entity))
    grouped = replace(base, group_by=str(stage["name"]), aggregate=sums, after=None)
    return queries.run_groups(conn, model, grouped)


def _column(conn: Connection, model: AppModel, entity: str, stage: Field,
            group: Mapping[str, Any], index: int, filters: Params, params: Params,
            links: Links, with_cards: bool) -> Column:
    key = group["key"]
    declared = key in option_values(stage)
    name = str(stage["name"])
    pick = column_filter(name, key) if declared or key is None else None
    page = (read_cards(conn, model, entity, [*filters, pick])
            if with_cards and pick is not None and group["count"] else None)
    return Column(
        key="" if key is None else str(key), dom_id=column_id(index),
        label=gettext("%(field)s not set", field=field_label(stage)) if key is None
        else option_label(stage, str(key)),
        total=group["count"], count=count_text(group["count"]),
        sums=[Value(field_label(f), show(f, group[f"{f['name']}_sum"], links.card))
              for f in money_fields(model, entity)],
        closed=_closed(stage, key),
        cards=[] if page is None else board_cards(model, entity, stage, page.items, links.card),
        more_url=None if page is None or page.next_cursor is None else links.cards(
            [*params, ("column", "" if key is None else str(key)),
             ("cursor", page.next_cursor)]),
        list_url=None if pick is None else links.list([*filters, pick]),
        target=declared,
    )


def column_id(index: int) -> str:
    """The HTML id of the board's `index`th column (stage values are any text)."""
    return f"column-{index}"


def column_filter(name: str, key: str | None) -> tuple[str, str]:
    """The filter of one column: its stage, or no stage at all."""
    return (f"{name}__empty", "true") if key is None else (name, key)


def _closed(stage: Field, key: Any) -> str | None:
    if key in stage.get("won", []):
        return "won"
    return "lost" if key in stage.get("lost", []) else None


def count_text(count: int) -> Markup:
    shown = numbers.format_decimal(count, locale=LOCALE)
    return Markup('<span class="count">{}</span>').format(
        ngettext("%(num)s record", "%(num)s records", count, num=shown))


def read_cards(conn: Connection, model: AppModel, entity: str,
               params: Sequence[tuple[str, str]]) -> queries.Page:
    """A page of one column's cards: `params` are the filters, the column's and a cursor."""
    given = [*params, ("limit", str(CARDS))]
    return queries.run_query(conn, model, queries.query_from_params(
        model, entity, _with_sort(given)))


def column_cards(conn: Connection, model: AppModel, entity: str, stage: Field,
                 params: Sequence[tuple[str, str]], links: Links
                 ) -> tuple[list[BoardCard], str | None]:
    """The next cards of one column (`column=` and `cursor=` in `params`) and the URL of the
    ones after them."""
    given = dict(params)
    key = given.get("column", "")
    options = option_values(stage)
    if key and key not in options:
        raise LookupError(gettext("“%(name)s” is not a stage of %(field)s.", name=key,
                                  field=field_label(stage)))
    pick = column_filter(str(stage["name"]), key or None)
    cursor = [("cursor", given["cursor"])] if given.get("cursor") else []
    page = read_cards(conn, model, entity, [*query_params(params), pick, *cursor])
    more = None
    if page.next_cursor:
        more = links.cards([*board_params(params), ("column", key), ("cursor", page.next_cursor)])
    return board_cards(model, entity, stage, page.items, links.card), more


def board_cards(model: AppModel, entity: str, stage: Field, records: Sequence[dict[str, Any]],
                card_url: CardUrl) -> list[BoardCard]:
    """The cards of `records`: title, money and link values, owner."""
    shown = card_fields(model, entity)
    return [board_card(model, entity, stage, r, shown, card_url) for r in records]


def card_fields(model: AppModel, entity: str) -> list[Field]:
    """The fields a card shows under its title: money and links to other records."""
    return [f for f in model.fields(entity).values() if field_ui(f).on_board_card]


def board_card(model: AppModel, entity: str, stage: Field, record: Mapping[str, Any],
               shown: Sequence[Field], card_url: CardUrl) -> BoardCard:
    values = [Value(field_label(f), show(f, record[f["name"]], card_url))
              for f in shown if record[f["name"]] not in (None, "")]
    owner = record.get("owner")
    if owner:
        values.append(Value(gettext("Owner"),
                            Markup("{}").format(owner.get("title") or f"#{owner['id']}")))
    return BoardCard(
        id=int(record["id"]), version=int(record["version"]),
        title=record_title(model, entity, dict(record)), url=card_url(entity, int(record["id"])),
        stage=record[stage["name"]], values=values,
    )


# ---------------------------------------------------------------- moving a card


def move_card(conn: Connection, model: AppModel, entity: str, stage: Field, record_id: int,
              version: int, to: str, user_id: int) -> dict[str, Any]:
    """Set the record's stage to `to` if it is still at `version`: the engine's update, as the
    card and the API save (StaleRecord, RecordNotFound and RecordInvalid as they raise them)."""
    return update_record(conn, model, entity, record_id, {str(stage["name"]): to},
                         user_id=user_id, if_version=version)
