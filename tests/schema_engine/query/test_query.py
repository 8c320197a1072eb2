"""Record queries on SQLite and PostgreSQL: filters, one-hop filters, search, sorting, pages,
counts, the trash, JSON groups and groupings; every answer checked against known ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from itertools import cycle
from typing import Any

import pytest
from sqlalchemy import Engine

from kartoteka.schema_engine.errors import QueryError
from tests.support.queries import (
    STAGES,
    add_rows,
    all_pages,
    crm,
    groups,
    ids,
    json_ids,
    page,
    shared_app,
)

CLIENTS: list[dict[str, Any]] = [
    {
        "name": "Ольга Иванова",
        "city": "Paris",
        "email": "olga@example.com",
        "status": "vip",
        "tags": ["a"],
    },
    {
        "name": "José Álvarez",
        "city": "Lyon",
        "email": "jose@example.com",
        "status": "active",
        "tags": ["a", "b"],
    },
    {"name": "北京贸易公司", "tags": None},
    {"name": "Acme", "city": "paris", "email": "info@acme.com", "status": "lead", "tags": []},
]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


DEALS: list[dict[str, Any]] = [
    {
        "title": "Pharma supply",
        "amount": Decimal(5000),
        "stage": "new",
        "closed_on": _day("2024-01-10"),
        "client": 1,
        "partners": [2],
        "done": False,
    },
    {
        "title": "pharma renewal",
        "amount": Decimal("12000.5"),
        "stage": "won",
        "closed_on": _day("2024-03-01"),
        "client": 2,
        "partners": [1, 3],
        "done": True,
    },
    {"title": "Office chairs", "stage": "won", "note": "call José about PHARMA"},
    {
        "title": "Café tables",
        "amount": Decimal(300),
        "stage": "lost",
        "closed_on": _day("2023-12-31"),
        "client": 1,
        "done": False,
    },
    {
        "title": "Стулья",
        "amount": Decimal(5000),
        "closed_on": _day("2024-02-15"),
        "client": 3,
        "done": True,
    },
    {"title": "办公桌", "amount": Decimal(7000), "stage": "qualified", "client": 4},
    {"title": "100% match_x", "amount": Decimal(1), "stage": "new", "client": 2},
    {
        "title": "Trashed deal",
        "amount": Decimal(9999),
        "stage": "won",
        "deleted_at": dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
    },
]
LIVE = [7, 6, 5, 4, 3, 2, 1]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    with shared_app(request, tmp_path_factory.mktemp("query"), crm()) as engine:
        add_rows(engine, "client", *CLIENTS)
        add_rows(engine, "deal", *DEALS)
        yield engine


# ---------------------------------------------------------------- the query string


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", LIVE),
        ("stage=won", [3, 2]),
        ("stage__eq=WON", [3, 2]),
        ("stage__ne=won", [7, 6, 5, 4, 1]),
        ("stage__in=new,lost", [7, 4, 1]),
        ("stage__empty=true", [5]),
        ("stage__empty=false", [7, 6, 4, 3, 2, 1]),
        ("amount=5000", [5, 1]),
        ("amount__gt=5000", [6, 2]),
        ("amount__gte=5000", [6, 5, 2, 1]),
        ("amount__lt=5000", [7, 4]),
        ("amount__lte=300", [7, 4]),
        ("amount__gt=1 000,00", [6, 5, 2, 1]),
        ("amount__in=1,300", [7, 4]),
        ("amount__empty=true", [3]),
        ("closed_on__lt=2024-01-01", [4]),
        ("closed_on__gte=01.02.2024", [5, 2]),
        ("closed_on__empty=true", [7, 6, 3]),
        ("done=true", [5, 2]),
        ("done=no", [4, 1]),
        ("done__ne=true", [7, 6, 4, 3, 1]),
        ("title=Office chairs", [3]),
        ("title__in=Стулья,办公桌", [6, 5]),
        ("title__contains=PHARMA", [2, 1]),
        ("title__contains=cafe", [4]),
        ("title__contains=СТУЛ", [5]),
        ("title__contains=公桌", [6]),
        ("title__contains=%", [7]),
        ("title__contains=h_x", [7]),
        ("title__contains=_", [7]),
        ("title__startswith=pharma", [2, 1]),
        ("title__startswith=harma", []),
        ("note__empty=false", [3]),
        ("client=1", [4, 1]),
        ("client__in=2,3", [7, 5, 2]),
        ("client__empty=true", [3]),
        ("client.city=Paris", [4, 1]),
        ("client.city__contains=par", [6, 4, 1]),
        ("client.name__contains=ольга", [4, 1]),
        ("client.status__in=vip,lead", [6, 4, 1]),
        ("client.tags__has=b", [7, 2]),
        ("client.tags__empty=true", [6, 5]),
        ("partners__has=1", [2]),
        ("partners__empty=true", [7, 6, 5, 4, 3]),
        ("partners.name__contains=jose", [1]),
        ("q=pharma", [3, 2, 1]),
        ("q=PHARMA jose", [3]),
        ("q=  ", LIVE),
        ("id__gt=5", [7, 6]),
        ("id__in=2,4", [4, 2]),
        ("owner__empty=true", LIVE),
        ("created_at__lte=2999-01-01", LIVE),
        ("stage=won&amount__gt=5000", [2]),
        ("stage=won&stage=new", []),
        ("trashed=true", [8]),
        ("trashed=true&stage=won", [8]),
        ("trashed=false&stage=won", [3, 2]),
    ],
)
def test_query_string_finds_the_right_records(app: Engine, query: str, expected: list[int]) -> None:
    assert ids(app, "deal", query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tags__has=a", [2, 1]),
        ("tags__has=B", [2]),
        ("tags__empty=true", [4, 3]),
        ("tags__empty=false", [2, 1]),
        ("q=paris", [4, 1]),
        ("q=example OLGA", [1]),
        ("q=example ольга", [1]),
        ("q=ex ol", [1]),
        ('filter={"not": {"field": "name", "op": "contains", "value": "álvarez"}}', [4, 3, 1]),
        ("status=vip&q=paris", [1]),
    ],
)
def test_clients_by_options_and_search(app: Engine, query: str, expected: list[int]) -> None:
    assert ids(app, "client", query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sort=amount", [7, 4, 1, 5, 6, 2, 3]),
        ("sort=-amount", [2, 6, 5, 1, 4, 7, 3]),
        ("sort=closed_on", [4, 1, 5, 2, 3, 6, 7]),
        ("sort=-closed_on", [2, 5, 1, 4, 7, 6, 3]),
        ("sort=stage", [1, 7, 6, 2, 3, 4, 5]),
        ("sort=-stage", [4, 3, 2, 6, 7, 1, 5]),
        ("sort=-stage,amount", [4, 2, 3, 6, 7, 1, 5]),
        ("sort=done,-amount", [1, 4, 2, 5, 6, 7, 3]),
        ("sort=client", [6, 2, 7, 1, 4, 5, 3]),
        ("sort=-client", [5, 4, 1, 7, 2, 6, 3]),
        ("sort=id", [1, 2, 3, 4, 5, 6, 7]),
        ("sort=amount,-id", [7, 4, 5, 1, 6, 2, 3]),
        ("sort=-amount&stage=won", [2, 3]),
    ],
)
def test_sorting_puts_empty_values_last_both_ways(
    app: Engine, query: str, expected: list[int]
) -> None:
    assert ids(app, "deal", query) == expected


@pytest.mark.parametrize(
    "sort",
    [
        "",
        "sort=-amount",
        "sort=stage,closed_on",
        "sort=client",
        "sort=id&title__contains=pharma",
        "q=pharma&title__contains=harm&stage__ne=lost",
    ],
)
@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_pages_follow_each_other_without_gaps_or_repeats(app: Engine, sort: str, size: int) -> None:
    pages = all_pages(app, "deal", sort, cycle([size]))
    assert [i for p in pages for i in p] == ids(app, "deal", sort)
    assert all(len(p) == size for p in pages[:-1]) and 0 < len(pages[-1]) <= size


def test_next_cursor_is_null_exactly_when_nothing_follows(app: Engine) -> None:
    assert page(app, "deal", "limit=7").next_cursor is None
    assert page(app, "deal", "limit=6").next_cursor is not None
    assert page(app, "deal", "stage=proposal").items == []
    assert page(app, "deal", "stage=proposal").next_cursor is None


def test_count_only_when_asked_and_over_the_whole_filter(app: Engine) -> None:
    assert page(app, "deal", "").count is None
    counted = page(app, "deal", "stage=won&count=true&limit=1")
    assert ([r["id"] for r in counted.items], counted.count) == ([3], 2)
    assert counted.next_cursor is not None
    assert page(app, "deal", "count=true&trashed=true").count == 1
    following = page(
        app, "deal", f"count=true&limit=2&cursor={page(app, 'deal', 'limit=2').next_cursor}"
    )
    assert following.count == 7


def test_records_come_as_the_reader_gives_them(app: Engine) -> None:
    record = page(app, "deal", "id=2").items[0]
    assert record["title"] == "pharma renewal"
    assert record["amount"] == 12000.5
    assert record["client"] == {"id": 2, "title": "José Álvarez"}
    assert sorted(p["id"] for p in record["partners"]) == [1, 3]
    assert not any(key.startswith("kt_") for key in record)


# ---------------------------------------------------------------- JSON filters


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, LIVE),
        ({"filter": {"and": []}}, LIVE),
        (
            {
                "filter": {
                    "or": [
                        {"field": "stage", "op": "eq", "value": "won"},
                        {"field": "amount", "op": "lt", "value": 300},
                    ]
                }
            },
            [7, 3, 2],
        ),
        (
            {
                "filter": {
                    "and": [
                        {"field": "stage", "value": "won"},
                        {"not": {"field": "amount", "op": "empty", "value": True}},
                    ]
                }
            },
            [2],
        ),
        ({"filter": {"not": {"field": "stage", "op": "eq", "value": "won"}}}, [7, 6, 5, 4, 1]),
        (
            {
                "filter": {
                    "not": {
                        "or": [
                            {"field": "client.city", "value": "Paris"},
                            {"field": "done", "value": True},
                        ]
                    }
                }
            },
            [7, 6, 3],
        ),
        (
            {"filter": {"not": {"field": "title", "op": "contains", "value": "pharma"}}},
            [7, 6, 5, 4, 3],
        ),
        ({"filter": {"field": "amount", "op": "in", "value": [1, "300"]}}, [7, 4]),
        ({"filter": {"field": "client", "value": {"id": 2, "title": "José"}}}, [7, 2]),
        ({"q": "pharma", "sort": ["-amount"]}, [2, 1, 3]),
        ({"sort": "-amount,title", "limit": 2}, [2, 6]),
        ({"trashed": True}, [8]),
    ],
)
def test_json_filters_with_and_or_not_groups(
    app: Engine, body: dict[str, Any], expected: list[int]
) -> None:
    assert json_ids(app, "deal", body) == expected


def test_the_filter_parameter_takes_a_json_filter(app: Engine) -> None:
    query = 'filter={"or": [{"field": "stage", "value": "lost"}, {"field": "done", "value": true}]}'
    assert ids(app, "deal", query) == [5, 4, 2]
    assert ids(app, "deal", query + "&amount__gt=1000") == [5, 2]


# ---------------------------------------------------------------- groups


def test_groups_of_a_stage_list_every_option_in_order_then_the_empty_group(app: Engine) -> None:
    body = {"group_by": "stage", "aggregate": {"amount": ["sum", "min", "max", "avg"]}}
    found = {g["key"]: g for g in groups(app, "deal", body)}
    assert list(found) == [*STAGES, None]
    assert found["new"] == {
        "key": "new",
        "count": 2,
        "amount_sum": 5001,
        "amount_min": 1,
        "amount_max": 5000,
        "amount_avg": 2500.5,
    }
    assert found["proposal"] == {
        "key": "proposal",
        "count": 0,
        "amount_sum": 0,
        "amount_min": None,
        "amount_max": None,
        "amount_avg": None,
    }
    assert (found["won"]["count"], found["won"]["amount_sum"]) == (2, 12000.5)
    assert (found[None]["count"], found[None]["amount_sum"]) == (1, 5000)


def test_groups_follow_the_filter_and_the_trash(app: Engine) -> None:
    none = groups(
        app,
        "deal",
        {"group_by": "stage", "filter": {"field": "amount", "op": "gt", "value": 100000}},
    )
    assert [(g["key"], g["count"]) for g in none] == [(s, 0) for s in STAGES]
    trashed = groups(app, "deal", {"group_by": "stage", "trashed": True})
    assert [g["count"] for g in trashed] == [0, 0, 0, 1, 0]


def test_groups_of_a_link_carry_the_linked_titles(app: Engine) -> None:
    found = groups(app, "deal", {"group_by": "client", "aggregate": {"amount": "sum"}})
    assert found == [
        {"key": {"id": 1, "title": "Ольга Иванова"}, "count": 2, "amount_sum": 5300},
        {"key": {"id": 2, "title": "José Álvarez"}, "count": 2, "amount_sum": 12001.5},
        {"key": {"id": 3, "title": "北京贸易公司"}, "count": 1, "amount_sum": 5000},
        {"key": {"id": 4, "title": "Acme"}, "count": 1, "amount_sum": 7000},
        {"key": None, "count": 1, "amount_sum": 0},
    ]


def test_groups_of_other_fields_come_in_value_order_empty_last(app: Engine) -> None:
    found = groups(app, "deal", {"group_by": "done", "aggregate": {"closed_on": "max"}})
    assert found == [
        {"key": False, "count": 2, "closed_on_max": "2024-01-10"},
        {"key": True, "count": 2, "closed_on_max": "2024-03-01"},
        {"key": None, "count": 3, "closed_on_max": None},
    ]
    not_leads = {"field": "status", "op": "ne", "value": "lead"}
    cities = groups(app, "client", {"group_by": "city", "filter": not_leads})
    assert [(g["key"], g["count"]) for g in cities] == [("Lyon", 1), ("Paris", 1), (None, 1)]


@pytest.mark.parametrize(
    "query",
    [
        "title__contains=😀😀😀",
        "title__contains=\\",
        "title__contains=" + "x" * 3000,
        'title__contains="""',
        "title__contains=a*b",
        "title__contains=^pha",
        "q=AND OR NOT NEAR",
        'q=" ( ) : *',
        "title__startswith=%_/",
        "amount__gt=99999999999999999999.5",
        "id=2147483647",
        "client__in=2147483647,9",
        "closed_on__gt=9999-12-31",
        "created_at__gt=9999-12-31T23:59:59Z",
        "title__in=a,b,c,d,e,f,g,h",
    ],
)
def test_odd_values_find_nothing_rather_than_fail(app: Engine, query: str) -> None:
    assert ids(app, "deal", query) == []


@pytest.mark.parametrize(
    "body",
    [
        {"filter": {"field": "title", "op": "contains", "value": "\ud800"}},
        {"q": "\ud800abc"},
        {"filter": {"field": "created_at", "op": "gt", "value": "0001-01-01T00:00:00+14:00"}},
    ],
)
def test_values_no_database_can_hold_are_query_errors(app: Engine, body: dict[str, Any]) -> None:
    with pytest.raises(QueryError):
        json_ids(app, "deal", body)
