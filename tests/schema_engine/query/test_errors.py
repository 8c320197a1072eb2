"""Bad queries are refused before any SQL runs, with a message naming the problem and the valid
choices; the operator registry describes every condition in words. No database needed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kartoteka.schema_engine.errors import QueryError, UnknownEntity
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query.keyset import encode_cursor
from kartoteka.schema_engine.query.operators import OPERATORS
from kartoteka.schema_engine.query.parse import (
    DEFAULT_LIMIT,
    JSON_KEYS,
    MAX_DEPTH,
    SETTINGS,
    Condition,
    Group,
    query_from_json,
    query_from_params,
)
from kartoteka.schema_engine.types import FIELD_TYPES
from tests.support.queries import crm, params


@pytest.fixture(scope="module")
def model() -> AppModel:
    return AppModel(crm(), 1)


DEAL_FIELDS = (
    "fields are: title, amount, stage, closed_on, client, partners, done, note, id, created_at, "
    "updated_at, created_by, updated_by, owner"
)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("amout=5", f"unknown field 'amout' on entity 'deal'; {DEAL_FIELDS}"),
        (
            "amount__like=5",
            "operator 'like' does not apply to amount (money); "
            "use one of: eq, ne, lt, lte, gt, gte, in, empty",
        ),
        ("title__gt=a", "operator 'gt' does not apply to title (text); use one of: eq, ne, in,"),
        ("amount__gt=abc", "bad value for amount__gt: 'abc' is not a number"),
        ("amount__gt=1e999", "bad value for amount__gt: '1e999' is out of range"),
        ("stage=maybe", "bad value for stage__eq: 'maybe' is not one of the options (new, "),
        ("closed_on__lt=yesterday", "bad value for closed_on__lt: 'yesterday' is not a date"),
        ("done=perhaps", "bad value for done__eq: 'perhaps' is not yes or no"),
        ("done__empty=perhaps", "bad value for done__empty: 'perhaps' is not yes or no"),
        ("client=abc", "bad value for client__eq: 'abc' is not a record id"),
        ("partners__has=0", "bad value for partners__has: '0' is not a record id"),
        ("amount=", "amount__eq needs a value; to find records without amount, use amount__empty"),
        ("title__contains=", "title__contains needs a value"),
        ("amount__in=1,,2", "amount__in takes a list of values"),
        ("title__contains=a\x00b", "title__contains has a NUL character"),
        ("client.cty=x", "unknown field 'cty' on entity 'client'; fields are: name, city,"),
        ("title.city=x", "title is a text field; only link fields lead to other records"),
        ("client.name.x=1", "'client.name.x' goes more than one link deep"),
        ("client.tags__has=z", "bad value for client.tags__has: 'z' is not one of the options"),
        ("limit=501", "limit is a whole number from 1 to 500, not '501'"),
        ("limit=0", "limit is a whole number from 1 to 500"),
        ("limit=ten", "limit is a whole number from 1 to 500"),
        ("limit=5&limit=6", "limit is given twice"),
        ("sort=amout", "unknown field 'amout' on entity 'deal'"),
        ("sort=partners", "cannot sort by partners (links)"),
        ("sort=amount,-amount", "sort names amount twice"),
        ("sort=client.name", "sort by fields of deal; 'client.name' is another entity's"),
        ("sort=amount,", "sort has an empty item"),
        ("cursor=garbage", "the cursor does not belong to this query"),
        ("count=maybe", "count is true or false, not 'maybe'"),
        ("trashed=2", "trashed is true or false"),
        ("filter={bad", "filter must be JSON"),
        ('filter=["stage"]', "a filter is an object"),
    ],
)
def test_bad_query_strings_name_the_problem(model: AppModel, query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        query_from_params(model, "deal", params(query))
    assert str(caught.value).startswith(message)


def test_search_needs_text_fields(model: AppModel) -> None:
    with pytest.raises(QueryError, match="entity 'rate' has no text fields for q to search"):
        query_from_params(model, "rate", [("q", "x")])
    assert query_from_params(model, "rate", [("q", " ")]).q is None


def test_an_unknown_entity_is_not_a_bad_query(model: AppModel) -> None:
    """The API answers 404 for it, not 400."""
    with pytest.raises(UnknownEntity, match="unknown entity 'nope'; entities are: client, deal"):
        query_from_params(model, "nope", [])


def test_a_cursor_of_another_sort_is_refused(model: AppModel) -> None:
    by_amount = query_from_params(model, "deal", [("sort", "-amount")]).sort
    cursor = encode_cursor(("5000", 3), by_amount)
    assert query_from_params(model, "deal", [("sort", "-amount"), ("cursor", cursor)]).after
    with pytest.raises(QueryError, match="the cursor does not belong to this query"):
        query_from_params(model, "deal", [("sort", "amount"), ("cursor", cursor)])


def _nested(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"field": "stage", "value": "won"}
    for _ in range(depth):
        node = {"not": node}
    return node


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (["stage"], "a query is a JSON object with any of: q, sort, limit,"),
        ({"filtr": {}}, "unknown query key 'filtr'; keys are: q, sort, limit, cursor, count,"),
        ({"filter": {"field": "stage"}}, "the condition on stage has no value"),
        ({"filter": {"value": 1}}, 'a condition is {"field": "amount"'),
        ({"filter": {"field": "stage", "value": "won", "opp": "eq"}}, "a condition is {"),
        ({"filter": {"field": "stage", "op": 5, "value": "won"}}, "op must be an operator name"),
        ({"filter": {"and": {"field": "stage"}}}, "'and' takes a list of conditions"),
        ({"filter": {"or": []}}, "an 'or' group needs at least one condition"),
        ({"filter": {"not": {}, "and": []}}, "a 'and' group takes nothing else (found: not)"),
        ({"filter": _nested(MAX_DEPTH + 1)}, f"filter groups nest at most {MAX_DEPTH} deep"),
        ({"filter": {"and": [{"field": "id", "value": 1}] * 201}},
         "a filter has at most 200 conditions"),
        (
            {"filter": {"field": "amount", "op": "gt", "value": [1, 2]}},
            "amount__gt takes one value, not list; use __in for several",
        ),
        ({"filter": {"field": "title", "op": "contains", "value": None}}, "title__contains takes"),
        ({"group_by": "partners"}, "cannot group by partners (links)"),
        ({"group_by": "id"}, "cannot group by id (integer)"),
        ({"group_by": 5}, "group_by is a field name of deal"),
        ({"aggregate": {"amount": "sum"}}, "aggregate needs group_by"),
        ({"group_by": "stage", "aggregate": ["amount"]}, "aggregate is an object"),
        (
            {"group_by": "stage", "aggregate": {"title": "sum"}},
            "cannot aggregate title (text) by 'sum'; use none: aggregate number fields",
        ),
        (
            {"group_by": "stage", "aggregate": {"closed_on": "sum"}},
            "cannot aggregate closed_on (date) by 'sum'; use min, max",
        ),
        (
            {"group_by": "stage", "aggregate": {"amount": "median"}},
            "cannot aggregate amount (money) by 'median'; use sum, avg, min, max",
        ),
        ({"limit": True}, "limit is a whole number from 1 to 500, not True"),
        ({"sort": 5}, "sort is a list of field names"),
        ({"q": 5}, "q is text"),
        ({"cursor": 5}, "cursor is text"),
    ],
)
def test_bad_json_queries_name_the_problem(model: AppModel, body: Any, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        query_from_json(model, "deal", body)
    assert str(caught.value).startswith(message)


def test_a_checked_query_holds_parsed_values(model: AppModel) -> None:
    query = query_from_params(
        model, "deal", params("amount__gt=1 000,50&closed_on__lt=01.02.2024&stage__in=WON,lost")
    )
    assert isinstance(query.filter, Group)
    values = [c.value for c in query.filter.items if isinstance(c, Condition)]
    assert [str(values[0]), values[1], values[2]] == [
        "1000.50",
        dt.date(2024, 2, 1),
        ["won", "lost"],
    ]
    assert (query.limit, query.count, query.trashed, query.after) == (
        DEFAULT_LIMIT,
        False,
        False,
        None,
    )
    assert [k.name for k in query.sort] == ["-id"]


# ---------------------------------------------------------------- the operator registry


def test_every_operator_a_type_names_is_in_the_registry() -> None:
    named = {op for kind in FIELD_TYPES.values() for op in kind.operators}
    assert named == set(OPERATORS)
    assert all("{field}" in op.description for op in OPERATORS.values())


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("amount__gt=5000", "amount is greater than 5000"),
        ("amount__lte=1 200,50", "amount is at most 1200.5"),
        ("amount=5000", "amount is 5000"),
        ("stage__ne=won", "stage is not won"),
        ("stage__in=won,lost", "stage is one of won, lost"),
        ("closed_on__lt=2024-01-01", "Closed on is before 2024-01-01"),
        ("closed_on__gte=2024-01-01", "Closed on is on or after 2024-01-01"),
        ("created_at__gt=2024-01-01T10:00:00Z", "created at is after 2024-01-01T10:00:00Z"),
        ("amount__empty=true", "amount is empty"),
        ("amount__empty=false", "amount is not empty"),
        ("done=yes", "done is yes"),
        ("title__contains=Pharma", "title contains Pharma"),
        ("title__startswith=Ph", "title starts with Ph"),
        ("partners__has=3", "partners has 3"),
        ("client.city=Paris", "client city is Paris"),
    ],
)
def test_conditions_read_as_sentences(model: AppModel, query: str, sentence: str) -> None:
    condition = query_from_params(model, "deal", params(query)).filter
    assert isinstance(condition, Condition)
    assert condition.describe() == sentence


def test_operators_describe_a_label_and_a_value() -> None:
    assert OPERATORS["gt"].describe("amount", 5000) == "amount is greater than 5000"
    assert OPERATORS["lt"].describe("due", dt.date(2026, 5, 1)) == "due is before 2026-05-01"


# ---------------------------------------------------------------- any input at all

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
WORDS = st.sampled_from(
    [
        "stage",
        "amount",
        "client",
        "client.city",
        "partners",
        "title",
        "done",
        "note",
        "id",
        "and",
        "or",
        "not",
        "field",
        "op",
        "value",
        "eq",
        "gt",
        "in",
        "has",
        "empty",
        "contains",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    body=st.dictionaries(
        st.sampled_from([*JSON_KEYS, "x"]),
        JSON | WORDS | st.fixed_dictionaries({"field": WORDS, "op": WORDS, "value": JSON}),
        max_size=4,
    )
)
def test_any_json_is_a_query_or_a_query_error(model: AppModel, body: dict[str, Any]) -> None:
    try:
        query = query_from_json(model, "deal", body)
    except QueryError as error:
        assert str(error)
    else:
        assert query.entity == "deal"


@settings(max_examples=300, deadline=None)
@given(
    given_params=st.lists(
        st.tuples(WORDS | st.sampled_from(SETTINGS) | st.text(max_size=6), st.text(max_size=8)),
        max_size=4,
    )
)
def test_any_query_string_is_a_query_or_a_query_error(
    model: AppModel, given_params: list[tuple[str, str]]
) -> None:
    try:
        query = query_from_params(model, "deal", given_params)
    except QueryError as error:
        assert str(error)
    else:
        assert query.entity == "deal"
