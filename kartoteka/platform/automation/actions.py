"""What a rule does: a registry of actions, each run in the job's transaction.

Database actions (`create_record`, `set_field`, `render_document`) write through the record
layer as the system (user None), in the transaction that also marks the job done. `webhook`
queues a delivery job of its own (webhooks.py sends it after the commit, at least once).

String values are templates rendered in the sandbox with the record (`{{ record.client.id }}`),
then converted to the target field's type by the record layer; a relative date (`+3d`) counts
from when the event happened; "" is empty.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from kartoteka.platform.sandbox import TemplateProblem, record_context, render_text
from kartoteka.schema_engine import KartotekaError, records
from kartoteka.schema_engine.definition import DATE_TYPES, looks_relative, parse_offset
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import json_value


class ActionFailed(KartotekaError):
    """An action that cannot succeed as configured (retrying would not help); the message names
    the rule and where in it."""


@dataclass
class RuleRun:
    """One job's run of a rule for a record: what its actions read and what they leave."""

    conn: Connection
    model: AppModel
    rule: str
    entity: str
    record_id: int
    event: str
    #: When the event happened: relative dates count from here.
    at: dt.datetime
    now: dt.datetime
    #: Webhook actions, sent after the database actions: (url, the name of their secret).
    webhooks: list[tuple[str, str | None]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """The record as it is now (after the actions before this one)."""
        return records.get_record(self.conn, self.model, self.entity, self.record_id)

    def fail(self, where: str, problem: str) -> ActionFailed:
        return ActionFailed(f"rule {self.rule!r}, {where}: {problem}")


def value_for(run: RuleRun, target: str, name: str, raw: Any, where: str) -> Any:
    """The value an action writes to field `name` of `target`: rendered and converted."""
    if not isinstance(raw, str):
        return raw
    kind = run.model.field(target, name)["type"]
    if kind in DATE_TYPES and looks_relative(raw):
        offset = parse_offset(raw)
        if offset is None:
            raise run.fail(where, f"{raw!r} is not a relative date")
        moment = offset.after(run.at)
        return moment.date().isoformat() if kind == "date" else json_value(moment)
    context = {"record": record_context(run.conn, run.model, run.entity, run.record())}
    try:
        text = render_text(raw, context)
    except TemplateProblem as exc:
        raise run.fail(where, str(exc)) from None
    return None if text.strip() == "" else text


def _create_record(run: RuleRun, action: Mapping[str, Any], where: str) -> None:
    target = str(action["entity"])
    values = {name: value_for(run, target, name, raw, f"{where}.values.{name}")
              for name, raw in dict(action["values"]).items()}
    try:
        records.create_record(run.conn, run.model, target, values, user_id=None)
    except KartotekaError as exc:
        raise run.fail(where, f"the {target} could not be created: {exc}") from None


def _set_field(run: RuleRun, action: Mapping[str, Any], where: str) -> None:
    name = str(action["field"])
    value = value_for(run, run.entity, name, action["value"], f"{where}.value")
    try:
        records.update_record(run.conn, run.model, run.entity, run.record_id, {name: value},
                              user_id=None)
    except KartotekaError as exc:
        raise run.fail(where, f"{name} could not be set: {exc}") from None


def _render_document(run: RuleRun, action: Mapping[str, Any], where: str) -> None:
    try:
        from kartoteka.platform.documents import render_document
    except ImportError:
        raise run.fail(where, "documents cannot be rendered by this version") from None
    try:
        render_document(run.conn, run.model, run.entity, run.record_id, str(action["template"]),
                        user_id=None, at=run.now)
    except KartotekaError as exc:
        raise run.fail(where, f"the document {action['template']!r} failed: {exc}") from None


def _webhook(run: RuleRun, action: Mapping[str, Any], _where: str) -> None:
    secret_name = action.get("secret")
    run.webhooks.append((str(action["url"]).strip(), str(secret_name) if secret_name else None))


Action = Callable[[RuleRun, Mapping[str, Any], str], None]
ACTIONS: dict[str, Action] = {
    "create_record": _create_record,
    "set_field": _set_field,
    "render_document": _render_document,
    "webhook": _webhook,
}


def webhook_body(run: RuleRun) -> str:
    """The JSON a webhook of this run posts: the event, the entity and the record now."""
    return json.dumps({"event": run.event, "entity": run.entity, "record": run.record()},
                      ensure_ascii=False, separators=(",", ":"))
