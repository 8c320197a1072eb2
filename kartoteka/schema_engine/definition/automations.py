"""The semantic rules of `automations` in an app definition, and relative dates (`+3d`).

A rule names an entity, an event (`when`), an optional filter (`if`, checked with the records
API's own filter parser) and actions (`do`). Every name a rule uses must exist: the entity, the
fields of its event and actions, the stage it waits for, the document template it renders; a
value for a date field may be a relative date; a webhook goes to an http(s) URL and names its
secret (the value is stored apart, by the platform). Template syntax
in values is checked by the checker the platform installs (`rules.set_template_checker`, called by
`kartoteka.platform.install_hooks()`): the schema engine itself renders no templates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlsplit

from kartoteka.schema_engine._english import _did_you_mean, _field_noun, _join
from kartoteka.schema_engine.definition.rules import (
    _Context,
    _duplicates,
    _EntityView,
    _options,
    named_entity,
    template_problem,
)
from kartoteka.schema_engine.errors import DefinitionError, KartotekaError
from kartoteka.schema_engine.shapes import Document
from kartoteka.schema_engine.types import ConversionError, FieldType

#: What each event needs in `when`, besides `event`.
EVENT_KEYS: dict[str, tuple[str, ...]] = {
    "created": (),
    "updated": (),
    "field_changed": ("field",),
    "stage_entered": ("field", "value"),
    "date_reached": ("field",),
    "button": ("label",),
}
#: Keys an event may have without needing them.
EVENT_OPTIONAL: dict[str, tuple[str, ...]] = {"date_reached": ("offset",)}
#: What each action needs, besides `action`, and what it may have.
ACTION_KEYS: dict[str, tuple[str, ...]] = {
    "create_record": ("entity", "values"),
    "set_field": ("field", "value"),
    "render_document": ("template",),
    "webhook": ("url",),
}
ACTION_OPTIONAL: dict[str, tuple[str, ...]] = {"webhook": ("secret",)}
DATE_TYPES = ("date", "datetime")
#: A webhook secret's name (its value is never in the definition).
SECRET_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")

# ---------------------------------------------------------------- relative dates

_OFFSET = re.compile(r"([+-])(\d{1,5})([mhdwMy])")
UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks", "M": "months", "y": "years"}


@dataclass(frozen=True)
class Offset:
    """A relative date such as `+3d` or `-1M`: a signed amount of one unit."""

    amount: int
    unit: str

    def after(self, moment: dt.datetime) -> dt.datetime:
        """`moment` moved by this offset (months by the calendar: Jan 31 + 1M = Feb 28)."""
        if self.unit in ("M", "y"):
            months = self.amount * (12 if self.unit == "y" else 1)
            return _add_months(moment, months)
        return moment + dt.timedelta(**{UNITS[self.unit]: self.amount})

    def before(self, moment: dt.datetime) -> dt.datetime:
        return Offset(-self.amount, self.unit).after(moment)


def _add_months(moment: dt.datetime, months: int) -> dt.datetime:
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def parse_offset(text: str) -> Offset | None:
    """`+3d` -> Offset(3, "d"); None when `text` is not a relative date.

    The one grammar of relative dates, for the rules, the worker and the words the UI says: a
    sign, 1 to 5 digits and a unit (m h d w M y), with nothing between them. The sign is
    required, so that a value written without one ("5m" of cable, product "2d") is always taken
    as written and never turned into a moment; space around the whole is ignored.
    """
    found = _OFFSET.fullmatch(text.strip())
    if found is None:
        return None
    sign, amount, unit = found.groups()
    return Offset(int(amount) * (-1 if sign == "-" else 1), unit)


def looks_relative(text: str) -> bool:
    """Whether `text` is meant as a relative date (starts with + or -, then a digit), so that
    a mistyped one ("+3 days") is refused rather than stored as text."""
    return bool(re.match(r"\s*[+-]\d", text))


OFFSET_HELP = (
    "write a relative date as a sign, a number and a unit, such as +3d or -1w "
    "(units: m minutes, h hours, d days, w weeks, M months, y years)"
)


# ---------------------------------------------------------------- the rules


def automation_errors(context: _Context) -> Iterator[DefinitionError]:
    """Every problem of the document's `automations`, each with its path."""
    rules = context.doc.get("automations") if isinstance(context.doc, dict) else None
    if not isinstance(rules, list):
        return
    named = [(f"$.automations[{i}].name", r["name"]) for i, r in enumerate(rules)
             if isinstance(r, dict) and isinstance(r.get("name"), str)]
    yield from _duplicates(named, lambda name, first: (
        f"there is already a rule named {name!r} (at {first}); rule names must be unique, "
        "so rename one of them"))
    for i, rule in enumerate(rules):
        if isinstance(rule, dict):
            yield from _rule_errors(f"$.automations[{i}]", rule, context)


def _rule_errors(at: str, rule: dict[str, Any], context: _Context) -> Iterator[DefinitionError]:
    entity = yield from named_entity(at, rule, context)
    if entity is None:
        return
    name = rule["entity"]
    when = rule.get("when")
    if isinstance(when, dict):
        yield from _when_errors(f"{at}.when", when, entity)
    if "if" in rule:
        yield from _filter_errors(f"{at}.if", rule["if"], name, context)
    actions = rule.get("do")
    for j, action in enumerate(actions if isinstance(actions, list) else []):
        if isinstance(action, dict):
            yield from _action_errors(f"{at}.do[{j}]", action, entity, context)


def _unknown_field(at: str, name: str, entity: _EntityView) -> DefinitionError:
    names = entity.field_names()
    return DefinitionError(at, f"{name!r} is not a field of '{entity.name}'"
                               f"{_did_you_mean(name, names)}; fields are: {', '.join(names)}")


def _keys_errors(at: str, data: dict[str, Any], what: str, kind: str, needed: tuple[str, ...],
                 optional: tuple[str, ...], key: str) -> Iterator[DefinitionError]:
    """The keys `kind` needs are there, and no key that only other kinds take."""
    for name in needed:
        if name not in data:
            yield DefinitionError(at, f"the {what} {kind!r} needs {name!r}")
    allowed = {key, *needed, *optional}
    for name in data:
        if name not in allowed:
            takes = _join(sorted(allowed - {key}), "and") or "nothing else"
            yield DefinitionError(f"{at}.{name}", f"{name!r} does not apply to the {what} "
                                  f"{kind!r} (it takes {takes}); remove it")


# -- when


def _when_errors(at: str, when: dict[str, Any], entity: _EntityView) -> Iterator[DefinitionError]:
    event = when.get("event")
    if event not in EVENT_KEYS:
        return  # the JSON Schema names the events
    yield from _keys_errors(at, when, "event", event, EVENT_KEYS[event],
                            EVENT_OPTIONAL.get(event, ()), "event")
    field_name = when.get("field")
    if "field" not in EVENT_KEYS[event] or not isinstance(field_name, str):
        return
    field = entity.field(field_name)
    if field is None:
        yield _unknown_field(f"{at}.field", field_name, entity)
        return
    kind = field.kind.name if field.kind else None
    if event == "stage_entered":
        yield from _stage_errors(at, when, field_name, kind, field.raw, entity)
    elif event == "date_reached":
        if kind not in DATE_TYPES:
            yield DefinitionError(f"{at}.field", f"{field_name!r} is {_field_noun(kind)}; "
                                  f"date_reached needs a date or datetime field"
                                  f"{_fitting(entity, DATE_TYPES)}")
        offset = when.get("offset")
        if isinstance(offset, str) and parse_offset(offset) is None:
            yield DefinitionError(f"{at}.offset", f"{offset!r} is not a relative date; "
                                  f"{OFFSET_HELP}")


def _fitting(entity: _EntityView, types: tuple[str, ...]) -> str:
    names = [f.name for f in entity.fields or () if f.kind and f.kind.name in types and f.name]
    return f": choose one of {', '.join(names)}" if names else f": '{entity.name}' has none"


def _stage_errors(at: str, when: dict[str, Any], name: str, kind: str | None,
                  raw: dict[str, Any], entity: _EntityView) -> Iterator[DefinitionError]:
    if kind != "stage":
        yield DefinitionError(f"{at}.field", f"{name!r} is {_field_noun(kind)}; stage_entered "
                              f"needs a stage field{_fitting(entity, ('stage',))}")
        return
    value = when.get("value")
    stages = [v for _, v in _options(raw) or []]
    if isinstance(value, str) and stages and value not in stages:
        yield DefinitionError(f"{at}.value", f"{value!r} is not a stage of {name}"
                              f"{_did_you_mean(value, stages)}; stages are: {', '.join(stages)}")


# -- if


def _filter_errors(at: str, raw: Any, entity: str, context: _Context) -> Iterator[DefinitionError]:
    """The filter as the records API would read it (POST /api/records/{entity}/query): every
    problem, each at its place in the filter."""
    from kartoteka.schema_engine.model import AppModel
    from kartoteka.schema_engine.query import filter_problems

    if raw is None:
        return
    model = AppModel(_well_formed(context), 0)
    try:
        problems = filter_problems(model, entity, raw)
    except KartotekaError as exc:
        yield DefinitionError(at, f"the filter is not valid: {exc}")
        return
    for problem in problems:
        yield DefinitionError(f"{at}{problem.at.removeprefix('$')}",
                              f"the filter is not valid: {problem.message}")


def _well_formed(context: _Context) -> Document:
    """The entities and fields of the document that can be read safely (for the query parser)."""
    entities = []
    for entity in context.entities:
        if entity.name is None:
            continue
        fields = [f.raw for f in entity.fields or () if f.name and f.kind]
        entities.append({**entity.raw, "fields": fields})
    # Every field kept has a name and a known type: what the query parser reads of a document.
    return cast(Document, {"entities": entities})


# -- do


def _action_errors(at: str, action: dict[str, Any], entity: _EntityView,
                   context: _Context) -> Iterator[DefinitionError]:
    kind = action.get("action")
    if kind not in ACTION_KEYS:
        return  # the JSON Schema names the actions
    yield from _keys_errors(at, action, "action", kind, ACTION_KEYS[kind],
                            ACTION_OPTIONAL.get(kind, ()), "action")
    yield from ACTION_RULES[kind](at, action, entity, context)


def _create_record(at: str, action: dict[str, Any], _entity: _EntityView,
                   context: _Context) -> Iterator[DefinitionError]:
    target = yield from named_entity(at, action, context)
    if target is None:
        return
    values = action.get("values")
    for key, value in (values.items() if isinstance(values, dict) else ()):
        yield from _value_errors(f"{at}.values.{key}", key, value, target)


def _set_field(at: str, action: dict[str, Any], entity: _EntityView,
               _context: _Context) -> Iterator[DefinitionError]:
    name = action.get("field")
    if isinstance(name, str) and "value" in action:
        yield from _value_errors(f"{at}.value", name, action["value"], entity, f"{at}.field")


def _value_errors(at: str, name: str, value: Any, entity: _EntityView,
                  field_at: str | None = None) -> Iterator[DefinitionError]:
    """A value an action writes: to a field that exists and can be set; a relative date only
    for date fields; template syntax that compiles."""
    field = entity.field(name)
    if field is None:
        yield _unknown_field(field_at or at, name, entity)
        return
    kind = field.kind.name if field.kind else None
    if field.kind and not field.kind.writable:  # Kartoteka fills it itself
        yield DefinitionError(field_at or at, f"{name!r} is {_field_noun(kind)}: Kartoteka "
                              "assigns it, so an action cannot set it")
        return
    if not isinstance(value, str):
        return
    if looks_relative(value):
        if kind not in DATE_TYPES:
            yield DefinitionError(at, f"{value!r} is a relative date, but {name} is "
                                  f"{_field_noun(kind)}; relative dates go to date and datetime "
                                  "fields")
        elif parse_offset(value) is None:
            yield DefinitionError(at, f"{value!r} is not a relative date; {OFFSET_HELP}")
        return
    if "{" not in value and value.strip() and field.kind is not None:
        problem = _literal_problem(field.kind, field.raw, value)
        if problem:
            yield DefinitionError(at, problem)
        return
    problem = template_problem(value, html=False)
    if problem:
        yield DefinitionError(at, problem)


def _literal_problem(kind: FieldType, raw: dict[str, Any], value: str) -> str | None:
    """Why a value without template code is not a value of the field, or None."""
    definition = dict(raw)
    if "options" in kind.keys:
        definition["options"] = [v for _, v in _options(raw) or []]
    try:
        kind.parse(value, definition)
    except ConversionError as exc:
        return f"{exc}; write a value of the field's type (or a template such as {{{{ ... }}}})"
    return None


def _render_document(at: str, action: dict[str, Any], _entity: _EntityView,
                     context: _Context) -> Iterator[DefinitionError]:
    name = action.get("template")
    if not isinstance(name, str):
        return
    documents = context.doc.get("documents") if isinstance(context.doc, dict) else None
    names = [d["name"] for d in documents if isinstance(d, dict) and isinstance(d.get("name"), str)
             ] if isinstance(documents, list) else []
    if name not in names:
        known = f"templates are: {', '.join(names)}" if names else "there are no templates yet"
        yield DefinitionError(f"{at}.template", f"there is no document template {name!r} in "
                              f"documents{_did_you_mean(name, names)}; {known}")


def _webhook(at: str, action: dict[str, Any], _entity: _EntityView,
             _context: _Context) -> Iterator[DefinitionError]:
    url = action.get("url")
    if not isinstance(url, str):
        return
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        yield DefinitionError(f"{at}.url", f"{url!r} is not an http or https URL; write the "
                              "address to call, such as https://example.com/hooks/kartoteka")
    secret = action.get("secret")
    if isinstance(secret, str) and not SECRET_NAME.fullmatch(secret):
        yield DefinitionError(f"{at}.secret", "a webhook's secret is named here, never written: "
                              "give a name such as \"warehouse\" (lowercase latin letters, "
                              "digits and _) and set its value on the automations page, so "
                              "that the definition's history never holds it")


ActionRule = Callable[[str, dict[str, Any], _EntityView, _Context], Iterator[DefinitionError]]
ACTION_RULES: dict[str, ActionRule] = {
    "create_record": _create_record,
    "set_field": _set_field,
    "render_document": _render_document,
    "webhook": _webhook,
}
