"""Webhook calls of automations: a POST of JSON, signed when the rule has a secret.

Each call is a job of its own (`kind = "webhook"`), queued by the rule's job in the transaction
that marks it done, and sent after that commit: a call is made at least once, and a receiver
tells repeats apart by `X-Kartoteka-Delivery` (the job's id, the same on every retry). With a
secret, `X-Kartoteka-Signature: sha256=<hex HMAC-SHA256 of the raw body>` proves the sender.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx

from kartoteka.schema_engine import KartotekaError

#: Seconds to connect and to wait for the answer; a slow receiver is retried later.
TIMEOUT = 10.0
USER_AGENT = "Kartoteka-Webhook/1"


class WebhookFailed(KartotekaError):
    """The receiver did not take the call (no answer, or not 2xx): tried again later."""


def signature(secret: str, body: bytes) -> str:
    """The `X-Kartoteka-Signature` value of `body`."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def webhook_payload(url: str, secret: str | None, body: str) -> str:
    """The job payload of one call (JSON text)."""
    return json.dumps({"url": url, "secret": secret, "body": body}, ensure_ascii=False)


def deliver(job_id: int, payload: dict[str, Any], *, timeout: float = TIMEOUT) -> None:
    """POST the call of job `job_id`; raises WebhookFailed unless the receiver answers 2xx."""
    body = str(payload["body"]).encode()
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT,
               "X-Kartoteka-Delivery": str(job_id)}
    if payload.get("secret"):
        headers["X-Kartoteka-Signature"] = signature(str(payload["secret"]), body)
    try:
        answer = httpx.post(str(payload["url"]), content=body, headers=headers, timeout=timeout,
                            follow_redirects=False)
    except httpx.HTTPError as exc:
        raise WebhookFailed(f"the call to {payload['url']} failed: {exc or type(exc).__name__}"
                            ) from None
    if not 200 <= answer.status_code < 300:
        raise WebhookFailed(f"{payload['url']} answered {answer.status_code} "
                            f"{answer.reason_phrase}: {answer.text[:200]}".rstrip(": "))
