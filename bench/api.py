"""The HTTP API end to end: reads, inserts, add-a-field and server RSS over real HTTP on loopback.

For each database (`--databases`: SQLite, a file in a temp dir; PostgreSQL, a throw-away database
on the server of KARTOTEKA_BENCH_PG_URL) and each size (`--rows`, one or more; 100,000 and
1,000,000 by default) it makes a fresh app with an administrator (as `kartoteka init --template
empty --admin-email ...` does), starts its server, logs in through `POST /api/auth/token`, creates
the entity `deals` (title text, amount decimal, stage select, closed_on date, client_email email;
with a composite index on (stage, amount) when this kartoteka's definition schema lets an entity
declare `indexes`) through `PUT /api/schema` and loads the deals through `POST
/api/records/deals/batch` in batches of 1,000 (random but reproducible data: fixed seed, about 5%
of titles contain 'Pharma'; progress on stderr every ~10%). It then prints medians, in ms, of
REPEAT requests after WARMUP ones of:

    (a) GET /api/records/deals?sort=-amount&limit=50
    (b) GET /api/records/deals?stage=won&amount__gt=5000
    (c) GET /api/records/deals?title__contains=Pharma
    (d) GET /api/records/deals/{id}                      (a different random id each time)
    (e) GET /api/records/deals?stage=won&amount__gt=5000&count=true&limit=1   (count of b)

and each one's ratio to a minimal endpoint of the same app running the same SQL directly: its twin
`GET /bench/sql/deals...` (same query string, same id) runs the statements that the real route
runs, compiled once, on a pooled connection, and answers the bare rows; no token check, no model
lookup, no record shaping (bench/_api_server.py). The server is therefore not `kartoteka
serve` but bench/_api_server.py, which builds and runs the app exactly as `kartoteka serve` does
(`create_app(url)`, `serve.run`) and adds that one route: the app is the same, the extra route
is the baseline. Requests go over one keep-alive connection of the standard library's
`http.client` (light, so that the figures are the server's, not the client's), with the token;
each request of a read alternates with its twin's (each going first every other time), so that
the noise of a shared machine hits both alike.

Also printed: insert rows/s (rows over the time spent in the batch requests, validation and change
log included), add-a-field ms (the `PUT /api/schema` adding one field alone, median of 3, each
started once the index of the previous one is built), the
server's RSS from /proc/<pid>/status: VmRSS at rest (after start and login, before any data) and
VmHWM (peak) at the end of the run, and, when several sizes were run, (a)-(d) at each size as a
multiple of their figure at the smallest (with `--rows 100000 --rows 1000000`: 1M over 100k).
The output is Markdown: a table of the figures, then the targets on SQLite (TARGETS) with
whether each is met. Timings are printed, never asserted.

    python bench/api.py [--rows 100000 [--rows 1000000 ...]] [--databases sqlite,postgresql]
                        [--json]
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import os
import random
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
import orjson
from _throwaway_pg import pg_database  # bench/ is on sys.path when a script runs
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from kartoteka import schema_engine as se
from kartoteka.platform.accounts import create_user
from kartoteka.platform.tables import upgrade_tables
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.definition import json_schema
from kartoteka.schema_engine.store import INDEX_JOBS

ADMIN = ("bench@example.com", "bench-password-123")
#: The sizes run when `--rows` is not given: the targets' size, and ten times it for the growth.
DEFAULT_ROWS = [100_000, 1_000_000]
BATCH = 1_000
WARMUP = 10
REPEAT = 50
SEED = 20240504
DATABASES = ("sqlite", "postgresql")
PG_ENV = "KARTOTEKA_BENCH_PG_URL"
SERVER_SCRIPT = Path(__file__).with_name("_api_server.py")
STAGES = ("new", "qualified", "won", "lost")
#: Declared on deals only when the installed definition schema knows entity `indexes`.
COMPOSITE_INDEX = {"fields": ["stage", "amount"]}


def entity_accepts(key: str) -> bool:
    """Whether the app definition schema of the installed kartoteka lets an entity have `key`."""
    schema = json_schema()
    return key in schema.get("$defs", {}).get("entity", {}).get("properties", {})


COMPOSITE_DECLARED = entity_accepts("indexes")
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
if COMPOSITE_DECLARED:
    DEALS["indexes"] = [COMPOSITE_INDEX]
SECTORS = ("Pharma", "Logistics", "Retail", "Energy", "Textile", "Software", "Agro", "Mining",
           "Media", "Finance", "Construction", "Food", "Telecom", "Chemicals", "Auto", "Health",
           "Insurance", "Travel", "Metals", "Education")
NAMES = ("Acme", "Nordwind", "Blue Harbor", "Kestrel", "Orion", "Vega", "Granite", "Silverline",
         "Atlas", "Pioneer", "Meridian", "Zenith", "Alder", "Cobalt", "Lumen", "Helix")
DEAL_WORDS = ("renewal", "pilot", "rollout", "expansion", "licence", "framework deal", "upgrade",
              "consulting", "supply contract", "support plan")
#: The reads: label and the path after /api/records/deals (and after /bench/sql/deals, its twin).
READS = {
    "a": ("first 50 by amount desc", "?sort=-amount&limit=50"),
    "b": ("stage=won, amount>5000", "?stage=won&amount__gt=5000"),
    "c": ("title contains Pharma", "?title__contains=Pharma"),
    "d": ("one record by id", "/{id}"),
    "e": ("count of (b)", "?stage=won&amount__gt=5000&count=true&limit=1"),
}
#: The reads whose growth with the number of rows is printed.
GROWTH_READS = ("a", "b", "c", "d")
REAL = "/api/records/deals"
MINIMAL = "/bench/sql/deals"


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
        upgrade_tables(conn)
        create_user(conn, ADMIN[0], ADMIN[1], is_admin=True)

    se.initialize(engine, load_template("empty"), author="bench", before_commit=add_admin)
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """bench/_api_server.py: the app as `kartoteka serve` runs it, plus the minimal endpoint."""
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, str(SERVER_SCRIPT), "--db", url, "--host", "127.0.0.1",
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
    stop_server(server)
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


# ---------------------------------------------------------------- requests


def check(response: httpx.Response) -> httpx.Response:
    if response.is_error:
        raise RuntimeError(f"{response.request.method} {response.request.url} -> "
                           f"{response.status_code}: {response.text[:500]}")
    return response


class KeepAlive:
    """GET requests with the token over one keep-alive `http.client` connection: the timed reads.

    httpx (used to set up) costs the client far more per request than this does; here the time of
    a request is mostly the server's."""

    def __init__(self, port: int, token: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str) -> bytes:
        """The whole body of a 200 answer to `GET path`; any other status is an error."""
        try:
            response = self._send(path)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.connection.close()  # the server closed an idle connection: open a new one
            response = self._send(path)
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path} -> {response.status}: {body[:500]!r}")
        return body

    def _send(self, path: str) -> http.client.HTTPResponse:
        self.connection.request("GET", path, headers=self.headers)
        return self.connection.getresponse()

    def close(self) -> None:
        self.connection.close()


# ---------------------------------------------------------------- measuring


def paired_medians(
    real: Callable[[int], Any], minimal: Callable[[int], Any]
) -> tuple[float, float]:
    """Medians, in ms, of REPEAT calls of `real` and of `minimal` after WARMUP calls of each.

    Call i of one is next to call i of the other, each going first every other time, so that
    whatever else the machine does slows both alike."""
    real_ms: list[float] = []
    minimal_ms: list[float] = []
    for i in range(WARMUP + REPEAT):
        pair = [(real, real_ms), (minimal, minimal_ms)]
        for action, times in pair if i % 2 == 0 else reversed(pair):
            start = time.perf_counter()
            action(i)
            if i >= WARMUP:
                times.append((time.perf_counter() - start) * 1000)
    return statistics.median(real_ms), statistics.median(minimal_ms)


def put_schema(
    client: httpx.Client, edit: Callable[[dict[str, Any]], None],
    before: Callable[[], None] | None = None,
) -> float:
    """Apply a change made on the current definition; the ms of the PUT alone (`before` runs
    first, untimed)."""
    if before is not None:
        before()
    current = check(client.get("/api/schema")).json()
    definition = copy.deepcopy(current["definition"])
    edit(definition)
    body = {"definition": definition, "base_version": current["version"]}
    start = time.perf_counter()
    check(client.put("/api/schema", json=body))
    return (time.perf_counter() - start) * 1000


def indexes_built(url: str, timeout: float = 600) -> None:
    """Wait until the server has built the indexes of the fields added so far (it does so after
    answering the PUT): each timed add then starts on a quiet database, as when an admin adds
    fields one at a time, and does not wait for the previous field's index."""
    engine = se.connect(url)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                if not conn.execute(select(func.count()).select_from(INDEX_JOBS)).scalar():
                    return
            time.sleep(0.05)
        raise RuntimeError(f"the indexes of the added fields were not built within {timeout} s")
    finally:
        engine.dispose()


def measure(url: str, database: str, rows: int, workdir: Path) -> dict[str, Any]:
    make_app(url)
    port = free_port()
    log = workdir / f"server-{database}-{rows}.log"
    server = start_server(url, port, log)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            token = check(client.post("/api/auth/token", data={
                "username": ADMIN[0], "password": ADMIN[1]})).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            check(client.get("/api/schema"))
            at_rest = memory_mib(server.pid)["VmRSS"]
            put_schema(client, lambda d: d["entities"].append(copy.deepcopy(DEALS)))
            rng = random.Random(SEED)
            ids, insert_s = load(client, rng, rows, f"{database} {rows:,}")
            http = KeepAlive(port, token)
            try:
                result: dict[str, Any] = {
                    "database": database, "rows": rows, "composite_index": COMPOSITE_DECLARED,
                    "reads": run_reads(http, rng, ids),
                }
                check_answers(client, http, ids[0])
            finally:
                http.close()
            result["count_b"] = check(client.get(REAL + READS["e"][1])).json()["count"]
            result["insert_rows_s"] = rows / insert_s
            result["add_field_ms"] = statistics.median(
                put_schema(client, add_field(f"extra_{i}"), before=lambda: indexes_built(url))
                for i in range(3))
            result["rss_rest_mib"] = at_rest
            result["rss_peak_mib"] = memory_mib(server.pid)["VmHWM"]
            return result
    except Exception:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        print(f"the end of the server's log:\n{tail}", file=sys.stderr)
        raise
    finally:
        stop_server(server)


def load(
    client: httpx.Client, rng: random.Random, rows: int, label: str
) -> tuple[list[int], float]:
    """Create `rows` deals in batches; their ids and the seconds spent in the batch requests.
    Progress goes to stderr every ~10% of the rows."""
    ids: list[int] = []
    spent = 0.0
    step = max(rows // 10, 1)
    report_at = step
    for done in range(0, rows, BATCH):
        body = orjson.dumps({"create": deal_rows(rng, min(BATCH, rows - done))})
        start = time.perf_counter()
        response = check(client.post("/api/records/deals/batch", content=body,
                                     headers={"Content-Type": "application/json"}))
        spent += time.perf_counter() - start
        ids += response.json()["ids"]
        if len(ids) >= report_at:
            print(f"{label}: {len(ids):,} deals loaded ({len(ids) * 100 // rows}%), "
                  f"{len(ids) / spent:,.0f} rows/s", file=sys.stderr, flush=True)
            while report_at <= len(ids):
                report_at += step
    if len(ids) != rows:
        raise RuntimeError(f"loaded {len(ids)} deals, expected {rows}")
    return ids, spent


def run_reads(http: KeepAlive, rng: random.Random, ids: list[int]) -> dict[str, dict[str, float]]:
    """For each read, the medians of it and of its twin on the minimal endpoint, and their ratio."""
    reads: dict[str, dict[str, float]] = {}
    picks = [rng.choice(ids) for _ in range(WARMUP + REPEAT)]  # (d) reads these records
    for key, (_, path) in READS.items():
        def real(i: int, path: str = path) -> bytes:
            return http.get(REAL + path.format(id=picks[i]))

        def minimal(i: int, path: str = path) -> bytes:
            return http.get(MINIMAL + path.format(id=picks[i]))

        real_ms, minimal_ms = paired_medians(real, minimal)
        reads[key] = {"ms": real_ms, "minimal_ms": minimal_ms, "ratio": real_ms / minimal_ms}
    return reads


def add_field(name: str) -> Callable[[dict[str, Any]], None]:
    def edit(definition: dict[str, Any]) -> None:
        deals = next(e for e in definition["entities"] if e["name"] == "deals")
        deals["fields"].append({"name": name, "type": "integer"})
    return edit


def check_answers(client: httpx.Client, http: KeepAlive, some_id: int) -> None:
    """The timed requests answer what they ask for, and so do their twins (a figure for a wrong
    answer is no figure)."""
    def items(key: str) -> list[dict[str, Any]]:
        return list(check(client.get(REAL + READS[key][1])).json()["items"])

    def minimal(key: str) -> list[list[list[Any]]]:
        answer: list[list[list[Any]]] = orjson.loads(http.get(MINIMAL + READS[key][1]))
        return answer

    amounts = [float(r["amount"]) for r in items("a")]
    if len(amounts) != 50 or amounts != sorted(amounts, reverse=True):
        raise RuntimeError("(a) is not the first 50 deals by amount, largest first")
    if not all(r["stage"] == "won" and float(r["amount"]) > 5000 for r in items("b")):
        raise RuntimeError("(b) answered deals that are not won or not above 5000")
    if not all("pharma" in r["title"].lower() for r in items("c")):
        raise RuntimeError("(c) answered deals whose title has no 'Pharma'")
    for key in "abc":
        api_ids = [r["id"] for r in items(key)]
        if [row[0] for row in minimal(key)[0]][: len(api_ids)] != api_ids:
            raise RuntimeError(f"({key}): the minimal endpoint read other deals than the API")
    record = orjson.loads(http.get(MINIMAL + READS["d"][1].format(id=some_id)))
    if [row[0] for row in record[0]] != [some_id]:
        raise RuntimeError("(d): the minimal endpoint did not read the record asked for")
    count = check(client.get(REAL + READS["e"][1])).json()["count"]
    if minimal("e")[-1] != [[count]]:
        raise RuntimeError("(e): the minimal endpoint counted otherwise than the API")


def add_growth(results: list[dict[str, Any]]) -> None:
    """(a)-(d) of each run as a multiple of their figure at the smallest size run on the same
    database (`growth`; None at that size)."""
    for result in results:
        base = min((r for r in results if r["database"] == result["database"]),
                   key=lambda r: r["rows"])
        result["growth"] = None if base is result else {
            "base_rows": base["rows"],
            **{k: result["reads"][k]["ms"] / base["reads"][k]["ms"] for k in GROWTH_READS},
        }


# ---------------------------------------------------------------- output

#: Targets on SQLite at TARGET_ROWS deals (docs/decisions/0045-performance-targets.md): reads in
#: ms at most, inserts in rows/s at least, adding a field in ms and the server's memory in MiB at
#: most; every read within TARGET_RATIO of its twin, (a)-(d) at a larger size within
#: TARGET_GROWTH of their figure at the smallest.
TARGET_ROWS = 100_000
TARGET_READ_MS = {"a": 2.0, "b": 1.0, "c": 2.0, "d": 1.0, "e": 2.5}
TARGET_INSERT_ROWS_S = 15_000
TARGET_ADD_FIELD_MS = 10.0
TARGET_RSS_REST_MIB = 110.0
TARGET_RSS_PEAK_MIB = 200.0
TARGET_RATIO = 1.5
TARGET_GROWTH = 2.0


def table(header: list[str], rows: list[list[str]], align: str = "") -> None:
    """A Markdown table; `align` has an "l" or "r" per column (default: the first column left,
    the others right)."""
    align = align or "l" + "r" * (len(header) - 1)
    print("| " + " | ".join(header) + " |")
    print("|" + "".join("---|" if a == "l" else "---:|" for a in align))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def print_table(results: list[dict[str, Any]]) -> None:
    rows: list[list[str]] = []

    def line(label: str, cells: list[str]) -> None:
        rows.append([label, *cells])

    for key, (label, _) in READS.items():
        line(f"({key}) {label}, ms", [f"{r['reads'][key]['ms']:.2f}" for r in results])
    for key in READS:
        line(f"({key}) minimal endpoint, ms",
             [f"{r['reads'][key]['minimal_ms']:.2f}" for r in results])
    for key in READS:
        line(f"({key}) ratio to the minimal endpoint",
             [f"{r['reads'][key]['ratio']:.2f}x" for r in results])
    if any(r["growth"] for r in results):
        sizes = sorted({r["growth"]["base_rows"] for r in results if r["growth"]})
        base = f"{sizes[0]:,} rows" if len(sizes) == 1 else "the smallest size"
        for key in GROWTH_READS:
            line(f"({key}) x its figure at {base}",
                 [f"{r['growth'][key]:.2f}x" if r["growth"] else "-" for r in results])
    line("insert, rows/s", [f"{r['insert_rows_s']:,.0f}" for r in results])
    line("add a field, ms (median of 3)", [f"{r['add_field_ms']:.1f}" for r in results])
    line("RSS at rest, MiB", [f"{r['rss_rest_mib']:.1f}" for r in results])
    line("RSS peak (VmHWM), MiB", [f"{r['rss_peak_mib']:.1f}" for r in results])
    line("(count of b, for reference)", [f"{r['count_b']:,}" for r in results])
    table(["", *(f"{r['database']}, {r['rows']:,} rows" for r in results)], rows)
    print()
    for key, (label, path) in READS.items():
        print(f"- ({key}) {label}: `GET {REAL}{path}`")
    print()
    print(f"Reads: median of {REPEAT} after {WARMUP} warm-up requests over one keep-alive "
          "connection, each alternating with its twin on the minimal endpoint of the same server "
          f"(`GET {MINIMAL}...`: the same SQL, run directly). Composite index on (stage, amount): "
          + ("declared." if COMPOSITE_DECLARED else
             "not declared (the installed definition schema has no entity `indexes`)."))
    print()
    print_targets(results)


def print_targets(results: list[dict[str, Any]]) -> None:
    """The targets on SQLite, each with its figure and whether it is met."""
    sqlite = [r for r in results if r["database"] == "sqlite"]
    at_target = next((r for r in sqlite if r["rows"] == TARGET_ROWS), None)
    if at_target is None:
        print(f"Targets (SQLite, {TARGET_ROWS:,} rows): not checked, no such run.")
        return
    rows: list[list[str]] = []

    def target(name: str, figure: float, shown: str, met: bool) -> None:
        rows.append([name, shown.format(figure), "met" if met else "**missed**"])

    for key, (label, _) in READS.items():
        limit = TARGET_READ_MS[key]
        ms = at_target["reads"][key]["ms"]
        target(f"({key}) {label} <= {limit:g} ms", ms, "{:.2f} ms", ms <= limit)
    insert = at_target["insert_rows_s"]
    target(f"insert >= {TARGET_INSERT_ROWS_S:,} rows/s", insert, "{:,.0f} rows/s",
           insert >= TARGET_INSERT_ROWS_S)
    add = at_target["add_field_ms"]
    target(f"add a field <= {TARGET_ADD_FIELD_MS:g} ms", add, "{:.1f} ms",
           add <= TARGET_ADD_FIELD_MS)
    rest = at_target["rss_rest_mib"]
    target(f"RSS at rest <= {TARGET_RSS_REST_MIB:g} MiB", rest, "{:.1f} MiB",
           rest <= TARGET_RSS_REST_MIB)
    peak = at_target["rss_peak_mib"]
    target(f"RSS peak <= {TARGET_RSS_PEAK_MIB:g} MiB", peak, "{:.1f} MiB",
           peak <= TARGET_RSS_PEAK_MIB)
    ratio = max(r["reads"][key]["ratio"] for r in sqlite for key in READS)
    target(f"every read within {TARGET_RATIO:g}x of the minimal endpoint (the largest ratio)",
           ratio, "{:.2f}x", ratio <= TARGET_RATIO)
    growths = [r["growth"][key] for r in sqlite if r["growth"] for key in GROWTH_READS]
    if growths:
        target(f"(a)-(d) within {TARGET_GROWTH:g}x of their figure at the smallest size "
               "(the largest multiple)", max(growths), "{:.2f}x", max(growths) <= TARGET_GROWTH)
    print(f"Targets on SQLite at {TARGET_ROWS:,} rows:")
    print()
    table(["target", "figure", ""], rows, align="lrl")


def sizes(text: str) -> list[int]:
    """`100000`, `100_000` or `100000,1000000`."""
    try:
        numbers = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of rows: {text!r}") from None
    if not numbers or min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"not a number of rows: {text!r}")
    return numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=sizes, action="extend", nargs="+", metavar="N[,N...]",
                        help="deals to load, each size in a fresh database: --rows 100000 "
                             "--rows 1000000, --rows 100000 1000000 or --rows 100000,1000000 "
                             "(default: 100000 and 1000000)")
    parser.add_argument("--databases", default=None, metavar="NAME[,NAME]",
                        help=f"of {', '.join(DATABASES)} (default: sqlite, and postgresql "
                             f"when {PG_ENV} is set)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    rows_list = sorted({n for given in args.rows or [DEFAULT_ROWS] for n in given})
    if args.databases is None:
        databases = ["sqlite", "postgresql"] if os.environ.get(PG_ENV) else ["sqlite"]
    else:
        databases = [name.strip() for name in args.databases.split(",") if name.strip()]
        unknown = sorted(set(databases) - set(DATABASES))
        if unknown or not databases:
            parser.error(f"--databases takes {', '.join(DATABASES)}, not {args.databases!r}")
        if "postgresql" in databases and not os.environ.get(PG_ENV):
            parser.error(f"postgresql needs {PG_ENV} (a server URL) in the environment")
    results = []
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        for database in databases:
            for rows in rows_list:
                results.append(run_one(database, rows, workdir))
    add_growth(results)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


def run_one(database: str, rows: int, workdir: Path) -> dict[str, Any]:
    """One column: `rows` deals in a fresh database, removed afterwards."""
    if database == "sqlite":
        path = workdir / f"bench-api-{rows}.db"
        try:
            return measure(f"sqlite:///{path}", database, rows, workdir)
        finally:
            for file in workdir.glob(f"{path.name}*"):
                file.unlink()
    url, drop = pg_database(os.environ[PG_ENV])
    try:
        return measure(url, database, rows, workdir)
    finally:
        drop()


if __name__ == "__main__":
    main()
