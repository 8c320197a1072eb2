"""Errors of the JSON Schema explained: each says where the problem is and how to fix it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from kartoteka.schema_engine._english import (
    _count,
    _did_you_mean,
    _field_noun,
    _join,
    _known_type,
    _quoted,
    _shown,
)
from kartoteka.schema_engine.definition.rules import Parts, _Context, _field_kind
from kartoteka.schema_engine.errors import DefinitionError
from kartoteka.schema_engine.languages import DEFAULT_LANGUAGE, LANGUAGES
from kartoteka.schema_engine.names import name_problem
from kartoteka.schema_engine.types import (
    FIELD_TYPES,
    TYPE_ALIASES,
    TYPE_SPECIFIC_KEYS,
    types_with_key,
)

#: Ids match `^[a-z][a-z0-9_]{0,40}$` in the JSON Schema.
MAX_ID_LENGTH = 41

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

#: The definition's validator extends Draft 2020-12 with its own `pattern` only: same JSON types.
_JSON_TYPE_CHECKER = Draft202012Validator.TYPE_CHECKER


def _path(parts: Iterable[str | int]) -> str:
    """JSONPath of `parts`: ['entities', 0, 'name'] -> '$.entities[0].name'."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _PLAIN_KEY.match(str(part)):
            text += f".{part}"
        else:
            text += f"[{_quoted(str(part))}]"
    return text


# ---------------------------------------------------------------- schema errors, explained

class _SchemaError(Protocol):
    """A `ValidationError` as `iter_errors` yields it: every attribute set (the stubs also allow
    the `Unset` of an error made by hand, which the explainers never see)."""

    @property
    def validator(self) -> str: ...
    @property
    def validator_value(self) -> Any: ...
    @property
    def instance(self) -> Any: ...
    @property
    def schema(self) -> Mapping[str, Any]: ...
    @property
    def absolute_path(self) -> Sequence[str | int]: ...
    @property
    def absolute_schema_path(self) -> Sequence[str | int]: ...
    @property
    def context(self) -> list[ValidationError] | None: ...


Explainer = Callable[[_SchemaError, _Context], list[DefinitionError]]

_ITEM_NOUNS = {
    "entities": "an entity",
    "fields": "a field",
    "indexes": "an index",
    "options": "an option",
    "won": "a won stage",
    "lost": "a lost stage",
    "views": "a view",
    "automations": "an automation",
    "documents": "a document",
    "roles": "a role",
}
_ITEM_EXAMPLES = {
    "entities": '{"name": "client", "fields": [...]}',
    "fields": '{"name": "title", "type": "text"}',
    "indexes": '{"fields": ["stage", "amount"]}',
    "options": '"new" or {"value": "new", "label": "New", "color": "#16a34a"}',
}
_JSON_TYPES = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}
_TYPE_LIST = ", ".join(FIELD_TYPES)
_KEY_HINTS = {
    "entities": 'the list of entities; it may be empty: {"entities": []}',
    "fields": "the list of the entity's fields; it may be empty: []",
    "type": f"one of: {_TYPE_LIST}",
    "options": 'the list of its choices, such as ["new", "won", "lost"]',
    "value": "the text stored for this option",
    "due_field": "the name of its date or datetime field with the due date",
    "done_field": "the name of its boolean field that says whether it is done",
    "assignee_field": "the name of its user field with the assignee",
}
#: The hint for the `fields` an index needs.
_INDEX_FIELDS_HINT = 'the names of the fields it covers, in order, such as ["stage", "amount"]'


def _explain(raw: ValidationError, context: _Context) -> list[DefinitionError]:
    error = cast(_SchemaError, raw)
    if "dependentSchemas" in error.absolute_schema_path:
        return _not_applicable(error, context)
    explain = _EXPLAINERS.get(str(error.validator), _unexplained)
    return explain(error, context)


def _parts(error: _SchemaError) -> list[str | int]:
    return list(error.absolute_path)


def _noun(parts: Parts, instance: Any) -> str:
    """What the object at `parts` is: 'the app definition', 'an entity', 'a select field'..."""
    if not parts:
        return "the app definition"
    container = parts[-2] if len(parts) >= 2 else None
    if container == "fields":
        return _field_noun(instance.get("type") if isinstance(instance, dict) else None)
    if isinstance(container, str) and isinstance(parts[-1], int):
        return _ITEM_NOUNS.get(container, "this object")
    return "this object"


def _subject(parts: Parts) -> str:
    """What the value at `parts` is, to start a sentence: "'label'", 'an option'..."""
    if not parts:
        return "the app definition"
    if _is_index_member(parts):
        return "a field of an index"
    last = parts[-1]
    if isinstance(last, int):
        container = parts[-2] if len(parts) >= 2 else None
        if isinstance(container, str):
            return _ITEM_NOUNS.get(container, f"an item of '{container}'")
        return "an item"
    return f"'{last}'"


def _is_entity_key(parts: Parts) -> bool:
    return len(parts) == 3 and parts[0] == "entities"


def _is_index_fields(parts: Parts) -> bool:
    """Whether `parts` is the `fields` list of an index: entities[i].indexes[j].fields."""
    return len(parts) == 5 and parts[2] == "indexes" and parts[4] == "fields"


def _is_index_member(parts: Parts) -> bool:
    """Whether `parts` is one name of an index's `fields`: entities[i].indexes[j].fields[k]."""
    return len(parts) == 6 and _is_index_fields(parts[:5]) and isinstance(parts[5], int)


def _unknown_keys(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    known = list(error.schema.get("properties", {}))
    kind = _field_kind(error.instance) if parts and parts[-2:-1] == ["fields"] else None
    # A field lists the keys of its own type only: no `options` for a text field.
    allowed = [
        k for k in known if k not in TYPE_SPECIFIC_KEYS or (kind is not None and k in kind.keys)
    ]
    noun = _noun(parts, error.instance)
    return [
        DefinitionError(
            _path([*parts, key]),
            f"unknown key '{key}' in {noun}{_did_you_mean(str(key), known)}; "
            f"remove it or use one of: {', '.join(allowed)}",
        )
        for key in error.instance
        if key not in known
    ]


def _missing_keys(error: _SchemaError, context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    noun = _noun(parts, error.instance)
    example = "'client'" if noun == "an entity" else "'close_date'"
    hints = {
        **_KEY_HINTS,
        "to": _link_target_hint(context),
        "name": f"lowercase latin letters, digits and _, such as {example}",
    }
    if noun == "an index":
        hints["fields"] = _INDEX_FIELDS_HINT
    return [
        DefinitionError(
            _path([*parts, key]),
            f"{noun} needs '{key}' ({hints[key]}); add it"
            if key in hints
            else f"{noun} needs '{key}'; add it",
        )
        for key in error.validator_value
        if key not in error.instance
    ]


def _link_target_hint(context: _Context) -> str:
    names = context.entity_names()
    if not names:
        return "the name of the entity it links to"
    return f"the name of the entity it links to: {_join(names)}"


def _missing_role_keys(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    errors = []
    for trigger, keys in error.validator_value.items():
        if trigger not in error.instance:
            continue
        role = _quoted(error.instance[trigger])
        for key in keys:
            if key not in error.instance:
                errors.append(
                    DefinitionError(
                        _path([*parts, key]),
                        f"an entity with \"{trigger}\": {role} needs '{key}' "
                        f"({_KEY_HINTS.get(key, 'a field name')}); add it",
                    )
                )
    return errors


def _must_be(
    error: _SchemaError, allowed: str, example: str | None = None
) -> list[DefinitionError]:
    """The error as "<subject> must be <allowed>[ such as <example>], not <the value>"."""
    parts = _parts(error)
    such_as = f" such as {example}" if example else ""
    return [
        DefinitionError(
            _path(parts),
            f"{_subject(parts)} must be {allowed}{such_as}, not {_shown(error.instance)}",
        )
    ]


def _example_in(container: str | int | None) -> str | None:
    """An example item of the list named `container`, if there is one."""
    return _ITEM_EXAMPLES.get(container) if isinstance(container, str) else None


def _wrong_type(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    wanted = error.validator_value
    expected = _join(
        _JSON_TYPES.get(t, t) for t in ([wanted] if isinstance(wanted, str) else wanted)
    )
    container = parts[-2] if len(parts) >= 2 and isinstance(parts[-1], int) else None
    example = _example_in(container) if parts else '{"entities": [...]}'
    if _is_index_member(parts):
        example = '"stage"'
    elif _is_index_fields(parts):
        example = '["stage", "amount"]'
    return _must_be(error, expected, example)


def _not_a_choice(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    if parts and parts[-1] == "type" and len(parts) >= 2 and isinstance(parts[-2], int):
        return [DefinitionError(_path(parts), _unknown_type(error.instance))]
    return _must_be(error, _join(_quoted(v) for v in error.validator_value))


def _unknown_type(value: Any) -> str:
    if not isinstance(value, str):
        shown = _shown(value)
        return f"'type' must be the name of a field type, not {shown}; use one of: {_TYPE_LIST}"
    word = value.strip().casefold()
    guess = word if word in FIELD_TYPES else TYPE_ALIASES.get(word)
    hint = _did_you_mean(word, FIELD_TYPES, guess)
    return f"unknown field type {value!r}{hint}; use one of: {_TYPE_LIST}"


_REFERENCE_KEYS = ("title_field", "due_field", "done_field", "assignee_field")


def _bad_pattern(error: _SchemaError, context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    value = str(error.instance)
    key = parts[-1] if parts else None
    if key == "name":
        what = "entity name" if _is_entity_key(parts) else "field name"
        message = name_problem(value, what, table=what == "entity name")
    elif key == "inverse":
        message = name_problem(value, "inverse name")
    elif key == "to":
        hint = _did_you_mean(value.casefold(), context.entity_names())
        message = (
            f"link target {value!r} is not an entity name{hint}; write the name of an entity "
            "(lowercase latin letters, digits and _)"
        )
    elif _is_index_member(parts):
        message = (
            f"{value!r} is not a field name; write the name of one of the entity's fields or "
            "system columns (lowercase latin letters, digits and _)"
        )
    elif key in _REFERENCE_KEYS:
        message = (
            f"{key} {value!r} is not a field name; write the name of one of the entity's "
            "fields (lowercase latin letters, digits and _)"
        )
    elif key == "id":
        message = (
            f"{value!r} is not a valid id: use at most {MAX_ID_LENGTH} lowercase latin letters, "
            "digits and _, starting with a letter, or remove the id to get one assigned"
        )
    elif key == "color":
        message = (
            f'{value!r} is not a color: use #rrggbb (such as "#16a34a") or a color name in '
            'lowercase letters (such as "green")'
        )
    elif key == "currency":
        message = (
            f"{value!r} is not a currency code: use the three capital letters of ISO 4217, "
            'such as "USD", "EUR" or "RUB"'
        )
    else:
        message = None
    fallback = f"{_subject(parts)} {value!r} does not have the expected form; change it"
    return [DefinitionError(_path(parts), message or fallback)]


def _too_short(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    subject = _subject(parts)
    required = subject in ("an option", "'value'")
    fix = "write its value" if required else "write one or remove the key"
    return [DefinitionError(_path(parts), f"{subject} cannot be empty; {fix}")]


def _too_long(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    return [
        DefinitionError(
            _path(parts),
            f"{_subject(parts)} is {_count(len(error.instance), 'character')} long; it may have "
            f"at most {error.validator_value}, so shorten it",
        )
    ]


def _too_few(error: _SchemaError, context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    if parts and parts[-1] == "options":
        field = _noun(parts[:-1], context.value_at(parts[:-1]))
        return [
            DefinitionError(
                _path(parts),
                f"{field} needs at least one option; list its choices, such as "
                '["new", "won", "lost"]',
            )
        ]
    if _is_index_fields(parts):
        return [
            DefinitionError(
                _path(parts),
                f"an index needs at least {error.validator_value} fields; add more, or remove the "
                'index: a single field has an index of its own ("indexed", on by default for '
                "link, select, stage, number, money and date fields)",
            )
        ]
    count = error.validator_value
    items = "one item; add one" if count == 1 else f"{count} items; add more"
    return [DefinitionError(_path(parts), f"{_subject(parts)} needs at least {items}")]


def _too_many(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    count, most = len(error.instance), error.validator_value
    if _is_index_fields(parts):
        message = (
            f"an index may cover at most {most} fields, not {count}: every column makes each "
            "write slower; remove the ones its filters do not need"
        )
    else:
        message = f"{_subject(parts)} has {count} items; it may have at most {most}, so remove some"
    return [DefinitionError(_path(parts), message)]


def _repeated(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    """uniqueItems: an error at every repeat of an item, saying where it came first."""
    parts = _parts(error)
    first: dict[str, int] = {}
    errors = []
    for k, item in enumerate(error.instance):
        key = json.dumps(item, sort_keys=True, default=str)
        if key in first:
            at = _path([*parts, first[key]])
            errors.append(
                DefinitionError(
                    _path([*parts, k]), f"{_shown(item)} is listed twice (also at {at}); remove one"
                )
            )
        first.setdefault(key, k)
    # jsonschema takes 1 and 1.0 for the same item, which their texts are not
    fallback = DefinitionError(_path(parts), f"{_subject(parts)} lists an item twice; remove one")
    return errors or [fallback]


def _out_of_range(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    if low is not None and high is not None:
        allowed = f"between {low} and {high}"
    elif low is not None:
        allowed = f"at least {low}"
    else:
        allowed = f"at most {high}"
    return _must_be(error, allowed)


#: An example of a label by language, for the messages about labels.
_LABEL_EXAMPLE = '"Deal" or {"en": "Deal", "ru": "Сделка"}'


def _is_label_map(schema: Mapping[str, Any]) -> bool:
    return schema.get("type") == "object" and DEFAULT_LANGUAGE in schema.get("properties", {})


def _empty_label(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    """minProperties: a label map without any text."""
    if not _is_label_map(error.schema):
        return _unexplained(error, _context)
    parts = _parts(error)
    return [DefinitionError(
        _path(parts),
        f"{_subject(parts)} has no text: give it one in at least one language "
        f"({', '.join(LANGUAGES)}), such as {_LABEL_EXAMPLE}, or remove it")]


def _no_shape(error: _SchemaError, context: _Context) -> list[DefinitionError]:
    """oneOf/anyOf: explain the branch made for the value's JSON type, or say which types fit."""
    branches = error.validator_value
    if any(_is_label_map(branch) for branch in branches) and not isinstance(
            error.instance, (str, dict)):
        return _must_be(error, "a string or a map by language", _LABEL_EXAMPLE)
    for index, branch in enumerate(branches):
        kind = branch.get("type")
        if isinstance(kind, str) and _JSON_TYPE_CHECKER.is_type(error.instance, kind):
            inner = [c for c in error.context or () if c.relative_schema_path[0] == index]
            return [found for c in inner for found in _explain(c, context)]
    parts = _parts(error)
    types = [_JSON_TYPES.get(b.get("type", ""), "another value") for b in branches]
    container = parts[-2] if len(parts) >= 2 else None
    return _must_be(error, _join(types), _example_in(container))


def _not_applicable(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    """A field has a key of other types (`options` on a text field): its `dependentSchemas`."""
    kind = error.instance
    if not _known_type(kind):
        return []  # an unknown type is reported on its own
    schema_path = list(error.absolute_schema_path)
    key = str(schema_path[len(schema_path) - schema_path[::-1].index("dependentSchemas")])
    return [
        DefinitionError(
            _path([*_parts(error)[:-1], key]),
            f"'{key}' does not apply to {_field_noun(kind)}: only "
            f"{_join(types_with_key(key), 'and')} fields have it; remove it or change the type",
        )
    ]


def _unexplained(error: _SchemaError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    return [
        DefinitionError(
            _path(parts),
            f"{_subject(parts)} breaks the '{error.validator}' rule of the app definition's "
            "JSON Schema; change it",
        )
    ]


_EXPLAINERS: dict[str, Explainer] = {
    "additionalProperties": _unknown_keys,
    "required": _missing_keys,
    "dependentRequired": _missing_role_keys,
    "type": _wrong_type,
    "enum": _not_a_choice,
    "pattern": _bad_pattern,
    "minLength": _too_short,
    "maxLength": _too_long,
    "minItems": _too_few,
    "maxItems": _too_many,
    "uniqueItems": _repeated,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "oneOf": _no_shape,
    "anyOf": _no_shape,
    "minProperties": _empty_label,
}
