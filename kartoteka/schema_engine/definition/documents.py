"""The semantic rules of the definition's `documents` (templates of generated documents).

Each entry names an existing entity; names are unique across the definition (automations name
a document by it); the HTML `template` and the `filename` template compile. The schema engine
renders no templates: the platform installs the check of template text
(`rules.set_template_checker`, called by `kartoteka.platform.install_hooks()`, with its Jinja
sandbox); without one only the shapes and names are checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kartoteka.schema_engine.definition.rules import (
    _Context,
    _duplicates,
    _text,
    named_entity,
    section_items,
    template_problem,
)
from kartoteka.schema_engine.errors import DefinitionError


def _documents(context: _Context) -> Iterator[tuple[str, dict[str, Any]]]:
    return section_items(context, "documents")


def document_errors(context: _Context) -> Iterator[DefinitionError]:
    """Unique names, existing entities, templates that compile."""
    yield from _duplicates(
        ((f"{at}.name", d["name"]) for at, d in _documents(context)
         if isinstance(d.get("name"), str)),
        lambda name, first: f"there is already a document named {name!r} (at {first}); "
        "document names must be unique, so rename one of them",
    )
    for at, document in _documents(context):
        yield from named_entity(at, document, context)
        yield from _templates(at, document)


def _templates(at: str, document: dict[str, Any]) -> Iterator[DefinitionError]:
    for key, html in (("template", True), ("filename", False)):
        source = _text(document, key)
        if source is None:
            continue
        problem = template_problem(source, html=html)
        if problem:
            yield DefinitionError(f"{at}.{key}", problem)
