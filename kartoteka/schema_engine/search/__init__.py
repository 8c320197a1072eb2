"""Text search, case- and accent-insensitive for every alphabet, alike on both databases.

Modules: `folded` (the folded shadow values and the conditions on them), `index` (the shadow
columns and trigram indexes in the database).
"""

from kartoteka.schema_engine.search.folded import (
    BoundTerm,
    Driver,
    Term,
    contains,
    driver,
    matches,
    shadow_values,
    startswith,
)
from kartoteka.schema_engine.search.index import (
    add_shadow,
    create_search_index,
    drop_search_index,
    drop_shadow,
    ensure_search,
    refold,
    restore_sqlite_triggers,
)

__all__ = [
    "BoundTerm",
    "Driver",
    "Term",
    "add_shadow",
    "contains",
    "create_search_index",
    "driver",
    "drop_search_index",
    "drop_shadow",
    "ensure_search",
    "matches",
    "refold",
    "restore_sqlite_triggers",
    "shadow_values",
    "startswith",
]
