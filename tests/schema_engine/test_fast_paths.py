"""Every fast path gives what its plain twin gives (kartoteka.schema_engine.fast_paths).

One app holding every field type (links both ways, options, booleans, money, dates, moments with
and without microseconds, NULLs, a record in the trash) is read through an engine with every
fast path on and through engines with some off: lists (every page of each query, with counts),
single reads, counts, groups and totals must be the same JSON, on SQLite and PostgreSQL. Then,
for each switch, its fast path is broken on purpose: with the switch on the read fails, with it
off the answers stay right, so the switch really decides which way a read goes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, insert

from kartoteka.schema_engine import connect
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.errors import KartotekaError
from kartoteka.schema_engine.fast_paths import FAST, PLAIN, FastPaths, fast_paths
from kartoteka.schema_engine.model import AppModel, load_model
from kartoteka.schema_engine.prepared import Prepared
from kartoteka.schema_engine.query import (
    query_from_json,
    query_from_params,
    run_groups,
    run_query,
    run_totals,
)
from kartoteka.schema_engine.records import (
    create_record,
    get_record,
    read_record,
    serialize,
    trash_record,
)
from kartoteka.schema_engine.store import USERS
from tests.support.definitions import every_field_type

#: Each variant read against FAST: one switch off at a time, then all of them.
VARIANTS = {
    "written_shapers off": FastPaths(written_shapers=False),
    "driver_reads off": FastPaths(driver_reads=False),
    "all off": PLAIN,
}


DEFINITION: Document = every_field_type()

MOMENT = dt.datetime(2024, 5, 4, 10, 0, tzinfo=dt.UTC)
DEALS: list[dict[str, Any]] = [
    {"title": "Big", "amount": Decimal("1234.50"), "rate": Decimal("0.125"),
     "probability": Decimal("12.5"), "seats": 3, "stage": "won",
     "closes_on": dt.date(2024, 2, 29), "signed_at": MOMENT, "paid": True},
    {"title": "Small", "amount": Decimal("-3.25"), "rate": Decimal(0), "probability": 0,
     "seats": 0, "stage": "new", "closes_on": dt.date(2023, 12, 31),
     "signed_at": MOMENT.replace(microsecond=250000), "paid": False},
    {"title": "Empty"},  # NULL everywhere it may be
    {"title": "Round", "amount": Decimal(100), "rate": Decimal("7.5"), "stage": "lost",
     "closes_on": dt.date(2024, 1, 1), "signed_at": MOMENT.replace(year=1999), "paid": True},
]
#: Query strings of lists, each read page by page (limit 2 where given).
LISTS: list[list[tuple[str, str]]] = [
    [],
    [("sort", "-amount"), ("limit", "2"), ("count", "true")],
    [("sort", "closes_on"), ("limit", "2")],
    [("sort", "-signed_at,title")],
    [("stage", "won")],
    [("amount__gt", "5"), ("count", "true")],
    [("paid", "false")],
    [("closes_on__lt", "2024-02-01")],
    [("signed_at__empty", "true")],
    [("client.name", "Ольга Petrova")],
    [("q", "ОЛЬГА")],
    [("trashed", "true")],
    [("stage__in", "new,lost"), ("rate__lte", "7.5")],
]
CLIENT_LISTS: list[list[tuple[str, str]]] = [
    [], [("q", "jose")], [("labels__has", "b2b")], [("vip", "true")], [("sort", "-code")],
]
GROUPS: list[dict[str, Any]] = [
    {"group_by": "stage", "aggregate": {"amount": "sum", "rate": "avg"}},
    {"group_by": "client", "aggregate": {"amount": "sum"}},
    {"group_by": "paid"},
]


def fill(engine: Engine) -> None:
    """Clients, tags and deals between them, one deal in the trash."""
    with engine.begin() as conn:
        model = load_model(conn)
        user = conn.execute(insert(USERS).values(email="olga@example.com", name="Ольга")
                            .returning(USERS.c.id)).scalar_one()

        def add(entity: str, values: dict[str, Any]) -> int:
            return int(create_record(conn, model, entity, values, user_id=user)["id"])

        tags = [add("tag", {"label": label}) for label in ("hot", "cold")]
        olga = add("client", {
            "name": "Ольга Petrova", "email": "olga@example.com", "phone": "+373 22 123456",
            "website": "https://example.com", "notes": "line one\nline two", "status": "lead",
            "labels": ["b2b", "partner"], "tags": tags, "vip": True})
        jose = add("client", {"name": "José", "labels": [], "vip": False})
        deals = []
        for i, values in enumerate(DEALS):
            links = {"client": [olga, jose, None, olga][i], "manager": user if i < 2 else None,
                     "parent": deals[0] if deals and i % 2 else None}
            deals.append(add("deal", {**values, **links}))
        trash_record(conn, model, "deal", deals[-1], user_id=user)


def answers(engine: Engine) -> dict[str, Any]:
    """Every read of the app through `engine`, as JSON has it, with a model of its own."""
    with engine.connect() as conn:
        model = load_model(conn)
        found: dict[str, Any] = {}
        for entity, lists in (("deal", LISTS), ("client", CLIENT_LISTS)):
            for params in lists:
                found[f"{entity}?{params}"] = every_page(conn, model, entity, params)
                found[f"count {entity}?{params}"] = count(conn, model, entity, params)
            for record_id in range(1, 7):  # past the last id too
                found[f"{entity}/{record_id}"] = one(conn, model, entity, record_id)
        for body in GROUPS:
            found[f"groups {body}"] = run_groups(conn, model, query_from_json(model, "deal", body))
        found["totals"] = run_totals(conn, model, query_from_params(model, "deal", []),
                                     ["amount", "rate", "seats"])
        return json.loads(json.dumps(found, default=str))


def every_page(conn: Any, model: AppModel, entity: str, params: list[tuple[str, str]]) -> Any:
    """Every page of a list, its cursors followed."""
    pages = []
    cursor: str | None = None
    while True:
        after = [("cursor", cursor)] if cursor else []
        query = query_from_params(model, entity, [*params, *after])
        page = run_query(conn, model, query)
        pages.append({"items": page.items, "next": page.next_cursor, "count": page.count})
        cursor = page.next_cursor
        if cursor is None:
            return pages


def count(conn: Any, model: AppModel, entity: str, params: list[tuple[str, str]]) -> Any:
    """The count of a list alone (its page of one aside)."""
    counted = [(k, v) for k, v in params if k not in ("count", "limit")]
    query = query_from_params(model, entity, [*counted, ("count", "true"), ("limit", "1")])
    return run_query(conn, model, query).count


def one(conn: Any, model: AppModel, entity: str, record_id: int) -> Any:
    try:
        return {"live": get_record(conn, model, entity, record_id),
                "any": read_record(conn, model, entity, record_id)}
    except KartotekaError as error:
        return {"error": str(error)}


@pytest.fixture
def app(db_url: str, make_app: Callable[..., Engine]) -> str:
    """The URL of an app filled with `fill`."""
    fill(make_app(DEFINITION, fast_paths=FAST))
    return db_url


def test_every_read_is_the_same_with_each_fast_path_off(app: str) -> None:
    fast = answers(connect(app, fast_paths=FAST))
    assert fast["deal/1"]["live"]["client"] == {"id": 1, "title": "Ольга Petrova"}
    assert len(fast["deal?[('trashed', 'true')]"][0]["items"]) == 1
    for name, variant in VARIANTS.items():
        plain = answers(connect(app, fast_paths=variant))
        differing = [key for key in fast if plain[key] != fast[key]]
        assert differing == [], f"{name}: {differing[:3]} differ"
        assert json.dumps(plain) == json.dumps(fast)  # true is not 1, nor 2.0 2


def _broken(*_: Any, **__: Any) -> Any:
    raise AssertionError("the fast path was taken")


#: How to break each switch's fast path, and one read that goes through it.
BREAKS: dict[str, tuple[Callable[[pytest.MonkeyPatch], None], Callable[[Engine], Any]]] = {
    "written_shapers": (lambda mp: mp.setattr(serialize, "record_shaper", _broken),
                        lambda engine: answers(engine)["deal/1"]),
    "driver_reads": (lambda mp: mp.setattr(Prepared, "_run", _broken),
                     lambda engine: answers(engine)["deal?[]"]),
}


@pytest.mark.parametrize("switch", sorted(BREAKS))
def test_a_switch_off_leaves_its_fast_path_alone(
    app: str, switch: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    break_it, read = BREAKS[switch]
    expected = read(connect(app, fast_paths=FAST))
    break_it(monkeypatch)
    assert read(connect(app, fast_paths=FastPaths.without(switch))) == expected
    if switch == "driver_reads" and not app.startswith("sqlite"):
        return  # PostgreSQL reads records through SQLAlchemy with every fast path on
    with pytest.raises(AssertionError, match="the fast path was taken"):
        read(connect(app, fast_paths=FAST))


@pytest.mark.parametrize(("given", "expected"), [
    ("", FAST),
    ("all", PLAIN),
    ("driver_reads", FastPaths(driver_reads=False)),
    (" written_shapers , loop_reads ", FastPaths(written_shapers=False, loop_reads=False)),
])
def test_the_environment_names_the_fast_paths_to_leave(
    given: str, expected: FastPaths, sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KARTOTEKA_PLAIN_PATHS", given)
    assert fast_paths(connect(sqlite_url)) == expected


def test_an_unknown_fast_path_is_refused_with_the_known_ones(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KARTOTEKA_PLAIN_PATHS", "driver_read")
    with pytest.raises(ValueError, match="unknown fast path driver_read; they are: "
                                         "written_shapers, driver_reads, loop_reads"):
        connect(sqlite_url)
