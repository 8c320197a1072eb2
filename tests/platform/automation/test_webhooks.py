"""Webhooks against a real local HTTP server: body, delivery id, signature, retries."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import time_machine

from kartoteka.platform.automation.worker import BACKOFF
from tests.support.automation import app_with, create, jobs, run_worker

SECRET = "shared secret"


@dataclass
class Receiver:
    """A local HTTP server that keeps every call and answers the statuses it is given."""

    url: str
    calls: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the name http.server calls
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.calls.append({"path": self.path, "headers": dict(self.headers), "body": body})
            status = state.statuses.pop(0) if state.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/crm"
    yield state
    server.shutdown()
    server.server_close()


def hook_rule(url: str, secret: str | None = SECRET) -> dict[str, Any]:
    action: dict[str, Any] = {"action": "webhook", "url": url}
    if secret:
        action["secret"] = secret
    return {"name": "tell the warehouse", "entity": "deal",
            "when": {"event": "stage_entered", "field": "stage", "value": "won"},
            "do": [{"action": "set_field", "field": "close_date", "value": "+0d"}, action]}


def test_a_webhook_posts_the_record_signed(db_url: str, receiver: Receiver) -> None:
    with app_with(db_url, [hook_rule(receiver.url)]) as engine:
        deal = create(engine, "deal", {"title": "Fleet", "amount": 1200, "stage": "won"})
        counts = run_worker(engine)  # the rule, then its call
        assert (counts.done, counts.failed) == (2, 0)
        [call] = receiver.calls
        rule_job, hook_job = jobs(engine)
        assert (hook_job.kind, hook_job.state, hook_job.attempts) == ("webhook", "done", 1)
        assert call["path"] == "/hooks/crm"
        assert call["headers"]["X-Kartoteka-Delivery"] == str(hook_job.id)
        assert call["headers"]["Content-Type"] == "application/json"
        expected = hmac.new(SECRET.encode(), call["body"], hashlib.sha256).hexdigest()
        assert call["headers"]["X-Kartoteka-Signature"] == f"sha256={expected}"
        body = json.loads(call["body"])
        assert (body["event"], body["entity"]) == ("stage_entered", "deal")
        # The record as the API shows it, after the rule's database actions.
        assert body["record"]["id"] == deal["id"] and body["record"]["amount"] == 1200
        assert body["record"]["close_date"] is not None
        assert rule_job.state == "done"


def test_no_signature_without_a_secret(db_url: str, receiver: Receiver) -> None:
    with app_with(db_url, [hook_rule(receiver.url, secret=None)]) as engine:
        create(engine, "deal", {"title": "Fleet", "stage": "won"})
        run_worker(engine)
        [call] = receiver.calls
        assert "X-Kartoteka-Signature" not in call["headers"]


def test_a_failed_call_is_retried_with_backoff_under_the_same_delivery_id(
        db_url: str, receiver: Receiver) -> None:
    receiver.statuses = [500, 503]
    start = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
    with app_with(db_url, [hook_rule(receiver.url)]) as engine:
        with time_machine.travel(start, tick=False):
            create(engine, "deal", {"title": "Fleet", "stage": "won"})
            run_worker(engine)
            hook = jobs(engine)[1]
            assert (hook.state, hook.attempts) == ("pending", 1)
            assert "answered 500" in hook.error
            run_worker(engine)  # not due yet: nothing is sent
            assert len(receiver.calls) == 1
        with time_machine.travel(start + dt.timedelta(seconds=BACKOFF[0] + 1), tick=False):
            run_worker(engine)
            assert "answered 503" in jobs(engine)[1].error
        second = start + dt.timedelta(seconds=BACKOFF[0] + BACKOFF[1] + 2)
        with time_machine.travel(second, tick=False):
            run_worker(engine)
        hook = jobs(engine)[1]
        assert (hook.state, hook.attempts, hook.error) == ("done", 3, None)
        deliveries = {c["headers"]["X-Kartoteka-Delivery"] for c in receiver.calls}
        assert deliveries == {str(hook.id)} and len(receiver.calls) == 3


def test_an_unreachable_receiver_fails_after_the_last_attempt(db_url: str) -> None:
    start = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
    with app_with(db_url, [hook_rule("http://127.0.0.1:9/nothing-listens")]) as engine:
        with time_machine.travel(start, tick=False):
            create(engine, "deal", {"title": "Fleet", "stage": "won"})
        moment = start
        for wait in (0, *BACKOFF):
            moment += dt.timedelta(seconds=wait + 1)
            with time_machine.travel(moment, tick=False):
                run_worker(engine)
        hook = jobs(engine)[1]
        assert (hook.state, hook.attempts) == ("failed", len(BACKOFF) + 1)
        assert "127.0.0.1:9" in hook.error
