"""Webhooks against a real local HTTP server: body, delivery id, signature, retries.

The receiver listens on 127.0.0.1, an internal address webhooks refuse unless the settings
allow it: these tests allow it (LOCAL), which also tests the setting."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from kartoteka.platform.automation import webhooks
from kartoteka.platform.automation.webhooks import (
    MAX_ANSWER,
    AddressRefused,
    AllowedHosts,
    WebhookFailed,
    checked_address,
    deliver,
)
from kartoteka.platform.automation.worker import BACKOFF
from tests.support.automation import app_with, create, jobs, run_worker, set_secret
from tests.support.receivers import LOCAL, Receiver, receiving
from tests.support.waiting import wait_for

SECRET_NAME = "warehouse"
SECRET = "shared secret"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as state:
        yield state


def hook_rule(url: str, secret: str | None = SECRET_NAME) -> dict[str, Any]:
    action: dict[str, Any] = {"action": "webhook", "url": url}
    if secret:
        action["secret"] = secret
    return {"name": "tell the warehouse", "entity": "deal",
            "when": {"event": "stage_entered", "field": "stage", "value": "won"},
            "do": [{"action": "set_field", "field": "close_date", "value": "+0d"}, action]}


def test_a_webhook_posts_the_record_signed(db_url: str, receiver: Receiver) -> None:
    with app_with(db_url, [hook_rule(receiver.url)]) as engine:
        set_secret(engine, SECRET_NAME, SECRET)
        deal = create(engine, "deal", {"title": "Fleet", "amount": 1200, "stage": "won"})
        counts = run_worker(engine, LOCAL)  # the rule, then its call
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
        run_worker(engine, LOCAL)
        [call] = receiver.calls
        assert "X-Kartoteka-Signature" not in call["headers"]


def test_a_failed_call_is_retried_with_backoff_under_the_same_delivery_id(
        db_url: str, receiver: Receiver) -> None:
    receiver.statuses = [500, 503]
    start = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
    with app_with(db_url, [hook_rule(receiver.url)]) as engine:
        set_secret(engine, SECRET_NAME, SECRET)
        with time_machine.travel(start, tick=False):
            create(engine, "deal", {"title": "Fleet", "stage": "won"})
            run_worker(engine, LOCAL)
            hook = jobs(engine)[1]
            assert (hook.state, hook.attempts) == ("pending", 1)
            assert "answered 500" in hook.error
            run_worker(engine, LOCAL)  # not due yet: nothing is sent
            assert len(receiver.calls) == 1
        with time_machine.travel(start + dt.timedelta(seconds=BACKOFF[0] + 1), tick=False):
            run_worker(engine, LOCAL)
            assert "answered 503" in jobs(engine)[1].error
        second = start + dt.timedelta(seconds=BACKOFF[0] + BACKOFF[1] + 2)
        with time_machine.travel(second, tick=False):
            run_worker(engine, LOCAL)
        hook = jobs(engine)[1]
        assert (hook.state, hook.attempts, hook.error) == ("done", 3, None)
        deliveries = {c["headers"]["X-Kartoteka-Delivery"] for c in receiver.calls}
        assert deliveries == {str(hook.id)} and len(receiver.calls) == 3


def test_an_unreachable_receiver_fails_after_the_last_attempt(db_url: str) -> None:
    start = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
    with app_with(db_url, [hook_rule("http://127.0.0.1:9/nothing-listens")]) as engine:
        set_secret(engine, SECRET_NAME, SECRET)
        with time_machine.travel(start, tick=False):
            create(engine, "deal", {"title": "Fleet", "stage": "won"})
        moment = start
        for wait in (0, *BACKOFF):
            moment += dt.timedelta(seconds=wait + 1)
            with time_machine.travel(moment, tick=False):
                run_worker(engine, LOCAL)
        hook = jobs(engine)[1]
        assert (hook.state, hook.attempts) == ("failed", len(BACKOFF) + 1)
        assert "127.0.0.1:9" in hook.error


# ---------------------------------------------------------------- where calls may go


@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.1", "2130706433", "0x7f.1", "0x7f000001", "017700000001", "localhost",
    "::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "0.0.0.0", "0", "10.1.2.3", "172.16.0.9",
    "192.168.1.1", "100.64.0.1", "169.254.169.254", "fe80::1", "fc00::1", "224.0.0.251",
    "ff02::1", "240.0.0.1", "255.255.255.255", "2002:7f00:1::", "64:ff9b::7f00:1",
    "64:ff9b::a01:203",
])
def test_internal_addresses_are_refused_in_every_spelling(host: str) -> None:
    with pytest.raises(AddressRefused, match="internal network"):
        checked_address(host, 80, AllowedHosts())


def test_public_addresses_pass_and_listed_hosts_or_networks_are_allowed() -> None:
    assert checked_address("93.184.215.14", 443, AllowedHosts()) == "93.184.215.14"
    assert checked_address("::ffff:8.8.8.8", 443, AllowedHosts()) == "::ffff:808:808"
    assert checked_address("127.0.0.1", 80, AllowedHosts.of(["127.0.0.1"])) == "127.0.0.1"
    assert checked_address("127.0.0.2", 80, AllowedHosts.of(["127.0.0.0/8"])) == "127.0.0.2"
    assert checked_address("localhost", 80, AllowedHosts.of(["LOCALHOST"])) in (
        "127.0.0.1", "::1")
    with pytest.raises(AddressRefused):  # a name listed allows that name, not its address
        checked_address("127.0.0.1", 80, AllowedHosts.of(["localhost"]))


def test_a_webhook_to_an_internal_address_fails_at_once_and_sends_nothing(
        db_url: str, receiver: Receiver) -> None:
    spelled = receiver.url.replace("127.0.0.1", "2130706433")
    with app_with(db_url, [hook_rule(spelled, secret=None)]) as engine:
        create(engine, "deal", {"title": "Fleet", "stage": "won"})
        counts = run_worker(engine)  # no host allowed: the default settings
        hook = jobs(engine)[1]
        assert (counts.done, counts.failed) == (1, 1)
        assert (hook.state, hook.attempts) == ("failed", 1)
        assert "2130706433 (127.0.0.1) is on an internal network" in hook.error
        assert "webhook_allowed_hosts" in hook.error
        assert receiver.calls == []


def test_a_secret_no_one_set_fails_the_job_naming_it(db_url: str, receiver: Receiver) -> None:
    with app_with(db_url, [hook_rule(receiver.url)]) as engine:
        create(engine, "deal", {"title": "Fleet", "stage": "won"})
        run_worker(engine, LOCAL)
        hook = jobs(engine)[1]
        assert hook.state == "failed"
        assert "the webhook's secret 'warehouse' is not set" in hook.error
        assert receiver.calls == []


# ---------------------------------------------------------------- slow and large answers


def _payload(url: str) -> dict[str, Any]:
    return {"url": url, "secret": None, "body": "{}"}


def test_a_receiver_that_trickles_is_cut_off_at_the_calls_deadline(receiver: Receiver) -> None:
    receiver.trickle = 60.0  # a header line a second: each read is quick, the answer endless
    started = time.monotonic()
    with pytest.raises(WebhookFailed, match="limit is 2 s for the whole call"):
        deliver(7, _payload(receiver.url), timeout=2.0, allowed=["127.0.0.1"])
    took = time.monotonic() - started
    assert 1.9 <= took < 30, took  # the deadline, not the receiver's minute


def test_at_most_64_kib_of_an_answer_are_read(receiver: Receiver) -> None:
    receiver.endless = True
    answer = deliver(7, _payload(receiver.url), allowed=["127.0.0.1"])
    assert answer.status == 200
    assert len(answer.body) == MAX_ANSWER == 64 * 1024


def test_a_name_is_resolved_once_and_the_call_goes_to_the_address_checked(
        receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: a name whose second answer would be 127.0.0.1 never reaches it."""
    answers = iter(["192.0.2.10", "127.0.0.1"])  # public-looking first, then the receiver's
    asked: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(webhooks, "internal", lambda address: str(address) == "127.0.0.1")
    port = int(receiver.url.split(":")[2].split("/")[0])
    with pytest.raises(WebhookFailed, match="for the whole call"):
        deliver(7, _payload(f"http://rebind.test:{port}/hooks/crm"), timeout=1.0)
    assert asked == ["rebind.test"]  # resolved once; the connection went to 192.0.2.10
    assert receiver.calls == []


def test_a_worker_run_once_goes_on_with_rules_while_a_receiver_holds_a_call(
        sqlite_url: str, receiver: Receiver) -> None:
    """`kartoteka worker --once` waits for its calls to end, running the rules that come
    meanwhile: a client's rule does not wait for the deal's held call (10 s here)."""
    receiver.trickle = 60.0
    mark = {"name": "Mark new clients", "entity": "client", "when": {"event": "created"},
            "do": [{"action": "set_field", "field": "city", "value": "Checked"}]}
    with app_with(sqlite_url, [hook_rule(receiver.url, secret=None), mark]) as engine:
        create(engine, "deal", {"title": "Held", "stage": "won"})

        def client_once_the_call_is_held() -> None:
            if wait_for(lambda: receiver.calls, timeout=60):
                create(engine, "client", {"name": "Other"})

        meanwhile = threading.Thread(target=client_once_the_call_is_held, daemon=True)
        meanwhile.start()
        run_worker(engine, LOCAL)
        meanwhile.join(timeout=60)
        [marked] = [j for j in jobs(engine) if j.entity == "client"]
        [hook] = [j for j in jobs(engine) if j.kind == "webhook"]
        assert marked.state == "done" and hook.state == "pending"  # cut off, to be retried
        waited = (marked.finished_at - marked.created_at).total_seconds()
        assert waited < 8.0, waited  # the held call lasted 10 s
