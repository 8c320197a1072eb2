"""Sample data: realistic, mixed alphabets, linked, unique e-mails, the same for the same seed."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, insert, select, text

from kartoteka.platform.automation.jobs import paused
from kartoteka.platform.demo import describe_counts
from kartoteka.platform.demo import load_sample_data as load_unpaused
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine import KartotekaError, connect, current, initialize
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.store import USERS
from kartoteka.schema_engine.tables import app_metadata

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
EMAIL = re.compile(r"[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+")
PHONE = re.compile(r"\+\d{1,3}( [\d\-]+)+")
TODAY = dt.date(2026, 11, 23)


def load_sample_data(conn: Connection, doc: Document, **options: Any) -> dict[str, int]:
    """As `kartoteka demo` loads them: with automations paused. (Another test of this process
    may have installed the automation listener; these databases have no job table.)"""
    with paused(conn):
        return load_unpaused(conn, doc, **options)

App = tuple[Engine, Document, int]
Build = Callable[..., App]
MakeApp = Callable[..., App]


@pytest.fixture
def build() -> Iterator[Build]:
    """Factory: an app at a URL from a template (or a definition) with one user and sample data."""
    engines: list[Engine] = []

    def make(url: str, template: str | Document = "crm", **options: Any) -> App:
        engine = connect(url)
        engines.append(engine)
        doc = load_template(template) if isinstance(template, str) else template
        initialize(engine, doc, author="test")
        with engine.begin() as conn:
            user_id = conn.execute(
                insert(USERS).values(email="olga@example.com", name="Ольга").returning(USERS.c.id)
            ).scalar_one()
            stored = current(conn).document
            options.setdefault("today", TODAY)
            load_sample_data(conn, stored, user_id=user_id, **options)
        return engine, stored, user_id

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def make_app(db_url: str, build: Build) -> MakeApp:
    """Factory: a fresh app on SQLite and on PostgreSQL (the `db_url` the test runs with)."""
    return functools.partial(build, db_url)


def rows(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(sql)))


def records(engine: Engine, doc: Document, entity: str) -> list[Any]:
    """An entity's rows with typed values (dates as dates), read through its table definition."""
    table = app_metadata(doc).tables[entity]
    with engine.connect() as conn:
        return list(conn.execute(select(table).order_by(table.c.id)))


def column(engine: Engine, sql: str) -> list[Any]:
    return [row[0] for row in rows(engine, sql)]


def utc_day(moment: dt.datetime) -> dt.date:
    """The UTC date of a stored time (PostgreSQL returns it in the session's time zone)."""
    return (moment.astimezone(dt.UTC) if moment.tzinfo else moment).date()


# ---------------------------------------------------------------- how much, and what it says


def test_crm_gets_clients_deals_and_tasks(db_url: str) -> None:
    engine = connect(db_url)
    try:
        initialize(engine, load_template("crm"), author="test")
        with engine.begin() as conn:
            doc = current(conn).document
            counts = load_sample_data(conn, doc)
        assert counts == {"client": 60, "deal": 150, "task": 80}
        assert column(engine, "SELECT count(*) FROM deal") == [150]
        assert describe_counts(counts, doc).splitlines() == [
            "   60 clients", "  150 deals", "   80 tasks"
        ]
    finally:
        engine.dispose()


def test_trading_gets_suppliers_products_carriers_and_documents(make_app: MakeApp) -> None:
    engine, doc, _ = make_app("trading")
    counts = {e["name"]: column(engine, f"SELECT count(*) FROM {e['name']}")[0]
              for e in doc["entities"]}
    assert counts == {"client": 60, "deal": 150, "task": 80, "supplier": 20, "product": 40,
                      "logistics_company": 8, "document": 80}


def test_scale_multiplies_every_count(make_app: MakeApp) -> None:
    engine, _, _ = make_app("crm", scale=2)
    assert column(engine, "SELECT count(*) FROM client") == [120]
    assert column(engine, "SELECT count(*) FROM task") == [160]


def test_describe_counts_uses_labels_and_keeps_acronyms() -> None:
    doc = load_template("trading")
    doc["entities"][0]["plural"] = "VIP clients"
    lines = describe_counts({"client": 2, "logistics_company": 12, "supplier": 1}, doc)
    assert lines.splitlines() == ["   2 VIP clients", "   1 supplier", "  12 logistics companies"]


# ---------------------------------------------------------------- realistic


def test_names_mix_latin_cyrillic_and_chinese(make_app: MakeApp) -> None:
    engine, _, _ = make_app("crm")
    names = column(engine, "SELECT name FROM client")
    assert len(set(names)) == len(names) == 60
    assert sum(bool(CYRILLIC.search(n)) for n in names) >= 5
    assert sum(bool(CHINESE.search(n)) for n in names) >= 5
    assert any(n.startswith("ООО «") for n in names)
    assert any(n.startswith(("PT ", "CV ")) for n in names)
    assert any(n.endswith(("SRL", "SA")) for n in names)
    assert any(n.endswith(("Ltd", "plc")) for n in names)
    assert any(re.fullmatch(r"[А-Я][а-я]+ [А-Я][а-я]+", n) for n in names)  # a person, too


def test_every_email_is_valid_and_unique(make_app: MakeApp) -> None:
    engine, _, _ = make_app("trading")
    emails = [e for table in ("client", "supplier", "logistics_company")
              for e in column(engine, f"SELECT email FROM {table}")]
    assert len(emails) == 88
    assert [e for e in emails if not EMAIL.fullmatch(e)] == []
    assert [e for e, n in Counter(emails).items() if n > 1] == []


def test_phones_look_like_international_numbers(make_app: MakeApp) -> None:
    engine, _, _ = make_app("crm")
    phones = column(engine, "SELECT phone FROM client")
    assert [p for p in phones if not PHONE.fullmatch(p)] == []
    assert {p.split()[0] for p in phones} == {"+7", "+40", "+62", "+86", "+44"}


def test_deals_cover_every_stage_with_amounts_and_close_dates(make_app: MakeApp) -> None:
    engine, doc, _ = make_app("crm")
    deals = records(engine, doc, "deal")
    stages = {"new", "qualified", "proposal", "negotiation", "won", "lost"}
    assert {d.stage for d in deals} == stages
    assert all(d.amount > 0 and d.close_date is not None for d in deals)
    closed = [d.close_date for d in deals if d.stage in ("won", "lost")]
    assert all(day < TODAY for day in closed)


def test_tasks_are_overdue_due_today_upcoming_or_done(make_app: MakeApp) -> None:
    engine, doc, user_id = make_app("crm")
    tasks = records(engine, doc, "task")
    open_days = [utc_day(t.due) for t in tasks if not t.done]
    assert any(day < TODAY for day in open_days)
    assert any(day == TODAY for day in open_days)
    assert any(day > TODAY for day in open_days)
    assert any(t.done for t in tasks)
    assert {t.assignee for t in tasks} == {user_id}


def test_due_dates_follow_the_real_today_by_default(db_url: str) -> None:
    engine = connect(db_url)
    try:
        initialize(engine, load_template("crm"), author="test")
        with engine.begin() as conn:
            doc = current(conn).document
            load_sample_data(conn, doc)
        today = dt.datetime.now(dt.UTC).date()
        tasks = records(engine, doc, "task")
        assert today in [utc_day(t.due) for t in tasks if not t.done]
        assert {t.assignee for t in tasks} == {None}
    finally:
        engine.dispose()


# ---------------------------------------------------------------- linked


def test_every_deal_belongs_to_an_existing_client(make_app: MakeApp) -> None:
    engine, _, _ = make_app("crm")
    orphans = "SELECT count(*) FROM deal LEFT JOIN client ON client.id = deal.client"
    assert column(engine, orphans + " WHERE client.id IS NULL") == [0]
    # Clients have several deals each, and most have at least one.
    assert column(engine, "SELECT count(DISTINCT client) FROM deal")[0] >= 45


def test_a_task_on_a_deal_is_on_the_deal_s_client(make_app: MakeApp) -> None:
    engine, _, _ = make_app("crm")
    pairs = rows(engine, "SELECT task.client, deal.client AS deal_client FROM task "
                         "JOIN deal ON deal.id = task.deal")
    assert len(pairs) >= 40
    assert all(p.client == p.deal_client for p in pairs)
    assert column(engine, "SELECT count(*) FROM task WHERE client IS NULL") == [0]


def test_trading_documents_list_products_and_their_parties(make_app: MakeApp) -> None:
    engine, _, _ = make_app("trading")
    per_document = rows(engine, "SELECT document.id, count(product_id) AS n FROM document "
                                "LEFT JOIN document__products ON document_id = document.id "
                                "GROUP BY document.id")
    assert all(1 <= d.n <= 4 for d in per_document)
    docs = rows(engine, "SELECT kind, number, client, supplier, deal, logistics_company "
                        "FROM document ORDER BY number")
    assert {d.kind for d in docs} == {"contract", "invoice", "waybill"}
    assert [d.number for d in docs] == list(range(1, 81))
    assert all((d.client is None) != (d.supplier is None) for d in docs)
    assert all(d.logistics_company is not None for d in docs if d.kind == "waybill")
    # A purchase lists products of its own supplier.
    foreign = ("SELECT count(*) FROM document JOIN document__products ON document_id = document.id"
               " JOIN product ON product.id = product_id"
               " WHERE document.supplier IS NOT NULL AND product.supplier <> document.supplier")
    assert column(engine, foreign) == [0]


def test_every_product_has_a_supplier_and_a_unique_sku(make_app: MakeApp) -> None:
    engine, doc, _ = make_app("trading")
    products = records(engine, doc, "product")
    assert len({p.sku for p in products}) == len(products)
    assert all(p.price > 0 and p.supplier is not None for p in products)


# ---------------------------------------------------------------- the same for the same seed


def snapshot(engine: Engine, doc: Document) -> dict[str, list[tuple[Any, ...]]]:
    """Every value a user entered, by table, in id order (system columns left out)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for e in doc["entities"]:
        names = [f["name"] for f in e["fields"] if f["type"] != "links"]
        tables[e["name"]] = [tuple(r) for r in rows(
            engine, f"SELECT id, {', '.join(names)} FROM {e['name']} ORDER BY id")]
        for f in e["fields"]:
            if f["type"] == "links":
                junction = f"{e['name']}__{f['name']}"
                tables[junction] = [tuple(r) for r in rows(
                    engine, f"SELECT * FROM {junction} ORDER BY 1, 2")]
    return tables


def test_the_same_seed_gives_the_same_data(build: Build, tmp_path: Path) -> None:
    first, doc, _ = build(f"sqlite:///{tmp_path / 'a.db'}", "trading")
    again, _, _ = build(f"sqlite:///{tmp_path / 'b.db'}", "trading")
    other, _, _ = build(f"sqlite:///{tmp_path / 'c.db'}", "trading", seed=7)
    assert snapshot(first, doc) == snapshot(again, doc)
    assert snapshot(first, doc)["client"] != snapshot(other, doc)["client"]


def test_trading_clients_deals_and_tasks_are_the_crm_ones(build: Build, tmp_path: Path) -> None:
    crm, crm_doc, _ = build(f"sqlite:///{tmp_path / 'crm.db'}", "crm")
    trading, _, _ = build(f"sqlite:///{tmp_path / 'trading.db'}", "trading")
    # Each entity has its own generator, so more entities leave the crm's data as it is.
    assert snapshot(crm, crm_doc) == snapshot(trading, crm_doc)


# ---------------------------------------------------------------- a definition that has changed


def grown_crm() -> Document:
    """The crm with a field removed, an extra field, a stage renamed and an unknown entity."""
    doc = copy.deepcopy(load_template("crm"))
    client, deal, _task = doc["entities"]
    client["fields"].append({"name": "vat_number", "type": "text", "label": "VAT number"})
    deal["fields"] = [f for f in deal["fields"] if f["name"] != "close_date"]
    stage = next(f for f in deal["fields"] if f["name"] == "stage")
    stage["options"][1] = {"value": "contacted", "probability": 20}
    doc["entities"] = [client, deal, {"name": "warehouse", "label": "Warehouse",
                                      "plural": "Warehouses", "fields": [
                                          {"name": "code", "type": "text", "required": True}]}]
    doc.pop("automations", None)  # its rules create tasks, and this app has none
    return doc


def test_a_changed_definition_gets_what_fits(make_app: MakeApp) -> None:
    engine, _, _ = make_app(grown_crm())
    assert column(engine, "SELECT count(*) FROM client WHERE vat_number IS NULL") == [60]
    assert column(engine, "SELECT count(*) FROM warehouse") == [0]
    stages = set(column(engine, "SELECT stage FROM deal"))
    assert "contacted" in stages
    assert "qualified" not in stages


def test_counts_name_only_the_entities_filled(db_url: str) -> None:
    engine = connect(db_url)
    try:
        initialize(engine, grown_crm(), author="test")
        with engine.begin() as conn:
            counts = load_sample_data(conn, current(conn).document, today=TODAY)
        assert counts == {"client": 60, "deal": 150}
    finally:
        engine.dispose()


def test_a_definition_without_ids_is_refused_with_the_fix(db_url: str) -> None:
    engine = connect(db_url)
    try:
        initialize(engine, load_template("crm"), author="test")
        with engine.begin() as conn, pytest.raises(KartotekaError, match="current"):
            load_sample_data(conn, load_template("crm"))
        assert column(engine, "SELECT count(*) FROM client") == [0]
    finally:
        engine.dispose()
