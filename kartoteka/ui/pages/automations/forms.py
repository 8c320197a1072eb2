"""The rule form of `/automations`: a rule of the app definition as form inputs and back.

The common parts (name, entity, event and the event's field, value, offset or label) are plain
inputs; the condition (`if`, a filter in the records API's JSON form) and the actions (`do`, a
list) are JSON text areas. Turning the inputs into a rule only reads the JSON: everything else
is checked by the definition's rules when the new definition is applied, and their errors come
back with JSON paths (`$.automations[0].do[1].values.due`) that `errors_near` puts next to the
input they concern.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kartoteka.schema_engine.errors import DefinitionError
from kartoteka.ui.i18n import gettext, message
from kartoteka.ui.labels import label_from_input

Pairs = Sequence[tuple[str, str]]

#: The inputs of `when` each event uses (its `event` aside), in the form's order.
WHEN_INPUTS: dict[str, tuple[str, ...]] = {
    "created": (),
    "updated": (),
    "field_changed": ("field",),
    "stage_entered": ("field", "value"),
    "date_reached": ("field", "offset"),
    "button": ("label",),
}
OPTIONAL_WHEN = {"offset"}
#: Every input of `when` the form has.
WHEN_KEYS = ("field", "value", "offset", "label")
#: The form's own inputs (what the page carries back after an error).
INPUTS = ("name", "entity", "event", *WHEN_KEYS, "if", "do")


@dataclass(frozen=True)
class RuleForm:
    """A rule as typed: every value a string, the JSON parts as written."""

    name: str = ""
    entity: str = ""
    event: str = "created"
    when: dict[str, str] = field(default_factory=dict)
    condition: str = ""
    actions: str = ""
    enabled: bool = True

    def value(self, key: str) -> str:
        """The text of input `key` (`if` and `do` too)."""
        if key in WHEN_KEYS:
            return self.when.get(key, "")
        return {"name": self.name, "entity": self.entity, "event": self.event,
                "if": self.condition, "do": self.actions}[key]


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def form_of(rule: Mapping[str, Any]) -> RuleForm:
    """The inputs showing `rule` as the definition has it."""
    when = found if isinstance(found := rule.get("when"), Mapping) else {}
    return RuleForm(
        name=str(rule.get("name", "")), entity=str(rule.get("entity", "")),
        event=str(when.get("event", "")),
        when={key: _text(when[key]) for key in WHEN_KEYS if key in when},
        condition=_pretty(rule["if"]) if rule.get("if") is not None else "",
        actions=_pretty(rule.get("do", [])), enabled=rule.get("enabled") is not False,
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def form_from_pairs(pairs: Pairs) -> RuleForm:
    """The inputs a rule form sent (the last of repeated names)."""
    values = {key: value for key, value in pairs}
    return RuleForm(
        name=values.get("name", "").strip(), entity=values.get("entity", "").strip(),
        event=values.get("event", "").strip(),
        when={key: values[key].strip() for key in WHEN_KEYS if values.get(key, "").strip()},
        condition=values.get("if", "").strip(), actions=values.get("do", "").strip(),
        enabled="enabled" in values,
    )


@dataclass(frozen=True)
class Built:
    """A rule made of a form, or what keeps it from being one (input -> messages)."""

    rule: dict[str, Any]
    problems: dict[str, list[str]]


def build_rule(form: RuleForm, original: Mapping[str, Any] | None) -> Built:
    """The rule of `form`; keys of `original` that the form does not show are kept."""
    problems: dict[str, list[str]] = {}
    rule = {k: v for k, v in (original or {}).items() if k not in ("name", "entity", "when",
                                                                  "if", "do", "enabled")}
    if not form.name:
        problems["name"] = [gettext("Give the rule a name: the list and its runs show it.")]
    rule["name"] = form.name
    rule["entity"] = form.entity
    rule["when"] = _when(form, (original or {}).get("when"))
    condition = _json(form.condition, "if", problems) if form.condition else None
    if condition is not None:
        rule["if"] = condition
    actions = _json(form.actions, "do", problems) if form.actions else []
    if actions is not None and not isinstance(actions, list):
        problems.setdefault("do", []).append(gettext(
            "The actions are a JSON list, in square brackets: [{\"action\": ...}, ...]."))
    rule["do"] = actions
    if not form.enabled:
        rule["enabled"] = False
    elif original is not None and "enabled" in original:
        rule["enabled"] = True
    return Built(rule, problems)


def _when(form: RuleForm, original: Any) -> dict[str, Any]:
    kept = {k: v for k, v in (original or {}).items() if k not in ("event", *WHEN_KEYS)} if (
        isinstance(original, Mapping)) else {}
    when: dict[str, Any] = {"event": form.event, **kept}
    for key in WHEN_INPUTS.get(form.event, WHEN_KEYS):
        if key in form.when or key not in OPTIONAL_WHEN:
            when[key] = form.when.get(key, "")
    if "label" in when:  # a button's label may be a map by language, shown as JSON
        when["label"] = label_from_input(str(when["label"]))
    return when


def _json(text: str, key: str, problems: dict[str, list[str]]) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = {"problem": exc.msg, "line": exc.lineno, "column": exc.colno}
        problems.setdefault(key, []).append(gettext(
            "The condition is not valid JSON: %(problem)s at line %(line)s, column "
            "%(column)s.", **where) if key == "if" else gettext(
            "The actions are not valid JSON: %(problem)s at line %(line)s, column "
            "%(column)s.", **where))
        return None


# ---------------------------------------------------------------- the engine's errors


#: The key after a rule's path -> the input its errors show next to.
_NEAR = {"name": "name", "entity": "entity", "when": "event", "if": "if", "do": "do"}
_WHEN_NEAR = {"event": "event", "field": "field", "value": "value", "offset": "offset",
              "label": "label"}
_ACTION = re.compile(r"^\[(\d+)\]")


def errors_near(errors: list[DefinitionError], position: int) -> dict[str, Any]:
    """Every message, and those of rule `position` by input: `{"all": [...], "near": {...}}`.

    `$.automations[0].when.field` goes next to "field"; `$.automations[0].do[1].values.due`
    next to the actions, as "Action 2: ..." so that the admin knows which one.
    """
    prefix = f"$.automations[{position}]"
    near: dict[str, list[str]] = {}
    for error in errors:
        if not (error.path == prefix or error.path.startswith((prefix + ".", prefix + "["))):
            continue
        key, text = _input_of(error.path[len(prefix):], message(error.message))
        near.setdefault(key, []).append(text)
    return {"all": [message(e.message) for e in errors], "near": near}


def _input_of(rest: str, message: str) -> tuple[str, str]:
    """The input of a path inside a rule (`.when.field` -> "field"), and its message."""
    parts = re.match(r"\.(\w+)(.*)", rest)
    if parts is None:
        return "name", message
    key, after = parts.groups()
    if key == "when":
        inner = re.match(r"\.(\w+)", after)
        return _WHEN_NEAR.get(inner.group(1), "event") if inner else "event", message
    if key == "do":
        action = _ACTION.match(after)
        if action:
            return "do", gettext("Action %(number)s: %(problem)s",
                                 number=int(action.group(1)) + 1, problem=message)
    return _NEAR.get(key, "name"), message
