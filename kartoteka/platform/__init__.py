"""Services shared by the HTTP API and the UI: accounts, automation, timeline, tasks, files,
documents, app-definition templates and sample data.

Public API:
- `TEMPLATES`, `load_template(name)`: the app definitions a new app starts from.
- `load_sample_data(conn, doc, ...)`, `describe_counts(counts, doc)`: the demo's sample records.
- `read_timeline(conn, model, entity, record_id, before=..., limit=...)`: a page of a record's
  history from the change log, newest first (the card's timeline; the timeline API's too).
- `install_hooks()`: the platform's template check, installed into the schema engine's
  definition check; called by the app, the command line and the demo (never on import).

Names are imported when first used, so that a server does not load the demo's data and the
command line does not load the web framework until it needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kartoteka.platform.demo import describe_counts, load_sample_data
    from kartoteka.platform.hooks import install_hooks
    from kartoteka.platform.templates import TEMPLATES, UnknownTemplate, load_template
    from kartoteka.platform.timeline import read_timeline

_WHERE = {
    "describe_counts": "demo",
    "load_sample_data": "demo",
    "install_hooks": "hooks",
    "TEMPLATES": "templates",
    "UnknownTemplate": "templates",
    "load_template": "templates",
    "read_timeline": "timeline",
}

__all__ = [
    "TEMPLATES",
    "UnknownTemplate",
    "describe_counts",
    "install_hooks",
    "load_sample_data",
    "load_template",
    "read_timeline",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
