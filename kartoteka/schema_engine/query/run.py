"""Running a checked query: its page of records, its count, its groups and its totals.

    page = run_query(conn, model, query)        # Page(items, next_cursor, count)

Everything is SQLAlchemy Core with bound values only: `where_clause` here, sorting and keyset
cursors in `keyset`, groups in `groups`. A statement is kept per shape of query (the query
without its values) and run again with other values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    false,
    func,
    not_,
    or_,
    select,
    true,
)

from kartoteka.schema_engine import search
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.prepared import Prepared
from kartoteka.schema_engine.query import keyset
from kartoteka.schema_engine.query.groups import groups
from kartoteka.schema_engine.query.operators import OPERATORS, Target
from kartoteka.schema_engine.query.sums import exact_sum
from kartoteka.schema_engine.query.tree import Condition, Group, Node, Not, Page, Query
from kartoteka.schema_engine.records import reader, reads_driver_rows
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.types import field_type


def run_query(conn: Connection, model: AppModel, query: Query) -> Page:
    """A page of records: `query.limit` of them from the cursor on, in sort order."""
    plan = _page_plan(conn.dialect.name, model, query)
    prepared = plan.prepared if reads_driver_rows(conn) else None
    rows: Sequence[Any]
    if prepared is not None:
        rows = prepared.rows(conn, plan.params)
    else:
        rows = conn.execute(plan.statement, plan.params).all()
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    last = plan.page_keys.values_of(rows[-1]) if more else None
    next_cursor = keyset.encode_cursor(last, query.sort) if last is not None else None
    count = count_records(conn, model, query) if query.count else None
    records = reader(model, query.entity).records(conn, rows, from_driver=prepared is not None)
    return Page(records, next_cursor, count)


def page_select(
    dialect: str, model: AppModel, query: Query
) -> tuple[Select[Any], keyset.SortExpressions]:
    """The one statement `run_query` runs for a page (limit + 1 rows, to learn whether more
    follow) on a database of `dialect` ('sqlite' or 'postgresql'), with its values, and its
    sort keys."""
    plan = _page_plan(dialect, model, query)
    return _with_values(plan), plan.page_keys


def count_select(model: AppModel, query: Query) -> Select[Any]:
    """The statement that counts every record of `query` (cursor and limit aside)."""
    return _with_values(_count_plan(model, query))


def count_records(conn: Connection, model: AppModel, query: Query) -> int:
    plan = _count_plan(model, query)
    if plan.prepared is not None and reads_driver_rows(conn):  # as its page
        row = plan.prepared.first(conn, plan.params)
        assert row is not None
        return int(row[0])
    return int(conn.execute(plan.statement, plan.params).scalar_one())


# ---------------------------------------------------------------- statements kept per shape


@dataclass(frozen=True)
class _Plan:
    """A statement whose condition values are named parameters (`kt_0`, `kt_1`...), and the
    values of one query for them."""

    statement: Select[Any]
    params: dict[str, Any]
    keys: keyset.SortExpressions | None = None
    #: The kept statement, to run on the driver's cursor: on SQLite, SQLAlchemy's work for
    #: each execution (result object, rows) took 30 µs of a 50-record page's 160. None: run
    #: through SQLAlchemy (statements not kept, lists of values expanded at each run).
    prepared: Prepared | None = None

    @property
    def page_keys(self) -> keyset.SortExpressions:
        """The sort keys of a page's plan (a count's plan has none)."""
        assert self.keys is not None, "a count's plan has no sort keys"
        return self.keys


def _page_plan(dialect: str, model: AppModel, query: Query) -> _Plan:
    def build(binder: _Binder | None) -> _Plan:
        statement, keys = _build_page(dialect, model, query, binder)
        return _Plan(statement, {}, keys, _prepared(statement, binder))

    return _planned(model, ("page", dialect), query, build)


def _count_plan(model: AppModel, query: Query) -> _Plan:
    def build(binder: _Binder | None) -> _Plan:
        where = where_clause(model, query, binder)
        statement = select(func.count()).select_from(model.table(query.entity)).where(where)
        return _Plan(statement, {}, None, _prepared(statement, binder))

    return _planned(model, ("count",), query, build)


def _planned(
    model: AppModel, kind: tuple[str, ...], query: Query, build: Callable[[_Binder | None], _Plan]
) -> _Plan:
    """The kept plan of `query`'s shape with its values, built (and kept) the first time; a
    query without a shape is built with its values in it. The plan of a query asked again (the
    same object: `query_from_params` keeps them) is found without working out its shape.
    Both are kept in the model's memo (`plans`, `plans_by_query`)."""
    again = model.memo.plans_by_query
    mine: tuple[Query, _Plan] | None = again.get((*kind, id(query)))
    if mine is not None and mine[0] is query:  # the entry holds the query: its id is its own
        return mine[1]
    shape = _shape(query)
    if shape is None:
        return build(None)
    found: _Plan = model.memo.plans.get_or_make((*kind, shape), lambda: build(_Binder(query)))
    plan = replace(found, params=_values(query))
    again.put((*kind, id(query)), (query, plan))
    return plan


def _prepared(statement: Select[Any], binder: _Binder | None) -> Prepared | None:
    """A kept statement to run on the driver's cursor, unless it expands a list of values."""
    if binder is None or binder.expands:
        return None
    return Prepared(statement)


def _with_values(plan: _Plan) -> Select[Any]:
    return plan.statement.params(plan.params) if plan.params else plan.statement


def _build_page(
    dialect: str, model: AppModel, query: Query, binder: _Binder | None
) -> tuple[Select[Any], keyset.SortExpressions]:
    records = reader(model, query.entity)
    lead = _lead(dialect, model, query, binder)
    if lead is None:
        keys = keyset.expressions(model, query.entity, query.sort)
        statement = records.select().add_columns(*keys.labelled())
        statement = statement.where(where_clause(model, query, binder))
    else:
        keys = keyset.expressions(model, query.entity, query.sort, lead.driver.fts.c.rowid)
        statement = _led(model, query, lead, binder).add_columns(*keys.labelled())
    split = dialect == "postgresql"
    statement = keyset.page_statement(statement, keys, query.after, query.limit + 1, split=split)
    return statement, keys


#: Operators whose value is bound as a parameter of a kept statement: one value, a list, or a
#: search term (bound as its LIKE patterns and FTS5 phrase).
_BOUND = ("one", "many", "text")


def _bound_conditions(query: Query) -> list[Condition]:
    """The conditions whose values a kept statement binds, in the order of the filter."""
    found: list[Condition] = []

    def walk(node: Node) -> None:
        if isinstance(node, Group):
            for item in node.items:
                walk(item)
        elif isinstance(node, Not):
            walk(node.item)
        elif OPERATORS[node.op].value in _BOUND:
            found.append(node)

    if query.filter is not None:
        walk(query.filter)
    return found


class _Binder:
    """Hands out the condition values of a statement being kept as named parameters, named by
    the condition's place in the filter (`kt_0`, `kt_1`...) whatever order the SQL is built in."""

    def __init__(self, query: Query) -> None:
        bound = _bound_conditions(query)
        self.names = {id(c): f"kt_{i}" for i, c in enumerate(bound)}
        #: Whether a value is a list, expanded into the SQL at each run.
        self.expands = any(OPERATORS[c.op].value == "many" for c in bound)

    def __call__(self, condition: Condition) -> Any:
        kind = OPERATORS[condition.op].value
        name = self.names.get(id(condition))
        if name is None:
            return condition.value
        if kind == "text":
            return search.BoundTerm(search.Term.of(condition.value).folded, name)
        return bindparam(name, expanding=kind == "many")


def _values(query: Query) -> dict[str, Any]:
    """The bound values of `query`, named as `_Binder` names them."""
    values: dict[str, Any] = {}
    for i, condition in enumerate(_bound_conditions(query)):
        if OPERATORS[condition.op].value == "text":
            term = search.Term.of(condition.value)
            values.update({f"kt_{i}_{key}": text for key, text in term.values().items()})
        else:
            values[f"kt_{i}"] = condition.value
    return values


def _shape(query: Query) -> tuple[Any, ...] | None:
    """What a kept statement stands for: the query without its bound values; None for queries
    built anew each time (a search, a cursor, `has`: their values shape the SQL)."""
    if query.q or query.after is not None:
        return None
    nodes = _node_shape(query.filter) if query.filter is not None else ()
    if nodes is None:
        return None
    sort = tuple(key.name for key in query.sort)
    return (query.entity, nodes, sort, query.limit, query.trashed)


def _node_shape(node: Node) -> Any:
    if isinstance(node, Group):
        items = [_node_shape(item) for item in node.items]
        return None if None in items else (node.kind, *items)
    if isinstance(node, Not):
        item = _node_shape(node.item)
        return None if item is None else ("not", item)
    kind = OPERATORS[node.op].value
    if kind == "text":  # a term too short for the trigram index is read without it
        return (node.path.name, node.op, search.Term.of(node.value).indexed)
    if kind in _BOUND:
        return (node.path.name, node.op)
    if kind == "flag":
        return (node.path.name, node.op, bool(node.value))
    return None


@dataclass(frozen=True)
class _Lead:
    """A `contains` whose FTS5 table leads a SQLite query in id order (`search.driver`)."""

    condition: Condition
    driver: search.Driver


def _lead(
    dialect: str, model: AppModel, query: Query, binder: _Binder | None = None
) -> _Lead | None:
    """SQLite, records in id order, a `contains` every record must meet: its FTS5 table can
    give the matches in id order, so that a page reads a page of rows, not every match."""
    if dialect != "sqlite" or len(query.sort) != 1:
        return None
    for condition in _conjuncts(query.filter):
        if condition.op == "contains" and condition.path.link is None:
            name = condition.path.field["name"]
            term = condition.value if binder is None else binder(condition)
            found = search.driver(model, query.entity, name, term)
            if found is not None:
                return _Lead(condition, found)
    return None


def _conjuncts(node: Node | None) -> list[Condition]:
    """The conditions every record of a filter must meet on its own."""
    if isinstance(node, Condition):
        return [node]
    if isinstance(node, Group) and node.kind == "and":
        return [item for item in node.items if isinstance(item, Condition)]
    return []


def _led(
    model: AppModel, query: Query, lead: _Lead, binder: _Binder | None = None
) -> Select[Any]:
    """The records of `query` read through the FTS5 table of `lead`, joined on rowid = id."""
    table = model.table(query.entity)
    rest = _without(query.filter, lead.condition)
    where = where_clause(model, replace(query, filter=rest), binder)
    fts = lead.driver.fts
    joined = fts.join(table, table.c.id == fts.c.rowid)
    select_ = reader(model, query.entity).select(base=joined)
    return select_.where(where, lead.driver.match, lead.driver.like)


def _without(node: Node | None, condition: Condition) -> Node | None:
    if node is condition or node is None:
        return None
    if isinstance(node, Group):
        return Group(node.kind, tuple(item for item in node.items if item is not condition))
    return node


def run_groups(conn: Connection, model: AppModel, query: Query) -> list[dict[str, Any]]:
    """The groups of `query.group_by` with their counts and aggregates (see `groups`)."""
    if query.group_by is None:
        raise QueryError("run_groups needs a query with group_by")
    return groups(conn, model, query.entity, query.group_by, query.aggregate,
                  where_clause(model, query))


def where_clause(
    model: AppModel, query: Query, binder: _Binder | None = None
) -> ColumnElement[bool]:
    """Which records a query is about: live (or trashed), matching its filter and q (with
    `binder`, condition values as named parameters)."""
    table = model.table(query.entity)
    deleted = table.c.deleted_at
    live = deleted.is_not(None) if query.trashed else deleted.is_(None)
    parts: list[ColumnElement[bool]] = [live]
    if query.filter is not None:
        parts.append(_sql(model, query.entity, query.filter, binder))
    if query.q:
        parts.append(search.matches(model, query.entity, query.q))
    return and_(*parts)


def _sql(
    model: AppModel, entity: str, node: Node, binder: _Binder | None = None
) -> ColumnElement[bool]:
    if isinstance(node, Group):
        parts = [_sql(model, entity, item, binder) for item in node.items]
        if node.kind == "and":
            return and_(true(), *parts)
        return or_(false(), *parts)
    if isinstance(node, Not):
        # NULL would make NOT (x) unknown: a record "not matching" x is one where x is not true
        return not_(func.coalesce(_sql(model, entity, node.item, binder), false()))
    return _condition_sql(model, entity, node, binder)


def _condition_sql(
    model: AppModel, entity: str, condition: Condition, binder: _Binder | None = None
) -> ColumnElement[bool]:
    path, operator = condition.path, OPERATORS[condition.op]
    value = condition.value if binder is None else binder(condition)
    if path.link is None:
        target = Target(model, entity, path.field, model.table(entity))
        return operator.build(target, value)
    linked = path.link["to"]
    inner = operator.build(Target(model, linked, path.field, model.table(linked)), value)
    return _through(model, entity, path.link, inner)


def _through(
    model: AppModel, entity: str, link: Field, inner: ColumnElement[bool]
) -> ColumnElement[bool]:
    """Records whose `link` points at a record meeting `inner` (one hop)."""
    table, target = model.table(entity), model.table(link["to"])
    matching = select(target.c.id).where(inner).correlate(None)
    if field_type(link["type"]).has_column:  # link; links go through their junction table
        return table.c[link["name"]].in_(matching)
    junction = model.junction(entity, link)
    live = matching.where(target.c.deleted_at.is_(None))
    return table.c.id.in_(select(junction.source).where(junction.target.in_(live)).correlate(None))



def run_totals(
    conn: Connection, model: AppModel, query: Query, names: Sequence[str]
) -> tuple[int, dict[str, Any]]:
    """How many records `query` selects and the sum of each number field in `names`, over every
    matching record (cursor and limit aside), in one statement: a list's totals row.

        run_totals(conn, model, query, ["amount"])   # (150, {"amount": Decimal("412000.5")})
    """
    table = model.table(query.entity)
    sums = []
    for name in names:
        f = model.field(query.entity, name)
        kind = field_type(f["type"])
        if "sum" not in kind.aggregates:
            raise QueryError(f"cannot add up {name} ({f['type']}); totals are of number fields")
        sums.append(exact_sum(table.c[name], conn.dialect.name, decimal=kind.family != "integer"))
    columns = [column for total in sums for column in total.columns]
    statement = select(func.count(), *columns).select_from(table)
    row = conn.execute(statement.where(where_clause(model, query))).one()
    values, at = {}, 1
    for name, total in zip(names, sums, strict=True):
        values[name] = total.value(row[at : at + len(total.columns)])
        at += len(total.columns)
    return int(row[0]), values
