"""Careless values against a real `kartoteka serve` process: the answer, how soon, and what the
server process held meanwhile; and sums of 10^8 values at the edge of the range.

For each database (SQLite, a file in a temp dir; PostgreSQL when KARTOTEKA_BENCH_PG_URL is set)
it makes the crm app with an administrator, starts `kartoteka serve` and sends, one class of
value after another (the issue "Hardening", part "Values"):

    numbers: a batch with an amount of 1e27; then, with 2,000 deals of the largest amount and
             three amounts past the range stored by SQL (as an earlier release took them), the
             deal list, its totals, the board and its figures, the pipeline and grouped sums;
    dates:   a task due 9999-12-31; then, with tasks due 0001-01-01 and 9999-12-31 stored by
             SQL, /tasks and a task's card for a user at UTC+14 and at UTC-12;
    text:    a client whose name is a list;
    unique:  a client with the email DUP@x.com beside dup@x.com;
    files:   an upload named "invoice<U+202E>fdp.exe".

Memory is the server's resident set (/proc/<pid>/status): VmRSS before the request and VmHWM,
its peak, reset before each request (/proc/<pid>/clear_refs), after it. Then, in this process,
the exact sum of 10^8 values of the largest amount (and of the largest integer), as totals add
them up (`query.sums.exact_sum`), over rows the database generates. Timings are printed, never
asserted.

    python bench/values.py [--databases sqlite,postgresql] [--sum-rows 100000000] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from _serving import ADMIN, make_app, serving, status_mib
from _throwaway_pg import pg_database  # bench/ is on sys.path when a script runs
from sqlalchemy import insert, literal_column, select, text, update

from kartoteka import schema_engine as se
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import load_model
from kartoteka.schema_engine.query.sums import exact_sum
from kartoteka.schema_engine.store import USERS

LARGEST = Decimal("9999999999999.99")
PAST = [Decimal("1e27"), Decimal("-99999999999999999999999999"), Decimal("123456789012345.678")]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Row:
    database: str
    kind: str
    request: str
    status: int
    seconds: float
    rss_before_mib: float
    rss_peak_mib: float
    detail: str




def store_directly(url: str, entity: str, rows: list[dict[str, Any]]) -> list[int]:
    """Rows put in by SQL, past the checks of a write."""
    engine = se.connect(url)
    try:
        with write_connection(engine) as conn, conn.begin():  # as the server writes
            table = load_model(conn).table(entity)
            moment = dt.datetime.now(dt.UTC)
            system = {"created_at": moment, "updated_at": moment, "created_by": 1,
                      "updated_by": 1, "owner": 1, "version": 1}
            return [int(conn.execute(insert(table).values({**system, **row})
                                     .returning(table.c.id)).scalar_one()) for row in rows]
    finally:
        engine.dispose()


def set_zone(url: str, zone: str) -> None:
    engine = se.connect(url)
    try:
        with write_connection(engine) as conn, conn.begin():
            conn.execute(update(USERS).values(time_zone=zone))
    finally:
        engine.dispose()








def signed_in(base: str) -> httpx.Client:
    """A browser's session: the login form, with its CSRF token."""
    client = httpx.Client(base_url=base, timeout=120)
    form = client.get("/login").text
    token = CSRF.search(form)
    assert token, "the login page has no CSRF field"
    client.post("/login", data={"email": ADMIN[0], "password": ADMIN[1],
                                "csrf_token": token.group(1), "next": ""})
    return client


class Measure:
    def __init__(self, database: str, pid: int) -> None:
        self.database, self.pid, self.rows = database, pid, []

    def __call__(self, kind: str, name: str, send: Callable[[], httpx.Response]) -> None:
        Path(f"/proc/{self.pid}/clear_refs").write_text("5")  # VmHWM := VmRSS
        before = status_mib(self.pid, "VmRSS")
        started = time.monotonic()
        try:
            answer = send()
            status, body = answer.status_code, answer.text
        except httpx.HTTPError as exc:
            status, body = 0, f"{type(exc).__name__}: {exc}"
        seconds = time.monotonic() - started
        try:
            detail = str(json.loads(body).get("detail") or body)
        except (ValueError, AttributeError):
            detail = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()
        self.rows.append(Row(self.database, kind, name, status, round(seconds, 3), round(before),
                             round(status_mib(self.pid, "VmHWM")), detail[:90]))


def run_database(database: str, url: str, folder: Path) -> list[Row]:
    make_app(url)
    with serving(url, folder / "data", folder / f"{database}.log") as (base, pid):
        token = httpx.post(f"{base}/api/auth/token", timeout=30, data={
            "username": ADMIN[0], "password": ADMIN[1]}).json()["access_token"]
        api = httpx.Client(base_url=base, timeout=120,
                           headers={"Authorization": f"Bearer {token}"})
        measure = Measure(database, pid)
        numbers(measure, api, base, url)
        dates(measure, api, base, url)
        measure("text", "a client whose name is a list", lambda: api.post(
            "/api/records/client", json={"name": ["Acme", "Ltd"]}))
        api.post("/api/records/client", json={"name": "Dup", "email": "dup@x.com"})
        measure("unique", "DUP@x.com beside dup@x.com", lambda: api.post(
            "/api/records/client", json={"name": "Dup 2", "email": "DUP@x.com"}))
        measure("files", "upload named invoice<U+202E>fdp.exe", lambda: api.post(
            "/api/files", files={"file": ("invoice\u202efdp.exe", b"%PDF-1.4 x", "a/b")}))
        upload = measure.rows[-1]
        if upload.status == 201:
            upload.detail = "stored as " + ascii(api.get("/api/files/1").headers.get(
                "content-disposition", "").rpartition("''")[2])
        api.close()
    return measure.rows


def numbers(measure: Measure, api: httpx.Client, base: str, url: str) -> None:
    measure("numbers", "batch with an amount of 1e27", lambda: api.post(
        "/api/records/deal/batch", json={"create": [{"title": "huge", "amount": "1e27"}]}))
    api.post("/api/records/deal/batch", json={"create": [
        {"title": f"edge {i}", "amount": str(LARGEST), "stage": "won"} for i in range(2000)]})
    store_directly(url, "deal", [{"title": f"past {i}", "amount": amount, "stage": "new"}
                                 for i, amount in enumerate(PAST)])
    hx = {"HX-Request": "true"}
    with closing(signed_in(base)) as ui:
        for name, path, headers in (
                ("deal list", "/records/deal", {}),
                ("totals row", "/records/deal/totals", hx),
                ("board", "/records/deal/board", {}),
                ("board figures", "/records/deal/board/figures", hx),
                ("pipeline", "/records/deal/pipeline", {})):
            measure("numbers", name, lambda p=path, h=headers: ui.get(p, headers=h))
    measure("numbers", "grouped sums (API)", lambda: api.post("/api/records/deal/query", json={
        "group_by": "stage", "aggregate": {"amount": "sum"}}))
    grouped = measure.rows[-1]
    if grouped.status == 200:
        won = next(g for g in json.loads(api.post("/api/records/deal/query", json={
            "group_by": "stage", "aggregate": {"amount": "sum"}}).text)["groups"]
            if g["key"] == "won")
        exact = Decimal(str(won["amount_sum"])) == LARGEST * 2000
        grouped.detail = f"won: {won['amount_sum']} ({'exact' if exact else 'NOT exact'})"


def dates(measure: Measure, api: httpx.Client, base: str, url: str) -> None:
    measure("dates", "a task due 9999-12-31", lambda: api.post(
        "/api/records/task", json={"title": "late", "due": "9999-12-31T23:59:00Z"}))
    ids = store_directly(url, "task", [
        {"title": "old", "due": moment, "assignee": 1, "done": False}
        for moment in (dt.datetime(1, 1, 1, tzinfo=dt.UTC),
                       dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC))])
    for zone, offset in (("Pacific/Kiritimati", "UTC+14"), ("Etc/GMT+12", "UTC-12")):
        set_zone(url, zone)
        with closing(signed_in(base)) as ui:
            measure("dates", f"/tasks at {offset}", lambda u=ui: u.get("/tasks"))
            for task in ids:
                measure("dates", f"task {task}'s card at {offset}",
                        lambda u=ui, t=task: u.get(f"/records/task/{t}"))
    set_zone(url, "UTC")


def sums(database: str, url: str, rows: int) -> list[dict[str, Any]]:
    """The exact sums of `rows` values of the largest amount and integer, generated by the
    database, as totals add them."""
    engine = se.connect(url)
    found = []
    try:
        for what, value, decimal in (("amount", LARGEST, True), ("integer", 2**31 - 1, False)):
            sql = str(value)
            if database == "sqlite":
                source = (f"(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                          f"WHERE i < {rows}) SELECT {sql} AS v FROM n) AS t")
            else:
                kind = "numeric" if decimal else "integer"
                source = f"(SELECT {sql}::{kind} AS v FROM generate_series(1, {rows})) AS t"
            total = exact_sum(literal_column("v"), engine.dialect.name, decimal=decimal)
            started = time.monotonic()
            try:
                with engine.connect() as conn:
                    parts = conn.execute(select(*total.columns).select_from(text(source))).one()
                got: Any = total.value(parts)
                exact: Any = Decimal(got) == Decimal(value) * rows
            except Exception as exc:  # what an older release answers: printed, not raised
                got, exact = f"{type(exc).__name__}: {str(exc).splitlines()[0][:60]}", False
            found.append({"database": database, "values": what, "rows": rows, "sum": str(got),
                          "exact": exact, "seconds": round(time.monotonic() - started, 1)})
    finally:
        engine.dispose()
    return found


def table(rows: list[Row]) -> str:
    out = ["| database | class | request | answer | s | server RSS before (MiB) | "
           "peak meanwhile (MiB) | detail |", "|---|---|---|---:|---:|---:|---:|---|"]
    for r in rows:
        out.append(f"| {r.database} | {r.kind} | {r.request} | {r.status} | {r.seconds} | "
                   f"{r.rss_before_mib} | {r.rss_peak_mib} | {r.detail.replace('|', '/')} |")
    return "\n".join(out)


def sums_table(found: list[dict[str, Any]]) -> str:
    out = ["| database | values | rows | sum | exact | s |", "|---|---|---:|---:|---|---:|"]
    out += [f"| {f['database']} | {f['values']} | {f['rows']:,} | {f['sum']} | {f['exact']} | "
            f"{f['seconds']} |" for f in found]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--sum-rows", type=int, default=10**8)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows: list[Row] = []
    found: list[dict[str, Any]] = []
    for database in args.databases.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if database == "sqlite":
                url = f"sqlite:///{folder / 'bench.db'}"
                rows += run_database(database, url, folder)
                found += sums(database, url, args.sum_rows)
            elif os.environ.get("KARTOTEKA_BENCH_PG_URL"):
                url, drop = pg_database(os.environ["KARTOTEKA_BENCH_PG_URL"])
                try:
                    rows += run_database(database, url, folder)
                    found += sums(database, url, args.sum_rows)
                finally:
                    drop()
    if args.json:
        print(json.dumps({"requests": [asdict(r) for r in rows], "sums": found}, indent=2))
    else:
        print(table(rows))
        print()
        print(sums_table(found))


if __name__ == "__main__":
    main()
