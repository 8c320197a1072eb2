"""Adding a field type touches the two registries and nothing else.

A toy type, "rating" (a whole number from 1 to 5, shown as stars), is registered in the engine's
registry (`FIELD_TYPES`) and the UI's (`FIELD_UI`) only, for the length of a test; a definition
using it is validated and applied, and its records are created, filtered, sorted, totalled, listed,
shown on a card and edited on the form, through the API and the pages of a live server.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from typing import Any

import httpx
import pytest
from markupsafe import Markup
from sqlalchemy import Integer

from kartoteka import schema_engine as se
from kartoteka.schema_engine.definition import check_definition, json_schema
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.types import (
    FIELD_TYPES,
    ORDERED_OPS,
    ConversionError,
    FieldDef,
    FieldType,
    parse_integer,
)
from kartoteka.ui.fields import NOT_SENT, FormPairs, Widget
from kartoteka.ui.fields.registry import FIELD_UI, FieldUi
from tests.support.pages import signed_in, visible_text
from tests.support.servers import ADMIN, LiveServer, MakeServer


def _parse_rating(value: Any, f: FieldDef) -> int:
    stars = parse_integer(value, f)
    if not 1 <= stars <= 5:
        raise ConversionError(f"{value!r} is not a rating from 1 to 5")
    return stars


def _show_stars(_f: Any, value: Any, _url: Any) -> Markup:
    return Markup('<span class="stars">{}</span>').format("★" * value + "☆" * (5 - value))


def _typed(pairs: FormPairs, name: str) -> Any:
    sent = [v for k, v in pairs if k == name]
    return sent[-1] if sent else NOT_SENT


RATING = FieldType("rating", "integer", Integer,
                   lambda _f: {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
                   _parse_rating, ORDERED_OPS, indexed_by_default=True)
RATING_UI = FieldUi(_show_stars, Widget("input.html", lambda v: "" if v is None else str(v),
                                        _typed, inputmode="numeric"))


@pytest.fixture
def rating(request: pytest.FixtureRequest) -> Iterator[None]:
    """The toy type in both registries (as declared by the test's parameter, if any), removed
    afterwards."""
    FIELD_TYPES["rating"] = getattr(request, "param", RATING)
    FIELD_UI["rating"] = RATING_UI
    try:
        yield
    finally:
        del FIELD_TYPES["rating"], FIELD_UI["rating"]


FILM = {"name": "film", "label": "Film", "plural": "Films", "title_field": "title", "fields": [
    {"name": "title", "type": "text", "required": True},
    {"name": "stars", "type": "rating", "label": "Stars"},
    {"name": "price", "type": "money", "currency": "USD"},
]}
FILMS = [("Alien", 5, 10), ("Brazil", 4, 20), ("Cats", 1, 30), ("Dune", None, 40)]


def definition() -> dict[str, Any]:
    return {"entities": [FILM]}


@pytest.fixture
def films(rating: None, db_url: str, make_server: MakeServer) -> Iterator[LiveServer]:
    """A live server over the film entity, with four films (one not rated)."""
    server = make_server(definition=definition())
    api = server.admin()
    for title, stars, price in FILMS:
        answer = api.post("/api/records/film", json={"title": title, "stars": stars,
                                                      "price": price})
        assert answer.status_code == 201, answer.text
    yield server


def _titles(api: httpx.Client, query: str) -> list[str]:
    answer = api.get(f"/api/records/film?{query}")
    assert answer.status_code == 200, answer.text
    return [r["title"] for r in answer.json()["items"]]


def _film_id(api: httpx.Client, title: str) -> int:
    return int(api.get(f"/api/records/film?title={title}").json()["items"][0]["id"])


def _inputs(page: str) -> dict[str, str]:
    """What a browser sends for the text and hidden inputs of a page, by name."""
    sent = {}
    for element in re.findall(r"<input\b[^>]*>", page):
        name = re.search(r'\bname="([^"]+)"', element)
        value = re.search(r'\bvalue="([^"]*)"', element)
        if name and 'type="search"' not in element:
            sent[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return sent


def test_the_definition_schema_names_the_registered_types(rating: None) -> None:
    enum = json_schema()["$defs"]["field"]["properties"]["type"]["enum"]
    assert enum == list(FIELD_TYPES) and "rating" in enum
    assert not check_definition(definition())


def test_without_the_type_a_rating_field_is_refused() -> None:
    [error] = check_definition(definition())
    assert "rating" in error.message and error.path.endswith(".type")


def test_applying_makes_an_integer_column(rating: None, sqlite_url: str) -> None:
    engine = se.connect(sqlite_url)
    try:
        se.initialize(engine, definition(), author="test")
        with engine.connect() as conn:
            model = AppModel(se.current(conn).document, 1, conn.dialect.name)
            column = model.table("film").c.stars
        assert isinstance(column.type, Integer)
    finally:
        engine.dispose()


def test_records_are_checked_filtered_and_sorted_by_its_operators(films: LiveServer) -> None:
    api = films.admin()
    refused = api.post("/api/records/film", json={"title": "Eraserhead", "stars": 7})
    assert refused.status_code == 422 and "rating from 1 to 5" in refused.text
    assert _titles(api, "stars__gte=4&sort=title") == ["Alien", "Brazil"]
    assert _titles(api, "stars__empty=true") == ["Dune"]
    assert _titles(api, "sort=-stars,title")[:3] == ["Alien", "Brazil", "Cats"]
    bad = api.get("/api/records/film?stars__contains=4")
    assert bad.status_code == 400 and "contains" in bad.text


def test_the_list_shows_stars_sorts_by_them_and_totals_only_money(films: LiveServer) -> None:
    with closing(signed_in(films.url, *ADMIN)) as browser:
        page = browser.get("/records/film?sort=stars").text
        totals = browser.get("/records/film/totals", headers={"HX-Request": "true"}).text
    rows = re.findall(r'<span class="stars">([^<]+)</span>', page)
    assert rows == ["★☆☆☆☆", "★★★★☆", "★★★★★"]
    assert "sort=-stars" in html.unescape(page)  # the column header sorts the other way
    assert "$100.00" in visible_text(totals) and "★" not in totals
    assert "Total of 4 records" in visible_text(totals)


@pytest.mark.parametrize("rating", [replace(RATING, summed=True)], indirect=True)
def test_a_type_declared_summed_is_added_up_in_the_totals(films: LiveServer) -> None:
    with closing(signed_in(films.url, *ADMIN)) as browser:
        totals = browser.get("/records/film/totals", headers={"HX-Request": "true"}).text
    assert "★" * 10 in totals  # 5 + 4 + 1, shown as the type shows its values
    assert "$100.00" in visible_text(totals)


def test_the_card_shows_stars_and_the_form_edits_them(films: LiveServer) -> None:
    film = _film_id(films.admin(), "Cats")
    with closing(signed_in(films.url, *ADMIN)) as browser:
        assert "★☆☆☆☆" in browser.get(f"/records/film/{film}").text
        form = browser.get(f"/records/film/{film}/edit").text
        [stars] = re.findall(r'<input\b[^>]*\bname="stars"[^>]*>', form)
        assert 'inputmode="numeric"' in stars and 'value="1"' in stars
        answer = browser.post(f"/records/film/{film}", data={**_inputs(form), "stars": "3"})
        assert answer.status_code == 303, visible_text(answer.text)[:1000]
        assert "★★★☆☆" in browser.get(f"/records/film/{film}").text
        again = _inputs(browser.get(f"/records/film/{film}/edit").text)
        refused = browser.post(f"/records/film/{film}", data={**again, "stars": "9"})
    assert refused.status_code == 422 and "rating from 1 to 5" in visible_text(refused.text)
