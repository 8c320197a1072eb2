"""A query with more conditions than the limit (200 by default), in a JSON filter or in the
address, is refused with a 400 naming the limit; the limit itself is served."""

from __future__ import annotations

from tests.support.bystander import Bystander
from tests.support.pages import signed_in
from tests.support.servers import USER, LiveServer

LIMIT = 200


def _conditions(count: int) -> list[dict[str, str]]:
    return [{"field": "title", "op": "contains", "value": f"word {k}"} for k in range(count)]


def test_many_conditions_in_a_json_filter_are_refused(db_url: str, server: LiveServer) -> None:
    client = server.user()
    with Bystander(server) as other:
        many = client.post("/api/records/deal/query",
                           json={"filter": {"or": _conditions(100_000)}})
        at_limit = client.post("/api/records/deal/query",
                               json={"filter": {"or": _conditions(LIMIT)}})
    assert many.status_code == 400, many.text
    assert many.json()["detail"] == f"a filter has at most {LIMIT} conditions; this one has more"
    assert at_limit.status_code == 200, at_limit.text
    other.assert_served()


def test_many_conditions_in_the_address_are_refused(db_url: str, server: LiveServer) -> None:
    client = server.user()
    params = [("title__contains", f"w{k}") for k in range(LIMIT + 1)]
    with Bystander(server) as other:
        many = client.get("/api/records/deal", params=params)
        at_limit = client.get("/api/records/deal", params=params[:LIMIT])
    assert many.status_code == 400, many.text
    assert many.json()["detail"] == f"a query has at most {LIMIT} conditions; this one has more"
    assert at_limit.status_code == 200, at_limit.text
    other.assert_served()


def test_a_search_of_many_words_is_refused(db_url: str, server: LiveServer) -> None:
    client = server.user()
    words = " ".join(f"w{k}" for k in range(100_000))
    with Bystander(server) as other:
        many = client.post("/api/records/deal/query", json={"q": words})
        at_limit = client.get("/api/records/deal", params={"q": " ".join(words.split()[:LIMIT])})
    assert many.status_code == 400, many.text
    assert many.json()["detail"] == (
        f"a query has at most {LIMIT} conditions, each word of q one of them; this one has more")
    assert at_limit.status_code == 200, at_limit.text
    other.assert_served()


def test_a_list_page_takes_conditions_up_to_the_limit(db_url: str, server: LiveServer) -> None:
    """The filter builder shows every condition of the address (it numbered 100 at most, and
    answered 500 past them); past the limit the page says what is wrong."""
    params = [("title__contains", f"w{k}") for k in range(LIMIT + 1)]
    page = signed_in(server.url, *USER)
    try:
        with Bystander(server) as other:
            at_limit = page.get("/records/deal", params=params[:LIMIT])
            many = page.get("/records/deal", params=params)
    finally:
        page.close()
    assert at_limit.status_code == 200, at_limit.text[:500]
    assert many.status_code == 400, many.text[:500]
    assert f"a query has at most {LIMIT} conditions" in many.text
    other.assert_served()
