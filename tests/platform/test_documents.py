"""Generated documents: validation of `documents`, rendering to HTML and PDF, attachments, the
timeline entry. The API that generates one by hand is tested in tests/api/test_documents.py."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import socket
from collections.abc import Iterator
from typing import Any

import pypdf
import pytest
from sqlalchemy import Connection, func, select

from kartoteka import schema_engine as se
from kartoteka.platform import documents, install_hooks
from kartoteka.platform.sandbox import TemplateProblem
from kartoteka.platform.tables import ATTACHMENTS, upgrade_tables
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.definition.document import Document, check_definition
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import changelog
from kartoteka.schema_engine.records import writes as records

AT = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _template_check() -> None:
    install_hooks()  # document templates are checked as the app checks them


def crm_with(*extra: dict[str, Any]) -> Document:
    doc = copy.deepcopy(load_template("crm"))
    doc["documents"] = [*doc.get("documents", []), *extra]
    return doc


def paths(doc: Document) -> dict[str, str]:
    return {e.path: e.message for e in check_definition(doc)}


# ---------------------------------------------------------------- validation


def test_the_crm_template_ships_a_valid_proposal_for_deals() -> None:
    doc = load_template("crm")
    assert [(d["name"], d["entity"]) for d in doc["documents"]] == [("proposal", "deal")]
    assert check_definition(doc) == []


def test_a_document_of_an_unknown_entity_is_refused_with_its_path() -> None:
    found = paths(crm_with({"name": "invoice", "entity": "deals", "template": "x"}))
    assert "there is no entity 'deals'" in found["$.documents[1].entity"]
    assert "did you mean 'deal'" in found["$.documents[1].entity"]


def test_document_names_are_unique() -> None:
    found = paths(crm_with({"name": "proposal", "entity": "client", "template": "x"}))
    assert "already a document named 'proposal'" in found["$.documents[1].name"]


def test_a_template_syntax_error_is_refused_with_its_line() -> None:
    found = paths(crm_with({"name": "letter", "entity": "client",
                            "template": "<p>Hello</p>\n<p>{% if record.name %}</p>"}))
    message = found["$.documents[1].template"]
    assert "line 2" in message


def test_a_file_name_template_is_checked_too() -> None:
    found = paths(crm_with({"name": "letter", "entity": "client", "template": "x",
                            "filename": "Letter {{ record.name "}))
    assert "line 1" in found["$.documents[1].filename"]


@pytest.mark.parametrize("escape", [
    "{{ ''.__class__ }}",
    "{{ record.__class__.__mro__ }}",
    "{{ record['_record'] }}",
    "{% for c in ''.__class__.__mro__ %}{{ c }}{% endfor %}",
])
def test_reaching_into_python_is_refused_at_save(escape: str) -> None:
    found = paths(crm_with({"name": "evil", "entity": "deal", "template": f"<p>{escape}</p>"}))
    message = found["$.documents[1].template"]
    assert "not allowed" in message and "Python objects" in message


def test_documents_have_a_shape() -> None:
    found = paths(crm_with({"name": "Letter", "entity": "client", "template": "",
                            "colour": "red"}))
    assert {"$.documents[1].name", "$.documents[1].template"} <= set(found)
    assert any("colour" in message for message in found.values())


# ---------------------------------------------------------------- rendering


@pytest.fixture
def crm(db_url: str) -> Iterator[tuple[Connection, AppModel]]:
    """A crm app (with its platform tables) and a connection in a transaction."""
    engine = se.connect(db_url)
    se.initialize(engine, load_template("crm"), author="test",
                  before_commit=upgrade_tables)
    with engine.begin() as conn:
        stored = se.current(conn)
        yield conn, AppModel(stored.document, stored.version, conn.dialect.name)
    engine.dispose()


def a_deal(conn: Connection, model: AppModel, title: str = "Fleet of 10 vans") -> int:
    client = records.create_record(conn, model, "client",
                                   {"name": "ООО Ромашка", "city": "Кишинёв"}, user_id=None)
    deal = records.create_record(conn, model, "deal", {
        "title": title, "amount": 125000, "client": client["id"],
        "close_date": "2026-12-31"}, user_id=None)
    return int(deal["id"])


def attachments_of(conn: Connection, record_id: int) -> list[Any]:
    query = select(ATTACHMENTS).where(ATTACHMENTS.c.record_id == record_id)
    return list(conn.execute(query.order_by(ATTACHMENTS.c.id)))


def test_a_proposal_renders_to_html_and_pdf_attached_and_on_the_timeline(
        crm: tuple[Connection, AppModel]) -> None:
    conn, model = crm
    deal = a_deal(conn, model, title="Fleet <b>10</b> vans")
    entry_id = documents.render_document(conn, model, "deal", deal, "proposal", user_id=None,
                                         at=AT)
    [entry] = [c for c in changelog.record_changes(conn, str(model.entity("deal")["id"]), deal)
               if c.kind == "document"]
    assert entry.id == entry_id
    assert entry.at.replace(tzinfo=dt.UTC) == AT
    assert entry.new["template"] == "proposal"
    # The label as the template has it (by language): each reader of the timeline sees theirs.
    assert entry.new["label"]["en"] == "Commercial proposal"
    assert entry.new["label"]["ru"] == "Коммерческое предложение"
    pdf_row, html_row = attachments_of(conn, deal)
    assert entry.new["files"] == [
        {"id": row.id, "name": row.name, "content_type": row.content_type, "size": row.size}
        for row in (pdf_row, html_row)]
    assert pdf_row.name == "Proposal Fleet <b>10<-b> vans.pdf"
    assert (pdf_row.content_type, html_row.content_type) == ("application/pdf", "text/html")
    assert pdf_row.field_id is None and pdf_row.entity_id == model.entity("deal")["id"]

    storage = documents.files.storage_of(conn)
    html = b"".join(storage.read(html_row.sha256)).decode()
    assert "Fleet &lt;b&gt;10&lt;/b&gt; vans" in html  # values are escaped
    assert "$125,000.00" in html and "ООО Ромашка" in html
    pdf = b"".join(storage.read(pdf_row.sha256))
    assert pdf.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for shown in ("Commercial proposal", "ООО Ромашка", "$125,000.00", "November 23, 2026",
                  "December 31, 2026", "signature"):
        assert shown in text


def test_a_render_failure_raises_template_problem_and_stores_nothing(db_url: str) -> None:
    doc = crm_with({"name": "broken", "entity": "deal", "template": "<p>{{ record.amout }}</p>"})
    engine = se.connect(db_url)
    se.initialize(engine, doc, author="test", before_commit=upgrade_tables)
    with engine.begin() as conn:
        stored = se.current(conn)
        model = AppModel(stored.document, stored.version, conn.dialect.name)
        deal = a_deal(conn, model)
        with pytest.raises(TemplateProblem, match="amout"):
            documents.render_document(conn, model, "deal", deal, "broken", user_id=None, at=AT)
        with pytest.raises(documents.UnknownDocument, match="proposal, broken"):
            documents.render_document(conn, model, "deal", deal, "invoice", user_id=None, at=AT)
        assert conn.execute(select(func.count()).select_from(ATTACHMENTS)).scalar() == 0
    engine.dispose()


def test_nothing_is_fetched_from_the_network_while_making_a_pdf() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        html = (f'<img src="http://127.0.0.1:{port}/tracker.png">'
                f'<link rel="stylesheet" href="http://127.0.0.1:{port}/a.css"><p>ok</p>'
                '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')
        pdf = documents.html_to_pdf(html)
        assert pdf.startswith(b"%PDF")
        with pytest.raises(BlockingIOError):  # nobody knocked
            listener.accept()


def test_the_entry_data_is_the_contract_of_the_timeline() -> None:
    """What `document` entries hold (read by the timeline): template, label, files."""
    data = {"template": "proposal", "label": "Commercial proposal",
            "files": [{"id": 1, "name": "a.pdf", "content_type": "application/pdf", "size": 3}]}
    assert json.loads(changelog.to_json(data) or "") == data
    assert documents.with_urls(data["files"])[0]["url"] == "/api/files/1"
