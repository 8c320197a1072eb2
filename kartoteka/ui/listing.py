"""What a list page shows: its columns, rows, search, sort, filters and the next page's link.

The query string is the API's (`field__op=value`, `q`, `sort`, `cursor`), read by the schema
engine's `query_from_params`, so that `/records/deal?stage=won` lists the won deals. Pages are
keyset pages: a "Load more" link carries the next cursor, and nothing counts the whole table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlalchemy import Connection

from kartoteka.schema_engine import query as queries
from kartoteka.schema_engine.definition_rules import Field
from kartoteka.schema_engine.keyset import UNSORTABLE
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import Condition, Group, Node, Not

from .i18n import gettext
from .values import CardUrl, show

#: Columns a list shows until views choose their own: the title field and the next few.
DEFAULT_COLUMNS = 5
#: Types left out of the default columns (too long for a cell).
NOT_IN_LIST = frozenset({"long_text"})
#: Query-string words the UI does not pass on: the page's cursor, and counting the whole table.
NOT_KEPT = frozenset({"cursor", "count"})

Params = list[tuple[str, str]]


def entity_label(model: AppModel, entity: str, plural: bool = False) -> str:
    """'Deals' (plural) or 'Deal', falling back to the entity's name."""
    declared = model.entity(entity)
    return str(declared.get("plural" if plural else "label") or declared.get("label")
               or declared["name"])


def field_label(f: Field) -> str:
    return str(f.get("label") or f["name"])


def default_columns(model: AppModel, entity: str, leave_out: str | None = None) -> list[Field]:
    """The title field first, then the next fields in their order (`leave_out`: one to skip,
    such as the link back to the card a related list is on)."""
    fields = model.fields(entity)
    title = model.title_field(entity)
    first = [fields[title]] if title else []
    rest = [f for name, f in fields.items()
            if name not in (title, leave_out) and f["type"] not in NOT_IN_LIST]
    return [*first, *rest][:DEFAULT_COLUMNS]


def record_title(model: AppModel, entity: str, record: dict[str, Any]) -> str:
    """What names a record: its title field's value, else 'Deal #12'."""
    title = model.title_field(entity)
    value = record.get(title) if title else None
    if value in (None, ""):
        return gettext("%(entity)s #%(id)s", entity=entity_label(model, entity), id=record["id"])
    if isinstance(value, dict):
        return str(value.get("title") or value["id"])
    return str(value)


@dataclass(frozen=True)
class Row:
    id: int
    title: str
    url: str
    cells: list[Markup]


def rows(model: AppModel, entity: str, records: Sequence[dict[str, Any]],
         columns: Sequence[Field], card_url: CardUrl) -> list[Row]:
    """The cells of each record; the first column names the record and links to its card."""
    return [
        Row(r["id"], record_title(model, entity, r), card_url(entity, r["id"]),
            [show(f, r[f["name"]], card_url) for f in columns])
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
        link = None if f["type"] in UNSORTABLE else url(replaced(params, "sort", wanted))
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


def describe(node: Node | None) -> list[str]:
    """The filters of a query as people read them: ['Stage is won', 'Amount is greater than 5']."""
    if node is None:
        return []
    if isinstance(node, Group) and node.kind == "and":
        return [text for item in node.items for text in describe(item)]
    return [_sentence(node)]


def _sentence(node: Node) -> str:
    if isinstance(node, Condition):
        return node.describe()
    if isinstance(node, Not):
        return gettext("not (%(condition)s)", condition=_sentence(node.item))
    joiner = gettext(" or ") if node.kind == "or" else gettext(" and ")
    return "(" + joiner.join(_sentence(item) for item in node.items) + ")"


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


def run_list(conn: Connection, model: AppModel, entity: str, params: Sequence[tuple[str, str]],
             url: Callable[[Params], str], card_url: CardUrl) -> ListPage:
    """Run the list's query and gather what the page shows (`url(params)`: the list's URL)."""
    given = kept(params)
    query = queries.query_from_params(model, entity, [*given, *_cursor(params)])
    page = queries.run_query(conn, model, query)
    columns = default_columns(model, entity)
    more = url([*given, ("cursor", page.next_cursor)]) if page.next_cursor else None
    return ListPage(
        entity=entity, label=entity_label(model, entity, plural=True), columns=columns,
        headers=headers(columns, given, url), rows=rows(model, entity, page.items, columns,
                                                         card_url),
        q=query.q or "", searchable=bool(model.searchable(entity)), hidden=hidden_inputs(given),
        filters=describe(query.filter), more_url=more,
        clear_url=url([(k, v) for k, v in given if k in ("q", "sort")]),
    )


def _cursor(params: Sequence[tuple[str, str]]) -> Params:
    return [(k, v) for k, v in params if k == "cursor"][:1]
