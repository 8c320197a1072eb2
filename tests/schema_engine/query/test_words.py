"""The words of the query language are read as settings, so no field may take them."""

from __future__ import annotations

import pytest

from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.names import name_problem
from kartoteka.schema_engine.query import query_from_params

#: As DESIGN.md lists them.
WORDS = ["q", "sort", "limit", "cursor", "count", "trashed", "filter"]
MODEL = AppModel({"entities": [{"id": "e", "name": "deal", "fields": [
    {"id": "f", "name": "title", "type": "text"}]}]}, 1)


@pytest.mark.parametrize("word", WORDS)
def test_a_query_word_cannot_name_a_field(word: str) -> None:
    assert "word of the record query language" in str(name_problem(word, "field name"))


@pytest.mark.parametrize("word", WORDS)
def test_the_parser_reads_a_query_word_as_a_setting_not_a_field(word: str) -> None:
    with pytest.raises(QueryError) as refused:
        query_from_params(MODEL, "deal", [(word, "x"), (word, "x")])
    assert str(refused.value) == f"{word} is given twice; give it once"


def test_a_field_name_is_not_a_setting() -> None:
    with pytest.raises(QueryError, match="unknown field 'sorts'"):
        query_from_params(MODEL, "deal", [("sorts", "x")])
