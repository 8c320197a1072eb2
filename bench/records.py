"""Record writes through `create_records`: insert rows/s in batches of 1,000.

The entity is the one of bench/api.py: `deals` with title (text), amount (decimal),
stage (select), closed_on (date) and client_email (email); title and client_email are searchable,
so every row also fills two search shadow columns and, on SQLite, two FTS5 trigram tables. Each
batch is one transaction (`BEGIN IMMEDIATE` on SQLite, as the API opens writes) and includes
validation and the change log. Prints the median over the batches of wall-clock rows/s, and of
CPU rows/s (this process alone: the figure that does not depend on the disk). SQLite always;
PostgreSQL when KARTOTEKA_BENCH_PG_URL is set (a throw-away database on that server). The output
is a Markdown table.

    python bench/records.py [--rows 100000] [--batch 1000] [--json]
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

from kartoteka import schema_engine as se
from kartoteka.schema_engine.model import load_model
from kartoteka.schema_engine.records import create_records

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


def measure(url: str, rows: int, batch: int) -> dict[str, Any]:
    engine = se.connect(url)
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
    engine.dispose()
    return {
        "database": engine.dialect.name,
        "rows": rows,
        "batch": batch,
        "insert_rows_per_s": statistics.median(wall),
        "cpu_rows_per_s": statistics.median(cpu),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as directory:
        results.append(measure(f"sqlite:///{directory}/records.db", args.rows, args.batch))
    if os.environ.get("KARTOTEKA_BENCH_PG_URL"):
        url, drop = pg_database(os.environ["KARTOTEKA_BENCH_PG_URL"])
        try:
            results.append(measure(url, args.rows, args.batch))
        finally:
            drop()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("Medians over the batches; CPU: this process's own time, whatever the disk does.")
    print()
    print("| database | rows | batch | insert, rows/s | CPU, rows/s |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['database']} | {r['rows']:,} | {r['batch']:,} "
            f"| {r['insert_rows_per_s']:,.0f} | {r['cpu_rows_per_s']:,.0f} |"
        )


if __name__ == "__main__":
    main()
