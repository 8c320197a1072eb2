"""The API answers the same with each fast path off (Settings.fast_paths) as with all of them on.

Servers over one database, one with every fast path on and one per variant, get the same
requests: lists page by page, counts, reads by id (live, trashed, missing), groups and errors;
status and body must be byte for byte the same, on SQLite and PostgreSQL. Reads on the event loop
are one of the switches: off, a read never goes to the loop.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from kartoteka.platform import context
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.fast_paths import FAST, PLAIN, FastPaths
from kartoteka.settings import Settings
from tests.support.definitions import every_field_type
from tests.support.servers import LiveServer, MakeServer

VARIANTS = {
    "written_shapers off": FastPaths(written_shapers=False),
    "driver_reads off": FastPaths(driver_reads=False),
    "loop_reads off": FastPaths(loop_reads=False),
    "all off": PLAIN,
}


DEFINITION: Document = every_field_type()
DEALS: list[dict[str, Any]] = [
    {"title": "Big", "amount": "1234.50", "rate": "0.125", "probability": 12.5, "seats": 3,
     "stage": "won", "closes_on": "2024-02-29", "signed_at": "2024-05-04T10:00:00Z",
     "paid": True},
    {"title": "Small", "amount": -3.25, "rate": 0, "probability": 0, "seats": 0, "stage": "new",
     "closes_on": "2023-12-31", "signed_at": "2024-05-04T10:00:00.25Z", "paid": False},
    {"title": "Empty"},
    {"title": "Gone", "amount": 100, "stage": "lost", "paid": True},
]
#: GET paths; lists are followed page by page through their cursors.
READS = [
    "/api/records/deal",
    "/api/records/deal?sort=-amount&limit=2&count=true",
    "/api/records/deal?sort=closes_on&limit=1",
    "/api/records/deal?stage=won&amount__gt=5&count=true",
    "/api/records/deal?paid=false",
    "/api/records/deal?signed_at__empty=true",
    "/api/records/deal?client.name=José",
    "/api/records/deal?trashed=true",
    "/api/records/client",
    "/api/records/client?q=ОЛЬГА&count=true",
    "/api/records/client?labels__has=b2b",
    *[f"/api/records/deal/{n}" for n in range(1, 6)],
    *[f"/api/records/client/{n}" for n in range(1, 4)],
    "/api/records/deal?amout__gt=1",  # errors too
    "/api/records/nope",
    "/api/records/deal/x",
]
GROUPS = [
    {"group_by": "stage", "aggregate": {"amount": "sum", "rate": "avg"}},
    {"group_by": "client", "aggregate": {"amount": "sum"}},
    {"filter": {"or": [{"field": "paid", "op": "eq", "value": True},
                       {"field": "stage", "op": "eq", "value": "new"}]},
     "sort": "-amount", "count": True},
]


def fill(admin: httpx.Client) -> None:
    """Two clients (one with a contract), tags, and deals between them, one in the trash."""
    upload = admin.post("/api/files", files={"file": ("terms.txt", b"terms", "text/plain")})
    assert upload.status_code == 201, upload.text
    tags = [post(admin, "tag", {"label": label})["id"] for label in ("hot", "cold")]
    olga = post(admin, "client", {
        "name": "Ольга Petrova", "email": "olga@example.com", "phone": "+373 22 123456",
        "website": "https://example.com", "notes": "one\ntwo", "status": "lead",
        "labels": ["b2b"], "tags": tags, "vip": True, "contract": upload.json()["id"]})["id"]
    jose = post(admin, "client", {"name": "José", "vip": False})
    me = jose["created_by"]["id"]
    deals = [post(admin, "deal", {**values, "client": [olga, jose["id"], None, olga][i],
                                  "manager": me if i < 2 else None})["id"]
             for i, values in enumerate(DEALS)]
    assert admin.delete(f"/api/records/deal/{deals[-1]}").status_code in (200, 204)


def post(admin: httpx.Client, entity: str, values: dict[str, Any]) -> Any:
    answer = admin.post(f"/api/records/{entity}", json=values)
    assert answer.status_code == 201, answer.text
    return answer.json()


def answers(client: httpx.Client) -> dict[str, tuple[int, bytes]]:
    """(status, body) of every read, lists page by page."""
    found: dict[str, tuple[int, bytes]] = {}
    for path in READS:
        url: str | None = path
        while url is not None:
            answer = client.get(url)
            found[url] = (answer.status_code, answer.content)
            cursor = answer.json().get("next_cursor") if answer.status_code == 200 else None
            url = str(httpx.URL(path).copy_merge_params({"cursor": cursor})) if cursor else None
    for body in GROUPS:
        answer = client.post("/api/records/deal/query", json=body)
        found[json.dumps(body)] = (answer.status_code, answer.content)
    return found


@pytest.fixture
def servers(db_url: str, make_server: MakeServer) -> dict[str, LiveServer]:
    """A server with every fast path on ("fast"), then one per variant, over one database."""
    fast = make_server(definition=DEFINITION, settings=Settings(fast_paths=FAST))
    fill(fast.admin())
    made = {"fast": fast}
    for name, variant in VARIANTS.items():
        made[name] = make_server(settings=Settings(fast_paths=variant), initialize=False)
    return made


def test_every_answer_is_the_same_with_each_fast_path_off(servers: dict[str, LiveServer]) -> None:
    fast = answers(servers["fast"].admin())
    assert fast["/api/records/deal/1"][0] == 200
    assert b'"contract":{"id":1,"name":"terms.txt"' in fast["/api/records/client/1"][1]
    assert fast["/api/records/deal/x"][0] == 404
    for name in VARIANTS:
        plain = answers(servers[name].admin())
        assert list(plain) == list(fast), name
        differing = [url for url in fast if plain[url] != fast[url]]
        assert differing == [], f"{name}: {differing[:3]} differ"


def test_with_loop_reads_off_no_read_goes_to_the_loop(
    sqlite_url: str, make_server: MakeServer, monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(*_: Any) -> Any:
        raise AssertionError("a read went to the event loop")

    threads_only = make_server(settings=Settings(fast_paths=FastPaths(loop_reads=False)))
    on_loop = make_server(settings=Settings(fast_paths=FAST), initialize=False)
    monkeypatch.setattr(context, "run_read", broken)
    assert threads_only.admin().get("/api/records/deal").status_code == 200
    assert on_loop.admin().get("/api/records/deal").status_code == 500
