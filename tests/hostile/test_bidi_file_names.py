"""File names lose bidirectional controls: "invoice\\u202efdp.exe" would read as an innocent
"invoiceexe.pdf" in a list, a card or a download dialog. Uploads and generated documents keep
the characters a name holds, in their order, without the controls."""

from __future__ import annotations

from urllib.parse import quote

from tests.support.bystander import Bystander
from tests.support.files import PDF_BYTES
from tests.support.servers import LiveServer

#: Every control the name must lose: embeddings and overrides, isolates, marks, Arabic's mark.
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_file_names_lose_bidirectional_controls(db_url: str, server: LiveServer) -> None:
    api = server.user()
    with Bystander(server) as other:
        upload = api.post("/api/files", files={
            "file": ("invoice\u202efdp.exe", PDF_BYTES, "application/pdf")})
        every = api.post("/api/files", files={
            "file": (f"a{CONTROLS}b \u05e9\u05dc\u05d5\u05dd.pdf", PDF_BYTES, "application/pdf")})
        deal = api.post("/api/records/deal", json={"title": "Vans\u202e\u2066cod.exe"}).json()
        document = api.post(f"/api/records/deal/{deal['id']}/documents",
                            json={"template": "proposal"})
    other.assert_served()
    assert upload.status_code == 201, upload.text
    assert upload.json()["name"] == "invoicefdp.exe"
    assert every.json()["name"] == "ab \u05e9\u05dc\u05d5\u05dd.pdf"  # Hebrew stays as it is
    download = api.get(upload.json()["url"])
    assert "filename*=UTF-8''invoicefdp.exe" in download.headers["content-disposition"]
    assert document.status_code == 201, document.text
    names = [f["name"] for f in document.json()["files"]]
    assert names == ["Proposal Vanscod.exe.pdf", "Proposal Vanscod.exe.html"]
    for name in names:
        assert not set(name) & set(CONTROLS)
        assert quote(name, safe="") in api.get(
            next(f["url"] for f in document.json()["files"] if f["name"] == name)
        ).headers["content-disposition"]
