"""The templates a new app starts from: the exact names of issue 3, valid, and real tables.

Outside checks read the tables `client`, `deal`, `task` (and the trading ones) by these names, so
the names are asserted literally here.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect

from kartoteka.platform.templates import TEMPLATES, load_template
from kartoteka.schema_engine import KartotekaError, connect, initialize, validate_definition
from kartoteka.schema_engine.definition import Document, Entity, Field

REPOSITORY = Path(__file__).resolve().parents[2]
SYSTEM_COLUMNS = {"id", "created_at", "updated_at", "created_by", "updated_by", "owner",
                  "version", "deleted_at"}

#: Entity -> field -> type, exactly as issue 3 section 5 names them.
CRM_FIELDS = {
    "client": {"name": "text", "email": "email", "phone": "phone", "city": "text",
               "status": "select"},
    "deal": {"title": "text", "amount": "money", "stage": "stage", "client": "link",
             "close_date": "date"},
    "task": {"title": "text", "due": "datetime", "done": "boolean", "assignee": "user",
             "client": "link", "deal": "link"},
}
TRADING_FIELDS = {
    **CRM_FIELDS,
    "supplier": {"name": "text", "email": "email", "phone": "phone", "city": "text",
                 "country": "text"},
    "product": {"name": "text", "sku": "text", "price": "money", "supplier": "link"},
    "logistics_company": {"name": "text", "phone": "phone", "email": "email"},
    "document": {"title": "text", "kind": "select", "number": "autonumber", "signed_on": "date",
                 "supplier": "link", "client": "link", "deal": "link", "products": "links"},
}
#: (entity, link field) -> (target, inverse name): what a record card lists, and under which name.
LINKS = {
    ("deal", "client"): ("client", "deals"),
    ("task", "client"): ("client", "tasks"),
    ("task", "deal"): ("deal", "tasks"),
    ("product", "supplier"): ("supplier", "products"),
    ("document", "supplier"): ("supplier", "documents"),
    ("document", "client"): ("client", "documents"),
    ("document", "deal"): ("deal", "documents"),
    ("document", "products"): ("product", "documents"),
}


def entity(doc: Document, name: str) -> Entity:
    return next(e for e in doc["entities"] if e["name"] == name)


def field(doc: Document, entity_name: str, name: str) -> Field:
    return next(f for f in entity(doc, entity_name)["fields"] if f["name"] == name)


def options(f: Field) -> list[Any]:
    return [(o["value"], o.get("probability")) if isinstance(o, dict) else (o, None)
            for o in f["options"]]


# ---------------------------------------------------------------- loading


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_is_a_valid_definition(name: str) -> None:
    doc = load_template(name)
    assert validate_definition(doc) is doc


def test_the_empty_template_has_no_entities() -> None:
    assert load_template("empty") == {"entities": []}


@pytest.mark.parametrize("name", TEMPLATES)
def test_each_load_is_a_fresh_copy(name: str) -> None:
    first = load_template(name)
    first["entities"].append({"name": "scratch", "fields": []})
    assert load_template(name) != first


def test_an_unknown_template_is_refused_with_the_valid_names() -> None:
    with pytest.raises(KartotekaError, match=r"'crn'.*crm, trading, empty"):
        load_template("crn")


def test_templates_are_the_json_files_in_examples() -> None:
    shipped = {p.stem for p in (REPOSITORY / "examples").glob("*.json")}
    assert {"crm", "trading"} <= shipped
    assert set(TEMPLATES) == {"crm", "trading", "empty"}


@pytest.mark.slow
def test_an_installed_wheel_loads_templates_without_the_repository(tmp_path: Path) -> None:
    """`--template crm` works from an installed package: the wheel carries kartoteka/examples."""
    built = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=REPOSITORY, capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("kartoteka-*.whl"))
    installed = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        assert {"kartoteka/examples/crm.json", "kartoteka/examples/trading.json"} <= set(
            archive.namelist()
        )
        archive.extractall(installed)
    script = (
        "import kartoteka; from kartoteka.platform.templates import load_template; "
        "print(kartoteka.__file__); print(len(load_template('trading')['entities']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"}, check=False,
    )
    assert run.returncode == 0, run.stderr
    package_file, entity_count = run.stdout.split()
    assert Path(package_file).is_relative_to(installed)  # not the repository's copy
    assert int(entity_count) == len(load_template("trading")["entities"])


# ---------------------------------------------------------------- exact names


@pytest.mark.parametrize(("name", "expected"), [("crm", CRM_FIELDS), ("trading", TRADING_FIELDS)])
def test_entities_and_fields_have_the_issue_names_and_types(
    name: str, expected: dict[str, dict[str, str]]
) -> None:
    doc = load_template(name)
    assert [e["name"] for e in doc["entities"]][: len(expected)] == list(expected)
    for entity_name, fields in expected.items():
        actual = {f["name"]: f["type"] for f in entity(doc, entity_name)["fields"]}
        assert fields.items() <= actual.items(), entity_name


@pytest.mark.parametrize("name", ["crm", "trading"])
def test_client_fields_as_the_issue_says(name: str) -> None:
    doc = load_template(name)
    assert field(doc, "client", "name")["required"] is True
    assert field(doc, "client", "email")["unique"] is True
    assert [o for o, _ in options(field(doc, "client", "status"))] == [
        "lead", "active", "vip", "lost"
    ]
    assert entity(doc, "client")["title_field"] == "name"


@pytest.mark.parametrize("name", ["crm", "trading"])
def test_deal_stages_carry_probabilities_and_won_lost(name: str) -> None:
    doc = load_template(name)
    stage = field(doc, "deal", "stage")
    assert options(stage) == [("new", 10), ("qualified", 25), ("proposal", 50),
                              ("negotiation", 75), ("won", 100), ("lost", 0)]
    assert (stage["won"], stage["lost"], stage["default"]) == (["won"], ["lost"], "new")
    assert field(doc, "deal", "title")["required"] is True


@pytest.mark.parametrize("name", ["crm", "trading"])
def test_task_declares_its_role_fields(name: str) -> None:
    task = entity(load_template(name), "task")
    assert task["role"] == "task"
    assert task["timeline"] is True
    assert (task["due_field"], task["done_field"], task["assignee_field"]) == (
        "due", "done", "assignee"
    )
    assignee = next(f for f in task["fields"] if f["name"] == "assignee")
    assert assignee["default"] == "$me"


@pytest.mark.parametrize(("source", "link"), list(LINKS))
def test_links_point_at_their_target_with_the_inverse_name(source: str, link: str) -> None:
    f = field(load_template("trading"), source, link)
    assert (f["to"], f["inverse"]) == LINKS[(source, link)]


def test_crm_links_deals_to_clients_as_deals() -> None:
    f = field(load_template("crm"), "deal", "client")
    assert (f["type"], f["to"], f["inverse"]) == ("link", "client", "deals")


def test_trading_contains_crm_unchanged_and_in_order() -> None:
    crm, trading = load_template("crm"), load_template("trading")
    assert trading["entities"][: len(crm["entities"])] == crm["entities"]


def test_trading_document_fields() -> None:
    doc = load_template("trading")
    assert [o for o, _ in options(field(doc, "document", "kind"))] == [
        "contract", "invoice", "waybill"
    ]
    assert field(doc, "document", "products")["type"] == "links"
    assert entity(doc, "document")["title_field"] == "title"
    assert field(doc, "product", "sku")["unique"] is True
    assert field(doc, "product", "price")["currency"] == "USD"
    for name in ("supplier", "product", "logistics_company", "document"):
        title = entity(doc, name)["title_field"]
        assert field(doc, name, title)["required"] is True


@pytest.mark.parametrize("name", ["crm", "trading"])
def test_every_entity_and_field_has_a_label(name: str) -> None:
    for e in load_template(name)["entities"]:
        assert e["label"] and e["plural"] and e["plural"] != e["label"], e["name"]
        unlabelled = [f["name"] for f in e["fields"] if not f.get("label")]
        assert unlabelled == [], e["name"]


# ---------------------------------------------------------------- real tables


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = connect(db_url)
    yield engine
    engine.dispose()


def expected_columns(doc: Document, entity_name: str) -> set[str]:
    fields = entity(doc, entity_name)["fields"]
    return SYSTEM_COLUMNS | {f["name"] for f in fields if f["type"] != "links"}


@pytest.mark.parametrize("name", TEMPLATES)
def test_each_template_initializes_into_tables_named_as_the_definition(
    engine: Engine, name: str
) -> None:
    doc = load_template(name)
    result = initialize(engine, doc, author="test")
    assert result.version == 1
    inspector = inspect(engine)
    tables = set(inspector.get_table_names())
    for e in doc["entities"]:
        assert e["name"] in tables
        columns = {c["name"] for c in inspector.get_columns(e["name"])}
        assert expected_columns(doc, e["name"]) <= columns, e["name"]


@pytest.mark.parametrize("name", ["crm", "trading"])
def test_link_columns_are_foreign_keys_to_the_target_id(engine: Engine, name: str) -> None:
    doc = load_template(name)
    initialize(engine, doc, author="test")
    inspector = inspect(engine)
    for e in doc["entities"]:
        keys = {(tuple(k["constrained_columns"]), k["referred_table"], tuple(k["referred_columns"]))
                for k in inspector.get_foreign_keys(e["name"])}
        for f in e["fields"]:
            if f["type"] == "link":
                assert ((f["name"],), f["to"], ("id",)) in keys, (e["name"], f["name"])


def test_trading_products_of_a_document_are_a_junction_table(engine: Engine) -> None:
    initialize(engine, load_template("trading"), author="test")
    inspector = inspect(engine)
    columns = {c["name"] for c in inspector.get_columns("document__products")}
    assert columns == {"document_id", "product_id"}
    keys = {(k["constrained_columns"][0], k["referred_table"])
            for k in inspector.get_foreign_keys("document__products")}
    assert keys == {("document_id", "document"), ("product_id", "product")}


def test_client_email_is_a_unique_index(engine: Engine) -> None:
    initialize(engine, load_template("crm"), author="test")
    indexes = inspect(engine).get_indexes("client")
    # On the email's key: 'DUP@x.com' and 'dup@x.com' are one email (kt_key_<field id>).
    assert any(ix["unique"] and ix["column_names"][0].startswith("kt_key_") for ix in indexes)
