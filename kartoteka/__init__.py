"""Kartoteka: a no-code card index for a business (entities, fields, links, records, API).

Subpackages: `schema_engine` (definitions -> tables, records, queries), `platform` (the
application and CLI) and `ui` (pages). Dependencies point that way only: ui -> platform ->
schema_engine.
"""

import sys

# jsonschema[format-nongpl] pulls in rfc3987-syntax, which compiles a grammar when imported (about
# 2 s here, on every command) for the "iri" formats alone; no Kartoteka schema uses them, so the
# module is kept from loading and jsonschema simply skips those two formats.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
