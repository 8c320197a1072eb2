"""Sending a huge request body over a raw socket, generated as it goes, and noting when the
answer came: before the body was sent in full, or only after it.

httpx sends a whole body before it reads the answer; a server refusing a body early closes the
connection, and httpx then reports a broken pipe instead of the answer. `stream_body` sends
the body in pieces, looks for an answer after each piece, and stops sending when one came.
It also measures what the test process (and so a server in a thread of it) held at its
highest meanwhile: the peak resident memory, reset before the request (/proc/self/clear_refs).
"""

from __future__ import annotations

import os
import re
import select
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

MIB = 1024 * 1024
PIECE = 256 * 1024


@dataclass
class Streamed:
    """What came of sending a body: the answer, the bytes sent before it, time and memory."""

    status: int
    headers: dict[str, str]
    body: str
    sent: int
    total: int
    seconds: float
    rss_before: int
    peak_rss: int

    @property
    def memory_growth(self) -> int:
        """How much more memory the process held at its highest than before, in bytes."""
        return max(0, self.peak_rss - self.rss_before)

    def figures(self) -> str:
        return (f"{self.status} after {self.sent / MIB:.1f} of {self.total / MIB:.0f} MiB sent, "
                f"{self.seconds:.2f} s, resident memory {self.rss_before / MIB:.0f} MiB before, "
                f"{self.peak_rss / MIB:.0f} MiB at most meanwhile")


def _status_kib(name: str) -> int:
    text = Path("/proc/self/status").read_text()
    found = re.search(rf"^{name}:\s+(\d+) kB", text, re.MULTILINE)
    assert found, name
    return int(found.group(1)) * 1024


def _reset_peak() -> None:
    # "5" resets VmHWM, the peak resident set, to the current one (Linux 4.0 and later).
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def _pieces(total: int) -> Iterator[bytes]:
    piece = b"x" * PIECE  # one piece reused: the test holds no more than this of the body
    for offset in range(0, total, PIECE):
        yield piece if total - offset >= PIECE else piece[: total - offset]


def _multipart_head(boundary: str) -> bytes:
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            "filename=\"huge.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()


def stream_body(
    base_url: str, path: str, total: int, *, chunked: bool = False, upload: bool = False,
    content_type: str = "application/json", headers: dict[str, str] | None = None,
) -> Streamed:
    """POST `total` bytes of generated body to `path`, with a `Content-Length` or chunked;
    `upload`: as one file of a multipart form. Stops sending when the answer arrives."""
    parts = urlsplit(base_url)
    boundary = "kartoteka-hostile-boundary"
    head, tail = b"", b""
    if upload:
        content_type = f"multipart/form-data; boundary={boundary}"
        head, tail = _multipart_head(boundary), f"\r\n--{boundary}--\r\n".encode()
    lines = [f"POST {path} HTTP/1.1", f"Host: {parts.netloc}", f"Content-Type: {content_type}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    size = len(head) + total + len(tail)
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}")
    request_head = ("\r\n".join(lines) + "\r\n\r\n").encode()

    def framed(data: bytes) -> bytes:
        return f"{len(data):x}\r\n".encode() + data + b"\r\n" if chunked else data

    _reset_peak()
    rss_before = _status_kib("VmRSS")
    started = time.monotonic()
    sent = 0
    sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80),
                                    timeout=60)
    try:
        sock.sendall(request_head)
        pieces = [p for p in (head, *_pieces(total), tail) if p]  # an empty chunk ends a body
        for piece in pieces:
            if _answered(sock):
                break
            try:
                sock.sendall(framed(piece))
            except (BrokenPipeError, ConnectionResetError):
                break  # the server closed the connection: its answer is waiting
            sent += len(piece)
        else:
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        answer = _read_answer(sock)
    finally:
        sock.close()
    seconds = time.monotonic() - started
    status, answer_headers, body = _parse(answer)
    return Streamed(status, answer_headers, body, sent, size, seconds, rss_before,
                    _status_kib("VmHWM"))


def _answered(sock: socket.socket) -> bool:
    readable, _, _ = select.select([sock], [], [], 0)
    return bool(readable)


def _read_answer(sock: socket.socket, deadline: float = 60.0) -> bytes:
    sock.settimeout(deadline)
    data = b""
    while True:
        try:
            piece = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not piece:
            break
        data += piece
        head, _, body = data.partition(b"\r\n\r\n")
        found = re.search(rb"content-length:\s*(\d+)", head, re.IGNORECASE)
        if found and len(body) >= int(found.group(1)):
            break
    return data


def _parse(answer: bytes) -> tuple[int, dict[str, str], str]:
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines and lines[0].startswith("HTTP/1.1 "), f"no HTTP answer: {answer[:200]!r}"
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, body.decode("utf-8", "replace")


def folder_size(folder: str | os.PathLike[str]) -> int:
    """The bytes of every file under `folder` (0 when there is none)."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
