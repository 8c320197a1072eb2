"""Record queries: parsed from a query string or JSON, checked against the model, run as pages.

Modules: `parse` (the query-string and JSON forms, and running them), `operators` (filter
operators with their SQL and English), `keyset` (sorting and keyset pages), `groups` (grouped
counts and aggregates), `sums` (exact sums on both databases).
"""

from kartoteka.schema_engine.query.operators import OPERATORS, operators_of
from kartoteka.schema_engine.query.parse import (
    SETTINGS,
    SYSTEM_FIELDS,
    Condition,
    Group,
    Node,
    Not,
    Page,
    Query,
    count_select,
    page_select,
    query_from_json,
    query_from_params,
    run_groups,
    run_query,
    run_totals,
)

__all__ = [
    "OPERATORS",
    "SETTINGS",
    "SYSTEM_FIELDS",
    "Condition",
    "Group",
    "Node",
    "Not",
    "Page",
    "Query",
    "count_select",
    "operators_of",
    "page_select",
    "query_from_json",
    "query_from_params",
    "run_groups",
    "run_query",
    "run_totals",
]
