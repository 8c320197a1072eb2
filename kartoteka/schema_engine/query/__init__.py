"""Record queries: parsed from a query string or JSON, checked against the model, run as pages.

Modules: `parse` (the query-string and JSON forms, checked), `tree` (what a checked query is),
`run` (pages, counts, groups and totals as SQL),
`operators` (filter operators with their SQL and English), `keyset` (sorting and keyset
pages), `groups` (grouped counts and aggregates), `sums` (exact sums on both databases). The
JSON filter grammar, `parse_filter`, lives in `definition.filters` (the definition's rules read
views with it) and is exported here too.
"""

from kartoteka.schema_engine.definition.filters import (
    Branch,
    FilterProblem,
    Leaf,
    Negation,
    ParsedFilter,
    Tree,
    parse_filter,
)
from kartoteka.schema_engine.query.operators import OPERATORS, operators_of, shown
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
    filter_problems,
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
    "Branch",
    "Condition",
    "FilterProblem",
    "Group",
    "Leaf",
    "Negation",
    "Node",
    "Not",
    "Page",
    "ParsedFilter",
    "Query",
    "Tree",
    "count_select",
    "filter_problems",
    "operators_of",
    "page_select",
    "parse_filter",
    "query_from_json",
    "query_from_params",
    "run_groups",
    "run_query",
    "run_totals",
    "shown",
]
