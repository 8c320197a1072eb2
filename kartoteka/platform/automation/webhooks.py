"""Webhook calls of automations: a POST of JSON, signed when the rule names a secret.

Each call is a job of its own (`kind = "webhook"`), queued by the rule's job in the transaction
that marks it done, and sent after that commit: a call is made at least once, and a receiver
tells repeats apart by `X-Kartoteka-Delivery` (the job's id, the same on every retry). With a
secret, `X-Kartoteka-Signature: sha256=<hex HMAC-SHA256 of the raw body>` proves the sender; the
job carries the secret's name, its value is read from `kt_webhook_secret` when sending.

A call cannot be turned against the server's own network: the receiver's host is resolved and
every address it resolves to is checked (loopback, private, link-local, multicast, unspecified
and reserved networks are refused, IPv4-mapped IPv6 addresses as their IPv4 address), then the
connection goes to the address checked, never to a second resolution an attacker's DNS could
answer differently. Hosts and networks listed in the setting `webhook_allowed_hosts` are let
through. The check happens where the connection is made (`_GuardedBackend.connect_tcp`), so no
path of the HTTP client connects around it.

A call has one deadline for all of it (connecting, sending, the answer): every read and write
may take only what is left of it, so a receiver that trickles a byte a second is cut off at the
deadline. At most `MAX_ANSWER` bytes of the answer are read.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
import ssl
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpcore
import httpx

from kartoteka.schema_engine import KartotekaError

#: Seconds a whole call may take: connecting, sending and the answer.
TIMEOUT = 10.0
#: Bytes of the answer read at most (the rest is not waited for).
MAX_ANSWER = 64 * 1024
USER_AGENT = "Kartoteka-Webhook/1"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class WebhookFailed(KartotekaError):
    """The receiver did not take the call (no answer, or not 2xx): tried again later."""


class AddressRefused(KartotekaError):
    """The receiver's host is on an internal network (retrying does not help)."""


def signature(secret: str, body: bytes) -> str:
    """The `X-Kartoteka-Signature` value of `body`."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def webhook_payload(url: str, secret_name: str | None, body: str) -> str:
    """The job payload of one call (JSON text): the secret by its name, never its value."""
    return json.dumps({"url": url, "secret": secret_name, "body": body}, ensure_ascii=False)


# ---------------------------------------------------------------- where a call may go


@dataclass(frozen=True)
class AllowedHosts:
    """Internal hosts webhooks may call anyway: names as written in URLs, and networks."""

    names: frozenset[str] = frozenset()
    networks: tuple[Network, ...] = ()

    @classmethod
    def of(cls, entries: Iterable[str]) -> AllowedHosts:
        """From the setting's entries: "warehouse.internal", "127.0.0.1", "10.0.0.0/8"."""
        names, networks = set(), []
        for entry in (e.strip().casefold() for e in entries):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                names.add(entry.rstrip("."))
        return cls(frozenset(names), tuple(networks))

    def allows(self, host: str, address: Address) -> bool:
        return (host.casefold().rstrip(".") in self.names
                or any(address in network for network in self.networks))


#: IPv6 addresses that carry an IPv4 address in their last 32 bits (NAT64's well-known prefix).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def internal(address: Address) -> bool:
    """Whether `address` is on a network a webhook may not call: anything not globally routed
    (loopback, private, link-local, unspecified, reserved, shared, documentation) or multicast;
    an IPv6 address carrying an IPv4 one (mapped, 6to4, NAT64) is judged by that."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return internal(embedded)
    return address.is_multicast or not address.is_global


def _resolved(host: str, port: int) -> list[Address]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise WebhookFailed(f"the host {host!r} could not be resolved: {exc}") from None
    # "fe80::1%eth0": the zone is not part of the address.
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]


def checked_address(host: str, port: int, allowed: AllowedHosts) -> str:
    """The address to connect to for `host`: every address it resolves to is checked, so that
    a name with one public and one internal address is refused too."""
    addresses = _resolved(host, port)
    for address in addresses:
        if internal(address) and not allowed.allows(host, address):
            shown = host if host == str(address) else f"{host} ({address})"
            raise AddressRefused(
                f"the webhook's address {shown} is on an internal network (loopback, private, "
                "link-local, multicast or reserved); webhooks call public addresses only, "
                "unless an administrator lists the host in the setting webhook_allowed_hosts")
    return str(addresses[0])


# ---------------------------------------------------------------- one deadline for a call


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def left(self, timeout: float | None) -> float:
        """What an operation may take: its own timeout, but never past the deadline."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout(f"the call took longer than {self.seconds:g} s in all")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner, self._deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._deadline.left(timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Connects only to checked addresses; every stream keeps the call's deadline."""

    def __init__(self, allowed: AllowedHosts, deadline: _Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._allowed, self._deadline = allowed, deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        address = checked_address(host, port, self._allowed)
        stream = self._inner.connect_tcp(address, port, self._deadline.left(timeout),
                                         local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        raise AddressRefused("webhooks do not call unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, self._deadline.left(None)))


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()


# ---------------------------------------------------------------- the call


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    #: The first MAX_ANSWER bytes of the body at most.
    body: bytes


def deliver(job_id: int, payload: dict[str, Any], secret: str | None = None, *,
            timeout: float = TIMEOUT, allowed: AllowedHosts | Sequence[str] = ()) -> Answer:
    """POST the call of job `job_id`, signed with `secret` (the value of the secret the job
    names); raises WebhookFailed unless the receiver answers 2xx within `timeout` seconds in
    all, AddressRefused when the receiver is on an internal network not `allowed`."""
    if not isinstance(allowed, AllowedHosts):
        allowed = AllowedHosts.of([allowed] if isinstance(allowed, str) else allowed)
    url = str(payload["url"])
    body = str(payload["body"]).encode()
    try:
        target = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise AddressRefused(f"{url!r} is not a URL a webhook can call: {exc}") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise AddressRefused(f"{url!r} is not an http or https URL")
    headers = [("Host", target.netloc.decode("ascii")), ("Content-Type", "application/json"),
               ("User-Agent", USER_AGENT), ("X-Kartoteka-Delivery", str(job_id)),
               ("Content-Length", str(len(body)))]
    if secret:
        headers.append(("X-Kartoteka-Signature", signature(secret, body)))
    deadline = _Deadline(timeout)
    try:
        with httpcore.ConnectionPool(ssl_context=_ssl_context(), max_connections=1,
                                     network_backend=_GuardedBackend(allowed, deadline)) as pool:
            answer = _post(pool, str(target), headers, body, timeout)
    except httpcore.TimeoutException as exc:
        raise WebhookFailed(f"the call to {url} failed: {exc or 'it timed out'} "
                            f"(the limit is {timeout:g} s for the whole call)") from None
    except (httpcore.ProtocolError, httpcore.NetworkError, httpcore.UnsupportedProtocol,
            httpcore.LocalProtocolError) as exc:
        raise WebhookFailed(f"the call to {url} failed: {exc or type(exc).__name__}") from None
    if not 200 <= answer.status < 300:
        text = answer.body[:200].decode("utf-8", "replace")
        raise WebhookFailed(f"{url} answered {answer.status} {answer.reason}: {text}"
                            .rstrip(": "))
    return answer


def _post(pool: httpcore.ConnectionPool, url: str, headers: list[tuple[str, str]], body: bytes,
          timeout: float) -> Answer:
    times = {"connect": timeout, "read": timeout, "write": timeout, "pool": timeout}
    with pool.stream("POST", url, headers=headers, content=body,
                     extensions={"timeout": times}) as response:
        kept = bytearray()
        for chunk in response.iter_stream():
            kept += chunk[:MAX_ANSWER - len(kept)]
            if len(kept) >= MAX_ANSWER:
                break  # the rest is never read: closing the stream drops the connection
        reason = response.extensions.get("reason_phrase", b"")
        return Answer(response.status, bytes(reason).decode("latin-1"), bytes(kept))
