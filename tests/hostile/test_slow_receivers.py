"""Hostile: webhook receivers that answer a byte at a time, or never stop answering.

A call has one deadline in all and reads 64 KiB of an answer at most; while a receiver holds a
call, the rules of other records run as usual, and another user is served."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kartoteka.settings import Settings
from tests.hostile._hooks import Figures, crm_with, jobs
from tests.support.bystander import Bystander
from tests.support.receivers import receiving
from tests.support.servers import MakeServer
from tests.support.waiting import wait_for

#: The receiver holds a call for far longer than any normal job takes.
DEADLINE = 60.0
#: Generous, and far below the deadline the held call waits for.
PROMPT = 20.0


def _moment(value: Any) -> dt.datetime:
    """A time of a raw row: a datetime on PostgreSQL, text on SQLite."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _seconds(start: Any, end: Any) -> float:
    return float((_moment(end) - _moment(start)).total_seconds())


def test_a_trickling_receiver_holds_no_other_rule(db_url: str, make_server: MakeServer) -> None:
    with receiving() as receiver:
        receiver.trickle = DEADLINE * 2  # a header line a second, for longer than the deadline
        rules = [
            {"name": "Tell the slow ERP", "entity": "deal", "when": {"event": "created"},
             "do": [{"action": "webhook", "url": receiver.url}]},
            {"name": "Mark new clients", "entity": "client", "when": {"event": "created"},
             "do": [{"action": "set_field", "field": "city", "value": "Checked"}]},
        ]
        settings = Settings(webhook_allowed_hosts=("127.0.0.1",), webhook_timeout=DEADLINE)
        server = make_server(crm_with(rules), settings=settings)
        admin = server.admin()
        figures = Figures("a receiver trickling a header line a second")
        with Bystander(server) as other:
            assert admin.post("/api/records/deal", json={"title": "Held"}).status_code == 201
            assert wait_for(lambda: receiver.calls), "the webhook was never called"
            client = admin.post("/api/records/client", json={"name": "Other"}).json()
            marked = wait_for(lambda: [j for j in jobs(db_url, "rule")
                                       if j.entity == "client" and j.state == "done"])
        other.assert_served()
        assert marked, "the client's rule did not run while the call was held"
        waited = _seconds(marked[0].created_at, marked[0].finished_at)
        held = [j for j in jobs(db_url, "webhook") if j.state == "running"]
        figures.report(f"the other rule waited {waited:.2f} s while the call was held "
                       f"({len(held)} call running)")
        assert waited < PROMPT
        assert held, "the held call should still be running"
        assert admin.get(f"/api/records/client/{client['id']}").json()["city"] == "Checked"


def test_an_endless_answer_is_cut_at_64_kib(db_url: str, make_server: MakeServer) -> None:
    with receiving() as receiver:
        receiver.endless = True
        rule = {"name": "Tell the chatty ERP", "entity": "deal", "when": {"event": "created"},
                "do": [{"action": "webhook", "url": receiver.url}]}
        server = make_server(crm_with([rule]),
                             settings=Settings(webhook_allowed_hosts=("127.0.0.1",)))
        admin = server.admin()
        figures = Figures("a receiver answering a body that never ends")
        with Bystander(server) as other:
            assert admin.post("/api/records/deal", json={"title": "Chatty"}).status_code == 201
            done = wait_for(lambda: [j for j in jobs(db_url, "webhook") if j.state == "done"])
        other.assert_served()
        assert done, f"the call did not end: {jobs(db_url, 'webhook')}"
        took = _seconds(done[0].created_at, done[0].finished_at)
        figures.report(f"the call ended done after {took:.2f} s, 64 KiB read; the receiver "
                       f"had written {receiver.sent // 1024} KiB into the connection's "
                       "buffers when it was hung up on")
        assert took < PROMPT
