"""The switches of the fast paths: each is on by default and has a plain twin with the same answers.

A fast path does what its plain twin does, in less time; the twin is kept because it is the
obvious code, the one to compare against (tests/schema_engine/test_fast_paths.py runs both and
compares every answer) and to fall back on when a fast path is suspected:

- `written_shapers`: a record is made from its row by a function written out as source for each
  entity (records.serialize.record_shaper) instead of a loop over the entity's plan.
- `driver_reads`: on SQLite, pages, counts, reads by id and the token check run on the driver's
  own cursor (prepared.Prepared) instead of through SQLAlchemy's execution.
- `loop_reads`: short reads on SQLite run on the event loop instead of in a worker thread; the
  platform takes this one (kartoteka.platform.loop_reads), the engine only keeps the switch with
  the others.

The switches ride on the engine (an execution option that every connection inherits), so a read
needs no other argument to find them: `connect(url, fast_paths=PLAIN)`, or
`KARTOTEKA_PLAIN_PATHS=driver_reads,written_shapers` (or `all`) in the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from sqlalchemy import Connection, Engine

#: The execution option of an engine (and its connections) holding its FastPaths.
OPTION = "kartoteka_fast_paths"
#: The environment variable naming the fast paths to turn off: comma-separated, or `all`.
PLAIN_VARIABLE = "KARTOTEKA_PLAIN_PATHS"


@dataclass(frozen=True)
class FastPaths:
    """Which fast paths are taken (all of them unless told otherwise)."""

    written_shapers: bool = True
    driver_reads: bool = True
    loop_reads: bool = True

    @classmethod
    def without(cls, names: str) -> FastPaths:
        """All fast paths but those named: `"driver_reads,loop_reads"`, `"all"`, or `""`."""
        known = [f.name for f in fields(cls)]
        wanted = [name.strip() for name in names.split(",") if name.strip()]
        if wanted == ["all"]:
            wanted = known
        unknown = [name for name in wanted if name not in known]
        if unknown:
            raise ValueError(f"{PLAIN_VARIABLE}: unknown fast path {', '.join(unknown)}; "
                             f"they are: {', '.join(known)} (or all)")
        return replace(cls(), **dict.fromkeys(wanted, False))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> FastPaths:
        """The fast paths `KARTOTEKA_PLAIN_PATHS` leaves on (all when it is not set)."""
        return cls.without(environ.get(PLAIN_VARIABLE, ""))


#: Every fast path on, and every one off.
FAST = FastPaths()
PLAIN = FastPaths(written_shapers=False, driver_reads=False, loop_reads=False)


def fast_paths(bind: Connection | Engine) -> FastPaths:
    """The switches of `bind`'s engine (FAST for an engine not made by `connect`)."""
    found: FastPaths = bind.get_execution_options().get(OPTION, FAST)
    return found
