"""Grouped counts and aggregates of a record query (`"group_by": "stage"`, `"aggregate": ...`).

Grouping by a select or stage field lists every option in order, zeros included (a kanban board
shows its empty columns), then any other stored value, then the group of records without a value
(key null) when there are some. Other fields give one group per value, in order, empty last.
Link and user keys are `{"id", "title"}` like record values.

    [{"key": "new", "count": 3, "amount_sum": 4200}, {"key": "won", "count": 0, "amount_sum": 0}]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, func, select

from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query.sums import Sum, exact_sum
from kartoteka.schema_engine.records import json_value
from kartoteka.schema_engine.shapes import Field
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.tables import ExactDecimal
from kartoteka.schema_engine.types import field_type, option_values

#: Groups of a field other than a select or stage field, at most.
MAX_GROUPS = 1000


def groups(
    conn: Connection, model: AppModel, entity: str, group_by: str,
    aggregate: Sequence[tuple[str, str]], where: ColumnElement[bool],
) -> list[dict[str, Any]]:
    """The groups of the field `group_by` among the records `where` selects, with the
    `aggregate` (field name, "sum" | "avg" | "min" | "max") pairs of each.

    Takes the parts of a parsed query rather than the `Query` itself, which the parser (that
    calls this) defines: the parser imports this module, not the other way round.
    """
    table = model.table(entity)
    f = model.field(entity, group_by)
    key = table.c[f["name"]]
    names = [f"{name}_{how}" for name, how in aggregate]
    measures = [_measure(model, entity, name, how, conn.dialect.name) for name, how in aggregate]
    columns = [column for measure in measures for column in measure.columns]
    statement = select(key, func.count(), *columns).where(where).group_by(key)
    if field_type(f["type"]).by_option:
        empty = [0 if how == "sum" else None
                 for (_, how), measure in zip(aggregate, measures, strict=True)
                 for _ in measure.columns]
        rows = _in_option_order(f, conn.execute(statement).all(), empty)
    else:
        ordered = statement.order_by(key.asc().nulls_last()).limit(MAX_GROUPS + 1)
        rows = list(conn.execute(ordered).all())
        if len(rows) > MAX_GROUPS:
            raise QueryError(
                f"{f['name']} has more than {MAX_GROUPS} different values; filter the records "
                "first, or group by a select or stage field"
            )
    found = [_group(row, names, measures) for row in rows]
    if field_type(f["type"]).is_reference:
        _add_titles(conn, model, f, found)
    return found


def _measure(model: AppModel, entity: str, name: str, how: str, dialect: str) -> Sum:
    column = model.table(entity).c[name]
    if how == "sum":  # the total of no amounts is 0, as a board's column shows it
        decimal = field_type(model.field(entity, name)["type"]).family != "integer"
        return exact_sum(column, dialect, decimal=decimal)
    if how == "avg":
        return Sum((func.avg(column, type_=ExactDecimal()),), False)
    return Sum((func.min(column) if how == "min" else func.max(column),), False)


def _in_option_order(
    f: Field, rows: Sequence[Row[Any]], empty: list[Any]
) -> list[Sequence[Any]]:
    """Every option in order (zeros included: `empty` holds the measures' columns of an
    option without records), other stored values, then the empty group."""
    by_key = {row[0]: tuple(row) for row in rows}
    options = option_values(f)
    ordered: list[Sequence[Any]] = [by_key.get(o, (o, 0, *empty)) for o in options]
    ordered += [by_key[k] for k in sorted(k for k in by_key if k is not None and k not in options)]
    if None in by_key:
        ordered.append(by_key[None])
    return ordered


def _group(row: Sequence[Any], names: list[str], measures: list[Sum]) -> dict[str, Any]:
    group = {"key": json_value(row[0]), "count": int(row[1])}
    at = 2
    for name, measure in zip(names, measures, strict=True):
        group[name] = json_value(measure.value(row[at : at + len(measure.columns)]))
        at += len(measure.columns)
    return group


def _add_titles(conn: Connection, model: AppModel, f: Field, found: list[dict[str, Any]]) -> None:
    ids = [g["key"] for g in found if g["key"] is not None]
    titles = _titles(conn, model, f, ids)
    for g in found:
        if g["key"] is not None:
            g["key"] = {"id": g["key"], "title": titles.get(g["key"])}


def _titles(conn: Connection, model: AppModel, f: Field, ids: Iterable[int]) -> dict[int, Any]:
    if field_type(f["type"]).points_to == "user":
        label = func.coalesce(func.nullif(USERS.c.name, ""), USERS.c.email)
        query = select(USERS.c.id, label).where(USERS.c.id.in_(list(ids)))
    else:
        target = model.table(f["to"])
        title = model.title_field(f["to"])
        query = select(target.c.id, target.c[title] if title else target.c.id)
        query = query.where(target.c.id.in_(list(ids)))
    return {row[0]: json_value(row[1]) for row in conn.execute(query)}
