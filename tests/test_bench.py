"""`make bench`: the benchmarks still start, and bench/_report.py writes docs/benchmarks.md from
what they print. Nothing here times anything."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"


def _report_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_report", BENCH / "_report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


report = _report_module()


def test_every_bench_script_but_the_helpers_is_a_benchmark() -> None:
    names = [p.name for p in report.benchmarks()]
    assert names == sorted(p.name for p in BENCH.glob("*.py") if not p.name.startswith("_"))
    assert {"api.py", "records.py", "schema.py", "ui.py"} <= set(names)


@pytest.mark.parametrize("script", sorted(p.name for p in report.benchmarks()))
def test_a_benchmark_starts_and_explains_its_options(script: str) -> None:
    """`--help` imports everything a benchmark needs: a module moved in the package shows here,
    not half-way through a long `make bench`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(BENCH / script), "--help"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "--json" in done.stdout


def test_arguments_are_given_per_benchmark() -> None:
    assert report.script_arguments(["api.py: --rows 100000", "ui.py: --repeat 5 --db '/tmp/a b'"]) \
        == {"api.py": ["--rows", "100000"], "ui.py": ["--repeat", "5", "--db", "/tmp/a b"]}
    with pytest.raises(SystemExit, match="NAME: ARGUMENTS"):
        report.script_arguments(["api.py --rows 10"])


def test_the_file_holds_the_machine_and_each_benchmark_under_its_heading() -> None:
    from datetime import UTC, datetime

    ran = report.Run(BENCH / "records.py", ["--rows", "2000"], "| database | rows |\n|---|---:|\n",
                     [], 0, 61.2, (0.5, 1.25))
    failed = report.Run(BENCH / "schema.py", [], "", ["Traceback ...\n", "ValueError: no\n"], 1,
                        3.0)
    text = report.report([ran, failed], [("CPUs (`nproc`)", "2"), ("SQLite", "3.40.1")],
                         datetime(2026, 1, 2, 3, 4, tzinfo=UTC), 64.2,
                         "Other jobs ran meanwhile.", partial=False)
    assert text.startswith("# Benchmarks\n\nWritten by `make bench`")
    assert "on 2026-01-02 03:04 UTC" in text
    assert "Other jobs ran meanwhile." in text
    assert "| CPUs (`nproc`) | 2 |" in text
    assert "The whole run took 1 min 4 s." in text
    assert "## bench/records.py\n\nRecord writes through `create_records`" in text
    assert ("`python bench/records.py --rows 2000` took 1 min 1 s; the 1-minute load average was "
            "0.50 when it started and 1.25 when it ended.") in text
    assert "| database | rows |" in text
    assert "**Failed** with exit status 1" in text and "ValueError: no" in text
