"""App-definition templates: `crm` (the default), `trading` and `empty`.

The JSON files live in the repository's `examples/` directory; the wheel ships them as
`kartoteka/examples/`, so that `--template crm` works in an installed package too.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from kartoteka.schema_engine import KartotekaError
from kartoteka.schema_engine.definition import Document

TEMPLATES = ("crm", "trading", "empty")
DEFAULT_TEMPLATE = "crm"


class UnknownTemplate(KartotekaError):
    """No template has that name."""


def load_template(name: str) -> Document:
    """A fresh copy of the template's app definition: `load_template("crm")["entities"]`."""
    if name not in TEMPLATES:
        raise UnknownTemplate(f"unknown template {name!r}; templates are: {', '.join(TEMPLATES)}")
    if name == "empty":
        return {"entities": []}
    doc: Document = json.loads(_template_file(name).read_text("utf-8"))
    return doc


def _template_file(name: str) -> Traversable:
    """Where a template's JSON is: inside the installed package, else in the repository."""
    filename = f"{name}.json"
    installed = resources.files("kartoteka").joinpath("examples", filename)
    if installed.is_file():
        return installed
    # An editable install runs from the repository, where examples/ sits next to kartoteka/.
    in_repository = Path(__file__).resolve().parents[2] / "examples" / filename
    if in_repository.is_file():
        return in_repository
    raise UnknownTemplate(
        f"the template file {filename} is missing from this installation; reinstall kartoteka"
    )
