"""What the hostile tests of automations share: an app with given rules, its queue, and the
figures the closing note of issue 13 reports (answer, time, memory before and after)."""

from __future__ import annotations

import copy
import resource
import time
from dataclasses import dataclass, field
from typing import Any

from kartoteka.platform.templates import load_template
from tests.support.pages import query


def crm_with(rules: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    """The crm template with `rules` as its automations (and other sections of `more`)."""
    doc = copy.deepcopy(load_template("crm"))
    doc["automations"] = rules
    doc.update(more)
    return doc


def jobs(db_url: str, kind: str | None = None) -> list[Any]:
    where = "" if kind is None else f" WHERE kind = '{kind}'"
    return query(db_url, f"SELECT * FROM kt_job{where} ORDER BY id")


def max_rss_mb() -> float:
    """The peak memory of this process (the live server runs in it), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """The memory this process holds now, in MB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


@dataclass
class Figures:
    """One attack's figures, printed for the closing note (`pytest -s` shows them)."""

    attack: str
    started: float = field(default_factory=time.monotonic)
    memory_before: float = field(default_factory=max_rss_mb)
    held_before: float = field(default_factory=rss_mb)

    def report(self, answer: str) -> None:
        took = time.monotonic() - self.started
        print(f"\n[figures] {self.attack}: {answer}; {took:.2f} s; memory held "
              f"{self.held_before:.0f} MB before, {rss_mb():.0f} MB after; peak "
              f"{self.memory_before:.0f} MB before, {max_rss_mb():.0f} MB after")
