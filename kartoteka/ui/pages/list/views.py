"""Saved views of a list: its columns, filter and sort under a name.

Personal views are rows of `kt_view` (user data, not part of the app definition). An admin may
share one: it is copied into the definition's `views` and applied through the schema engine like
any definition change (a change outside `entities` plans zero DDL), so every user sees it and
it travels with an export of the app. A view, personal or shared, has the shape of a shared view:

    {"id": "view_3fa2c1d0", "name": "Big deals", "entity": "deal",
     "columns": ["title", "amount"], "filter": {"field": "amount", "op": "gt", "value": "5000"},
     "sort": ["-amount"]}

In a list's URL a view is its columns, filter and sort as the list reads them, plus `view=` with
its key (`mine-12` for a personal view, the shared view's id) so the switcher shows which one.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, delete, insert, select

from kartoteka import schema_engine as se
from kartoteka.platform.tables import VIEWS
from kartoteka.schema_engine.definition import Document
from kartoteka.schema_engine.definition import View as ViewDefinition
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import parse_id
from kartoteka.ui.i18n import gettext, label
from kartoteka.ui.pages.list import filters

#: Longest view name kept.
MAX_NAME = 200
#: Prefix of a personal view's key in URLs.
MINE = "mine-"

Params = list[tuple[str, str]]


@dataclass(frozen=True)
class View:
    """A saved view: `key` names it in URLs; `shared` ones live in the app definition."""

    key: str
    name: str
    #: The keys of a shared view of the definition (`spec_of` makes them for personal ones).
    spec: Mapping[str, Any]
    shared: bool


def spec_of(entity: str, name: str, params: Sequence[tuple[str, str]],
            columns: Sequence[str]) -> dict[str, Any]:
    """The view of a list as it is shown: `params` its URL (already checked by running it)."""
    spec: dict[str, Any] = {"name": name, "entity": entity, "columns": list(columns)}
    node = filters.to_json(filters.from_params(params))
    if node is not None:
        spec["filter"] = node
    sort = dict(params).get("sort")
    if sort:
        spec["sort"] = [s.strip() for s in sort.split(",") if s.strip()]
    return spec


def params_of(view: View) -> Params:
    """The list's URL of a view (its key last, for the switcher)."""
    spec = view.spec
    found: Params = []
    if spec.get("columns"):
        found.append(("columns", ",".join(spec["columns"])))
    found += filters.to_params(filters.from_json(spec.get("filter")))
    if spec.get("sort"):
        found.append(("sort", ",".join(spec["sort"])))
    return [*found, ("view", view.key)]


def clean_name(text: str) -> str:
    """A view's name as kept: spaces folded, at most `MAX_NAME` characters."""
    return " ".join(text.split())[:MAX_NAME]


# ---------------------------------------------------------------- personal views


def personal_views(conn: Connection, user_id: int, entity: str) -> list[View]:
    """The user's own views of `entity`, by name."""
    rows = conn.execute(
        select(VIEWS.c.id, VIEWS.c.name, VIEWS.c.spec)
        .where(VIEWS.c.user_id == user_id, VIEWS.c.entity == entity)
    ).all()
    views = [View(f"{MINE}{row.id}", row.name, json.loads(row.spec), False) for row in rows]
    return sorted(views, key=lambda v: (v.name.casefold(), v.key))


def save_personal(conn: Connection, user_id: int, spec: dict[str, Any]) -> View:
    """Keep `spec` as a view of the user's."""
    number = conn.execute(insert(VIEWS).values(
        user_id=user_id, entity=spec["entity"], name=spec["name"],
        spec=json.dumps(spec, ensure_ascii=False), created_at=dt.datetime.now(dt.UTC),
    ).returning(VIEWS.c.id)).scalar_one()
    return View(f"{MINE}{number}", spec["name"], spec, False)


def delete_personal(conn: Connection, user_id: int, key: str) -> bool:
    """Delete one of the user's views; False when it is not theirs (or not there)."""
    number = _personal_number(key)
    if number is None:
        return False
    done = conn.execute(delete(VIEWS).where(VIEWS.c.id == number, VIEWS.c.user_id == user_id))
    return done.rowcount > 0


def _personal_number(key: str) -> int | None:
    text = key.removeprefix(MINE)
    return parse_id(text) if key.startswith(MINE) else None


# ---------------------------------------------------------------- shared views


def shared_views(model: AppModel, entity: str) -> list[View]:
    """The views of `entity` in the app definition, in its order."""
    return [View(str(v["id"]), label(v.get("name"), str(v["id"])), v, True)
            for v in model.doc.get("views", []) if v.get("entity") == entity and "id" in v]


def find_view(conn: Connection, model: AppModel, user_id: int, entity: str,
              key: str) -> View | None:
    """The view `key` of `entity` that this user may see."""
    views = [*personal_views(conn, user_id, entity), *shared_views(model, entity)]
    return next((v for v in views if v.key == key), None)


def with_shared(doc: Document, view: View) -> Document:
    """The definition with a copy of `view` in its `views`, under a new id."""
    new = copy.deepcopy(doc)
    shared = cast(ViewDefinition, {"id": f"view_{secrets.token_hex(4)}",
                                   **{k: v for k, v in view.spec.items() if k != "id"}})
    new["views"] = [*new.get("views", []), shared]
    return new


def without_shared(doc: Document, view_id: str) -> Document:
    new = copy.deepcopy(doc)
    new["views"] = [v for v in new.get("views", []) if v.get("id") != view_id]
    return new


def apply_views(engine: Engine, doc: Document, base_version: int, author: str,
                summary: str) -> None:
    """Apply a definition whose change is in `views` (zero DDL), as PUT /api/schema does."""
    se.apply(engine, doc, author=author, summary=summary, base_version=base_version,
             build_indexes=False)


def share_summary(view: View) -> str:
    return gettext("Share the view “%(name)s”", name=view.name)


def unshare_summary(view: View) -> str:
    return gettext("Stop sharing the view “%(name)s”", name=view.name)
