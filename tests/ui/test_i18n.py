"""Every string the UI shows goes through gettext, and Babel's extraction finds them."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import httpx
import pytest
from babel.messages.extract import extract_from_dir

from kartoteka import ui
from kartoteka.ui import i18n
from tests.support.pages import visible_text
from tests.support.servers import LiveServer

UI_DIR = Path(ui.__file__).parent


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
    monkeypatch.setattr(i18n, "active", Marked())
    page = httpx.get(f"{demo_server.url}/login", timeout=30).text
    # The product's name is not translated.
    assert unmarked(visible_text(page).replace("Kartoteka", "")) == []


def test_error_pages_are_translatable(
    admin: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "active", Marked())
    page = admin.get("/no/such/page").text
    assert unmarked(visible_text(page).replace("Kartoteka", "")) == []


def test_babel_extracts_the_ui_strings() -> None:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = {message for _, _, message, _, _ in
             extract_from_dir(str(UI_DIR), method_map, options)}
    assert {"Email", "Password", "Sign in", "Sign out", "Load more", "Search %(list)s",
            "Wrong email or password.", "Times are shown in %(zone)s."} <= found
    assert (UI_DIR / "babel.cfg").read_text().count("jinja2") == 2
