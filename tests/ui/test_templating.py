"""Paths of the UI's routes: remembered patterns give exactly what Starlette builds."""

from __future__ import annotations

import pytest

from kartoteka.app import create_app
from kartoteka.platform.templates import load_template
from kartoteka.ui.templating import _route_path
from tests.support.servers import initialize_app


@pytest.mark.parametrize("params", [
    {"entity": "deal", "record_id": "12"},
    {"entity": "сделка", "record_id": 7},
    {"entity": "a%20b?c#d", "record_id": "0"},
    {"entity": "\x000\x00", "record_id": "x"},
])
def test_a_remembered_path_is_the_one_starlette_builds(sqlite_url: str,
                                                       params: dict[str, object]) -> None:
    initialize_app(sqlite_url, load_template("crm"))
    app = create_app(sqlite_url)
    for _ in range(2):  # built, then from the pattern
        assert _route_path(app, "record_card", params) == app.url_path_for("record_card",
                                                                            **params)
    assert _route_path(app, "record_list", {"entity": "deal"}) == "/records/deal"


def test_a_value_with_a_slash_is_refused_as_starlette_refuses_it(sqlite_url: str) -> None:
    initialize_app(sqlite_url, load_template("crm"))
    app = create_app(sqlite_url)
    _route_path(app, "record_card", {"entity": "deal", "record_id": "1"})
    with pytest.raises(AssertionError, match="path separators"):
        _route_path(app, "record_card", {"entity": "deal", "record_id": "1/edit"})
