"""Bad input gets a JSON answer that names the problem, never a 500."""

from __future__ import annotations

import httpx
import pytest

from tests.support.servers import LiveServer

pytestmark = pytest.mark.usefixtures("db_url")  # every test on SQLite and on PostgreSQL


@pytest.fixture
def api(server: LiveServer) -> httpx.Client:
    return server.user()


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/api/records/dael"), ("POST", "/api/records/dael"),
    ("POST", "/api/records/dael/query"), ("POST", "/api/records/dael/batch"),
    ("GET", "/api/records/dael/1"), ("PATCH", "/api/records/dael/1"),
    ("DELETE", "/api/records/dael/1"), ("POST", "/api/records/dael/1/restore"),
])
def test_an_unknown_entity_is_a_404_naming_the_entities(
    api: httpx.Client, method: str, path: str
) -> None:
    answer = api.request(method, path, json={})
    assert answer.status_code == 404, answer.text
    assert "unknown entity 'dael'" in answer.json()["detail"]
    assert "client, deal, task" in answer.json()["detail"]


@pytest.mark.parametrize("params", [{"amout": "5"}, {"amout__gt": "5"}, {"sort": "-amout"}])
def test_an_unknown_field_is_a_400_naming_the_fields(
    api: httpx.Client, params: dict[str, str]
) -> None:
    answer = api.get("/api/records/deal", params=params)
    assert answer.status_code == 400, answer.text
    detail = answer.json()["detail"]
    assert "amout" in detail and "title, amount" in detail


@pytest.mark.parametrize("params", [{"amount__contains": "5"}, {"amount__gt": "lots"},
                                    {"limit": "501"}, {"limit": "-1"}, {"count": "maybe"}])
def test_a_bad_operator_or_value_is_a_400(api: httpx.Client, params: dict[str, str]) -> None:
    answer = api.get("/api/records/deal", params=params)
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"]


def test_an_unknown_field_in_a_record_is_a_422_naming_it(api: httpx.Client) -> None:
    answer = api.post("/api/records/deal", json={"title": "x", "amout": 5})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["amout"]


@pytest.mark.parametrize(("body", "status"), [
    (b"", 422), (b"{oops", 400), (b"[1, 2]", 422), (b'"text"', 422), (b"\xff\xfe", 400),
])
def test_a_body_that_is_not_a_json_object(api: httpx.Client, body: bytes, status: int) -> None:
    answer = api.post("/api/records/deal", content=body)
    assert answer.status_code == status
    assert answer.json()["detail"]


@pytest.mark.parametrize("record_id", ["abc", "-1", "1.5", "99999999999999999999999", "٣"])
def test_a_path_id_that_is_not_a_record_id_is_a_404(api: httpx.Client, record_id: str) -> None:
    answer = api.get(f"/api/records/deal/{record_id}")
    assert answer.status_code == 404
    assert "record ids are whole numbers" in answer.json()["detail"]


def test_a_missing_record_is_a_404(api: httpx.Client) -> None:
    answer = api.get("/api/records/deal/424242")
    assert answer.status_code == 404 and answer.json()["detail"]


@pytest.mark.parametrize("tag", ["abc", '"v1"', "1, 2", '""'])
def test_an_if_match_that_is_not_a_version_is_a_400(api: httpx.Client, tag: str) -> None:
    record = api.post("/api/records/client", json={"name": "Acme"}).json()
    answer = api.patch(f"/api/records/client/{record['id']}", json={"city": "Lyon"},
                       headers={"If-Match": tag})
    assert answer.status_code == 400
    assert "If-Match" in answer.json()["detail"]


def test_unknown_routes_and_methods_answer_json(api: httpx.Client) -> None:
    missing = api.get("/api/nothing/here")
    assert missing.status_code == 404 and "/docs" in missing.json()["detail"]
    wrong = api.put("/api/records/deal")
    assert wrong.status_code == 405
    assert "GET" in wrong.json()["detail"] and wrong.headers["allow"]


def test_odd_input_never_gets_a_500(api: httpx.Client) -> None:
    odd = ["", "null", "0", "[]", "{}", '{"create": null}', '{"title": {"a": 1}}',
           '{"amount": 1e400}', '{"amount": 1e300}', '{"amount": -0.0}',
           '{"client": -5}', '{"client": {"id": "x"}}', '{"stage": ["won"]}',
           '{"close_date": "2024-02-30"}', '{"title": "\\u0000"}', '{"filter": 5}',
           '{"filter": {"or": 1}}', '{"group_by": "amount"}', '{"sort": "amount"}']
    paths = ["/api/records/deal", "/api/records/deal/query", "/api/records/deal/batch",
             "/api/records/deal/1", "/api/schema/plan"]
    created = api.post("/api/records/deal", json={"title": "x"}).json()["id"]
    for body in odd:
        for path in paths:
            for method in ("POST", "PATCH"):
                target = path.replace("/1", f"/{created}")
                answer = api.request(method, target, content=body.encode())
                assert answer.status_code < 500, (method, target, body, answer.text)
                assert answer.headers["content-type"] == "application/json"


def test_a_number_too_long_for_a_decimal_is_refused_not_a_500(api: httpx.Client) -> None:
    answer = api.post("/api/records/deal",
                      json={"title": "x", "amount": 123456789012345678901234567890})
    assert answer.status_code < 500, answer.text
