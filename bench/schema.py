"""Schema changes on big tables: add field, rename field, integer -> decimal retype, in ms.

Prints a table for 100k and 1M rows on SQLite and, when KARTOTEKA_BENCH_PG_URL is set, on
PostgreSQL. Each figure is the median of three changes (three fields added, renamed, retyped), timed
around `apply` from start to commit; the index of a new field is built after commit (last column:
the build of the three added fields' indexes, divided by three). Targets (SQLite): add field <=
10 ms at 100k and at 1M; retype of 1M rows <= 2 s. The output is Markdown: the table, then the
targets with whether each is met.

    python bench/schema.py [--sizes 100000,1000000] [--json]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

from _throwaway_pg import pg_database  # bench/ is on sys.path when a script runs

from kartoteka import schema_engine as se

ITEM = {
    "name": "item", "label": "Item", "plural": "Items", "title_field": "name",
    "fields": [
        {"name": "name", "type": "text"},
        {"name": "qty_a", "type": "integer", "indexed": False},
        {"name": "qty_b", "type": "integer", "indexed": False},
        {"name": "qty_c", "type": "integer", "indexed": False},
    ],
}


def fill_sql(dialect: str, rows: int) -> str:
    columns = "name, qty_a, qty_b, qty_c, created_at, updated_at, version"
    if dialect == "sqlite":
        return (
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
            f"INSERT INTO item ({columns}) SELECT 'item ' || i, i, i % 97, i % 13, "
            "datetime('now'), datetime('now'), 1 FROM n"
        )
    return (
        f"INSERT INTO item ({columns}) "
        "SELECT 'item ' || i, i, mod(i, 97), mod(i, 13), now(), now(), 1 "
        f"FROM generate_series(1, {rows}) AS i"
    )


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(url: str, rows: int) -> dict[str, Any]:
    engine = se.connect(url)
    se.initialize(engine, {"entities": [ITEM]}, author="bench")
    with engine.begin() as conn:
        conn.exec_driver_sql(fill_sql(engine.dialect.name, rows))
    with engine.connect() as conn:
        doc = se.current(conn).document

    def change(edit: Callable[[dict[str, Any]], None]) -> float:
        nonlocal doc
        new = copy.deepcopy(doc)
        edit(new["entities"][0])
        elapsed = timed(lambda: se.apply(engine, new, author="bench", build_indexes=False))
        with engine.connect() as conn:
            doc = se.current(conn).document
        return elapsed

    adds = [change(lambda e, i=i: e["fields"].append({"name": f"extra_{i}", "type": "integer"}))
            for i in range(3)]
    index_ms = timed(lambda: se.build_pending_indexes(engine))
    renames = [change(lambda e, i=i: e["fields"][1 + i].update(name=f"count_{i}"))
               for i in range(3)]
    retypes = [change(lambda e, i=i: e["fields"][1 + i].update(type="decimal"))
               for i in range(3)]
    engine.dispose()
    return {
        "database": engine.dialect.name, "rows": rows,
        "add_field_ms": statistics.median(adds), "rename_field_ms": statistics.median(renames),
        "retype_ms": statistics.median(retypes), "index_build_ms": index_ms / 3,
    }


#: Targets on SQLite (docs/decisions/0045-performance-targets.md): adding a field in ms at most,
#: at each of these sizes; retyping a million rows in ms at most.
TARGET_ADD_FIELD_MS = 10.0
TARGET_ADD_FIELD_AT = (100_000, 1_000_000)
TARGET_RETYPE_MS = 2_000.0
TARGET_RETYPE_AT = 1_000_000


def sqlite_url(directory: str, rows: int) -> str:
    return f"sqlite:///{directory}/bench-{rows}.db"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for rows in sizes:
            results.append(measure(sqlite_url(directory, rows), rows))
            if not args.json:
                print_row(results[-1], header=len(results) == 1)
            if os.environ.get("KARTOTEKA_BENCH_PG_URL"):
                url, drop = pg_database(os.environ["KARTOTEKA_BENCH_PG_URL"])
                try:
                    results.append(measure(url, rows))
                finally:
                    drop()
                if not args.json:
                    print_row(results[-1], header=False)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_targets(results)


def print_row(r: dict[str, Any], header: bool) -> None:
    """One row of the Markdown table, printed as soon as it is measured."""
    if header:
        print("ms, median of 3 changes:")
        print()
        print("| database | rows | add field | rename field | integer -> decimal "
              "| index after commit |")
        print("|---|---:|---:|---:|---:|---:|")
    print(f"| {r['database']} | {r['rows']:,} | {r['add_field_ms']:.1f} "
          f"| {r['rename_field_ms']:.1f} | {r['retype_ms']:.1f} | {r['index_build_ms']:.1f} |",
          flush=True)


def print_targets(results: list[dict[str, Any]]) -> None:
    """The targets on SQLite that the sizes run let us check, each with whether it is met."""
    sqlite = {r["rows"]: r for r in results if r["database"] == "sqlite"}
    lines = []
    for rows in TARGET_ADD_FIELD_AT:
        if rows in sqlite:
            ms = sqlite[rows]["add_field_ms"]
            lines.append((f"add field at {rows:,} rows <= {TARGET_ADD_FIELD_MS:g} ms", ms,
                          ms <= TARGET_ADD_FIELD_MS))
    if TARGET_RETYPE_AT in sqlite:
        ms = sqlite[TARGET_RETYPE_AT]["retype_ms"]
        lines.append((f"integer -> decimal at {TARGET_RETYPE_AT:,} rows <= "
                      f"{TARGET_RETYPE_MS:,.0f} ms", ms, ms <= TARGET_RETYPE_MS))
    print()
    if not lines:
        print("Targets on SQLite: not checked (no run at the sizes they are set for).")
        return
    print("Targets on SQLite:")
    print()
    print("| target | figure | |")
    print("|---|---:|---|")
    for name, ms, met in lines:
        print(f"| {name} | {ms:,.1f} ms | {'met' if met else '**missed**'} |")


if __name__ == "__main__":
    main()
