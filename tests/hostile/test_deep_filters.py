"""A JSON filter nested deeper than the limit (20 by default), in a body or in `filter=`, is
refused with a 400 naming the limit, however deep it goes; the limit itself is served."""

from __future__ import annotations

import json
from typing import Any

from tests.support.bystander import Bystander
from tests.support.servers import LiveServer

LIMIT = 20
WON = {"field": "stage", "op": "eq", "value": "won"}


def _nested(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = WON
    for k in range(depth):
        node = {"not": node} if k % 2 else {"and": [node]}
    return node


def test_a_deep_filter_in_a_body_is_refused(db_url: str, server: LiveServer) -> None:
    client = server.user()
    with Bystander(server) as other:
        deep = client.post("/api/records/deal/query", json={"filter": _nested(LIMIT + 1)})
        at_limit = client.post("/api/records/deal/query", json={"filter": _nested(LIMIT)})
        # Deeper than any JSON parser goes: refused as a body that cannot be read, not a 500.
        abyss = client.post("/api/records/deal/query", content=(
            '{"filter": ' + '{"not": ' * 5000 + json.dumps(WON) + "}" * 5001).encode())
    assert deep.status_code == 400, deep.text
    assert deep.json()["detail"] == f"filter groups nest at most {LIMIT} deep"
    assert at_limit.status_code == 200, at_limit.text
    assert abyss.status_code == 400, abyss.text
    other.assert_served()


def test_a_deep_filter_in_the_address_is_refused(db_url: str, server: LiveServer) -> None:
    client = server.user()
    with Bystander(server) as other:
        deep = client.get("/api/records/deal", params={"filter": json.dumps(_nested(LIMIT + 1))})
        at_limit = client.get("/api/records/deal", params={"filter": json.dumps(_nested(LIMIT))})
        # Deeper than Python's JSON parser goes (it would raise RecursionError).
        abyss = client.get("/api/records/deal", params={"filter": "[" * 3000 + "]" * 3000})
    assert deep.status_code == 400, deep.text
    assert deep.json()["detail"] == f"filter groups nest at most {LIMIT} deep"
    assert at_limit.status_code == 200, at_limit.text
    assert abyss.status_code == 400, abyss.text
    assert abyss.json()["detail"] == f"filter groups nest at most {LIMIT} deep"
    other.assert_served()
