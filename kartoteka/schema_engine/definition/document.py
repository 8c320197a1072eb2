"""The app definition: one JSON document, checked by its JSON Schema and by semantic rules.

`check_definition` reports every problem at once, each with its JSON path and a message that says
how to fix it. The JSON Schema finds problems of shape; the semantic rules (names, links, stages,
defaults...) run on every part that is well-formed enough, even when the schema fails elsewhere, so
that a user sees everything in one go.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from kartoteka.schema_engine.definition.automations import automation_errors
from kartoteka.schema_engine.definition.documents import document_errors
from kartoteka.schema_engine.definition.messages import _explain
from kartoteka.schema_engine.definition.rules import _Context, _semantic_errors
from kartoteka.schema_engine.errors import DefinitionError, DefinitionInvalid
from kartoteka.schema_engine.languages import LANGUAGES
from kartoteka.schema_engine.shapes import Document
from kartoteka.schema_engine.types import FIELD_TYPES, types_with_key

#: The sections of a definition with rules of their own, checked after the core rules of `rules`
#: (names, links, stages, views), which they use.
SECTION_RULES = (automation_errors, document_errors)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of an app definition: the one shipped in the package, with
    the field types and the keys each accepts or needs taken from the field-type registry."""
    return _schema_for(tuple(FIELD_TYPES))


@cache
def _shipped_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("definition.schema.json").read_text("utf-8")
    return dict(json.loads(text))


@cache
def _schema_for(type_names: tuple[str, ...]) -> dict[str, Any]:
    """Keyed by the registry's names, so that a type registered later gets its own schema."""
    schema = copy.deepcopy(_shipped_schema())
    field = schema["$defs"]["field"]
    field["properties"]["type"]["enum"] = list(type_names)
    # The languages, and the keys of a label map, are those of `languages.LANGUAGES`.
    schema["$defs"]["language"]["enum"] = list(LANGUAGES)
    schema["$defs"]["label"]["oneOf"][1]["properties"] = {
        code: {"$ref": "#/$defs/text"} for code in LANGUAGES}
    for rule in field["allOf"]:
        [key] = rule["then"]["required"]
        needing = [n for n in type_names if key in FIELD_TYPES[n].required_keys]
        rule["if"]["properties"]["type"]["enum"] = needing
    for key, rule in field["dependentSchemas"].items():
        rule["properties"]["type"]["enum"] = types_with_key(key)
    return schema


def _ecma_pattern(
    validator: Validator, pattern: str, instance: Any, _schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`pattern` read as JSON Schema says (ECMA-262): `$` is the end of the text.

    Python's `$` also matches before a final newline, which would let "client\n" be a name.
    """
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


# types-jsonschema leaves `extend` unannotated; it returns a validator class.
_DefinitionValidator: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _ecma_pattern}
)


def _validator() -> Validator:
    return _validator_for(tuple(FIELD_TYPES))


@cache
def _validator_for(type_names: tuple[str, ...]) -> Validator:
    schema = _schema_for(type_names)
    return _DefinitionValidator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_definition(doc: Any) -> Document:
    """Check `doc` against the JSON Schema and the semantic rules; raise with every problem."""
    errors = check_definition(doc)
    if errors:
        raise DefinitionInvalid(errors)
    return doc  # type: ignore[no-any-return]


def check_definition(doc: Any) -> list[DefinitionError]:
    """Every problem of `doc`, in document order; an empty list means it is valid.

    >>> check_definition({"entities": [{"name": "Client", "fields": []}]})[0].path
    '$.entities[0].name'
    """
    context = _Context.of(doc)
    found = [error for e in _validator().iter_errors(doc) for error in _explain(e, context)]
    # A value with the wrong shape gets one message, the schema's, not a second one about meaning.
    shaped = {error.path for error in found}
    semantic = _semantic_errors(context, SECTION_RULES)
    found += [error for error in semantic if error.path not in shaped]
    return sorted(dict.fromkeys(found), key=_document_order)


_PATH_PART = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def _document_order(error: DefinitionError) -> tuple[tuple[tuple[int, int | str], ...], str]:
    parts = tuple(
        (0, int(index)) if index else (1, key or quoted)
        for key, index, quoted in _PATH_PART.findall(error.path)
    )
    return parts, str(error.message)

