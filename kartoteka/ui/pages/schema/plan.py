"""The plan an admin confirms, and the apply it confirms: the same engine calls as `/api/schema`.

How a draft travels (no JavaScript, no server-side draft rows): the plan page carries the
proposed definition as JSON and the version it was planned on (`base_version`) in hidden
fields, next to the admin's own inputs. "Apply" sends the definition and `base_version` to
`se.apply` exactly as `PUT /api/schema` does: a stale version is refused (409) and the page
offers to plan the same inputs again on the current definition; a plan that meanwhile met a
problem in the data is refused with every problem (422); nothing is applied then. Applying is
for admins only and carries the CSRF token; the admin could send any definition to the API
anyway, so the hidden JSON gives nobody more power than they have.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Engine

from kartoteka import schema_engine as se
from kartoteka.platform import plan_text
from kartoteka.schema_engine.definition import Document
from kartoteka.schema_engine.errors import DefinitionError
from kartoteka.schema_engine.migrate import ON_BAD_VALUES
from kartoteka.schema_engine.model import AppModel
from kartoteka.ui.i18n import message
from kartoteka.ui.pages.schema.forms import CONTROL_NAMES, Pairs

#: Record ids of a problem shown as links to their cards (the rest are counted).
SHOWN_RECORDS = 20

#: Engine advice written for the command line, said the way the plan page offers it.
_UI_WORDING = (
    ("apply with --on-bad-values=clear", "plan again clearing the bad values (button below)"),
    ("with `kartoteka schema rollback`", "from the trash on the Schema page"),
)


def in_ui_words(text: str) -> str:
    """An engine message in the reader's language; one with command-line advice has it
    replaced by what the page offers (in English: that advice has no id of its own yet)."""
    if not any(cli in text for cli, _ in _UI_WORDING):
        return message(text)
    for cli, ui in _UI_WORDING:
        text = text.replace(cli, ui)
    return text


@dataclass(frozen=True)
class PlanLine:
    #: "add", "remove" or "change": how the line is marked.
    mark: str
    text: str
    #: Whether the step changes only settings (no table or column).
    settings_only: bool


@dataclass(frozen=True)
class ProblemView:
    message: str
    #: (record id, card path or None) of the first records concerned.
    records: list[tuple[int, str | None]]
    more: int


@dataclass(frozen=True)
class PlanView:
    """A plan as the plan page shows it."""

    lines: list[PlanLine]
    problems: list[ProblemView]
    warnings: list[str]
    #: Whether planning again with `on_bad_values="clear"` would clear values that block it.
    bad_values: bool
    on_bad_values: str
    #: The plan as `kartoteka schema plan` prints it.
    text: str

    @property
    def empty(self) -> bool:
        return not self.lines


_MARKS = {"create": "add", "add": "add", "restore": "add", "trash": "remove", "drop": "remove"}


def plan_view(plan: se.Plan, model: AppModel, card_url: Callable[[str, int], str]) -> PlanView:
    lines = [PlanLine(_MARKS.get(op.op.split("_")[0], "change"), op.describe(), not op.ddl)
             for op in plan.operations]
    problems = [_problem(p, model, card_url) for p in plan.problems]
    bad = any(c.bad for c in plan.conversions.values())
    return PlanView(lines, problems, [in_ui_words(w.message) for w in plan.warnings], bad,
                    plan.on_bad_values, plan_text.render(plan, model.version))


def _problem(problem: se.Problem, model: AppModel,
             card_url: Callable[[str, int], str]) -> ProblemView:
    # The problems are measured on the current tables: their entity names are today's.
    linked = problem.entity in model.entities
    shown = problem.records[:SHOWN_RECORDS]
    records = [(rid, card_url(str(problem.entity), rid) if linked else None) for rid in shown]
    return ProblemView(in_ui_words(problem.message), records,
                       max(problem.count - len(shown), 0))


# ---------------------------------------------------------------- the draft


@dataclass(frozen=True)
class Draft:
    """What the plan page sends back: the definition planned, on which version, the admin's
    own inputs (to plan them again or change them), where they came from and go after."""

    definition: Document
    base_version: int
    on_bad_values: str
    origin: str
    next: str
    inputs: list[tuple[str, str]] = field(default_factory=list)
    #: The admin's line for the history (empty: the engine says what changed).
    summary: str = ""


class DraftInvalid(ValueError):
    """The plan page's hidden fields were not what it sent (edited by hand, or cut short)."""


def own_inputs(pairs: Pairs) -> list[tuple[str, str]]:
    """The admin's inputs of a schema form, without the plan page's controls."""
    return [(k, v) for k, v in pairs if k not in CONTROL_NAMES]


def draft_of(pairs: Pairs, local: Callable[[str], bool]) -> Draft:
    """The draft the plan page's form sent; `local` says whether a path is one of ours."""
    values = dict(pairs)
    try:
        definition = json.loads(values.get("definition", ""))
        base_version = int(values.get("base_version", ""))
    except ValueError:
        raise DraftInvalid("definition or base_version") from None
    on_bad_values = values.get("on_bad_values", "refuse")
    origin, after = values.get("origin", ""), values.get("next", "")
    if (not isinstance(definition, dict) or on_bad_values not in ON_BAD_VALUES
            or not local(origin) or not local(after)):
        raise DraftInvalid("definition, on_bad_values, origin or next")
    # A document as the page sent it: planning it checks it, as it checks any other draft.
    return Draft(cast(Document, definition), base_version, on_bad_values, origin, after,
                 own_inputs(pairs), values.get("summary", "").strip())


def definition_json(doc: Document) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- applying


@dataclass(frozen=True)
class Outcome:
    """How an apply ended: applied (a version), or why not, with what the page shows."""

    applied: se.ApplyResult | None = None
    stale_at: int | None = None
    refused: se.Plan | None = None
    invalid: list[DefinitionError] = field(default_factory=list)


def apply_draft(engine: Engine, draft: Draft, author: str) -> Outcome:
    """Apply the draft as `PUT /api/schema` does (its own transaction; indexes after commit)."""
    try:
        result = se.apply(engine, draft.definition, author=author, summary=draft.summary or None,
                          on_bad_values=draft.on_bad_values, base_version=draft.base_version,
                          build_indexes=False)
    except se.StaleVersion:
        with engine.connect() as conn:
            return Outcome(stale_at=se.current(conn).version)
    except se.PlanRefused as refused:
        return Outcome(refused=refused.plan)
    except se.DefinitionInvalid as invalid:
        return Outcome(invalid=invalid.errors)
    return Outcome(applied=result)
