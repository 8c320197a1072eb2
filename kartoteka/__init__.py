"""Kartoteka: a no-code card index for a business (entities, fields, links, records, API).

Layers, top to bottom (import-linter checks the arrows: `make lint`):
- `cli` (the `kartoteka` command) and `app` (`create_app`: the only module that puts the API,
  the UI and the platform together);
- `api` (HTTP routes and OpenAPI) and `ui` (server-rendered pages), which never import each
  other;
- `platform` (services both use: accounts, automation, files, documents, timeline, tasks...);
- `schema_engine` (definitions -> tables, records, queries; no web framework);
- `settings`, which anyone may import.
Each package states its public API in its `__init__`. Importing a package installs nothing
(hooks are installed by `platform.install_hooks()`); the one line below only keeps a slow,
unused optional module of jsonschema from loading.
"""

import sys

# jsonschema[format-nongpl] pulls in rfc3987-syntax, which compiles a grammar when imported (about
# 2 s here, on every command) for the "iri" formats alone; no Kartoteka schema uses them, so the
# module is kept from loading and jsonschema simply skips those two formats.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
