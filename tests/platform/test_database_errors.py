"""Which status a database's own error gets (kartoteka.platform.errors.DATABASE_ERRORS), for
errors made by a real database on each side."""

from __future__ import annotations

import orjson
import pytest
import sqlalchemy as sa

from kartoteka import schema_engine as se
from kartoteka.platform.errors import error_response


def _error_of(db_url: str, statement: str, **params: object) -> BaseException:
    engine = se.connect(db_url)
    try:
        with engine.connect() as conn, pytest.raises(Exception) as caught:
            conn.execute(sa.text(statement), params)
        return caught.value
    finally:
        engine.dispose()


def _answer(exc: BaseException) -> tuple[int, str, dict[str, str]]:
    response = error_response(exc)
    return response.status_code, orjson.loads(response.body)["detail"], dict(response.headers)


def test_a_whole_number_beyond_64_bits_is_a_400_naming_the_range(db_url: str) -> None:
    # pysqlite refuses to bind it; PostgreSQL refuses to cast it (numeric value out of range).
    status, detail, _headers = _answer(_error_of(db_url, "SELECT CAST(:n AS BIGINT)", n=2**70))
    assert status == 400
    assert "9223372036854775807" in detail and "try again" not in detail


def test_a_missing_table_is_a_500_not_try_again(db_url: str) -> None:
    status, detail, headers = _answer(_error_of(db_url, "SELECT * FROM no_such_table"))
    assert status == 500 and "request id" in detail and "try again" not in detail
    assert "x-request-id" in headers
