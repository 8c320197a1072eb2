"""The app definition: one JSON document, checked by its JSON Schema and by semantic rules."""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .errors import DefinitionError, DefinitionInvalid
from .names import name_problem
from .types import FIELD_TYPES, OPTION_TYPES, TITLE_TYPES, ConversionError, option_values

Document = dict[str, Any]
Entity = dict[str, Any]
Field = dict[str, Any]

#: PostgreSQL cuts identifiers at 63 bytes; longer generated names would collide silently.
MAX_IDENTIFIER = 63
DEFAULT_MARKERS = {"$me": {"user"}, "$now": {"datetime", "date"}, "$today": {"date", "datetime"}}
UNIQUE_TYPES = frozenset(FIELD_TYPES) - {"links", "multi_select", "boolean", "long_text"}


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of an app definition, as shipped in the package."""
    text = resources.files(__package__).joinpath("definition.schema.json").read_text("utf-8")
    return dict(json.loads(text))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_definition(doc: Any) -> Document:
    """Check `doc` against the JSON Schema and the semantic rules; raise with every problem."""
    errors = check_definition(doc)
    if errors:
        raise DefinitionInvalid(errors)
    return doc  # type: ignore[no-any-return]


def check_definition(doc: Any) -> list[DefinitionError]:
    """Every problem of `doc`, schema ones first; an empty list means it is valid."""
    schema_errors = [_explain(e) for e in _validator().iter_errors(doc)]
    if schema_errors:
        return sorted(schema_errors, key=lambda e: e.path)
    return list(_semantic_errors(doc))


# ---------------------------------------------------------------- schema errors, explained


def _explain(error: ValidationError) -> DefinitionError:
    path = error.json_path
    instance = error.instance
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(instance) - set(allowed))
        return DefinitionError(
            path,
            f"unknown key {', '.join(map(repr, extra))}; allowed keys are: {', '.join(allowed)}",
        )
    if kind == "required":
        missing = [k for k in error.validator_value if k not in instance]
        what = _what(instance)
        return DefinitionError(path, f"{what} needs {', '.join(map(repr, missing))}; add it")
    if kind == "pattern" and path.endswith((".name", ".title_field", ".to", ".inverse")):
        return DefinitionError(path, name_problem(str(instance)) or f"{instance!r} is not a name")
    if kind == "pattern" and path.endswith(".id"):
        return DefinitionError(
            path, f"{instance!r} is not a valid id: use lowercase letters, digits and _"
        )
    if kind == "enum":
        choices = ", ".join(json.dumps(v) for v in error.validator_value)
        return DefinitionError(
            path, f"{json.dumps(instance)} is not allowed here; use one of: {choices}"
        )
    if kind == "not" and isinstance(instance, dict):
        keys = [
            k
            for k in ("options", "won", "lost", "to", "inverse", "on_delete", "currency", "prefix")
            if k in instance
        ]
        return DefinitionError(
            path,
            f"{', '.join(map(repr, keys))} does not apply to {_a(instance.get('type'))} field; "
            "remove it",
        )
    if kind == "oneOf" and path.split(".")[-1].startswith("options"):
        return DefinitionError(
            path, 'an option is a string or an object {"value", "label"?, "color"?, "probability"?}'
        )
    if kind == "type":
        return DefinitionError(
            path, f"{json.dumps(instance)} must be of type {error.validator_value}"
        )
    if kind == "dependentRequired":
        return DefinitionError(
            path, "an entity with a role needs 'due_field', 'done_field' and 'assignee_field'"
        )
    return DefinitionError(path, error.message)


def _a(word: Any) -> str:
    return f"{'an' if str(word)[:1] in 'aeiou' else 'a'} {word}"


def _what(instance: Any) -> str:
    if isinstance(instance, dict) and "type" in instance:
        return f"{_a(instance['type'])} field"
    if isinstance(instance, dict) and "fields" in instance:
        return "an entity"
    return "this object"


# ---------------------------------------------------------------- semantic rules


def _semantic_errors(doc: Document) -> Iterator[DefinitionError]:
    entities: list[Entity] = doc["entities"]
    names = {e["name"] for e in entities}
    yield from _duplicates(
        [(f"$.entities[{i}].name", e["name"]) for i, e in enumerate(entities)], "an entity"
    )
    ids = [(f"$.entities[{i}].id", e["id"]) for i, e in enumerate(entities) if "id" in e]
    ids += [
        (f"$.entities[{i}].fields[{j}].id", f["id"])
        for i, e in enumerate(entities)
        for j, f in enumerate(e["fields"])
        if "id" in f
    ]
    yield from _duplicates(ids, "an entity or field", what="id")
    inverse_names: dict[str, list[tuple[str, str]]] = {}
    for i, entity in enumerate(entities):
        at = f"$.entities[{i}]"
        if problem := name_problem(entity["name"], "entity name"):
            yield DefinitionError(f"{at}.name", problem)
        yield from _entity_errors(entity, at, names)
        for j, f in enumerate(entity["fields"]):
            if f["type"] in ("link", "links") and f["to"] in names:
                inverse = f.get("inverse") or ""
                if inverse:
                    inverse_names.setdefault(f["to"], []).append(
                        (f"{at}.fields[{j}].inverse", inverse)
                    )
    by_name = {e["name"]: e for e in entities}
    for target, inverses in inverse_names.items():
        yield from _duplicates(inverses, f"a link to '{target}'", what="inverse name")
        taken = {f["name"] for f in by_name[target]["fields"]}
        for path, inverse in inverses:
            if inverse in taken:
                yield DefinitionError(
                    path,
                    f"inverse name {inverse!r} is already a field of '{target}'; choose another",
                )


def _entity_errors(entity: Entity, at: str, entity_names: set[str]) -> Iterator[DefinitionError]:
    fields: list[Field] = entity["fields"]
    by_name = {f["name"]: f for f in fields}
    yield from _duplicates(
        [(f"{at}.fields[{j}].name", f["name"]) for j, f in enumerate(fields)],
        f"a field of '{entity['name']}'",
    )
    for j, f in enumerate(fields):
        yield from _field_errors(entity, f, f"{at}.fields[{j}]", entity_names)
    title = entity.get("title_field")
    if title is not None:
        if title not in by_name:
            yield DefinitionError(
                f"{at}.title_field",
                f"title_field {title!r} is not a field of '{entity['name']}'; "
                f"fields are: {', '.join(by_name) or '(none)'}",
            )
        elif by_name[title]["type"] not in TITLE_TYPES:
            yield DefinitionError(
                f"{at}.title_field",
                f"title_field {title!r} is a {by_name[title]['type']} field; use a field of type "
                f"{', '.join(sorted(TITLE_TYPES))}",
            )
    roles = {
        "due_field": {"date", "datetime"},
        "done_field": {"boolean"},
        "assignee_field": {"user"},
    }
    for key, types in roles.items():
        name = entity.get(key)
        if name is None:
            continue
        if name not in by_name or by_name[name]["type"] not in types:
            yield DefinitionError(
                f"{at}.{key}",
                f"{key} {name!r} must name a field of '{entity['name']}' of type "
                f"{' or '.join(sorted(types))}",
            )


def _field_errors(
    entity: Entity, f: Field, at: str, entity_names: set[str]
) -> Iterator[DefinitionError]:
    if problem := name_problem(f["name"], "field name"):
        yield DefinitionError(f"{at}.name", problem)
    kind = f["type"]
    if kind in ("link", "links") and f["to"] not in entity_names:
        yield DefinitionError(
            f"{at}.to",
            f"link target {f['to']!r} is not an entity; entities are: {', '.join(sorted(entity_names))}",
        )
    if kind == "links":
        junction = f"{entity['name']}__{f['name']}"
        if len(junction) > MAX_IDENTIFIER:
            yield DefinitionError(
                f"{at}.name",
                f"the link table name {junction!r} is longer than {MAX_IDENTIFIER} characters; "
                "shorten the entity or field name",
            )
    if kind in OPTION_TYPES:
        yield from _option_errors(f, at)
    if f.get("unique") and kind not in UNIQUE_TYPES:
        yield DefinitionError(f"{at}.unique", f"{_a(kind)} field cannot be unique; remove 'unique'")
    if "default" in f and f["default"] is not None:
        yield from _default_errors(f, at)


def _option_errors(f: Field, at: str) -> Iterator[DefinitionError]:
    values = option_values(f)
    yield from _duplicates(
        [(f"{at}.options[{k}]", v) for k, v in enumerate(values)], "an option", what="value"
    )
    for key in ("won", "lost"):
        for k, value in enumerate(f.get(key, [])):
            if value not in values:
                yield DefinitionError(
                    f"{at}.{key}[{k}]",
                    f"{value!r} is not a stage of this field; stages are: {', '.join(values)}",
                )
    both = set(f.get("won", [])) & set(f.get("lost", []))
    if both:
        yield DefinitionError(
            f"{at}.lost", f"{', '.join(sorted(both))} cannot be both won and lost"
        )


def _default_errors(f: Field, at: str) -> Iterator[DefinitionError]:
    default = f["default"]
    kind = f["type"]
    if isinstance(default, str) and default in DEFAULT_MARKERS:
        if kind not in DEFAULT_MARKERS[default]:
            yield DefinitionError(
                f"{at}.default",
                f"{default} fits only fields of type {' or '.join(sorted(DEFAULT_MARKERS[default]))}",
            )
        return
    if kind in ("link", "links", "autonumber"):
        yield DefinitionError(f"{at}.default", f"{_a(kind)} field cannot have a default")
        return
    try:
        FIELD_TYPES[kind].parse(default, f)
    except ConversionError as exc:
        yield DefinitionError(f"{at}.default", f"default {exc}")


def _duplicates(
    items: list[tuple[str, str]], owner: str, what: str = "name"
) -> Iterator[DefinitionError]:
    counts = Counter(value for _, value in items)
    seen: set[str] = set()
    for path, value in items:
        if counts[value] > 1 and value in seen:
            yield DefinitionError(
                path, f"{what} {value!r} is used twice for {owner}; make it unique"
            )
        seen.add(value)


# ---------------------------------------------------------------- helpers on documents


def empty_definition() -> Document:
    return {"entities": []}


def canonical(doc: Document) -> str:
    """A stable text form of a document, to tell whether two documents are the same."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def clone(doc: Document) -> Document:
    return copy.deepcopy(doc)


def entity_by_name(doc: Document, name: str) -> Entity | None:
    return next((e for e in doc["entities"] if e["name"] == name), None)


def field_by_name(entity: Entity, name: str) -> Field | None:
    return next((f for f in entity["fields"] if f["name"] == name), None)
