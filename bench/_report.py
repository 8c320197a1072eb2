"""Run every benchmark in bench/ and write docs/benchmarks.md from what they print (`make bench`).

A benchmark is a bench/*.py whose name does not start with "_" (those are helpers, such as this
file). Each runs once, in its own process, from the repository's root, with this checkout's
`kartoteka` first on the path and KARTOTEKA_BENCH_PG_URL passed on (set: the benchmarks measure
PostgreSQL too). What a benchmark prints on stdout (Markdown) goes into the file under its own
heading, with the command that printed it and how long it took; its progress (stderr) goes to
the terminal. The file starts with what the figures depend on: the date, the commit, the CPUs
(`nproc`) and their model, the memory, the system, Python, SQLite and PostgreSQL, and the load
average before and after the run (other work on the machine shows there).

    python bench/_report.py [--out docs/benchmarks.md] [--note TEXT]
                            [--args 'api.py: --rows 100000' ...] [--only ui.py ...]

`--args` gives one benchmark its arguments (its defaults otherwise); `--only` runs some of them
(the file then says which). A benchmark that fails is reported in the file with the end of its
error output, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sqlite3
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PG_ENV = "KARTOTEKA_BENCH_PG_URL"
#: Lines of a failed benchmark's error output kept in the file.
ERROR_TAIL = 30


@dataclass
class Run:
    """One benchmark's run: its command, what it printed, how it ended."""

    script: Path
    arguments: list[str]
    output: str
    error_tail: list[str]
    returncode: int
    seconds: float
    #: The 1-minute load average when it started and when it ended.
    load: tuple[float, float] = (0.0, 0.0)

    @property
    def command(self) -> str:
        return shlex.join(["python", f"bench/{self.script.name}", *self.arguments])


def benchmarks(only: Iterable[str] = ()) -> list[Path]:
    """The benchmarks, by name; `only` (file names) keeps some of them."""
    found = sorted(p for p in BENCH.glob("*.py") if not p.name.startswith("_"))
    wanted = set(only)
    unknown = wanted - {p.name for p in found}
    if unknown:
        names = ", ".join(p.name for p in found)
        raise SystemExit(f"no benchmark {', '.join(sorted(unknown))} in bench/; there are: {names}")
    return [p for p in found if not wanted or p.name in wanted]


def _tee(stream: IO[str], out: IO[str], keep: list[str] | deque[str]) -> None:
    for line in stream:
        out.write(line)
        out.flush()
        keep.append(line)


def run(script: Path, arguments: list[str]) -> Run:
    """Run one benchmark; its stdout and stderr are shown as they come and kept."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    print(f"== bench/{script.name} {shlex.join(arguments)}", file=sys.stderr, flush=True)
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(script), *arguments], cwd=ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    output: list[str] = []
    errors: deque[str] = deque(maxlen=ERROR_TAIL)
    readers = [threading.Thread(target=_tee, args=(process.stdout, sys.stdout, output)),
               threading.Thread(target=_tee, args=(process.stderr, sys.stderr, errors))]
    for reader in readers:
        reader.start()
    returncode = process.wait()
    for reader in readers:
        reader.join()
    return Run(script, arguments, "".join(output), list(errors), returncode,
               time.monotonic() - started, (load_before, os.getloadavg()[0]))


# ---------------------------------------------------------------- the machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _system() -> str:
    name = platform.system()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                name = line.partition("=")[2].strip('"')
    except OSError:
        pass
    return f"{name}, kernel {platform.release()}, {platform.machine()}"


def _commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", "kartoteka", "bench")
    return commit + (" with uncommitted changes to kartoteka/ or bench/" if changed else "")


def _postgresql() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        return f"not measured ({PG_ENV} not set)"
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SHOW server_version").scalar()
            settings = [
                f"{name} {conn.exec_driver_sql(f'SHOW {name}').scalar()}"
                for name in ("fsync", "synchronous_commit", "full_page_writes")
            ]
    finally:
        engine.dispose()
    return f"{version} ({', '.join(settings)})"


def _cpus() -> int:
    """What `nproc` says: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 0


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


# ---------------------------------------------------------------- the file


def report(runs: list[Run], machine: list[tuple[str, str]], started: datetime, seconds: float,
           note: str, partial: bool) -> str:
    """docs/benchmarks.md."""
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (bench/_report.py) on {started:%Y-%m-%d %H:%M} UTC; do not edit "
        "by hand, run `make bench` again. Each benchmark in `bench/` ran once, one after another; "
        "below is what it printed. Figures come from one run on one machine; the tests never "
        "assert them.",
        "",
    ]
    if partial:
        lines += ["Only some of the benchmarks ran: "
                  + ", ".join(f"`bench/{r.script.name}`" for r in runs) + ".", ""]
    if note:
        lines += [note.strip(), ""]
    lines += ["## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in machine]
    lines += ["", f"The whole run took {_duration(seconds)}.", ""]
    for r in runs:
        lines += [f"## bench/{r.script.name}", "", _summary(r.script), "",
                  f"`{r.command}` took {_duration(r.seconds)}; the 1-minute load average was "
                  f"{r.load[0]:.2f} when it started and {r.load[1]:.2f} when it ended.", ""]
        if r.returncode != 0:
            lines += [f"**Failed** with exit status {r.returncode}; the end of its error output:",
                      "", "```", *(line.rstrip("\n") for line in r.error_tail), "```", ""]
        lines += [r.output.strip(), ""] if r.output.strip() else []
    return "\n".join(lines).rstrip() + "\n"


def _summary(script: Path) -> str:
    """The first line of a benchmark's docstring: what it measures."""
    text = script.read_text()
    for quote in ('"""', "'''"):
        if quote in text:
            return text.split(quote, 2)[1].strip().splitlines()[0]
    return ""


def script_arguments(given: list[str]) -> dict[str, list[str]]:
    """`--args 'api.py: --rows 100000'` -> {"api.py": ["--rows", "100000"]}."""
    arguments: dict[str, list[str]] = {}
    for text in given:
        name, colon, rest = text.partition(":")
        if not colon:
            raise SystemExit(f"--args takes 'NAME: ARGUMENTS', such as 'api.py: --rows 100000', "
                             f"not {text!r}")
        arguments[name.strip()] = shlex.split(rest)
    return arguments


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n", 2)[2])
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), metavar="PATH")
    parser.add_argument("--note", default="", metavar="TEXT",
                        help="a paragraph for the file, such as what else ran on the machine")
    parser.add_argument("--args", action="append", default=[], metavar="'NAME: ARGUMENTS'",
                        help="arguments for one benchmark (repeat for others)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run this benchmark, not all of them (repeat for others)")
    options = parser.parse_args()
    arguments = script_arguments(options.args)
    scripts = benchmarks(options.only)
    unknown = set(arguments) - {p.name for p in benchmarks()}
    if unknown:
        parser.error(f"--args names no benchmark: {', '.join(sorted(unknown))}")
    started = datetime.now(UTC)
    load_before = _load()
    commit = _commit()
    began = time.monotonic()
    runs = [run(script, arguments.get(script.name, [])) for script in scripts]
    seconds = time.monotonic() - began
    machine = [
        ("CPUs (`nproc`)", str(_cpus())),
        ("CPU model", _cpu_model()),
        ("Memory", _memory()),
        ("System", _system()),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("PostgreSQL", _postgresql()),
        ("Commit", commit),
        ("Load average (1, 5, 15 min)", f"{load_before} before, {_load()} after"),
    ]
    text = report(runs, machine, started, seconds, options.note, partial=bool(options.only))
    out = Path(options.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    failed = [r.script.name for r in runs if r.returncode != 0]
    print(f"wrote {out} ({_duration(seconds)})" + (f"; failed: {', '.join(failed)}" if failed
                                                    else ""), file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
