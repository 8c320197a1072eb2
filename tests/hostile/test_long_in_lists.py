"""An `in` condition with more values than the limit (1,000 by default) is refused with a 400
naming the limit, in the address and in a JSON filter; the limit itself is served."""

from __future__ import annotations

from tests.support.bystander import Bystander
from tests.support.servers import LiveServer

LIMIT = 1000


def _values(count: int) -> list[str]:
    return [f"deal {k}" for k in range(count)]


def test_an_in_list_past_the_limit_is_refused_in_the_address(db_url: str,
                                                              server: LiveServer) -> None:
    client = server.user()
    with Bystander(server) as other:
        answer = client.get("/api/records/deal", params={"title__in": ",".join(_values(LIMIT + 1))})
        at_limit = client.get("/api/records/deal", params={"title__in": ",".join(_values(LIMIT))})
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"] == f"title__in takes at most {LIMIT} values"
    assert at_limit.status_code == 200, at_limit.text
    other.assert_served()


def test_an_in_list_past_the_limit_is_refused_in_a_json_filter(db_url: str,
                                                               server: LiveServer) -> None:
    client = server.user()
    with Bystander(server) as other:
        answer = client.post("/api/records/deal/query", json={
            "filter": {"or": [{"field": "title", "op": "eq", "value": "x"},
                              {"field": "title", "op": "in", "value": _values(100_000)}]}})
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"] == (
        f"a condition takes at most {LIMIT} values; this one has 100000")
    other.assert_served()
