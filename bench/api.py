"""The HTTP API end to end: reads, inserts, add-a-field and server RSS over real HTTP on loopback.

Issue 4, section 5. For each database (SQLite file in a temp dir; PostgreSQL too when
KARTOTEKA_BENCH_PG_URL is set, in a throw-away database on that server) it makes a fresh app with an
administrator (as `kartoteka init --template empty --admin-email ...` does), starts the real server
(`kartoteka serve` as a subprocess), logs in through `POST /api/auth/token`, creates the entity
`deals` (title text, amount decimal, stage select, closed_on date, client_email email) through
`PUT /api/schema` and loads N deals through `POST /api/records/deals/batch` in batches of 1,000
(random but reproducible data: fixed seed, about 5% of titles contain 'Pharma'). It then prints
medians, in ms, of REPEAT requests after WARMUP ones, with one keep-alive httpx client, of:

    (a) GET /api/records/deals?sort=-amount&limit=50
    (b) GET /api/records/deals?stage=won&amount__gt=5000
    (c) GET /api/records/deals?title__contains=Pharma
    (d) GET /api/records/deals/{id}                      (a different random id each time)
    (e) GET /api/records/deals?stage=won&amount__gt=5000&count=true&limit=1   (count of b)

plus insert rows/s (rows over the wall-clock time of the whole load, validation and change log
included), add-a-field ms (`PUT /api/schema` adding one field, median of 3) and the server's RSS
from /proc/<pid>/status: VmRSS at rest (after start and login, before any data) and VmHWM (peak)
at the end of the run. Timings are printed, never asserted.

Not measured: each read's ratio to a minimal endpoint of the same app running the same SQL
directly. The app has no such endpoint, and this benchmark does not add endpoints to the app, so
that ratio is skipped.

    python bench/api.py [--rows 100000] [--json]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.engine import Connection
from throwaway_pg import pg_database  # bench/ is on sys.path when a script runs

from kartoteka import schema_engine as se
from kartoteka.platform.platform_tables import create_platform_tables
from kartoteka.platform.templates import load_template
from kartoteka.platform.users import create_user

ADMIN = ("bench@example.com", "bench-password-123")
BATCH = 1_000
WARMUP = 10
REPEAT = 50
SEED = 20240504
STAGES = ("new", "qualified", "won", "lost")
DEALS: dict[str, Any] = {
    "name": "deals",
    "label": "Deal",
    "plural": "Deals",
    "title_field": "title",
    "fields": [
        {"name": "title", "type": "text", "required": True},
        {"name": "amount", "type": "decimal"},
        {"name": "stage", "type": "select", "options": list(STAGES)},
        {"name": "closed_on", "type": "date"},
        {"name": "client_email", "type": "email"},
    ],
}
SECTORS = ("Pharma", "Logistics", "Retail", "Energy", "Textile", "Software", "Agro", "Mining",
           "Media", "Finance", "Construction", "Food", "Telecom", "Chemicals", "Auto", "Health",
           "Insurance", "Travel", "Metals", "Education")
NAMES = ("Acme", "Nordwind", "Blue Harbor", "Kestrel", "Orion", "Vega", "Granite", "Silverline",
         "Atlas", "Pioneer", "Meridian", "Zenith", "Alder", "Cobalt", "Lumen", "Helix")
DEAL_WORDS = ("renewal", "pilot", "rollout", "expansion", "licence", "framework deal", "upgrade",
              "consulting", "supply contract", "support plan")
READS = {
    "a": ("first 50 by amount desc", "sort=-amount&limit=50"),
    "b": ("stage=won, amount>5000", "stage=won&amount__gt=5000"),
    "c": ("title contains Pharma", "title__contains=Pharma"),
    "d": ("one record by id", None),
    "e": ("count of (b)", "stage=won&amount__gt=5000&count=true&limit=1"),
}


# ---------------------------------------------------------------- data


def deal_rows(rng: random.Random, size: int) -> list[dict[str, Any]]:
    """Deals as an API client sends them: decimals as strings, dates as ISO text."""
    start = date(2022, 1, 1)
    rows = []
    for _ in range(size):
        stage = rng.choices(STAGES, weights=(3, 3, 2, 2))[0]
        company = f"{rng.choice(NAMES)} {rng.choice(SECTORS)}"
        amount = round(rng.lognormvariate(8.3, 1.1), 2)
        rows.append({
            "title": f"{company} {rng.choice(DEAL_WORDS)}",
            "amount": f"{min(amount, 9_999_999.99):.2f}",
            "stage": stage,
            "closed_on": (start + timedelta(days=rng.randrange(1500))).isoformat()
            if stage in ("won", "lost") else None,
            "client_email": f"{company.split()[0].lower()}.{rng.randrange(5000)}@example.com",
        })
    return rows


# ---------------------------------------------------------------- databases and server


def make_app(url: str) -> None:
    """What `kartoteka init --template empty --admin-email ...` does."""
    engine = se.connect(url)

    def add_admin(conn: Connection) -> None:
        create_platform_tables(conn)
        create_user(conn, ADMIN[0], ADMIN[1], is_admin=True)

    se.initialize(engine, load_template("empty"), author="bench", before_commit=add_admin)
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kartoteka_command() -> list[str]:
    script = Path(sys.executable).with_name("kartoteka")
    if script.exists():
        return [str(script)]
    found = shutil.which("kartoteka")
    if found:
        return [found]
    return [sys.executable, "-c", "from kartoteka.platform.cli import main; main()"]


def start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*kartoteka_command(), "serve", "--db", url, "--host", "127.0.0.1",
             "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited ({server.returncode}):\n{log.read_text()}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/schema", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.05)
    server.terminate()
    raise RuntimeError(f"the server did not answer within 60 s:\n{log.read_text()}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def memory_mib(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MiB."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


# ---------------------------------------------------------------- measuring


def check(response: httpx.Response) -> httpx.Response:
    if response.is_error:
        raise RuntimeError(f"{response.request.method} {response.request.url} -> "
                           f"{response.status_code}: {response.text[:500]}")
    return response


def median_ms(action: Callable[[int], Any], repeat: int = REPEAT, warmup: int = WARMUP) -> float:
    for i in range(warmup):
        action(i)
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def put_schema(client: httpx.Client, edit: Callable[[dict[str, Any]], None]) -> float:
    """Apply a change made on the current definition; the ms of the PUT alone."""
    current = check(client.get("/api/schema")).json()
    definition = copy.deepcopy(current["definition"])
    edit(definition)
    body = {"definition": definition, "base_version": current["version"]}
    start = time.perf_counter()
    check(client.put("/api/schema", json=body))
    return (time.perf_counter() - start) * 1000


def measure(url: str, database: str, rows: int, workdir: Path) -> dict[str, Any]:
    make_app(url)
    port = free_port()
    server = start_server(url, port, workdir / f"server-{database}.log")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            token = check(client.post("/api/auth/token", data={
                "username": ADMIN[0], "password": ADMIN[1]})).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            check(client.get("/api/schema"))
            at_rest = memory_mib(server.pid)["VmRSS"]
            put_schema(client, lambda d: d["entities"].append(copy.deepcopy(DEALS)))
            result = run_reads(client, rows)
            result.update(
                database=database, rows=rows, rss_rest_mib=at_rest,
                rss_peak_mib=memory_mib(server.pid)["VmHWM"],
            )
            return result
    finally:
        stop_server(server)


def run_reads(client: httpx.Client, rows: int) -> dict[str, Any]:
    rng = random.Random(SEED)
    ids: list[int] = []
    start = time.perf_counter()
    for done in range(0, rows, BATCH):
        batch = deal_rows(rng, min(BATCH, rows - done))
        ids += check(client.post("/api/records/deals/batch", json={"create": batch})).json()["ids"]
    insert_s = time.perf_counter() - start
    if len(ids) != rows:
        raise RuntimeError(f"loaded {len(ids)} deals, expected {rows}")

    result: dict[str, Any] = {"insert_rows_s": rows / insert_s}
    for key, (_, params) in READS.items():
        if params is None:
            picks = [rng.choice(ids) for _ in range(WARMUP + REPEAT)]
            result[key] = median_ms(
                lambda i, p=picks: check(client.get(f"/api/records/deals/{p[i]}")))
        else:
            result[key] = median_ms(
                lambda _i, q=params: check(client.get(f"/api/records/deals?{q}")))
    check_answers(client)
    page = check(client.get(f"/api/records/deals?{READS['e'][1]}")).json()
    result["count_b"] = page["count"]
    result["pharma_first_page"] = len(check(
        client.get(f"/api/records/deals?{READS['c'][1]}")).json()["items"])

    def add_field(i: int) -> float:
        def edit(d: dict[str, Any]) -> None:
            deals = next(e for e in d["entities"] if e["name"] == "deals")
            deals["fields"].append({"name": f"extra_{i}", "type": "integer"})
        return put_schema(client, edit)

    result["add_field_ms"] = statistics.median(add_field(i) for i in range(3))
    return result


def check_answers(client: httpx.Client) -> None:
    """The timed requests answer what they ask for (a figure for a wrong answer is no figure)."""
    def items(key: str) -> list[dict[str, Any]]:
        page = check(client.get(f"/api/records/deals?{READS[key][1]}")).json()
        return list(page["items"])

    amounts = [float(r["amount"]) for r in items("a")]
    if len(amounts) != 50 or amounts != sorted(amounts, reverse=True):
        raise RuntimeError("(a) is not the first 50 deals by amount, largest first")
    if not all(r["stage"] == "won" and float(r["amount"]) > 5000 for r in items("b")):
        raise RuntimeError("(b) answered deals that are not won or not above 5000")
    if not all("pharma" in r["title"].lower() for r in items("c")):
        raise RuntimeError("(c) answered deals whose title has no 'Pharma'")


# ---------------------------------------------------------------- output


def print_table(results: list[dict[str, Any]]) -> None:
    print(f"{'':<34}" + "".join(f"{r['database']:>14}" for r in results))
    print(f"{'rows':<34}" + "".join(f"{r['rows']:>14,}" for r in results))
    for key, (label, _) in READS.items():
        print(f"{f'({key}) {label}, ms':<34}" + "".join(f"{r[key]:>14.2f}" for r in results))
    print(f"{'insert, rows/s':<34}" + "".join(f"{r['insert_rows_s']:>14,.0f}" for r in results))
    print(f"{'add a field, ms (median of 3)':<34}"
          + "".join(f"{r['add_field_ms']:>14.1f}" for r in results))
    print(f"{'RSS at rest, MiB':<34}" + "".join(f"{r['rss_rest_mib']:>14.1f}" for r in results))
    print(f"{'RSS peak (VmHWM), MiB':<34}"
          + "".join(f"{r['rss_peak_mib']:>14.1f}" for r in results))
    print(f"{'(count of b, for reference)':<34}" + "".join(f"{r['count_b']:>14,}" for r in results))
    print(f"reads: median of {REPEAT} after {WARMUP} warm-up requests, one keep-alive client; "
          "ratio to a minimal same-SQL endpoint: not measured (the app has none)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        results.append(measure(f"sqlite:///{workdir}/bench-api.db", "sqlite", args.rows, workdir))
        if os.environ.get("KARTOTEKA_BENCH_PG_URL"):
            url, drop = pg_database(os.environ["KARTOTEKA_BENCH_PG_URL"])
            try:
                results.append(measure(url, "postgresql", args.rows, workdir))
            finally:
                drop()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
