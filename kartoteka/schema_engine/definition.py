"""The app definition: one JSON document, checked by its JSON Schema and by semantic rules.

`check_definition` reports every problem at once, each with its JSON path and a message that says
how to fix it. The JSON Schema finds problems of shape; the semantic rules (names, links, stages,
defaults...) run on every part that is well-formed enough, even when the schema fails elsewhere, so
that a user sees everything in one go.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeGuard

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from .errors import DefinitionError, DefinitionInvalid
from .names import MAX_NAME_LENGTH, is_identifier, name_problem, with_article
from .types import (
    DEFAULT_MARKERS,
    FIELD_TYPES,
    TITLE_TYPES,
    TYPE_ALIASES,
    TYPE_SPECIFIC_KEYS,
    ConversionError,
    FieldType,
    types_with_key,
)

Document = dict[str, Any]
Entity = dict[str, Any]
Field = dict[str, Any]

#: PostgreSQL cuts identifiers at 63 bytes; longer generated names would collide silently.
MAX_IDENTIFIER = MAX_NAME_LENGTH
#: Ids match `^[a-z][a-z0-9_]{0,40}$` in the JSON Schema.
MAX_ID_LENGTH = 41

#: The fields an entity with `"role": "task"` names, and the types they must have.
ROLE_FIELDS = {
    "due_field": ("due date", ("date", "datetime")),
    "done_field": ("done flag", ("boolean",)),
    "assignee_field": ("assignee", ("user",)),
}

#: What each default marker means, for messages.
MARKER_MEANINGS = {
    "$me": "the user who saves the record",
    "$now": "the moment the record is saved",
    "$today": "the day the record is saved",
}


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of an app definition, as shipped in the package."""
    text = resources.files(__package__).joinpath("definition.schema.json").read_text("utf-8")
    return dict(json.loads(text))


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


_DefinitionValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@cache
def _validator() -> Validator:
    return _DefinitionValidator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


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
    found += [error for error in _semantic_errors(context) if error.path not in shaped]
    return sorted(dict.fromkeys(found), key=_document_order)


# ---------------------------------------------------------------- paths


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_PATH_PART = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')

Parts = Sequence[str | int]


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


def _document_order(error: DefinitionError) -> tuple[tuple[tuple[int, int | str], ...], str]:
    parts = tuple(
        (0, int(index)) if index else (1, key or quoted)
        for key, index, quoted in _PATH_PART.findall(error.path)
    )
    return parts, error.message


# ---------------------------------------------------------------- English


def _join(words: Iterable[str], last: str = "or") -> str:
    """'a', 'a or b', 'a, b or c'."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _count(number: int, noun: str) -> str:
    """'1 character', '2 characters'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _quoted(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _shown(value: Any) -> str:
    """A short description of a JSON value for messages: '5', '"yes"', 'a list', 'an object'."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = _quoted(value)
    return text if len(text) <= 40 else f"{text[:37]}…"


def _field_noun(kind: Any) -> str:
    """'a select field' for a known type, else 'a field'."""
    return with_article(f"{kind} field") if _known_type(kind) else "a field"


def _known_type(kind: Any) -> TypeGuard[str]:
    return isinstance(kind, str) and kind in FIELD_TYPES


def _did_you_mean(word: str, choices: Iterable[str], guess: str | None = None) -> str:
    """' (did you mean 'color'?)' when `word` looks like a typo of one of `choices`, else ''."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    guess = guess or (matches[0] if matches else None)
    return f" (did you mean '{guess}'?)" if guess else ""


# ---------------------------------------------------------------- the document, read defensively


@dataclass(frozen=True)
class _FieldView:
    """A field object of the document; `name` and `kind` are None when malformed."""

    at: str
    raw: Field
    name: str | None
    kind: FieldType | None


@dataclass(frozen=True)
class _EntityView:
    """An entity object of the document; `fields` is None when it is not a list."""

    at: str
    raw: Entity
    name: str | None
    fields: tuple[_FieldView, ...] | None

    def field(self, name: str) -> _FieldView | None:
        return next((f for f in self.fields or () if f.name == name), None)

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields or () if f.name is not None]


def _text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class _Context:
    """The parts of a document that are objects, so that rules can run on a malformed document."""

    doc: Any
    entities: tuple[_EntityView, ...]

    @classmethod
    def of(cls, doc: Any) -> _Context:
        entities = doc.get("entities") if isinstance(doc, dict) else None
        if not isinstance(entities, list):
            return cls(doc, ())
        return cls(
            doc,
            tuple(
                _entity_view(entity, f"$.entities[{i}]")
                for i, entity in enumerate(entities)
                if isinstance(entity, dict)
            ),
        )

    def value_at(self, parts: Parts) -> Any:
        """The value at `parts` of the document (the path of an error, so it exists)."""
        value = self.doc
        for part in parts:
            value = value[part]
        return value

    def entity_names(self) -> list[str]:
        return list(dict.fromkeys(e.name for e in self.entities if e.name is not None))

    def entity(self, name: str) -> _EntityView | None:
        return next((e for e in self.entities if e.name == name), None)


def _entity_view(raw: Entity, at: str) -> _EntityView:
    fields = raw.get("fields")
    views = None
    if isinstance(fields, list):
        views = tuple(
            _FieldView(f"{at}.fields[{j}]", f, _text(f, "name"), _field_kind(f))
            for j, f in enumerate(fields)
            if isinstance(f, dict)
        )
    return _EntityView(at, raw, _text(raw, "name"), views)


def _field_kind(raw: Field) -> FieldType | None:
    kind = raw.get("type")
    return FIELD_TYPES[kind] if _known_type(kind) else None


def _options(raw: Field) -> list[tuple[int, str]] | None:
    """(index, value) of each well-formed option, or None when `options` is not a list."""
    options = raw.get("options")
    if not isinstance(options, list):
        return None
    found = []
    for k, option in enumerate(options):
        value = option.get("value") if isinstance(option, dict) else option
        if isinstance(value, str) and value:
            found.append((k, value))
    return found


# ---------------------------------------------------------------- schema errors, explained

Explainer = Callable[[ValidationError, _Context], list[DefinitionError]]

_ITEM_NOUNS = {
    "entities": "an entity",
    "fields": "a field",
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


def _explain(error: ValidationError, context: _Context) -> list[DefinitionError]:
    if "dependentSchemas" in error.absolute_schema_path:
        return _not_applicable(error, context)
    explain = _EXPLAINERS.get(str(error.validator), _unexplained)
    return explain(error, context)


def _parts(error: ValidationError) -> list[str | int]:
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
    last = parts[-1]
    if isinstance(last, int):
        container = parts[-2] if len(parts) >= 2 else None
        if isinstance(container, str):
            return _ITEM_NOUNS.get(container, f"an item of '{container}'")
        return "an item"
    return f"'{last}'"


def _is_entity_key(parts: Parts) -> bool:
    return len(parts) == 3 and parts[0] == "entities"


def _unknown_keys(error: ValidationError, _context: _Context) -> list[DefinitionError]:
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


def _missing_keys(error: ValidationError, context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    noun = _noun(parts, error.instance)
    example = "'client'" if noun == "an entity" else "'close_date'"
    hints = {
        **_KEY_HINTS,
        "to": _link_target_hint(context),
        "name": f"lowercase latin letters, digits and _, such as {example}",
    }
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


def _missing_role_keys(error: ValidationError, _context: _Context) -> list[DefinitionError]:
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


def _wrong_type(error: ValidationError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    wanted = error.validator_value
    expected = _join(
        _JSON_TYPES.get(t, t) for t in ([wanted] if isinstance(wanted, str) else wanted)
    )
    container = parts[-2] if len(parts) >= 2 and isinstance(parts[-1], int) else None
    example = _ITEM_EXAMPLES.get(container) if isinstance(container, str) else None
    if not parts:
        example = '{"entities": [...]}'
    such_as = f" such as {example}" if example else ""
    return [
        DefinitionError(
            _path(parts),
            f"{_subject(parts)} must be {expected}{such_as}, not {_shown(error.instance)}",
        )
    ]


def _not_a_choice(error: ValidationError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    value = error.instance
    if parts and parts[-1] == "type" and len(parts) >= 2 and isinstance(parts[-2], int):
        return [DefinitionError(_path(parts), _unknown_type(value))]
    choices = _join(_quoted(v) for v in error.validator_value)
    return [
        DefinitionError(_path(parts), f"{_subject(parts)} must be {choices}, not {_shown(value)}")
    ]


def _unknown_type(value: Any) -> str:
    if not isinstance(value, str):
        shown = _shown(value)
        return f"'type' must be the name of a field type, not {shown}; use one of: {_TYPE_LIST}"
    word = value.strip().casefold()
    guess = word if word in FIELD_TYPES else TYPE_ALIASES.get(word)
    hint = _did_you_mean(word, FIELD_TYPES, guess)
    return f"unknown field type {value!r}{hint}; use one of: {_TYPE_LIST}"


_REFERENCE_KEYS = ("title_field", "due_field", "done_field", "assignee_field")


def _bad_pattern(error: ValidationError, context: _Context) -> list[DefinitionError]:
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


def _too_short(error: ValidationError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    subject = _subject(parts)
    required = subject in ("an option", "'value'")
    fix = "write its value" if required else "write one or remove the key"
    return [DefinitionError(_path(parts), f"{subject} cannot be empty; {fix}")]


def _too_long(error: ValidationError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    return [
        DefinitionError(
            _path(parts),
            f"{_subject(parts)} is {_count(len(error.instance), 'character')} long; it may have "
            f"at most {error.validator_value}, so shorten it",
        )
    ]


def _too_few(error: ValidationError, context: _Context) -> list[DefinitionError]:
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
    count = error.validator_value
    items = "one item; add one" if count == 1 else f"{count} items; add more"
    return [DefinitionError(_path(parts), f"{_subject(parts)} needs at least {items}")]


def _out_of_range(error: ValidationError, _context: _Context) -> list[DefinitionError]:
    parts = _parts(error)
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    if low is not None and high is not None:
        allowed = f"between {low} and {high}"
    elif low is not None:
        allowed = f"at least {low}"
    else:
        allowed = f"at most {high}"
    return [
        DefinitionError(
            _path(parts), f"{_subject(parts)} must be {allowed}, not {_shown(error.instance)}"
        )
    ]


def _no_shape(error: ValidationError, context: _Context) -> list[DefinitionError]:
    """oneOf/anyOf: explain the branch made for the value's JSON type, or say which types fit."""
    branches = error.validator_value
    for index, branch in enumerate(branches):
        kind = branch.get("type")
        if isinstance(kind, str) and _validator().is_type(error.instance, kind):
            inner = [c for c in error.context or () if c.relative_schema_path[0] == index]
            return [found for c in inner for found in _explain(c, context)]
    parts = _parts(error)
    types = [_JSON_TYPES.get(b.get("type", ""), "another value") for b in branches]
    container = parts[-2] if len(parts) >= 2 else None
    example = _ITEM_EXAMPLES.get(container) if isinstance(container, str) else None
    such_as = f" such as {example}" if example else ""
    return [
        DefinitionError(
            _path(parts),
            f"{_subject(parts)} must be {_join(types)}{such_as}, not {_shown(error.instance)}",
        )
    ]


def _not_applicable(error: ValidationError, _context: _Context) -> list[DefinitionError]:
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


def _unexplained(error: ValidationError, _context: _Context) -> list[DefinitionError]:
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
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "oneOf": _no_shape,
    "anyOf": _no_shape,
}


# ---------------------------------------------------------------- semantic rules

DocumentRule = Callable[[_Context], Iterator[DefinitionError]]
EntityRule = Callable[[_EntityView, _Context], Iterator[DefinitionError]]
FieldRule = Callable[[_FieldView, _EntityView, _Context], Iterator[DefinitionError]]


def _semantic_errors(context: _Context) -> Iterator[DefinitionError]:
    for document_rule in DOCUMENT_RULES:
        yield from document_rule(context)
    for entity in context.entities:
        for entity_rule in ENTITY_RULES:
            yield from entity_rule(entity, context)
        for field in entity.fields or ():
            for field_rule in FIELD_RULES:
                yield from field_rule(field, entity, context)


def _duplicates(
    items: Iterable[tuple[str, str]], message: Callable[[str, str], str]
) -> Iterator[DefinitionError]:
    """An error at every repeat of a value; `message(value, first_path)` says what clashes."""
    items = list(items)
    counts = Counter(value for _, value in items)
    first: dict[str, str] = {}
    for path, value in items:
        if counts[value] > 1 and value in first:
            yield DefinitionError(path, message(value, first[value]))
        first.setdefault(value, path)


# -- the document


def _unique_entity_names(context: _Context) -> Iterator[DefinitionError]:
    yield from _duplicates(
        ((f"{e.at}.name", e.name) for e in context.entities if e.name is not None),
        lambda name, first: (
            f"there is already an entity named {name!r} (at {first}); entity names must be "
            "unique, so rename one of them"
        ),
    )


def _unique_ids(context: _Context) -> Iterator[DefinitionError]:
    def ids() -> Iterator[tuple[str, str]]:
        for entity in context.entities:
            if (entity_id := _text(entity.raw, "id")) is not None:
                yield f"{entity.at}.id", entity_id
            for field in entity.fields or ():
                if (field_id := _text(field.raw, "id")) is not None:
                    yield f"{field.at}.id", field_id

    yield from _duplicates(
        ids(),
        lambda value, first: (
            f"the id {value!r} is already used at {first}; ids must be unique across entities "
            "and fields, so change one, or remove it to get a new one assigned"
        ),
    )


def _inverse_clashes(context: _Context) -> Iterator[DefinitionError]:
    """Inverse names become relations of the target entity: unique there, and not its fields."""
    by_target: dict[str, list[tuple[str, str]]] = {}
    for entity in context.entities:
        for field in entity.fields or ():
            target, inverse = _text(field.raw, "to"), _text(field.raw, "inverse")
            if field.kind and "inverse" in field.kind.keys and target and inverse:
                by_target.setdefault(target, []).append((f"{field.at}.inverse", inverse))
    for target, inverses in by_target.items():
        target_entity = context.entity(target)
        if target_entity is None:
            continue
        yield from _duplicates(inverses, _inverse_taken(target))
        taken = set(target_entity.field_names())
        for path, inverse in inverses:
            if inverse in taken:
                yield DefinitionError(
                    path,
                    f"the inverse name {inverse!r} is already a field of '{target}'; "
                    "choose another inverse name",
                )


def _inverse_taken(target: str) -> Callable[[str, str], str]:
    def message(name: str, first: str) -> str:
        return (
            f"'{target}' already gets an inverse named {name!r} from {first}; "
            "choose another inverse name"
        )

    return message


DOCUMENT_RULES: tuple[DocumentRule, ...] = (_unique_entity_names, _unique_ids, _inverse_clashes)


# -- an entity


def _entity_name(entity: _EntityView, _context: _Context) -> Iterator[DefinitionError]:
    name = entity.name
    problem = name_problem(name, "entity name", table=True) if name is not None else None
    if problem:
        yield DefinitionError(f"{entity.at}.name", problem)


def _unique_field_names(entity: _EntityView, _context: _Context) -> Iterator[DefinitionError]:
    owner = _owner(entity)
    yield from _duplicates(
        ((f"{f.at}.name", f.name) for f in entity.fields or () if f.name is not None),
        lambda name, first: (
            f"{owner} already has a field named {name!r} (at {first}); field names must be "
            "unique within an entity, so rename one of them"
        ),
    )


def _title_field(entity: _EntityView, _context: _Context) -> Iterator[DefinitionError]:
    title = _text(entity.raw, "title_field")
    if title is None or entity.fields is None:
        return
    candidates = [f.name for f in entity.fields if f.kind and f.kind.name in TITLE_TYPES]
    choose = f"choose one of: {', '.join(n for n in candidates if n)}" if candidates else ""
    field = entity.field(title)
    if field is None:
        yield DefinitionError(
            f"{entity.at}.title_field",
            f"title_field {title!r} is not a field of {_owner(entity)}"
            f"{_did_you_mean(title, entity.field_names())}; "
            f"{choose or f'add a field of type {_title_types()} first'}",
        )
    elif field.kind and field.kind.name not in TITLE_TYPES:
        yield DefinitionError(
            f"{entity.at}.title_field",
            f"title_field {title!r} is {_field_noun(field.kind.name)}, which cannot be a title; "
            f"a title is a field of type {_title_types()}: {choose or 'add one first'}",
        )


def _title_types() -> str:
    return _join(t for t in FIELD_TYPES if t in TITLE_TYPES)


def _owner(entity: _EntityView) -> str:
    return f"'{entity.name}'" if entity.name else "this entity"


def _role_fields(entity: _EntityView, _context: _Context) -> Iterator[DefinitionError]:
    """The fields a task entity names exist and have the types `/tasks` needs."""
    if entity.fields is None:
        return
    for key, (meaning, types) in ROLE_FIELDS.items():
        name = _text(entity.raw, key)
        if name is None:
            continue
        wanted = f"{_join(types)} field"
        fits = [f.name for f in entity.fields if f.kind and f.kind.name in types and f.name]
        choose = f"choose one of: {', '.join(fits)}" if fits else ""
        field = entity.field(name)
        if field is None:
            yield DefinitionError(
                f"{entity.at}.{key}",
                f"{key} {name!r} is not a field of {_owner(entity)}; the {meaning} needs "
                f"{with_article(wanted)}: {choose or 'add one'}",
            )
        elif field.kind and field.kind.name not in types:
            yield DefinitionError(
                f"{entity.at}.{key}",
                f"{key} {name!r} is {_field_noun(field.kind.name)}, but the {meaning} needs "
                f"{with_article(wanted)}: {choose or f'change the type of {name!r} or add one'}",
            )


ENTITY_RULES: tuple[EntityRule, ...] = (
    _entity_name,
    _unique_field_names,
    _title_field,
    _role_fields,
)


# -- a field


def _field_name(field: _FieldView, _entity: _EntityView, _c: _Context) -> Iterator[DefinitionError]:
    name = field.name
    problem = name_problem(name, "field name") if name is not None else None
    if problem:
        yield DefinitionError(f"{field.at}.name", problem)


def _link_target(
    field: _FieldView, _entity: _EntityView, context: _Context
) -> Iterator[DefinitionError]:
    target = _text(field.raw, "to")
    if field.kind is None or "to" not in field.kind.keys or target is None:
        return
    names = context.entity_names()
    if target in names:
        return
    fix = f"use one of the entities: {', '.join(names)}" if names else "add the entity first"
    yield DefinitionError(
        f"{field.at}.to",
        f"link target {target!r} is not an entity{_did_you_mean(target, names)}; {fix}",
    )


def _inverse_name(
    field: _FieldView, _entity: _EntityView, _c: _Context
) -> Iterator[DefinitionError]:
    inverse = _text(field.raw, "inverse")
    applies = field.kind is not None and "inverse" in field.kind.keys
    problem = name_problem(inverse, "inverse name") if applies and inverse is not None else None
    if problem:
        yield DefinitionError(f"{field.at}.inverse", problem)


def _junction_names(
    field: _FieldView, entity: _EntityView, _c: _Context
) -> Iterator[DefinitionError]:
    """A many-to-many link is the table `<entity>__<field>` with `<entity>_id`, `<target>_id`.

    The table name is the longer of the first two, so only it and the target's column can be
    too long; a link of an entity to itself names its second column after the field.
    """
    if field.kind is None or field.kind.name != "links":
        return
    if not (is_identifier(entity.name) and is_identifier(field.name)):
        return
    table = f"{entity.name}__{field.name}"
    if len(table) > MAX_IDENTIFIER:
        yield DefinitionError(
            f"{field.at}.name",
            f"the link table of this field would be named {table!r}, {len(table)} characters, "
            f"more than the {MAX_IDENTIFIER} a database allows; shorten the field name "
            f"(at most {_count(max(MAX_IDENTIFIER - len(entity.name) - 2, 1), 'character')} "
            "here) or the entity name",
        )
    target = _text(field.raw, "to")
    if target is not None and target != entity.name and len(f"{target}_id") > MAX_IDENTIFIER:
        yield DefinitionError(
            f"{field.at}.to",
            f"the link table of this field needs a column '{target}_id', longer than "
            f"{MAX_IDENTIFIER} characters; shorten the name of the entity '{target}' to at most "
            f"{MAX_IDENTIFIER - 3} characters",
        )


def _unique_allowed(
    field: _FieldView, _entity: _EntityView, _c: _Context
) -> Iterator[DefinitionError]:
    if field.kind and field.raw.get("unique") is True and not field.kind.can_be_unique:
        yield DefinitionError(
            f"{field.at}.unique",
            f'{_field_noun(field.kind.name)} cannot be unique; remove "unique" or change the '
            f"type (fields of type {_join(_unique_types(), 'and')} can be unique)",
        )


@cache
def _unique_types() -> tuple[str, ...]:
    return tuple(name for name, t in FIELD_TYPES.items() if t.can_be_unique)


def _option_rules(
    field: _FieldView, _entity: _EntityView, _c: _Context
) -> Iterator[DefinitionError]:
    options = _options(field.raw)
    if field.kind is None or "options" not in field.kind.keys or options is None:
        return
    yield from _duplicates(
        ((f"{field.at}.options[{k}]", value) for k, value in options),
        lambda value, first: f"the option {value!r} is listed twice (also at {first}); remove one",
    )
    if field.kind.name != "stage":
        for k, option in enumerate(field.raw["options"]):
            if isinstance(option, dict) and "probability" in option:
                yield DefinitionError(
                    f"{field.at}.options[{k}].probability",
                    f"'probability' applies only to the stages of a stage field, not to the "
                    f"options of {_field_noun(field.kind.name)}; remove it",
                )
        return
    yield from _won_lost(field, [value for _, value in options])


def _won_lost(field: _FieldView, stages: list[str]) -> Iterator[DefinitionError]:
    marked: dict[str, list[tuple[int, str]]] = {}
    for key in ("won", "lost"):
        values = field.raw.get(key)
        items = list(enumerate(values)) if isinstance(values, list) else []
        marked[key] = [(k, v) for k, v in items if isinstance(v, str)]
        for k, value in marked[key]:
            if value not in stages:
                yield DefinitionError(
                    f"{field.at}.{key}[{k}]",
                    f"{value!r} is not a stage of this field; add it to the options or remove it "
                    f"from '{key}' (the stages are: {', '.join(stages) or 'none yet'})",
                )
    won = {v for _, v in marked["won"]}
    for k, value in marked["lost"]:
        if value in won:
            yield DefinitionError(
                f"{field.at}.lost[{k}]",
                f"the stage {value!r} cannot be both won and lost; remove it from one of them",
            )


def _default_value(
    field: _FieldView, _entity: _EntityView, _c: _Context
) -> Iterator[DefinitionError]:
    default = field.raw.get("default")
    kind = field.kind
    if kind is None or default is None or isinstance(default, dict):
        return
    at = f"{field.at}.default"
    noun = _field_noun(kind.name)
    if not kind.can_default:
        yield DefinitionError(at, f"{noun} cannot have a default; remove 'default'")
    elif isinstance(default, str) and default in DEFAULT_MARKERS:
        if default not in kind.default_markers:
            yield DefinitionError(at, _marker_misplaced(default, noun))
    elif isinstance(default, list) and kind.name != "multi_select":
        yield DefinitionError(at, f"the default of {noun} cannot be a list; write one value")
    elif isinstance(default, bool) and kind.name != "boolean":
        yield DefinitionError(
            at, f"the default of {noun} cannot be {_quoted(default)}; write a value of its type"
        )
    elif (problem := _default_problem(kind, field.raw, default)) is not None:
        yield DefinitionError(at, problem)


def _marker_misplaced(marker: str, noun: str) -> str:
    fits = [name for name, t in FIELD_TYPES.items() if marker in t.default_markers]
    return (
        f'"{marker}" ({MARKER_MEANINGS.get(marker, "a marker")}) can only be the default of '
        f"{_join(fits)} fields, not of {noun}; write a fixed value or remove 'default'"
    )


def _default_problem(kind: FieldType, raw: Field, default: Any) -> str | None:
    """Why `default` is not a value of the field, or None; the type's parser decides."""
    definition = dict(raw)
    if "options" in kind.keys:
        options = _options(raw)
        if not options:
            return None  # the missing or malformed options are reported themselves
        definition["options"] = [value for _, value in options]
    try:
        kind.parse(default, definition)
    except ConversionError as exc:
        return f"the default {exc}; write a valid value or remove 'default'"
    return None


FIELD_RULES: tuple[FieldRule, ...] = (
    _field_name,
    _link_target,
    _inverse_name,
    _junction_names,
    _unique_allowed,
    _option_rules,
    _default_value,
)


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
