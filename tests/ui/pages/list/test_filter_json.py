"""The filter builder shows a JSON filter as the engine's grammar reads it."""

from __future__ import annotations

from typing import Any

import pytest

from kartoteka.ui.pages.list.filters import ALL, ANY, NOT_EMPTY, Block, Builder, Row, from_json

WON = {"field": "stage", "value": "won"}
BIG = {"field": "amount", "op": "gt", "value": 5000}


@pytest.mark.parametrize("data, builder", [
    (WON, Builder(rows=(Row("stage", "eq", "won"),))),
    ({"or": [WON, BIG]}, Builder(ANY, (Row("stage", "eq", "won"), Row("amount", "gt", "5000")))),
    ({"and": [BIG, {"or": [WON, {"field": "stage", "value": "lost"}]}]},
     Builder(ALL, (Row("amount", "gt", "5000"),),
             (Block(ANY, (Row("stage", "eq", "won"), Row("stage", "eq", "lost"))),))),
    ({"field": "client", "op": "empty", "value": False}, Builder(rows=(Row("client", NOT_EMPTY),))),
    ({"field": "stage", "op": "in", "value": ["won", "lost"]},
     Builder(rows=(Row("stage", "in", "won,lost"),))),
    # What the builder cannot show is left out, and the builder says it is not exact.
    ({"not": WON}, Builder(exact=False)),
    ({"and": [WON, {"not": BIG}]}, Builder(ALL, (Row("stage", "eq", "won"),), exact=False)),
    ({"and": [WON, {"or": [BIG, {"and": [WON]}]}]},
     Builder(ALL, (Row("stage", "eq", "won"),), exact=False)),
    # A part that does not read as a filter, as the engine would refuse it.
    ({"or": [WON, {"field": "amount", "op": 5, "value": 1}]},
     Builder(ANY, (Row("stage", "eq", "won"),), exact=False)),
    ({"or": []}, Builder(exact=False)),
    ("won", Builder(exact=False)),
])
def test_a_json_filter_in_the_builder(data: Any, builder: Builder) -> None:
    assert from_json(data) == builder
