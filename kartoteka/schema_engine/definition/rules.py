"""The semantic rules of an app definition: names, links, stages, defaults and the like.

They read the document through defensive views (`_Context`), so that they run on every part that
is well-formed enough even when the JSON Schema fails elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from kartoteka.schema_engine._english import (
    _count,
    _did_you_mean,
    _field_noun,
    _join,
    _known_type,
    _quoted,
)
from kartoteka.schema_engine.definition.filters import ConditionError, Leaf, parse_filter
from kartoteka.schema_engine.errors import DefinitionError
from kartoteka.schema_engine.message import msg
from kartoteka.schema_engine.names import (
    MAX_NAME_LENGTH,
    is_identifier,
    name_problem,
    with_article,
)
from kartoteka.schema_engine.system_columns import (
    INDEXABLE_SYSTEM_COLUMNS,
    QUERIED_SYSTEM_COLUMNS,
    SYSTEM_COLUMNS,
)
from kartoteka.schema_engine.types import (
    DEFAULT_MARKERS,
    FIELD_TYPES,
    TITLE_TYPES,
    ConversionError,
    FieldType,
)

#: An entity or a field object of a document being checked: it may be malformed, so the rules
#: read it defensively (`shapes.py` has the shapes of an accepted document).
_RawEntity = dict[str, Any]
_RawField = dict[str, Any]

#: PostgreSQL cuts identifiers at 63 bytes; longer generated names would collide silently.
MAX_IDENTIFIER = MAX_NAME_LENGTH

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

Parts = Sequence[str | int]


# ---------------------------------------------------------------- the document, read defensively


@dataclass(frozen=True)
class _FieldView:
    """A field object of the document; `name` and `kind` are None when malformed."""

    at: str
    raw: _RawField
    name: str | None
    kind: FieldType | None


@dataclass(frozen=True)
class _EntityView:
    """An entity object of the document; `fields` is None when it is not a list."""

    at: str
    raw: _RawEntity
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


def _entity_view(raw: _RawEntity, at: str) -> _EntityView:
    fields = raw.get("fields")
    views = None
    if isinstance(fields, list):
        views = tuple(
            _FieldView(f"{at}.fields[{j}]", f, _text(f, "name"), _field_kind(f))
            for j, f in enumerate(fields)
            if isinstance(f, dict)
        )
    return _EntityView(at, raw, _text(raw, "name"), views)


def _field_kind(raw: _RawField) -> FieldType | None:
    kind = raw.get("type")
    return FIELD_TYPES[kind] if _known_type(kind) else None


def _options(raw: _RawField) -> list[tuple[int, str]] | None:
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


# ---------------------------------------------------------------- semantic rules

DocumentRule = Callable[[_Context], Iterator[DefinitionError]]
EntityRule = Callable[[_EntityView, _Context], Iterator[DefinitionError]]
FieldRule = Callable[[_FieldView, _EntityView, _Context], Iterator[DefinitionError]]


def _semantic_errors(
    context: _Context, sections: Sequence[DocumentRule] = ()
) -> Iterator[DefinitionError]:
    """The errors of every rule: these of the document, its entities and fields, then of the
    `sections` with rules of their own (automations, documents), which build on this module and
    so are handed in by the caller rather than imported here."""
    for document_rule in (*DOCUMENT_RULES, *sections):
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
                yield DefinitionError(path, msg(
                    "the inverse name %(inverse)s is already a field of '%(entity)s'; choose "
                    "another inverse name", inverse=repr(inverse), entity=target))


def _inverse_taken(target: str) -> Callable[[str, str], str]:
    def message(name: str, first: str) -> str:
        return (
            f"'{target}' already gets an inverse named {name!r} from {first}; "
            "choose another inverse name"
        )

    return message


# -- shared views (`views`): their entity, columns, sort and filter name what exists

#: What every record has besides its fields: views may show, sort and filter by them.
_VIEW_SYSTEM = QUERIED_SYSTEM_COLUMNS
_UNSORTED = ("multi_select", "links")


#: `checker(source, html) -> why the template cannot be used (with its line), or None`. The
#: schema engine renders no templates: the platform installs the check of automation values
#: and document templates (`set_template_checker`); without one only shapes and names are
#: checked.
TemplateChecker = Callable[[str, bool], "str | None"]
_template_checker: list[TemplateChecker] = []


def set_template_checker(checker: TemplateChecker) -> None:
    _template_checker[:] = [checker]


def template_problem(source: str, *, html: bool) -> str | None:
    """What the installed checker says of a template in the definition (None: fine, or none
    installed)."""
    return _template_checker[0](source, html) if _template_checker else None


def section_items(context: _Context, key: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, item) of each object in the definition's list `key` ("views", "documents"...);
    anything else there is the JSON Schema's to report."""
    items = context.doc.get(key) if isinstance(context.doc, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield f"$.{key}[{i}]", item


def named_entity(
    at: str, holder: dict[str, Any], context: _Context
) -> Generator[DefinitionError, None, _EntityView | None]:
    """The entity that `holder` (a view, a rule, an action, a document) names under "entity";
    None when it names none (the schema says so) or an unknown one (said here, at `at`.entity).

        entity = yield from named_entity(at, view, context)
    """
    name = _text(holder, "entity")
    if name is None:
        return None
    entity = context.entity(name)
    if entity is None:
        known = context.entity_names()
        yield DefinitionError(f"{at}.entity", f"there is no entity {name!r}"
                              f"{_did_you_mean(name, known)}; entities are: "
                              f"{', '.join(known) or '(none yet)'}")
    return entity


def _views(context: _Context) -> Iterator[tuple[str, dict[str, Any]]]:
    return section_items(context, "views")


def _view_references(context: _Context) -> Iterator[DefinitionError]:
    """A view's entity exists, and its columns, sort and filter name fields of it."""
    yield from _duplicates(
        ((f"{at}.id", view["id"]) for at, view in _views(context)
         if isinstance(view.get("id"), str)),
        lambda view_id, first: f"there is already a view with id {view_id!r} (at {first}); "
        "view ids must be unique",
    )
    for at, view in _views(context):
        entity = yield from named_entity(at, view, context)
        if entity is None:
            continue
        yield from _view_columns(at, view, entity)
        yield from _view_sort(at, view, entity)
        yield from _view_filter(f"{at}.filter", view.get("filter"), entity, context)


def _unknown_in_view(entity: _EntityView, name: str) -> str:
    names = [*entity.field_names(), *_VIEW_SYSTEM]
    return (f"{name!r} is not a field of {_owner(entity)}{_did_you_mean(name, names)}; "
            f"fields are: {', '.join(names)}")


def _view_columns(at: str, view: dict[str, Any], entity: _EntityView) -> Iterator[DefinitionError]:
    columns = view.get("columns")
    for j, name in enumerate(columns if isinstance(columns, list) else []):
        if isinstance(name, str) and entity.field(name) is None and name not in _VIEW_SYSTEM:
            yield DefinitionError(f"{at}.columns[{j}]", _unknown_in_view(entity, name))


def _view_sort(at: str, view: dict[str, Any], entity: _EntityView) -> Iterator[DefinitionError]:
    sort = view.get("sort")
    for j, item in enumerate(sort if isinstance(sort, list) else []):
        if not isinstance(item, str):
            continue
        name = item.removeprefix("-")
        field = entity.field(name)
        if field is None and name not in _VIEW_SYSTEM:
            yield DefinitionError(f"{at}.sort[{j}]", _unknown_in_view(entity, name))
        elif field and field.kind and not field.kind.sortable:
            yield DefinitionError(f"{at}.sort[{j}]", f"{name} is {_field_noun(field.kind.name)}"
                                  ", which holds several values and cannot sort a list")


def _view_filter(at: str, node: Any, entity: _EntityView,
                 context: _Context) -> Iterator[DefinitionError]:
    """The filter reads as the records API reads it; its conditions name fields of the entity
    (or one link away) and operators of their type. Values are checked when the view runs, as
    the records API checks them."""
    if node is None:
        return

    def check(leaf: Leaf) -> Leaf:
        field, problem = _filter_field(leaf.field, entity, context)
        if problem:
            raise ConditionError(problem, "field")
        if field is not None and field.kind is not None and leaf.op not in field.kind.operators:
            raise ConditionError(f"operator {_quoted(leaf.op)} does not apply to {leaf.field} "
                                 f"({field.kind.name}); use one of: "
                                 f"{', '.join(field.kind.operators)}", "op")
        return leaf

    for problem in parse_filter(node, check, at).problems:
        yield DefinitionError(problem.at, problem.message)


def _filter_field(path: str, entity: _EntityView,
                  context: _Context) -> tuple[_FieldView | None, str | None]:
    """The field a filter's path names (`amount`, `client.city`), or what is wrong with it."""
    first, dot, rest = path.partition(".")
    field = entity.field(first)
    if field is None:
        return None, None if first in _VIEW_SYSTEM and not dot else _unknown_in_view(entity, first)
    if not dot:
        return field, None
    target_name = _text(field.raw, "to")
    target = context.entity(target_name) if target_name else None
    if field.kind is None or not field.kind.is_link or target is None:
        return None, f"{first} is not a link field, so {path!r} leads nowhere"
    found = target.field(rest)
    if found is None and rest not in _VIEW_SYSTEM:
        return None, _unknown_in_view(target, rest)
    return found, None


DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    _unique_entity_names, _unique_ids, _inverse_clashes, _view_references,
)


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


def _named_field(
    entity: _EntityView,
    key: str,
    types: Collection[str],
    missing: Callable[[str, str], str],
    wrong_type: Callable[[str, str, str], str],
) -> Iterator[DefinitionError]:
    """The field that `key` of the entity names exists and has one of `types`.

    `missing(name, choose)` and `wrong_type(name, noun, choose)` word the errors; `choose` is
    "choose one of: ..." with the entity's fields that fit, or "" when none does.
    """
    name = _text(entity.raw, key)
    if name is None or entity.fields is None:
        return
    fits = [f.name for f in entity.fields if f.kind and f.kind.name in types and f.name]
    choose = f"choose one of: {', '.join(fits)}" if fits else ""
    field = entity.field(name)
    if field is None:
        yield DefinitionError(f"{entity.at}.{key}", missing(name, choose))
    elif field.kind and field.kind.name not in types:
        noun = _field_noun(field.kind.name)
        yield DefinitionError(f"{entity.at}.{key}", wrong_type(name, noun, choose))


def _title_field(entity: _EntityView, _context: _Context) -> Iterator[DefinitionError]:
    def missing(title: str, choose: str) -> str:
        return (
            f"title_field {title!r} is not a field of {_owner(entity)}"
            f"{_did_you_mean(title, entity.field_names())}; "
            f"{choose or f'add a field of type {_title_types()} first'}"
        )

    def wrong_type(title: str, noun: str, choose: str) -> str:
        return (
            f"title_field {title!r} is {noun}, which cannot be a title; "
            f"a title is a field of type {_title_types()}: {choose or 'add one first'}"
        )

    yield from _named_field(entity, "title_field", TITLE_TYPES, missing, wrong_type)


def _title_types() -> str:
    return _join(t for t in FIELD_TYPES if t in TITLE_TYPES)


def _owner(entity: _EntityView) -> str:
    return f"'{entity.name}'" if entity.name else "this entity"


def _role_fields(entity: _EntityView, _context: _Context) -> Iterator[DefinitionError]:
    """The fields a task entity names exist and have the types `/tasks` needs."""
    for key, (meaning, types) in ROLE_FIELDS.items():
        yield from _role_field(entity, key, meaning, types)


def _role_field(
    entity: _EntityView, key: str, meaning: str, types: Collection[str]
) -> Iterator[DefinitionError]:
    needs = f"the {meaning} needs {with_article(f'{_join(types)} field')}"

    def missing(name: str, choose: str) -> str:
        return f"{key} {name!r} is not a field of {_owner(entity)}; {needs}: {choose or 'add one'}"

    def wrong_type(name: str, noun: str, choose: str) -> str:
        fix = choose or f"change the type of {name!r} or add one"
        return f"{key} {name!r} is {noun}, but {needs}: {fix}"

    yield from _named_field(entity, key, types, missing, wrong_type)


def _index_lists(entity: _EntityView) -> Iterator[tuple[str, list[Any]]]:
    """(path, list) of the `fields` of each of the entity's indexes that has a list of them."""
    indexes = entity.raw.get("indexes")
    for j, index in enumerate(indexes if isinstance(indexes, list) else []):
        members = index.get("fields") if isinstance(index, dict) else None
        if isinstance(members, list):
            yield f"{entity.at}.indexes[{j}].fields", members


def _index_members(entity: _EntityView, _context: _Context) -> Iterator[DefinitionError]:
    """Each name an index lists is a column of the entity: a field that has one, a system
    column, or `id` at the end."""
    if entity.fields is None:
        return
    for at, members in _index_lists(entity):
        for k, name in enumerate(members):
            last = k == len(members) - 1
            problem = _index_member_problem(entity, name, last) if isinstance(name, str) else None
            if problem:
                yield DefinitionError(f"{at}[{k}]", problem)


def _index_member_problem(entity: _EntityView, name: str, last: bool) -> str | None:
    if name in INDEXABLE_SYSTEM_COLUMNS or (name == "id" and last):
        return None
    if name == "id":
        return (
            "'id' can only close an index: it is unique, so no column after it would help; "
            "move it to the end or remove it"
        )
    if name in SYSTEM_COLUMNS:
        return (
            f"the system column {name!r} cannot be in an index; use the entity's fields or "
            f"{_join(INDEXABLE_SYSTEM_COLUMNS)} (every declared index skips trashed records)"
        )
    field = entity.field(name)
    if field is None:
        return _unknown_index_member(entity, name)
    if field.kind is not None and not field.kind.has_column:
        return (
            f"{name!r} is {_field_noun(field.kind.name)}, which has no column to index: its "
            "links are rows of a table of their own; remove it from the index"
        )
    return None


def _unknown_index_member(entity: _EntityView, name: str) -> str:
    fields = [f.name for f in entity.fields or () if f.name and f.kind and f.kind.has_column]
    where = f"entity '{entity.name}'" if entity.name else "this entity"
    return (
        f"unknown field {name!r} on {where}{_did_you_mean(name, fields)}; fields are: "
        f"{', '.join(fields) or 'none yet'} (an index may also name "
        f"{', '.join(INDEXABLE_SYSTEM_COLUMNS)}, and id last); to remove or trash a field, "
        "remove it from this index, or remove the index, too"
    )


def _unique_indexes(entity: _EntityView, _context: _Context) -> Iterator[DefinitionError]:
    """No two indexes of an entity list the same fields in the same order."""
    yield from _duplicates(
        (
            (at, ", ".join(members))
            for at, members in _index_lists(entity)
            if all(isinstance(m, str) for m in members)
        ),
        lambda columns, first: (
            f"the index at {first} already covers ({columns}) in this order; remove one of them"
        ),
    )


ENTITY_RULES: tuple[EntityRule, ...] = (
    _entity_name,
    _unique_field_names,
    _title_field,
    _role_fields,
    _index_members,
    _unique_indexes,
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
    guess = _did_you_mean(target, names)
    yield DefinitionError(f"{field.at}.to", msg(
        "link target %(target)s is not an entity%(guess)s; use one of the entities: "
        "%(entities)s", target=repr(target), guess=guess, entities=", ".join(names),
    ) if names else msg("link target %(target)s is not an entity; add the entity first",
                        target=repr(target)))


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
        column = target + "_id"
        yield DefinitionError(f"{field.at}.to", msg(
            "the link table of this field needs a column '%(column)s', longer than %(limit)s "
            "characters; shorten the name of the entity '%(entity)s' to at most %(most)s "
            "characters", column=column, limit=MAX_IDENTIFIER, entity=target,
            most=MAX_IDENTIFIER - 3))


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
                yield DefinitionError(f"{field.at}.{key}[{k}]", msg(
                    "%(value)s is not a stage of this field; add it to the options or remove "
                    "it from '%(key)s' (the stages are: %(stages)s)", value=repr(value), key=key,
                    stages=", ".join(stages) or msg("none yet")))
    won = {v for _, v in marked["won"]}
    for k, value in marked["lost"]:
        if value in won:
            yield DefinitionError(f"{field.at}.lost[{k}]", msg(
                "the stage %(value)s cannot be both won and lost; remove it from one of them",
                value=repr(value)))


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
    elif isinstance(default, list) and not kind.many:
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


def _default_problem(kind: FieldType, raw: _RawField, default: Any) -> str | None:
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
