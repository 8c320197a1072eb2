"""Every record's system columns: in the table, in queries and in views alike."""

from __future__ import annotations

from typing import Any

import pytest

from kartoteka.schema_engine import check_definition
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import query_from_params
from kartoteka.schema_engine.tables import app_metadata

#: The system columns as DESIGN.md lists them.
DESIGNED = ["id", "created_at", "updated_at", "created_by", "updated_by", "owner", "version",
            "deleted_at"]
QUERIED = ["id", "created_at", "updated_at", "created_by", "updated_by", "owner"]
HIDDEN = ["version", "deleted_at"]


def _definition(views: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"entities": [{"id": "ent_deal", "name": "deal", "fields": [
        {"id": "fld_title", "name": "title", "type": "text"}]}], "views": views or []}


def test_every_table_has_the_system_columns_before_its_fields() -> None:
    table = app_metadata(_definition(), "sqlite").tables["deal"]
    assert [c.name for c in table.columns][: len(DESIGNED) + 1] == [*DESIGNED, "title"]


@pytest.mark.parametrize("name", QUERIED)
def test_a_list_filters_and_sorts_by_a_system_column(name: str) -> None:
    query = query_from_params(AppModel(_definition(), 1), "deal",
                              [(f"{name}__empty", "false"), ("sort", f"-{name}")])
    assert query.filter is not None and query.sort


@pytest.mark.parametrize("name", HIDDEN)
def test_the_version_and_the_trash_stamp_are_not_filters(name: str) -> None:
    with pytest.raises(QueryError, match=f"unknown field '{name}'"):
        query_from_params(AppModel(_definition(), 1), "deal", [(name, "1")])


@pytest.mark.parametrize("name", QUERIED)
def test_a_view_may_show_and_sort_by_a_system_column(name: str) -> None:
    view = {"id": "v1", "name": "recent", "entity": "deal", "columns": [name], "sort": [f"-{name}"]}
    assert check_definition(_definition([view])) == []


@pytest.mark.parametrize("name", HIDDEN)
def test_a_view_may_not_sort_by_the_version_or_the_trash_stamp(name: str) -> None:
    view = {"id": "v1", "name": "recent", "entity": "deal", "sort": [name]}
    assert [e.path for e in check_definition(_definition([view]))] == ["$.views[0].sort[0]"]
