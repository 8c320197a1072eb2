"""What the benchmarks that attack a real server share: an app made from the crm template, and
`kartoteka serve` started on it in a process of its own, with its memory read from /proc."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import Connection

from kartoteka import schema_engine as se
from kartoteka.platform.accounts import create_user
from kartoteka.platform.tables import upgrade_tables
from kartoteka.platform.templates import load_template

ADMIN = ("admin@example.com", "bench admin password")
KARTOTEKA = str(Path(sys.executable).parent / "kartoteka")


def make_app(url: str) -> None:
    """The crm template in the empty database `url`, with ADMIN as its administrator."""
    engine = se.connect(url)

    def add_admin(conn: Connection) -> None:
        upgrade_tables(conn)
        create_user(conn, ADMIN[0], ADMIN[1], is_admin=True)

    se.initialize(engine, load_template("crm"), author="bench", before_commit=add_admin)
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(url: str, data_dir: Path, log: Path) -> Iterator[tuple[str, int]]:
    """`kartoteka serve` on `url` (no worker), once it answers: its base URL and process id."""
    port = free_port()
    with log.open("wb") as out:
        server = subprocess.Popen(
            [KARTOTEKA, "serve", "--db", url, "--port", str(port), "--data-dir", str(data_dir),
             "--no-worker"], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the server exited:\n{log.read_text()}")
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def status_mib(pid: int, name: str) -> float:
    """A memory figure of /proc/<pid>/status (VmRSS, VmHWM...) in MiB."""
    found = re.search(rf"^{name}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(),
                      re.MULTILINE)
    return int(found.group(1)) / 1024 if found else 0.0
