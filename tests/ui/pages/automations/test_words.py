"""Rules said in words show option labels, not the values stored."""

from __future__ import annotations

from typing import Any

import pytest

from kartoteka.schema_engine.model import AppModel
from kartoteka.ui.pages.automations.words import describe_rule

DEFINITION: dict[str, Any] = {"entities": [{
    "name": "client", "label": "Client", "plural": "Clients", "title_field": "name",
    "fields": [
        {"name": "name", "type": "text"},
        {"name": "tags", "label": "Tags", "type": "multi_select",
         "options": [{"value": "vip", "label": "Very important"}, "cold"]},
    ]}]}


@pytest.mark.parametrize("value, said", [
    ("vip", "set Tags to Very important"),
    (["vip", "cold"], "set Tags to Very important, cold"),
])
def test_a_rule_setting_a_multi_select_field_shows_the_options_label(value: Any,
                                                                      said: str) -> None:
    rule = {"entity": "client", "when": {"event": "created"},
            "do": [{"action": "set_field", "field": "tags", "value": value}]}
    assert describe_rule(AppModel(DEFINITION, 1), rule).actions == [said]


@pytest.mark.parametrize("due, said", [
    ("+3d", "create a Client “Ann” due in 3 days"),
    ("-2h", "create a Client “Ann” due 2 hours before"),
    # Without a sign the engine takes the value as written, and so do the words.
    ("3d", "create a Client “Ann”"),
])
def test_a_due_date_is_said_as_the_engine_reads_it(due: str, said: str) -> None:
    tasks = {**DEFINITION["entities"][0], "role": "task", "due_field": "due",
             "fields": [*DEFINITION["entities"][0]["fields"], {"name": "due", "type": "date"}]}
    rule = {"entity": "client", "when": {"event": "created"},
            "do": [{"action": "create_record", "entity": "client",
                    "values": {"name": "Ann", "due": due}}]}
    assert describe_rule(AppModel({"entities": [tasks]}, 1), rule).actions == [said]
