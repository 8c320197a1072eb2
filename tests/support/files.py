"""Stored files in tests: a file name in Cyrillic, PDF bytes, what the storage holds, and the crm
template with a file field."""

from __future__ import annotations

import copy
from pathlib import Path

from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.definition.document import Document

CYRILLIC = "Договор поставки №7.pdf"
PDF_BYTES = b"%PDF-1.4 a contract\n" * 50


def stored_files(root: Path) -> list[Path]:
    return [p for p in (root / "files").rglob("*") if p.is_file() and not p.name.startswith(".")]


def with_contract_field() -> Document:
    """The crm template with a file field `contract` on deals."""
    doc = copy.deepcopy(load_template("crm"))
    deal = next(e for e in doc["entities"] if e["name"] == "deal")
    deal["fields"].append({"name": "contract", "type": "file", "label": "Contract"})
    return doc
