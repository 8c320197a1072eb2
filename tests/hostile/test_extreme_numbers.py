"""Numbers at and past their range: a write outside it is a 422 naming the field, on the API's
batch and on the card form; values at the edge of the range, and values past it that a database
of an earlier release could hold, never break a list, a board, a pipeline, totals or grouped
sums, for the user who stored them or anyone else."""

from __future__ import annotations

from contextlib import closing
from decimal import Decimal

import httpx

from kartoteka.schema_engine.types import DECIMAL_LIMIT
from tests.support.bystander import Bystander
from tests.support.pages import csrf_of, signed_in
from tests.support.servers import ADMIN, LiveServer
from tests.support.stored import store_directly

#: The largest amount a write takes: 15 significant digits below 10**13.
LARGEST = Decimal("9999999999999.99")
#: Past the range, as the batch API and the card form took them before it was checked.
HUGE = [Decimal("1e27"), Decimal("-99999999999999999999999999"), Decimal("123456789012345.678")]
PAGES = ["/records/deal", "/records/deal/board", "/records/deal/pipeline",
         "/records/deal?totals=1", "/records/deal/1"]
FRAGMENTS = ["/records/deal/totals", "/records/deal/board/figures"]


def _every_view_answers(server: LiveServer, api: httpx.Client) -> dict[str, int]:
    with closing(signed_in(server.url, *ADMIN)) as ui:
        answers = {path: ui.get(path).status_code for path in PAGES}
        answers |= {path: ui.get(path, headers={"HX-Request": "true"}).status_code
                    for path in FRAGMENTS}
    answers |= {path: api.get(path).status_code
                for path in ("/api/records/deal?sort=-amount", "/api/pipeline/deal")}
    grouped = api.post("/api/records/deal/query",
                       json={"group_by": "stage", "aggregate": {"amount": "sum"}})
    answers["grouped sums"] = grouped.status_code
    return answers


def test_numbers_past_their_range_are_refused_and_stored_ones_break_nothing(
        db_url: str, server: LiveServer) -> None:
    api = server.admin()
    with Bystander(server) as other:
        # A write outside the range: a 422 naming the field, nothing stored.
        answer = api.post("/api/records/deal/batch", json={"create": [
            {"title": "ok", "amount": str(LARGEST)}, {"title": "big", "amount": "1e27"}]})
        assert answer.status_code == 422, answer.text
        assert [e["field"] for e in answer.json()["errors"]] == ["create[1].amount"]
        assert f"±{DECIMAL_LIMIT:,}" in answer.json()["errors"][0]["message"]
        with closing(signed_in(server.url, *ADMIN)) as ui:
            form = ui.get("/records/deal/new")
            typed = ui.post("/records/deal/new", data={
                "csrf_token": csrf_of(form.text), "title": "typed", "amount": "1e27",
                "stage": "new"})
        assert typed.status_code == 422, typed.text[:300]
        assert "numbers stay below" in typed.text
        assert api.get("/api/records/deal?count=true").json()["count"] == 0

        # At the edge: 1,000 of the largest amount add up to the cent.
        api.post("/api/records/deal/batch", json={"create": [
            {"title": f"edge {i}", "amount": str(LARGEST), "stage": "won"} for i in range(1000)]})
        grouped = api.post("/api/records/deal/query", json={
            "group_by": "stage", "aggregate": {"amount": "sum"}}).json()
        won = next(g for g in grouped["groups"] if g["key"] == "won")
        assert Decimal(str(won["amount_sum"])) == LARGEST * 1000

        # Past the range, stored by SQL as an earlier release could hold them.
        store_directly(server.db_url, "deal", [
            {"title": f"huge {i}", "amount": amount, "stage": "new"}
            for i, amount in enumerate(HUGE)])
        answers = _every_view_answers(server, api)
        assert answers == dict.fromkeys(answers, 200), answers
    other.assert_served()
