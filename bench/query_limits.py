"""Hostile queries against a live server: the answer, its time and the server's memory, per class.

Each class of the issue's query limits is sent once to a server running as `kartoteka serve` runs
it (a separate process, over real HTTP on loopback), with the crm template and `--clients`
clients: an `in` list of 100,000 values, a JSON filter nested 5,000 deep (in a body) and 3,000
deep (in `filter=`), a filter of 100,000 conditions (4 MB, under the bound on a JSON body), a
search of 100,000 words, and a slow statement (200 two-letter substring conditions over every
client, cut at `--statement-timeout` seconds). Meanwhile another signed-in user reads a page of
deals, one request after another: the slowest of those reads is printed with each class. Memory
is the server's VmRSS (/proc/<pid>/status) before and after each request. SQLite always;
PostgreSQL when KARTOTEKA_BENCH_PG_URL is set. The output is a Markdown table.

    python bench/query_limits.py [--clients 100000] [--statement-timeout 1] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from _throwaway_pg import pg_database  # bench/ is on sys.path when a script runs
from sqlalchemy import Connection, text

from kartoteka import schema_engine as se
from kartoteka.platform.accounts.users import create_user
from kartoteka.platform.tables import upgrade_tables
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.db import write_connection

USER = ("bench@example.com", "bench password")
OTHER = ("other@example.com", "other password")
PAIRS = ["".join(p) for p in itertools.product("qwxjz", repeat=2)]
FILL = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows) "
              "INSERT INTO client (name, kt_fold_fld_client_name) "
              "SELECT 'client ' || i, 'client ' || i FROM n",
    "postgresql": "INSERT INTO client (name, kt_fold_fld_client_name) "
                  "SELECT 'client ' || i, 'client ' || i FROM generate_series(1, :rows) AS i",
}
SERVER = ("import sys\n"
          "from kartoteka.app import create_app\n"
          "from kartoteka.cli.serve import run\n"
          "from kartoteka.settings import Settings\n"
          "url, port, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])\n"
          "run(create_app(url, settings=Settings(statement_timeout=limit)), '127.0.0.1', port)\n")

Send = Callable[[httpx.Client], httpx.Response]


def nested(depth: int) -> str:
    return '{"not": ' * depth + '{"field": "stage", "value": "won"}' + "}" * depth


#: (class, how it is sent)
CLASSES: list[tuple[str, Send]] = [
    ("in list of 100,000 values", lambda c: c.post("/api/records/deal/query", json={
        "filter": {"field": "title", "op": "in", "value": [f"d{k}" for k in range(100_000)]}})),
    ("filter 5,000 deep (body)", lambda c: c.post(
        "/api/records/deal/query", content=('{"filter": ' + nested(5000) + "}").encode())),
    ("filter 3,000 deep (filter=)", lambda c: c.get(
        "/api/records/deal", params={"filter": "[" * 3000 + "]" * 3000})),
    ("100,000 conditions", lambda c: c.post("/api/records/deal/query", json={
        "filter": {"or": [{"field": "title", "op": "eq", "value": "x"}] * 100_000}})),
    ("search of 100,000 words", lambda c: c.post("/api/records/deal/query", json={
        "q": " ".join(f"w{k}" for k in range(100_000))})),
    ("slow statement", lambda c: c.post("/api/records/client/query", json={
        "filter": {"or": [{"field": "name", "op": "contains", "value": v}
                          for v in PAIRS] * 8}, "count": True})),
]


def make_app(url: str, clients: int) -> None:
    engine = se.connect(url)

    def accounts(conn: Connection) -> None:
        upgrade_tables(conn)
        create_user(conn, *USER)
        create_user(conn, *OTHER)

    se.initialize(engine, load_template("crm"), author="bench", before_commit=accounts)
    with write_connection(engine) as conn:
        conn.execute(text(FILL[engine.dialect.name]), {"rows": clients})
        conn.commit()
    engine.dispose()


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Bystander:
    """Another user reading a page of deals, one request after another, keeping the slowest."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.slowest = 0.0
        self.failures = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop.is_set():
            began = time.perf_counter()
            if self.client.get("/api/records/deal?limit=20").status_code != 200:
                self.failures += 1
            self.slowest = max(self.slowest, time.perf_counter() - began)

    def __enter__(self) -> Bystander:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()


def measure(url: str, clients: int, limit: float) -> list[dict[str, Any]]:
    make_app(url, clients)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port), str(limit)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base)
        rows = []
        with httpx.Client(base_url=base, timeout=300) as client, \
                httpx.Client(base_url=base, timeout=300) as other:
            client.headers["Authorization"] = "Bearer " + _token(client, USER)
            other.headers["Authorization"] = "Bearer " + _token(other, OTHER)
            other.get("/api/records/deal?limit=20")
            for name, send in CLASSES:
                before = rss_mib(server.pid)
                with Bystander(other) as bystander:
                    began = time.perf_counter()
                    answer = send(client)
                    took = time.perf_counter() - began
                rows.append({
                    "database": url.partition(":")[0].partition("+")[0], "class": name,
                    "status": answer.status_code, "detail": _detail(answer),
                    "seconds": took, "other_slowest_seconds": bystander.slowest,
                    "other_failures": bystander.failures,
                    "rss_before_mib": before, "rss_after_mib": rss_mib(server.pid)})
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def _detail(answer: httpx.Response) -> str:
    try:
        return str(answer.json().get("detail", "(no detail)"))
    except ValueError:
        return answer.text[:60]


def _wait_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/api/schema", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError("the server did not answer within 60 s")


def _token(client: httpx.Client, who: tuple[str, str]) -> str:
    answer = client.post("/api/auth/token", data={"username": who[0], "password": who[1]})
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--statement-timeout", type=float, default=1.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        rows += measure(f"sqlite:///{directory}/limits.db", args.clients, args.statement_timeout)
    if os.environ.get("KARTOTEKA_BENCH_PG_URL"):
        url, drop = pg_database(os.environ["KARTOTEKA_BENCH_PG_URL"])
        try:
            rows += measure(url, args.clients, args.statement_timeout)
        finally:
            drop()
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{args.clients:,} clients; statements bounded at {args.statement_timeout:g} s. Time: "
          "the hostile request's answer; other user: the slowest of its reads meanwhile.")
    print()
    print("| database | class | answer | time, ms | other user, slowest ms "
          "| RSS before, MiB | RSS after, MiB |")
    print("|---|---|---|---:|---:|---:|---:|")
    for r in rows:
        failed = f" ({r['other_failures']} failed)" if r["other_failures"] else ""
        print(f"| {r['database']} | {r['class']} | {r['status']}: {r['detail'][:60]} "
              f"| {r['seconds'] * 1000:,.0f} | {r['other_slowest_seconds'] * 1000:,.0f}{failed} "
              f"| {r['rss_before_mib']:.0f} | {r['rss_after_mib']:.0f} |")


if __name__ == "__main__":
    main()
