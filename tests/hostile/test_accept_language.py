"""Hostile Accept-Language headers: huge, malformed, full of made-up languages or q-values.
Each is answered in a language Kartoteka speaks, quickly, and another user is served meanwhile."""

from __future__ import annotations

import pytest

from tests.support.bystander import Bystander
from tests.support.servers import LiveServer

MISSING = "/api/records/deal/987654"
ENGLISH = "deal 987654 does not exist"
RUSSIAN = "записи deal 987654 не существует"

HEADERS = [
    # (header, the detail it gets)
    # (Headers stay under the server's 16 KB limit of a request's head.)
    ("x" * 12_000, ENGLISH),  # one huge tag
    (",".join(["de;q=0.9"] * 1_300), ENGLISH),  # a thousand languages it does not speak
    ("de;q=0.9," * 60 + "ru", ENGLISH),  # Russian past the part that is read (500 characters)
    ("ru;q=1e309, en;q=nan", RUSSIAN),  # absurd qualities are taken as given or as none
    ("ru;q=-1, en", ENGLISH),  # a negative quality is no wish
    (";;;,,,=;q=;", ENGLISH),
    ("ru-\u00ff-x", RUSSIAN),  # not ASCII
    ("zh-Hant-TW", ENGLISH),  # traditional Chinese: there is no such catalog
]


@pytest.mark.parametrize(("header", "detail"), HEADERS)
def test_hostile_accept_language_headers(
    db_url: str, server: LiveServer, header: str, detail: str
) -> None:
    client = server.user()
    with Bystander(server) as other:
        for _ in range(20):
            answer = client.get(MISSING, headers={"Accept-Language": header.encode("latin-1")})
            assert answer.status_code == 404
            assert answer.json() == {"detail": detail, "errors": []}
    other.assert_served()
