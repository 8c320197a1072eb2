"""A list's filters said as sentences ("Amount is greater than 5000"), in the user's language.

The engine's operators carry English for the API and its errors; the UI says every filter with
its own gettext-marked sentence per operator (keyed by the operator's stable name), so that a
catalog translates the chips above a list, the board's and the conditions of automation rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kartoteka.schema_engine.query import Condition, Group, Node, Not, shown
from kartoteka.ui.fields import format_moment
from kartoteka.ui.i18n import gettext, label

#: (field, value) -> the sentence; read at render time, so gettext follows the language.
Sentence = Callable[[str, str], str]

SENTENCES: dict[str, Sentence] = {
    "eq": lambda f, v: gettext("%(field)s is %(value)s", field=f, value=v),
    "ne": lambda f, v: gettext("%(field)s is not %(value)s", field=f, value=v),
    "lt": lambda f, v: gettext("%(field)s is less than %(value)s", field=f, value=v),
    "lte": lambda f, v: gettext("%(field)s is at most %(value)s", field=f, value=v),
    "gt": lambda f, v: gettext("%(field)s is greater than %(value)s", field=f, value=v),
    "gte": lambda f, v: gettext("%(field)s is at least %(value)s", field=f, value=v),
    "in": lambda f, v: gettext("%(field)s is one of %(value)s", field=f, value=v),
    "contains": lambda f, v: gettext("%(field)s contains %(value)s", field=f, value=v),
    "startswith": lambda f, v: gettext("%(field)s starts with %(value)s", field=f, value=v),
    "empty": lambda f, v: gettext("%(field)s is empty", field=f),
    "has": lambda f, v: gettext("%(field)s has %(value)s", field=f, value=v),
}
#: Sentences for dates and moments, where they read better.
TEMPORAL: dict[str, Sentence] = {
    "lt": lambda f, v: gettext("%(field)s is before %(value)s", field=f, value=v),
    "lte": lambda f, v: gettext("%(field)s is on or before %(value)s", field=f, value=v),
    "gt": lambda f, v: gettext("%(field)s is after %(value)s", field=f, value=v),
    "gte": lambda f, v: gettext("%(field)s is on or after %(value)s", field=f, value=v),
}
#: Sentences of a yes-or-no operator given `false`.
NEGATED: dict[str, Sentence] = {
    "empty": lambda f, v: gettext("%(field)s is not empty", field=f),
}


def describe(node: Node | None) -> list[str]:
    """The filters of a query as people read them: ['Stage is won', 'Amount is greater than 5']."""
    if node is None:
        return []
    if isinstance(node, Group) and node.kind == "and":
        return [text for item in node.items for text in describe(item)]
    return [_sentence(node)]


def _sentence(node: Node) -> str:
    if isinstance(node, Condition):
        return condition_sentence(node)
    if isinstance(node, Not):
        return gettext("not (%(condition)s)", condition=_sentence(node.item))
    joiner = gettext(" or ") if node.kind == "or" else gettext(" and ")
    return "(" + joiner.join(_sentence(item) for item in node.items) + ")"


def condition_sentence(condition: Condition) -> str:
    """'Amount is greater than 5000'; an operator without UI words keeps the engine's."""
    sentence = SENTENCES.get(condition.op)
    if condition.value is False and condition.op in NEGATED:
        sentence = NEGATED[condition.op]
    elif isinstance(condition.value, dt.date) and condition.op in TEMPORAL:
        sentence = TEMPORAL[condition.op]
    if sentence is None:
        return condition.describe()
    return sentence(path_label(condition), value_text(condition.value))


def path_label(condition: Condition) -> str:
    """'Client City' for a condition on client.city, in the reader's language."""
    path = condition.path
    own = label(path.field.get("label"), str(path.field["name"]))
    if path.link is None:
        return own
    return f"{label(path.link.get('label'), str(path.link['name']))} {own}"


def value_text(value: Any) -> str:
    """A filter's value as a sentence shows it: moments in the user's zone, yes or no."""
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, dt.datetime):
        return format_moment(value)
    return shown(value)
