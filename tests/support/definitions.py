"""Plain helpers the schema-engine tests share: write definitions, read and fill an app's tables.

The fixtures (`make_app`) are in tests/schema_engine/conftest.py. Test modules import these
functions as `from tests.support.definitions import ...`: pytest runs with
--import-mode=importlib, which leaves sys.path alone; the repository root is on it as the
current directory (`python -m pytest`) or through the editable install.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import Engine, insert, inspect, select

from kartoteka.schema_engine import ApplyResult, apply, current, history
from kartoteka.schema_engine.definition import Document, Entity, Field
from kartoteka.schema_engine.tables import app_metadata


class MakeApp(Protocol):
    """The `make_app` fixture: a fresh database initialized with `definition`."""

    def __call__(self, definition: Document, **connect_options: Any) -> Engine: ...


# ---------------------------------------------------------------- definitions


def field_def(name: str, type_: str, **settings: Any) -> Field:
    """A field with the id `fld_<name>`: `field_def("client", "link", to="client")`."""
    return {"id": f"fld_{name}", "name": name, "type": type_, **settings}


def entity_def(name: str, *fields: Field, **settings: Any) -> Entity:
    """An entity with the id `ent_<name>`: `entity_def("tag", field_def("label", "text"))`."""
    return {"id": f"ent_{name}", "name": name, **settings, "fields": list(fields)}


def every_field_type() -> Document:
    """An app with a field of every type (clients, deals, tags), for tests that compare answers
    across ways of reading (the fast paths on and off) on the engine and over HTTP."""
    return {"entities": [
        entity_def(
            "client",
            field_def("name", "text", required=True),
            field_def("email", "email"),
            field_def("phone", "phone"),
            field_def("website", "url"),
            field_def("notes", "long_text"),
            field_def("status", "select", options=[
                {"value": "lead", "label": "Lead", "color": "blue"}, "active", "vip"]),
            field_def("labels", "multi_select", options=["b2b", "b2c", "partner"]),
            field_def("code", "autonumber"),
            field_def("tags", "links", to="tag"),
            field_def("vip", "boolean"),
            field_def("contract", "file"),
            label="Client", plural="Clients", title_field="name"),
        entity_def(
            "deal",
            field_def("title", "text", required=True),
            field_def("amount", "money", currency="EUR"),
            field_def("rate", "decimal"),
            field_def("probability", "percent"),
            field_def("seats", "integer"),
            field_def("stage", "stage", options=["new", "won", "lost"], won=["won"],
                      lost=["lost"]),
            field_def("closes_on", "date"),
            field_def("signed_at", "datetime"),
            field_def("paid", "boolean"),
            field_def("manager", "user"),
            field_def("client", "link", to="client", inverse="deals"),
            field_def("parent", "link", to="deal"),
            label="Deal", plural="Deals", title_field="title"),
        entity_def("tag", field_def("label", "text"), label="Tag", plural="Tags"),
    ]}

def entity(doc: Document, name: str) -> Entity:
    return next(e for e in doc["entities"] if e["name"] == name)


def fields_of(doc: Document, entity_name: str) -> list[Field]:
    return entity(doc, entity_name)["fields"]


def field(doc: Document, entity_name: str, name: str) -> Field:
    return next(f for f in fields_of(doc, entity_name) if f["name"] == name)


def without_ids(doc: Document) -> Document:
    """A copy of `doc` as a person may write it: no entity or field ids."""
    doc = copy.deepcopy(doc)
    for e in doc["entities"]:
        e.pop("id")
        for f in e["fields"]:
            f.pop("id")
    return doc


# ---------------------------------------------------------------- the stored definition


def document(engine: Engine) -> Document:
    """The current stored definition."""
    with engine.connect() as conn:
        return current(conn).document


def versions(engine: Engine) -> list[int]:
    """The stored version numbers, newest first."""
    with engine.connect() as conn:
        return [v.version for v in history(conn)]


def edited(engine: Engine, edit: Callable[[Document], Any]) -> Document:
    """A copy of the current definition as `edit` changes it."""
    doc = copy.deepcopy(document(engine))
    edit(doc)
    return doc


def change(engine: Engine, edit: Callable[[Document], Any], **options: Any) -> ApplyResult:
    """Apply the current definition as `edit` changes it."""
    return apply(engine, edited(engine, edit), author="admin", **options)


# ---------------------------------------------------------------- tables


def add(engine: Engine, table: str, *rows: dict[str, Any]) -> None:
    """Insert rows through the typed tables of the current definition."""
    # Read before begin(): with a one-connection pool, reading inside would wait for itself.
    target = app_metadata(document(engine)).tables[table]
    with engine.begin() as conn:
        conn.execute(insert(target), list(rows))


def column_values(engine: Engine, table: str, name: str) -> dict[int, Any]:
    """id -> value of one column, read through the typed tables of the current definition."""
    t = app_metadata(document(engine)).tables[table]
    with engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(select(t.c.id, t.c[name]).order_by(t.c.id))}


def column(engine: Engine, table: str, name: str) -> list[Any]:
    """The values of one column, by record id."""
    return list(column_values(engine, table, name).values())


def columns(engine: Engine, table: str) -> list[str]:
    """The columns of a table, but for the hidden search columns (`kt_fold_...`) of text fields."""
    names = [c["name"] for c in inspect(engine).get_columns(table)]
    return [name for name in names if not name.startswith("kt_fold_")]


def indexes(engine: Engine, table: str) -> dict[str, tuple[tuple[str, ...], bool]]:
    """index name -> (its columns, whether it is unique)."""
    return {
        str(i["name"]): (tuple(i["column_names"]), bool(i["unique"]))
        for i in inspect(engine).get_indexes(table)
    }


# ---------------------------------------------------------------- a change of every kind


def retype_score(doc: Document) -> Document:
    """`client.score` made an integer: a retype, so a table rebuild on SQLite."""
    doc = copy.deepcopy(doc)
    field(doc, "client", "score")["type"] = "integer"
    return doc


def big_change(doc: Document) -> Document:
    """Rename, add, retype (a rebuild on SQLite), trash: DDL of every kind, then an index.

    For the app of test_sqlite_pitfalls.py (clients, then deals); its child process, which an
    apply is killed in, imports it from here."""
    doc = retype_score(doc)
    field(doc, "client", "name")["name"] = "full_name"
    doc["entities"][0]["fields"].append({"name": "since", "type": "date"})
    doc["entities"][1]["name"] = "opportunity"
    doc["entities"][1]["fields"].pop(0)
    return doc
