"""The web UI's pages over 100k deals: server time of the list, a card, the board, its figures.

It builds a SQLite database with the crm template, an administrator, CLIENTS clients and
`--rows` deals (100,000 by default; stages, amounts, clients and owners spread as in a real
pipeline, the same every run: fixed seed), loaded through the schema engine's `create_records`
in batches of 1,000 with progress on stderr, as `kartoteka demo` would if it were that big. With
`--db PATH` the database is kept there and reused by the next run that names it (it is built
only when it does not exist), so that you can measure again in seconds.

Then it starts the app as `kartoteka serve` runs it (bench/_api_server.py, see bench/api.py),
signs in through the login form like a browser (a session cookie) and times, over one
keep-alive connection on loopback, WARMUP requests (not counted) then `--repeat` of each page:

    list    GET /records/deal              the first 50 deals (target: 30 ms)
    card    GET /records/deal/<id>         a different random deal each time (target: 20 ms)
    board   GET /records/deal/board        six stages: counts, sums, 20 cards each (target: 50 ms)
    figures GET /records/deal/board/figures  the board's pipeline figures, loaded by htmx after
                                           it: time in stage and wins per column (target: 150 ms)

The server time is what the page itself says: every UI answer carries `Server-Timing:
app;dur=<ms>` (kartoteka/ui/timing.py), from the request reaching the app to the start of its
answer. The client's round trip (request sent to body read, with the HTML's transfer) is printed
next to it: the difference is the network and the HTTP server. Medians and 95th percentiles;
targets are printed, never asserted. PostgreSQL is not measured here (bench/api.py compares
the databases for the API).

    python bench/ui.py                          # a throw-away database of 100,000 deals
    python bench/ui.py --db /tmp/ui-100k.db     # build it once, reuse it next time
    python bench/ui.py --db /tmp/ui-100k.db --repeat 200 --json
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from api import free_port, start_server, stop_server  # bench/ is on sys.path when a script runs
from sqlalchemy import Connection, Engine, func, select

from kartoteka import schema_engine as se
from kartoteka.platform.accounts import create_user
from kartoteka.platform.tables import upgrade_tables
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import create_records
from kartoteka.schema_engine.statistics import refresh_statistics
from kartoteka.schema_engine.store import USERS
from kartoteka.ui.security import SESSION_COOKIE

ADMIN = ("bench@example.com", "bench-password-123")
ROWS = 100_000
CLIENTS = 2_000
BATCH = 1_000
WARMUP = 10
REPEAT = 50
SEED = 20260505
#: Stage -> share of the deals: most of a pipeline is open, early stages the fullest.
STAGES = {"new": 30, "qualified": 20, "proposal": 15, "negotiation": 10, "won": 15, "lost": 10}
#: page -> (path, with {id} for a random deal; target in ms).
PAGES = {
    "list": ("/records/deal", 30.0),
    "card": ("/records/deal/{id}", 20.0),
    "board": ("/records/deal/board", 50.0),
    "figures": ("/records/deal/board/figures", 150.0),
}
#: Pages htmx loads into another one: asked for as htmx does (without it they redirect).
FRAGMENTS = frozenset({"figures"})
TOPICS = ("renewal", "pilot", "rollout", "expansion", "licence", "framework deal", "upgrade",
          "consulting", "supply contract", "support plan", "Поставка оборудования",
          "年度采购合同", "Echipamente frigorifice", "Pengadaan server")
COMPANIES = ("Acme", "Nordwind", "Blue Harbor", "Kestrel", "Orion", "Vega", "Granite",
             "ООО «Ромашка»", "АО «Вектор»", "上海明辉照明有限公司", "Danubius Impex SA",
             "PT Surya Gemilang")


# ---------------------------------------------------------------- the database


def ensure_database(url: str, rows: int) -> int:
    """Build the app and its deals unless `url` has them already; the number of deals."""
    engine = se.connect(url)
    try:
        with engine.connect() as conn:
            initialized = se.is_initialized(conn)
        if not initialized:
            build(engine, rows)
        with engine.connect() as conn:
            model = _model(conn)
            return int(conn.execute(select(func.count()).select_from(
                model.table("deal"))).scalar_one())
    finally:
        engine.dispose()


def build(engine: Engine, rows: int) -> None:
    """The crm template with the admin (as `kartoteka init --template crm` does), then the
    clients and deals in batches, each batch its own transaction."""
    def add_admin(conn: Connection) -> None:
        upgrade_tables(conn)
        create_user(conn, ADMIN[0], ADMIN[1], is_admin=True)

    se.initialize(engine, load_template("crm"), author="bench", before_commit=add_admin)
    with engine.connect() as conn:
        target = Target(engine, _model(conn), _admin_id(conn))
    rng = random.Random(SEED)
    clients = load(target, "client", [client_row(rng, i) for i in range(CLIENTS)])
    deals = (deal_row(rng, clients) for _ in range(rows))
    load(target, "deal", deals, rows)
    refresh_statistics(engine, ["client", "deal"], force=True)


@dataclass(frozen=True)
class Target:
    """Where records are loaded: the engine, the app's model, the user who creates them."""

    engine: Engine
    model: AppModel
    user_id: int


def client_row(rng: random.Random, i: int) -> dict[str, Any]:
    return {"name": f"{rng.choice(COMPANIES)} {i}", "email": f"client{i}@example.com",
            "city": rng.choice(("Moscow", "Bucharest", "Jakarta", "Shanghai", "London"))}


def deal_row(rng: random.Random, clients: list[int]) -> dict[str, Any]:
    stage = rng.choices(list(STAGES), weights=list(STAGES.values()))[0]
    closes = date(2026, 1, 1) + timedelta(days=rng.randrange(730))
    return {
        "title": f"{rng.choice(COMPANIES)} {rng.choice(TOPICS)}",
        "amount": f"{min(rng.lognormvariate(9.5, 1.0), 9_999_999):.2f}",
        "stage": stage,
        "client": rng.choice(clients),
        "close_date": closes.isoformat(),
    }


def load(target: Target, entity: str, rows: Any, total: int | None = None) -> list[int]:
    """Create the records of `rows` (an iterable) through the engine, BATCH at a time; their
    ids. Progress on stderr every ~10%."""
    rows = list(rows) if total is None else rows
    total = len(rows) if total is None else total
    ids: list[int] = []
    batch: list[dict[str, Any]] = []
    step, started = max(total // 10, 1), time.perf_counter()
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            ids += _create(target, entity, batch)
            batch = []
            if len(ids) % step < BATCH:
                rate = len(ids) / (time.perf_counter() - started)
                print(f"{entity}: {len(ids):,} of {total:,} ({len(ids) * 100 // total}%), "
                      f"{rate:,.0f} rows/s", file=sys.stderr, flush=True)
    if batch:
        ids += _create(target, entity, batch)
    return ids


def _create(target: Target, entity: str, batch: list[dict[str, Any]]) -> list[int]:
    with target.engine.begin() as conn:
        return create_records(conn, target.model, entity, batch, user_id=target.user_id)


def _model(conn: Connection) -> AppModel:
    stored = se.current(conn)
    return AppModel(stored.document, stored.version, conn.dialect.name)


def _admin_id(conn: Connection) -> int:
    return int(conn.execute(select(USERS.c.id).where(USERS.c.email == ADMIN[0])).scalar_one())


# ---------------------------------------------------------------- the pages


def session_cookie(port: int) -> str:
    """Sign in through the login form, as a browser does; the session cookie's value."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        form = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        if token is None:
            raise RuntimeError("the login page has no CSRF field")
        answer = client.post("/login", data={"email": ADMIN[0], "password": ADMIN[1],
                                             "csrf_token": token.group(1), "next": ""})
        cookie = client.cookies.get(SESSION_COOKIE)
        if answer.status_code != 303 or cookie is None:
            raise RuntimeError(f"signing in failed: {answer.status_code} {answer.text[:300]}")
        return cookie


@dataclass
class Timed:
    server_ms: float
    client_ms: float


class Pages:
    """GET pages with the session cookie over one keep-alive connection."""

    def __init__(self, port: int, cookie: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = {"Cookie": f"{SESSION_COOKIE}={cookie}"}

    def get(self, path: str, fragment: bool = False) -> Timed:
        headers = {**self.headers, "HX-Request": "true"} if fragment else self.headers
        start = time.perf_counter()
        self.connection.request("GET", path, headers=headers)
        response = self.connection.getresponse()
        body = response.read()
        took = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise RuntimeError(f"GET {path} -> {response.status}: {body[:300]!r}")
        timing = re.search(r"app;dur=([\d.]+)", response.getheader("Server-Timing") or "")
        if timing is None:
            raise RuntimeError(f"GET {path} has no Server-Timing header")
        return Timed(float(timing.group(1)), took)

    def close(self) -> None:
        self.connection.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def measure_pages(pages: Pages, ids: list[int], repeat: int) -> dict[str, dict[str, float]]:
    rng = random.Random(SEED)
    results: dict[str, dict[str, float]] = {}
    for name, (path, target) in PAGES.items():
        timed = [pages.get(path.format(id=rng.choice(ids)), name in FRAGMENTS)
                 for _ in range(WARMUP + repeat)]
        server = [t.server_ms for t in timed[WARMUP:]]
        client = [t.client_ms for t in timed[WARMUP:]]
        results[name] = {
            "path": path, "target_ms": target,  # type: ignore[dict-item]
            "server_median_ms": statistics.median(server), "server_p95_ms": p95(server),
            "client_median_ms": statistics.median(client), "client_p95_ms": p95(client),
        }
    return results


def deal_ids(url: str) -> list[int]:
    engine = se.connect(url)
    try:
        with engine.connect() as conn:
            table = _model(conn).table("deal")
            return list(conn.execute(select(table.c.id).where(table.c.deleted_at.is_(None))
                                     ).scalars())
    finally:
        engine.dispose()


def run(url: str, rows: int, repeat: int, workdir: Path) -> dict[str, Any]:
    deals = ensure_database(url, rows)
    port = free_port()
    log = workdir / "server.log"
    server = start_server(url, port, log)
    try:
        pages = Pages(port, session_cookie(port))
        try:
            measured = measure_pages(pages, deal_ids(url), repeat)
        finally:
            pages.close()
    except Exception:
        print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
        raise
    finally:
        stop_server(server)
    return {"database": "sqlite", "deals": deals, "warmup": WARMUP, "repeat": repeat,
            "pages": measured}


# ---------------------------------------------------------------- output


def print_table(result: dict[str, Any]) -> None:
    """A Markdown table of the pages' figures against their targets."""
    print(f"SQLite, {result['deals']:,} deals; median and p95 of {result['repeat']} requests "
          f"after {result['warmup']} warm-up ones, in ms.")
    print()
    print("| page | path | server | p95 | client | p95 | target | |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for name, page in result["pages"].items():
        verdict = "met" if page["server_median_ms"] <= page["target_ms"] else "**missed**"
        print(f"| {name} | `{page['path']}` | {page['server_median_ms']:.1f} "
              f"| {page['server_p95_ms']:.1f} | {page['client_median_ms']:.1f} "
              f"| {page['client_p95_ms']:.1f} | {page['target_ms']:.0f} | {verdict} |")
    print()
    print("server: the page's `Server-Timing` (app;dur); client: the round trip on loopback, "
          "body included; target: for the server's median.")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Targets are printed, never asserted; see the module's docstring for how the "
               "times are taken.")
    parser.add_argument("--db", metavar="PATH",
                        help="the SQLite file to use: built there when missing, reused "
                             "otherwise (default: a throw-away file)")
    parser.add_argument("--rows", type=int, default=ROWS,
                        help=f"deals to load into a new database (default: {ROWS:,})")
    parser.add_argument("--repeat", type=int, default=REPEAT,
                        help=f"timed requests per page after {WARMUP} warm-up ones "
                             f"(default: {REPEAT})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if args.rows < 1 or args.repeat < 2:
        parser.error("--rows must be at least 1 and --repeat at least 2")
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        path = Path(args.db) if args.db else workdir / "bench-ui.db"
        result = run(f"sqlite:///{path.resolve()}", args.rows, args.repeat, workdir)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
