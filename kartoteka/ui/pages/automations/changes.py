"""Changing the rules of the app definition from `/automations`: add, replace, delete, switch.

A change is applied to the definition it was made on, as `PUT /api/schema` applies one: the
form carries the version it was shown with (`base_version`), the new definition is that
version with the rules changed, and `se.apply` refuses it (409, nothing applied) when someone
applied another version meanwhile; the page then keeps the admin's input and offers to save it
on the current version. Rules change no table, so the plan has nothing to show the admin
before applying (a zero-DDL "change the automations"): saving applies at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Engine

from kartoteka import schema_engine as se
from kartoteka.schema_engine.definition import Automation, Document
from kartoteka.schema_engine.errors import DefinitionError
from kartoteka.schema_engine.store import Version
from kartoteka.ui.pages.schema.plan import Draft, apply_draft

Rules = list[dict[str, Any]]


@dataclass(frozen=True)
class Saved:
    """How a change ended: the version applied; or the version that made it stale; or the
    form's own problems (input -> messages); or the definition's errors; or `missing`, the
    rule it changes is not there."""

    version: int | None = None
    stale: Version | None = None
    problems: dict[str, list[str]] = field(default_factory=dict)
    errors: list[DefinitionError] = field(default_factory=list)
    missing: bool = False


class FormProblems(ValueError):
    """The form cannot make a rule (its JSON does not parse...): nothing is applied."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        super().__init__("; ".join(m for ms in problems.values() for m in ms))
        self.problems = problems


def rules_of(doc: Any) -> Rules:
    rules = doc.get("automations") if isinstance(doc, dict) else None
    return [r for r in rules if isinstance(r, dict)] if isinstance(rules, list) else []


def position_of(doc: Any, name: str) -> int | None:
    """Where the rule named `name` is now (None when it is gone)."""
    for i, rule in enumerate(rules_of(doc)):
        if rule.get("name") == name:
            return i
    return None


def change_rules(engine: Engine, base_version: int, change: Callable[[Rules], Rules],
                 summary: str, author: str) -> Saved:
    """Apply the definition of `base_version` with its rules changed by `change` (which may
    raise FormProblems, or IndexError for a rule that is not there). Call it outside any
    request transaction: `se.apply` opens its own, as `PUT /api/schema` does."""
    with engine.connect() as conn:
        stored = se.current(conn)
    if stored.version != base_version:
        return Saved(stale=stored)
    try:
        rules = change(rules_of(stored.document))
    except FormProblems as exc:
        return Saved(problems=exc.problems)
    except IndexError:
        return Saved(missing=True)
    # The rules as the form made them: planning the draft checks them.
    new: Document = {**stored.document, "automations": cast(list[Automation], rules)}
    outcome = apply_draft(engine, Draft(new, base_version, "refuse", "", "", summary=summary),
                          author)
    if outcome.applied is not None:
        return Saved(version=outcome.applied.version)
    if outcome.stale_at is not None:
        with engine.connect() as conn:
            return Saved(stale=se.current(conn))
    return Saved(errors=outcome.invalid)


def _at(rules: Rules, position: int) -> dict[str, Any]:
    if not 0 <= position < len(rules):
        raise IndexError(position)
    return rules[position]


def put(position: int | None, make: Callable[[dict[str, Any] | None], dict[str, Any]]
        ) -> Callable[[Rules], Rules]:
    """A change that puts `make(the rule there now)` at `position` (None: a new rule last)."""
    def change(rules: Rules) -> Rules:
        if position is None:
            return [*rules, make(None)]
        rule = make(_at(rules, position))
        return [*rules[:position], rule, *rules[position + 1:]]
    return change


def remove(position: int) -> Callable[[Rules], Rules]:
    def change(rules: Rules) -> Rules:
        _at(rules, position)
        return [*rules[:position], *rules[position + 1:]]
    return change


def switch(position: int, enabled: bool) -> Callable[[Rules], Rules]:
    """A change that enables or disables the rule at `position` (enabled: no `enabled` key)."""
    def make(rule: dict[str, Any] | None) -> dict[str, Any]:
        kept = {k: v for k, v in (rule or {}).items() if k != "enabled"}
        return kept if enabled else {**kept, "enabled": False}
    return put(position, make)
