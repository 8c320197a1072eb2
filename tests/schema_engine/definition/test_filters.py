"""The one reading of the JSON filter grammar: the tree, and every problem at its path."""

from __future__ import annotations

from typing import Any

import pytest

from kartoteka.schema_engine import check_definition
from kartoteka.schema_engine.definition import (
    Branch,
    ConditionError,
    Leaf,
    Negation,
    parse_filter,
)

WON = {"field": "stage", "op": "eq", "value": "won"}


def test_a_filter_reads_as_a_tree_of_conditions_with_their_paths() -> None:
    parsed = parse_filter({"or": [WON, {"not": {"field": "amount", "value": 5}}]})
    assert parsed.problems == []
    assert parsed.tree == Branch("or", (
        Leaf("stage", "eq", "won", "$.or[0]"),
        Negation(Leaf("amount", "eq", 5, "$.or[1].not"), "$.or[1]"),
    ), "$")


def _nested(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = WON
    for _ in range(depth):
        node = {"not": node}
    return node


@pytest.mark.parametrize("data, problems", [
    ([WON], [("$", "a filter is an object")]),
    ({"and": WON}, [("$.and", "'and' takes a list of conditions")]),
    ({"or": []}, [("$.or", "an 'or' group needs at least one condition")]),
    ({"and": [WON], "or": [WON]}, [("$", "a 'and' group takes nothing else (found: or)")]),
    ({"field": "stage", "op": "eq", "valu": 1}, [("$", "unknown key 'valu'")]),
    ({"op": "eq", "value": 1}, [("$", "field is missing")]),
    ({"field": "stage", "op": 3, "value": 1}, [("$.op", "op must be an operator name, not 3")]),
    ({"field": "stage"}, [("$", "the condition on stage has no value")]),
    (_nested(21), [("$" + ".not" * 21, "filter groups nest at most 20 deep")]),
    # Every problem, in document order, not only the first.
    ({"and": [{"field": 1}, WON, {"or": "x"}, {"not": 5}]},
     [("$.and[0]", "field is missing"), ("$.and[2].or", "takes a list"),
      ("$.and[3].not", "a filter is an object")]),
])
def test_every_problem_is_said_at_its_path(data: Any, problems: list[tuple[str, str]]) -> None:
    found = parse_filter(data).problems
    assert [p.at for p in found] == [at for at, _ in problems]
    assert all(said in p.message for p, (_, said) in zip(found, problems, strict=True))


def test_a_check_makes_the_conditions_its_own_and_names_the_key_it_refuses() -> None:
    def check(leaf: Leaf) -> str:
        if leaf.field == "nope":
            raise ConditionError("no such field", "field")
        return f"{leaf.field} {leaf.op} {leaf.value}"

    parsed = parse_filter({"and": [WON, {"field": "nope", "value": 1}]}, check)
    assert parsed.tree == Branch("and", ("stage eq won",), "$")
    assert [(p.at, p.message) for p in parsed.problems] == [("$.and[1].field", "no such field")]


def _with(place: str, data: Any) -> list[tuple[str, str]]:
    doc: dict[str, Any] = {"entities": [{"id": "e", "name": "deal", "fields": [
        {"id": "f1", "name": "title", "type": "text"},
        {"id": "f2", "name": "amount", "type": "integer"}]}]}
    if place == "view":
        doc["views"] = [{"id": "v", "name": "V", "entity": "deal", "filter": data}]
    else:
        doc["automations"] = [{"name": "r", "entity": "deal", "when": {"event": "created"},
                               "if": data, "do": []}]
    return [(e.path, e.message) for e in check_definition(doc)]


@pytest.mark.parametrize("place, root", [("view", "$.views[0].filter"),
                                         ("rule", "$.automations[0].if")])
def test_views_and_rules_say_every_problem_of_their_filter_where_it_is(place: str,
                                                                       root: str) -> None:
    found = [(path, message) for path, message in _with(place, {"or": [
        {"field": "amount", "op": "contains", "value": "1"}, {"and": "title"}]})
        if path.startswith(root)]
    assert [path for path, _ in found] == [
        root + ".or[0]" + (".op" if place == "view" else ""), root + ".or[1].and"]
    assert "'and' takes a list of conditions" in found[1][1]
