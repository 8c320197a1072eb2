"""A plan as a person reads it in a terminal."""

from __future__ import annotations

from kartoteka.schema_engine import Plan

_MARKS = {"create": "+", "add": "+", "restore": "+", "trash": "-", "drop": "-"}


def _mark(op: str) -> str:
    return _MARKS.get(op.split("_")[0], "~")


def render_operations(plan: Plan) -> str:
    if not plan.operations:
        return "No change."
    lines = ["Changes:"]
    for op in plan.operations:
        note = "" if op.ddl else "  (settings only)"
        lines.append(f"  {_mark(op.op)} {op.describe()}{note}")
    return "\n".join(lines)


def render(plan: Plan, version: int | None = None) -> str:
    """Operations, then problems (which block an apply) and warnings (which do not)."""
    lines = [render_operations(plan)]
    if plan.problems:
        lines.append("\nProblems (the change cannot be applied until they are solved):")
        for problem in plan.problems:
            lines.append(f"  ✗ {problem.message}")
            if problem.records:
                shown = ", ".join(map(str, problem.records[:20]))
                more = problem.count - min(20, len(problem.records))
                lines.append(f"    records: {shown}" + (f" and {more} more" if more > 0 else ""))
    if plan.warnings:
        lines.append("\nWarnings:")
        lines.extend(f"  ! {w.message}" for w in plan.warnings)
    if version is not None and plan.operations and not plan.problems:
        lines.append(f"\nApplying it makes version {version + 1}.")
    return "\n".join(lines)
