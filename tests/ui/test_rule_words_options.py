"""A rule's words show an option by its label, for every type with options (multi_select too)."""

from __future__ import annotations

import pytest

from kartoteka.schema_engine.model import AppModel
from kartoteka.ui.pages.automations.words import describe_rule

OPTIONS = [{"value": "vip", "label": "Very important"}, "plain"]
DEAL = {"name": "deal", "label": "Deal", "fields": [
    {"id": "f1", "name": "title", "type": "text"},
    {"id": "f2", "name": "kind", "type": "select", "options": OPTIONS},
    {"id": "f3", "name": "tags", "type": "multi_select", "options": OPTIONS},
]}


@pytest.mark.parametrize("field", ["kind", "tags"])
def test_a_set_option_is_named_by_its_label(field: str) -> None:
    model = AppModel({"entities": [{"id": "e1", **DEAL}]}, 1, "sqlite")
    rule = {"entity": "deal", "when": {"event": "created"},
            "do": [{"action": "set_field", "field": field, "value": "vip"}]}
    [action] = describe_rule(model, rule).actions
    assert "Very important" in action and "vip" not in action
