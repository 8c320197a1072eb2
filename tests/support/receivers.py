"""Webhook receivers for tests: real local HTTP servers on 127.0.0.1 that keep every call.

    with receiving() as receiver:              # answers 200 "ok"
        receiver.url                           # http://127.0.0.1:<port>/hooks/crm
    receiver.statuses = [500, 503]             # the next answers' statuses
    receiver.trickle = 30.0                    # answer one byte a second for 30 s
    receiver.endless = True                    # answer 200 with a body that never ends

Webhooks refuse 127.0.0.1 unless the settings allow it: tests that call a receiver pass
`LOCAL` (or settings with `webhook_allowed_hosts=("127.0.0.1",)`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kartoteka.settings import Settings

#: Settings whose webhooks may call the receivers.
LOCAL = Settings(webhook_allowed_hosts=("127.0.0.1",))


@dataclass
class Receiver:
    """What the receiver answers, and every call it took."""

    url: str = ""
    calls: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    #: Seconds to spend answering, one byte a second (a receiver that holds the caller).
    trickle: float = 0.0
    #: Answer a body that never ends (until the caller hangs up).
    endless: bool = False
    #: Bytes of the endless answer sent before the caller hung up.
    sent: int = 0
    stop: threading.Event = field(default_factory=threading.Event)


@contextmanager
def receiving() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the name http.server calls
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.calls.append({"path": self.path, "headers": dict(self.headers), "body": body,
                                "at": time.monotonic()})
            status = state.statuses.pop(0) if state.statuses else 200
            try:
                if state.trickle:
                    self._trickle(status)
                elif state.endless:
                    self._endless(status)
                else:
                    self._answer(status, b"ok")
            except OSError:  # the caller hung up: what the tests want to see
                pass

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _trickle(self, status: int) -> None:
            self.wfile.write(f"HTTP/1.1 {status} OK\r\n".encode())
            until = time.monotonic() + state.trickle
            while time.monotonic() < until and not state.stop.is_set():
                self.wfile.write(b"X-Slow: a\r\n")  # a header line, never the end of them
                self.wfile.flush()
                state.stop.wait(1.0)

        def _endless(self, status: int) -> None:
            self.send_response(status)
            self.end_headers()  # no length: the body ends when the connection does
            chunk = b"x" * 65536
            while not state.stop.is_set():
                self.wfile.write(chunk)
                state.sent += len(chunk)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/crm"
    try:
        yield state
    finally:
        state.stop.set()
        server.shutdown()
        server.server_close()
