"""Automation rules in the app definition: each mistake refused with its path, all at once."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from kartoteka.platform import install_hooks
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine import check_definition
from kartoteka.schema_engine.definition.automations import parse_offset
from tests.support.automation import crm_with


@pytest.fixture(autouse=True)
def _template_check() -> None:
    install_hooks()  # automation values are checked as the app checks them

GOOD = {
    "name": "Follow up on proposals", "entity": "deal",
    "when": {"event": "stage_entered", "field": "stage", "value": "proposal"},
    "if": {"field": "amount", "op": "gt", "value": 1000},
    "do": [{"action": "create_record", "entity": "task",
            "values": {"title": "Follow up on {{ record.title }}", "due": "+3d",
                       "deal": "{{ record.id }}", "client": "{{ record.client.id }}"}},
           {"action": "set_field", "field": "close_date", "value": "+1M"},
           {"action": "render_document", "template": "proposal"},
           {"action": "webhook", "url": "https://example.com/hook", "secret": "s3cret"}],
}


def errors_of(rule: dict[str, Any]) -> dict[str, str]:
    return {e.path: e.message for e in check_definition(crm_with([rule]))}


def changed(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    rule = copy.deepcopy(GOOD)
    target: Any = rule
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return rule


def test_a_good_rule_and_the_crm_template_pass() -> None:
    assert errors_of(GOOD) == {}
    assert check_definition(load_template("crm")) == []


@pytest.mark.parametrize(("path", "value", "where", "says"), [
    (("entity",), "dael", "$.automations[0].entity", "did you mean 'deal'"),
    (("when", "event"), "stage_changed", "$.automations[0].when.event", "stage_entered"),
    (("when", "field"), "stag", "$.automations[0].when.field", "not a field of 'deal'"),
    (("when", "field"), "title", "$.automations[0].when.field", "needs a stage field"),
    (("when", "value"), "propsal", "$.automations[0].when.value", "did you mean 'proposal'"),
    (("if",), {"field": "amout", "op": "gt", "value": 1}, "$.automations[0].if",
     "unknown field 'amout'"),
    (("if",), {"field": "amount", "op": "gt", "value": "lots"}, "$.automations[0].if",
     "not a number"),
    (("do", 0, "action"), "send_email", "$.automations[0].do[0].action", "create_record"),
    (("do", 0, "entity"), "taks", "$.automations[0].do[0].entity", "did you mean 'task'"),
    (("do", 0, "values", "dew"), "+3d", "$.automations[0].do[0].values.dew",
     "not a field of 'task'"),
    (("do", 0, "values", "due"), "+3 days", "$.automations[0].do[0].values.due",
     "not a relative date"),
    (("do", 0, "values", "done"), "+3d", "$.automations[0].do[0].values.done",
     "relative dates go to date and datetime fields"),
    (("do", 0, "values", "title"), "{{ record.title ", "$.automations[0].do[0].values.title",
     "the template has an error on line 1"),
    (("do", 0, "values", "done"), "maybe", "$.automations[0].do[0].values.done",
     "not yes or no"),
    (("do", 1, "field"), "closing", "$.automations[0].do[1].field", "not a field of 'deal'"),
    (("do", 2, "template"), "invoice", "$.automations[0].do[2].template",
     "no document template 'invoice'"),
    (("do", 3, "url"), "ftp://example.com/x", "$.automations[0].do[3].url", "http or https"),
    (("do", 3, "url"), "example.com/hook", "$.automations[0].do[3].url", "http or https"),
])
def test_each_mistake_is_refused_with_its_path(path: tuple[Any, ...], value: Any, where: str,
                                               says: str) -> None:
    found = errors_of(changed(path, value))
    assert where in found, found
    assert says in found[where]


def test_every_mistake_at_once() -> None:
    rule = changed(("entity",), "deal")
    rule["when"] = {"event": "date_reached", "field": "title", "offset": "1d", "value": "x"}
    rule["do"] = [{"action": "webhook"}, {"action": "set_field", "field": "stage"}]
    found = errors_of(rule)
    assert set(found) >= {
        "$.automations[0].when.field", "$.automations[0].when.offset",
        "$.automations[0].when.value", "$.automations[0].do[0]", "$.automations[0].do[1]",
    }
    assert "date or datetime field: choose one of close_date" in found[
        "$.automations[0].when.field"]
    assert "needs 'url'" in found["$.automations[0].do[0]"]


def test_rule_names_are_unique_and_keys_must_fit_the_event() -> None:
    doc = crm_with([GOOD, {**GOOD, "when": {"event": "created", "field": "stage"}}])
    found = {e.path: e.message for e in check_definition(doc)}
    assert "already a rule named" in found["$.automations[1].name"]
    assert "does not apply to the event 'created'" in found["$.automations[1].when.field"]


def test_a_button_needs_a_label() -> None:
    found = errors_of(changed(("when",), {"event": "button"}))
    assert "needs 'label'" in found["$.automations[0].when"]


@pytest.mark.parametrize(("text", "moment"), [
    ("+3d", dt.datetime(2025, 2, 3, 9, 30, tzinfo=dt.UTC)),
    ("-1w", dt.datetime(2025, 1, 24, 9, 30, tzinfo=dt.UTC)),
    ("+90m", dt.datetime(2025, 1, 31, 11, 0, tzinfo=dt.UTC)),
    ("+2h", dt.datetime(2025, 1, 31, 11, 30, tzinfo=dt.UTC)),
    ("+1M", dt.datetime(2025, 2, 28, 9, 30, tzinfo=dt.UTC)),
    ("+1y", dt.datetime(2026, 1, 31, 9, 30, tzinfo=dt.UTC)),
    ("-2M", dt.datetime(2024, 11, 30, 9, 30, tzinfo=dt.UTC)),
])
def test_relative_dates(text: str, moment: dt.datetime) -> None:
    offset = parse_offset(text)
    assert offset is not None
    assert offset.after(dt.datetime(2025, 1, 31, 9, 30, tzinfo=dt.UTC)) == moment


@pytest.mark.parametrize("text", ["3d", "+3", "+d", "+3x", "+ 3d", "tomorrow", ""])
def test_not_relative_dates(text: str) -> None:
    assert parse_offset(text) is None
