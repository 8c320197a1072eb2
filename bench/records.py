"""Record writes through `create_records`: insert rows/s in batches of 1,000, and the latency
of a single-record change (a PATCH's transaction: `update_record`, one commit each).

The entity is the one of bench/api.py: `deals` with title (text), amount (decimal),
stage (select), closed_on (date) and client_email (email); title and client_email are searchable,
so every row also fills two search shadow columns and, on SQLite, two FTS5 trigram tables. Each
batch is one transaction (`BEGIN IMMEDIATE` on SQLite, as the API opens writes) and includes
validation and the change log. Prints the median over the batches of wall-clock rows/s, and of
CPU rows/s (this process alone: the figure that does not depend on the disk). Then `--changes`
single-record changes, each its own write transaction, as `PATCH /api/records/{entity}/{id}`
runs it (without HTTP): median and 95th percentile in ms. SQLite twice, side by side: with
`synchronous=FULL` (the default: every commit is synced to disk and survives a power cut) and
with `NORMAL` (the relaxed setting); PostgreSQL when KARTOTEKA_BENCH_PG_URL is set (a throw-away
database on that server). The output is a Markdown table.

    python bench/records.py [--rows 100000] [--batch 1000] [--changes 500] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from typing import Any

from _throwaway_pg import pg_database  # bench/ is on sys.path when a script runs
from sqlalchemy import Engine

from kartoteka import schema_engine as se
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.model import AppModel, load_model
from kartoteka.schema_engine.records import create_records, update_record

DEALS = {
    "name": "deals",
    "label": "Deal",
    "plural": "Deals",
    "title_field": "title",
    "fields": [
        {"name": "title", "type": "text", "required": True},
        {"name": "amount", "type": "decimal"},
        {"name": "stage", "type": "select", "options": ["new", "qualified", "won", "lost"]},
        {"name": "closed_on", "type": "date"},
        {"name": "client_email", "type": "email"},
    ],
}
WORDS = ("Pharma", "Logistics", "Retail", "Energy", "Textile", "Агро", "Трейд", "贸易")


def batch_rows(start: int, size: int) -> list[dict[str, Any]]:
    """Deals as an API client would send them: numbers and dates as JSON gives them."""
    return [
        {
            "title": f"{WORDS[i % len(WORDS)]} deal {i}",
            "amount": f"{(i * 7919) % 100000}.{i % 100:02d}",
            "stage": ("new", "qualified", "won", "lost")[i % 4],
            "closed_on": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "client_email": f"client{i % 5000}@example.com",
        }
        for i in range(start, start + size)
    ]


def measure(url: str, rows: int, batch: int, changes: int,
            synchronous: str = "FULL") -> dict[str, Any]:
    engine = se.connect(url, synchronous=synchronous)
    se.initialize(engine, {"entities": [DEALS]}, author="bench")
    with engine.connect() as conn:
        model = load_model(conn)
    writes = engine.execution_options(sqlite_begin="IMMEDIATE")
    wall: list[float] = []
    cpu: list[float] = []
    for start in range(0, rows, batch):
        values = batch_rows(start, min(batch, rows - start))
        began, began_cpu = time.perf_counter(), time.process_time()
        with writes.begin() as conn:
            create_records(conn, model, "deals", values, user_id=None)
        wall.append(len(values) / (time.perf_counter() - began))
        cpu.append(len(values) / max(time.process_time() - began_cpu, 1e-9))
    latencies = change_latencies(engine, model, min(changes, rows))
    engine.dispose()
    return {
        "database": engine.dialect.name,
        "synchronous": synchronous if engine.dialect.name == "sqlite" else "-",
        "rows": rows,
        "batch": batch,
        "insert_rows_per_s": statistics.median(wall),
        "cpu_rows_per_s": statistics.median(cpu),
        "changes": len(latencies),
        "change_median_ms": statistics.median(latencies) * 1000,
        "change_p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
    }


def change_latencies(engine: Engine, model: AppModel, count: int) -> list[float]:
    """Seconds of each of `count` single-record changes, one transaction and commit each."""
    seconds = []
    for record_id in range(1, count + 1):
        began = time.perf_counter()
        with write_connection(engine) as conn:
            update_record(conn, model, "deals", record_id, {"amount": f"{record_id}.50"},
                          user_id=None)
            conn.commit()
        seconds.append(time.perf_counter() - began)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    for synchronous in ("FULL", "NORMAL"):
        with tempfile.TemporaryDirectory() as directory:
            results.append(measure(f"sqlite:///{directory}/records.db", args.rows, args.batch,
                                   args.changes, synchronous))
    if os.environ.get("KARTOTEKA_BENCH_PG_URL"):
        url, drop = pg_database(os.environ["KARTOTEKA_BENCH_PG_URL"])
        try:
            results.append(measure(url, args.rows, args.batch, args.changes))
        finally:
            drop()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("Inserts: medians over the batches; CPU: this process's own time, whatever the disk "
          "does. Change: one record's PATCH transaction, median and 95th percentile.")
    print()
    print("| database | synchronous | rows | batch | insert, rows/s | CPU, rows/s "
          "| change, median ms | change, p95 ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['database']} | {r['synchronous']} | {r['rows']:,} | {r['batch']:,} "
            f"| {r['insert_rows_per_s']:,.0f} | {r['cpu_rows_per_s']:,.0f} "
            f"| {r['change_median_ms']:.2f} | {r['change_p95_ms']:.2f} |"
        )


if __name__ == "__main__":
    main()
