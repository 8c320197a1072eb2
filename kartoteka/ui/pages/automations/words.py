"""Automation rules said in words, as the `/automations` page lists them.

    describe_rule(model, rule).sentence
    # 'When a Deal enters Proposal: create a Task “Follow up on the proposal” due in 3 days;
    #  generate Commercial proposal'

Each event and each action is one entry of a registry (a function from the rule's parts to a
phrase), so that a new event or action is one more entry. A rule the page cannot read (an
entity or field it names is gone, which the definition's rules refuse at apply) is still said,
with the names as written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kartoteka.schema_engine.definition import Offset, parse_offset
from kartoteka.schema_engine.errors import QueryError
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import query_from_json
from kartoteka.schema_engine.types import field_type
from kartoteka.ui.fields import option_label
from kartoteka.ui.i18n import gettext, label, ngettext
from kartoteka.ui.labels import field_label
from kartoteka.ui.pages.list.sentences import describe

Rule = Mapping[str, Any]
Part = Mapping[str, Any]

@dataclass(frozen=True)
class RuleWords:
    """A rule in words: when it runs, on what condition, and what it does."""

    when: str
    condition: str | None
    actions: list[str]

    @property
    def sentence(self) -> str:
        head = self.when if self.condition is None else gettext(
            "%(when)s, if %(condition)s", when=self.when, condition=self.condition)
        if not self.actions:
            return gettext("%(when)s: nothing to do", when=head)
        return gettext("%(when)s: %(actions)s", when=head, actions="; ".join(self.actions))


def describe_rule(model: AppModel, rule: Rule, documents: list[Any] | None = None) -> RuleWords:
    """`rule` in words; `documents` are the definition's document templates (their labels)."""
    entity = str(rule.get("entity", ""))
    when = found if isinstance(found := rule.get("when"), Mapping) else {}
    event = str(when.get("event", ""))
    words = _Words(model, entity, documents or [])
    actions = listed if isinstance(listed := rule.get("do"), list) else []
    return RuleWords(EVENTS.get(event, _unknown_event)(words, when),
                     _condition(model, entity, rule.get("if")),
                     [_action(words, action) for action in actions])


@dataclass(frozen=True)
class _Words:
    """What the phrases look names up in: the model, the rule's entity, the documents."""

    model: AppModel
    entity: str
    documents: list[Any]

    def a_record(self, entity: str | None = None) -> str:
        """'a Deal' or 'an Invoice' (the entity's name when the app has no such entity)."""
        label = self.label(entity or self.entity)
        if label[:1].lower() in "aeiou":
            return gettext("an %(entity)s", entity=label)
        return gettext("a %(entity)s", entity=label)

    def label(self, entity: str) -> str:
        if entity not in self.model.entities:
            return entity or gettext("record")
        declared = self.model.entity(entity)
        return label(declared.get("label"), str(declared["name"]))

    def field(self, name: Any, entity: str | None = None) -> str:
        found = self._field(name, entity)
        return field_label(found) if found else str(name)

    def value(self, field_name: Any, value: Any, entity: str | None = None) -> str:
        """A value as written in the rule, an option shown by its label."""
        found = self._field(field_name, entity)
        if found is not None and "options" in field_type(found["type"]).keys:
            if isinstance(value, list):
                return ", ".join(option_label(found, str(each)) for each in value)
            return option_label(found, str(value))
        if value is None:
            return gettext("empty")
        return str(value)

    def document(self, name: Any) -> str:
        for entry in self.documents:
            if isinstance(entry, Mapping) and entry.get("name") == name:
                return label(entry.get("label"), name)
        return str(name)

    def _field(self, name: Any, entity: str | None) -> Any:
        entity = entity or self.entity
        if entity not in self.model.entities:
            return None
        return self.model.fields(entity).get(str(name))


# ---------------------------------------------------------------- events


def _created(w: _Words, when: Part) -> str:
    return gettext("When %(record)s is created", record=w.a_record())


def _updated(w: _Words, when: Part) -> str:
    return gettext("When %(record)s is changed", record=w.a_record())


def _field_changed(w: _Words, when: Part) -> str:
    return gettext("When the %(field)s of %(record)s changes",
                   field=w.field(when.get("field")), record=w.a_record())


def _stage_entered(w: _Words, when: Part) -> str:
    return gettext("When %(record)s enters %(stage)s", record=w.a_record(),
                   stage=w.value(when.get("field"), when.get("value")))


def _date_reached(w: _Words, when: Part) -> str:
    field, record = w.field(when.get("field")), w.a_record()
    offset = _offset(when.get("offset"))
    if offset is None or offset.amount == 0:
        return gettext("When the %(field)s of %(record)s is reached", field=field, record=record)
    span = span_text(abs(offset.amount), offset.unit)
    if offset.amount < 0:
        return gettext("%(span)s before the %(field)s of %(record)s", span=span.capitalize(),
                       field=field, record=record)
    return gettext("%(span)s after the %(field)s of %(record)s", span=span.capitalize(),
                   field=field, record=record)


def _button(w: _Words, when: Part) -> str:
    return gettext("When someone presses “%(label)s” on %(record)s", label=when.get("label", ""),
                   record=w.a_record())


def _unknown_event(w: _Words, when: Part) -> str:
    return gettext("When “%(event)s” happens to %(record)s", event=when.get("event", ""),
                   record=w.a_record())


#: Event name -> its phrase. The form offers them in this order.
EVENTS: dict[str, Callable[[_Words, Part], str]] = {
    "created": _created,
    "updated": _updated,
    "field_changed": _field_changed,
    "stage_entered": _stage_entered,
    "date_reached": _date_reached,
    "button": _button,
}


def span_text(count: int, unit: str) -> str:
    """'3 days', '1 month'."""
    units = {
        "m": lambda: ngettext("%(num)s minute", "%(num)s minutes", count),
        "h": lambda: ngettext("%(num)s hour", "%(num)s hours", count),
        "d": lambda: ngettext("%(num)s day", "%(num)s days", count),
        "w": lambda: ngettext("%(num)s week", "%(num)s weeks", count),
        "M": lambda: ngettext("%(num)s month", "%(num)s months", count),
        "y": lambda: ngettext("%(num)s year", "%(num)s years", count),
    }
    return units[unit]()


def _offset(value: Any) -> Offset | None:
    """The relative date `value` is, as the engine reads it (None: not one)."""
    return parse_offset(value) if isinstance(value, str) else None


def relative_text(value: Any) -> str | None:
    """'in 3 days' for '+3d', '2 hours before' for '-2h'; None for anything else."""
    offset = _offset(value)
    if offset is None:
        return None
    span = span_text(abs(offset.amount), offset.unit)
    if offset.amount < 0:
        return gettext("%(span)s before", span=span)
    return gettext("in %(span)s", span=span)


# ---------------------------------------------------------------- the condition


def _condition(model: AppModel, entity: str, raw: Any) -> str | None:
    if raw is None or entity not in model.entities:
        return None
    try:
        query = query_from_json(model, entity, {"filter": raw})
    except QueryError:
        return gettext("a condition that cannot be read")
    return gettext(" and ").join(describe(query.filter)) or None


# ---------------------------------------------------------------- actions


def _create_record(w: _Words, action: Part) -> str:
    target = str(action.get("entity", ""))
    values = found if isinstance(found := action.get("values"), Mapping) else {}
    said = gettext("create %(record)s", record=w.a_record(target))
    title = w.model.title_field(target) if target in w.model.entities else None
    if title and isinstance(values.get(title), str) and values[title]:
        said = gettext("%(done)s “%(title)s”", done=said, title=values[title])
    due = _due_field(w, target)
    when = relative_text(values.get(due)) if due else None
    return gettext("%(done)s due %(when)s", done=said, when=when) if when else said


def _due_field(w: _Words, entity: str) -> str | None:
    if entity not in w.model.entities:
        return None
    declared = w.model.entity(entity)
    return str(declared["due_field"]) if declared.get("role") == "task" and declared.get(
        "due_field") else None


def _set_field(w: _Words, action: Part) -> str:
    field, value = action.get("field"), action.get("value")
    relative = _after_event(value)
    return gettext("set %(field)s to %(value)s", field=w.field(field),
                   value=relative if relative else w.value(field, value))


def _after_event(value: Any) -> str | None:
    """'3 days after the event' for '+3d', 'the moment of the event' for '+0d'."""
    offset = _offset(value)
    if offset is None:
        return None
    if offset.amount == 0:
        return gettext("the moment of the event")
    span = span_text(abs(offset.amount), offset.unit)
    if offset.amount < 0:
        return gettext("%(span)s before the event", span=span)
    return gettext("%(span)s after the event", span=span)


def _render_document(w: _Words, action: Part) -> str:
    return gettext("generate %(document)s", document=w.document(action.get("template")))


def _webhook(w: _Words, action: Part) -> str:
    return gettext("call the webhook %(url)s", url=action.get("url", ""))


def _unknown_action(w: _Words, action: Part) -> str:
    return gettext("“%(action)s”", action=action.get("action", ""))


#: Action name -> its phrase.
ACTIONS: dict[str, Callable[[_Words, Part], str]] = {
    "create_record": _create_record,
    "set_field": _set_field,
    "render_document": _render_document,
    "webhook": _webhook,
}


def _action(w: _Words, action: Any) -> str:
    if not isinstance(action, Mapping):
        return gettext("an action that cannot be read")
    return ACTIONS.get(str(action.get("action", "")), _unknown_action)(w, action)
