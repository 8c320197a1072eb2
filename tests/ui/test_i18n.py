"""Every string the UI shows goes through gettext, and Babel's extraction finds them."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from babel.messages.pofile import read_po

from kartoteka import ui
from kartoteka.ui import i18n
from tests.support.pages import visible_text
from tests.support.servers import LiveServer

ROOT = Path(ui.__file__).parent.parent.parent


class Marked(gettext.NullTranslations):
    """A stand-in language that marks each translated message: ⟦Sign in⟧."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"


def unmarked(text: str) -> list[str]:
    """Pieces of visible text outside the markers."""
    return [piece for piece in re.split(r"⟦[^⟧]*⟧", text) if piece.strip(" ·")]


def test_every_string_of_the_login_page_is_translatable(
    demo_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "translations", Marked)
    page = httpx.get(f"{demo_server.url}/login", timeout=30).text
    # The product's name is not translated.
    assert unmarked(visible_text(page).replace("Kartoteka", "")) == []


def test_error_pages_are_translatable(
    admin: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "translations", Marked)
    page = admin.get("/no/such/page").text
    assert unmarked(visible_text(page).replace("Kartoteka", "")) == []


def test_make_messages_extracts_from_every_package(tmp_path: Path) -> None:
    """`make messages`'s command finds the UI's strings and the engine's message ids."""
    makefile = (ROOT / "Makefile").read_text()
    keywords = re.search(r"^MESSAGE_KEYWORDS := (.*)$", makefile, re.M)
    assert keywords is not None
    assert "-F kartoteka/babel.cfg $(MESSAGE_KEYWORDS)" in makefile
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F",
         "kartoteka/babel.cfg", *keywords.group(1).split(), "-o", str(pot), "kartoteka"],
        cwd=ROOT, check=True)
    with pot.open("rb") as extracted:
        found = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(extracted) if m.id}
    assert {"Email", "Password", "Sign in", "Sign out", "Load more", "Search %(list)s",
            "Wrong email or password.", "Times are shown in %(zone)s.",
            "As the browser says"} <= found
    # The engine's messages, raised as ids, and the platform's.
    assert {"%(entity)s %(id)s does not exist",
            "the record has %(count)s invalid value: %(problems)s",
            "this database holds no Kartoteka app; run `kartoteka init` first",
            "the database is busy: another change holds it longer than the server waits; "
            "nothing was changed; try again in a moment"} <= found
