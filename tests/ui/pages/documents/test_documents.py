"""Documents and files in the web UI, over real HTTP on both databases: the card's "Generate"
button, downloads with the session, the documents editor with its preview and its save through
the definition, and a file field's upload input on the record form (no JavaScript)."""

from __future__ import annotations

import copy
import json
from typing import Any
from urllib.parse import quote

import httpx

from kartoteka.platform.templates import load_template
from tests.support.pages import csrf_of, query, signed_in, visible_text
from tests.support.servers import ADMIN, LiveServer, MakeServer

CYRILLIC = "Счёт №5.txt"


def newest(server: LiveServer, table: str) -> Any:
    return query(server.db_url, f"SELECT id, title FROM {table} WHERE deleted_at IS NULL "
                 "ORDER BY id DESC LIMIT 1")[0]


def version(server: LiveServer) -> int:
    return int(query(server.db_url, "SELECT max(version) FROM kt_schema_version")[0][0])


def stored_documents(server: LiveServer) -> list[dict[str, Any]]:
    [row] = query(server.db_url, "SELECT document FROM kt_schema_version "
                  "ORDER BY version DESC LIMIT 1")
    doc = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    return list(doc.get("documents", []))


# ---------------------------------------------------------------- generating, downloading


def test_the_card_generates_the_proposal_and_its_pdf_downloads(
        demo_server: LiveServer, admin: httpx.Client) -> None:
    deal_id, title = newest(demo_server, "deal")
    card = admin.get(f"/records/deal/{deal_id}")
    assert "Generate Commercial proposal" in visible_text(card.text)
    answer = admin.post(f"/records/deal/{deal_id}/documents",
                        data={"csrf_token": csrf_of(card.text), "template": "proposal"})
    assert answer.status_code == 303
    assert answer.headers["location"].endswith(f"/records/deal/{deal_id}#timeline")
    rows = query(demo_server.db_url, "SELECT id, name, content_type FROM kt_attachment "
                 "WHERE record_id = :r ORDER BY id", r=deal_id)
    assert [(name, kind) for _, name, kind in rows] == [
        (f"Proposal {title}.pdf", "application/pdf"), (f"Proposal {title}.html", "text/html")]
    entries = query(demo_server.db_url, "SELECT new FROM kt_change WHERE record_id = :r "
                    "AND kind = 'document'", r=deal_id)
    assert [json.loads(new)["files"][0]["id"] for (new,) in entries] == [rows[0][0]]
    pdf = admin.get(f"/files/{rows[0][0]}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith("attachment;")


def test_generating_needs_the_forms_csrf_token(demo_server: LiveServer,
                                               admin: httpx.Client) -> None:
    deal_id, _ = newest(demo_server, "deal")
    answer = admin.post(f"/records/deal/{deal_id}/documents", data={"template": "proposal"})
    assert answer.status_code == 403
    assert query(demo_server.db_url, "SELECT count(*) FROM kt_attachment")[0][0] == 0


def test_downloads_need_a_signed_in_session(demo_server: LiveServer,
                                            admin: httpx.Client) -> None:
    with httpx.Client(base_url=demo_server.url, timeout=30) as anonymous:
        answer = anonymous.get("/files/1")
    assert answer.status_code == 303 and "/login" in answer.headers["location"]
    missing = admin.get("/files/12345")
    assert missing.status_code == 404
    assert "There is no such file here" in visible_text(missing.text)


# ---------------------------------------------------------------- the editor


def test_the_documents_page_is_for_administrators(demo_server: LiveServer, admin: httpx.Client,
                                                  plain_user: httpx.Client) -> None:
    page = admin.get("/documents")
    assert page.status_code == 200
    assert "Commercial proposal" in visible_text(page.text)
    assert 'href="/documents"' in page.text  # in the Administration navigation
    assert plain_user.get("/documents").status_code == 403
    assert plain_user.get("/documents/proposal/edit").status_code == 403


def test_the_editor_previews_the_saved_template_on_the_newest_record(
        demo_server: LiveServer, admin: httpx.Client) -> None:
    page = admin.get("/documents/proposal/edit")
    assert page.status_code == 200
    assert 'name="template"' in page.text and "Commercial proposal" in page.text
    assert '<iframe name="document-preview"' in page.text and 'sandbox=""' in page.text
    preview = admin.get("/documents/proposal/preview")
    assert preview.status_code == 200
    policy = preview.headers["content-security-policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    _, title = newest(demo_server, "deal")
    assert title in visible_text(preview.text)


def test_preview_shows_what_is_typed_on_the_record_asked_for(
        demo_server: LiveServer, admin: httpx.Client) -> None:
    deal_id, title = newest(demo_server, "deal")
    csrf = csrf_of(admin.get("/documents/proposal/edit").text)
    typed = {"csrf_token": csrf, "name": "proposal", "entity": "deal",
             "template": "<h1>Offer: {{ record.title }} for {{ record.client.name }}</h1>",
             "record": str(deal_id)}
    preview = admin.post("/documents/preview", data=typed)
    assert preview.status_code == 200
    assert f"Offer: {title} for" in visible_text(preview.text)
    broken = admin.post("/documents/preview", data={**typed, "template": "{{ record.nope }}"})
    assert "The template cannot be shown" in visible_text(broken.text)
    assert "nope" in visible_text(broken.text)
    assert stored_documents(demo_server)[0]["template"] != typed["template"]  # nothing saved


def test_a_broken_template_is_not_saved_and_says_its_line(demo_server: LiveServer,
                                                          admin: httpx.Client) -> None:
    before = version(demo_server)
    csrf = csrf_of(admin.get("/documents/proposal/edit").text)
    form = {"csrf_token": csrf, "name": "proposal", "label": "Commercial proposal",
            "entity": "deal", "filename": "Proposal", "template": "<p>ok</p>\n{% if %}"}
    answer = admin.post("/documents/proposal/edit", data=form)
    assert answer.status_code == 422
    text = visible_text(answer.text)
    assert "The document was not saved" in text and "line 2" in text
    assert "{% if %}" in answer.text.replace("&#34;", '"').replace("&#39;", "'") or \
        "{%" in text  # the typed template is kept in the textarea
    escape = admin.post("/documents/proposal/edit",
                        data={**form, "template": "<p>{{ ''.__class__ }}</p>"})
    assert escape.status_code == 422
    assert "'__class__' is not allowed" in visible_text(escape.text)
    assert version(demo_server) == before


def test_saving_applies_a_new_version_of_the_definition(demo_server: LiveServer,
                                                        admin: httpx.Client) -> None:
    before = version(demo_server)
    csrf = csrf_of(admin.get("/documents/proposal/edit").text)
    template = "<h1>Proposal {{ record.title }}</h1><p>{{ record.amount|money('USD') }}</p>"
    answer = admin.post("/documents/proposal/edit", data={
        "csrf_token": csrf, "name": "proposal", "label": "Offer", "entity": "deal",
        "filename": "Offer {{ record.title }}", "template": template})
    assert answer.status_code == 303
    assert version(demo_server) == before + 1
    assert answer.headers["location"] == f"/documents/proposal/edit?saved={before + 1}"
    [saved] = stored_documents(demo_server)
    assert saved == {"name": "proposal", "label": "Offer", "entity": "deal",
                     "filename": "Offer {{ record.title }}", "template": template}
    page = admin.get(answer.headers["location"])
    assert f"Saved as version {before + 1}" in visible_text(page.text)


def test_a_new_document_gets_a_button_on_its_entitys_cards(demo_server: LiveServer,
                                                           admin: httpx.Client) -> None:
    form = admin.get("/documents/new")
    assert form.status_code == 200
    answer = admin.post("/documents/new", data={
        "csrf_token": csrf_of(form.text), "name": "letter", "label": "Welcome letter",
        "entity": "client", "filename": "", "template": "<p>Dear {{ record.name }}</p>"})
    assert answer.status_code == 303, answer.text
    assert [d["name"] for d in stored_documents(demo_server)] == ["proposal", "letter"]
    [(client_id,)] = query(demo_server.db_url, "SELECT max(id) FROM client")
    card = admin.get(f"/records/client/{client_id}")
    assert "Generate Welcome letter" in visible_text(card.text)
    removed = admin.post("/documents/letter/remove", data={"csrf_token": csrf_of(card.text)})
    assert removed.status_code == 303
    assert [d["name"] for d in stored_documents(demo_server)] == ["proposal"]


# ---------------------------------------------------------------- a file field on the form


def with_contract(db_url: str, make_server: MakeServer) -> LiveServer:
    doc = copy.deepcopy(load_template("crm"))
    deal = next(e for e in doc["entities"] if e["name"] == "deal")
    deal["fields"].append({"name": "contract", "type": "file", "label": "Contract"})
    return make_server(definition=doc)


def test_a_file_is_uploaded_from_the_record_form_without_javascript(
        db_url: str, make_server: MakeServer) -> None:
    server = with_contract(db_url, make_server)
    client = signed_in(server.url, *ADMIN)
    try:
        upload_replace_and_remove(server, client)
    finally:
        client.close()


def upload_replace_and_remove(server: LiveServer, client: httpx.Client) -> None:
    form = client.get("/records/deal/new")
    assert 'enctype="multipart/form-data"' in form.text
    assert '<input type="file" id="f-contract" name="contract"' in form.text
    created = client.post("/records/deal/new", data={
        "csrf_token": csrf_of(form.text), "title": "Vans", "contract": ""},
        files={"contract": (CYRILLIC, "итого 5 €".encode(), "text/plain")})
    assert created.status_code == 303, created.text
    card = client.get(created.headers["location"])
    [(file_id,)] = query(server.db_url, "SELECT contract FROM deal")
    assert f'href="/files/{file_id}"' in card.text and CYRILLIC in visible_text(card.text)
    download = client.get(f"/files/{file_id}")
    assert download.content == "итого 5 €".encode()
    assert f"filename*=UTF-8''{quote(CYRILLIC, safe='')}" in download.headers[
        "content-disposition"]
    # Editing other fields keeps the file; "Remove the file" clears it.
    edit = client.get(created.headers["location"] + "/edit")
    assert "Current file:" in visible_text(edit.text)
    version_field = edit.text.split('name="_version" value="')[1].split('"')[0]
    kept = client.post(created.headers["location"], data={
        "csrf_token": csrf_of(edit.text), "_version": version_field, "title": "Vans 2",
        "contract": str(file_id)}, files={"contract": ("", b"", "application/octet-stream")})
    assert kept.status_code == 303, kept.text
    assert query(server.db_url, "SELECT contract, title FROM deal")[0] == (file_id, "Vans 2")
    edit = client.get(created.headers["location"] + "/edit")
    version_field = edit.text.split('name="_version" value="')[1].split('"')[0]
    cleared = client.post(created.headers["location"], data={
        "csrf_token": csrf_of(edit.text), "_version": version_field, "title": "Vans 2",
        "contract": [str(file_id), "remove"]})
    assert cleared.status_code == 303
    assert query(server.db_url, "SELECT contract FROM deal")[0] == (None,)
