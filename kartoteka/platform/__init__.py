"""The application: templates, sample data, command line (HTTP API, auth and the rest to come).

Public API:
- `TEMPLATES`, `load_template(name)`: the app definitions a new app starts from.
- `load_sample_data(conn, doc, ...)`, `describe_counts(counts, doc)`: the demo's sample records.
"""

from .demo import describe_counts, load_sample_data
from .templates import TEMPLATES, UnknownTemplate, load_template

__all__ = [
    "TEMPLATES",
    "UnknownTemplate",
    "describe_counts",
    "load_sample_data",
    "load_template",
]
