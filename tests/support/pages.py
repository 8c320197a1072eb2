"""Helpers of the UI tests: the demo app they run on, signing in over HTTP, reading pages."""

from __future__ import annotations

import copy
import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import select, text

from kartoteka import schema_engine as se
from kartoteka.platform.automation import paused
from kartoteka.platform.demo import load_sample_data
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records.writes import create_record
from kartoteka.schema_engine.store import USERS

#: Sample data is spread around this day, so pages and screenshots are the same every run.
DEMO_TODAY = dt.date(2026, 11, 23)
#: A client whose name is HTML: it must show as these characters.
XSS_NAME = "<script>alert(1)</script>"
XSS_CITY = '"Quoted" <i>city</i> & co'
#: The plural label of `task`: quotes and an ampersand in a label the admin typed.
QUOTED_PLURAL = 'Tasks & "to-dos"'

#: The `sign_in` fixture: an HTTP client signed in through the login form (the admin by default).
SignIn = Callable[..., httpx.Client]


def ui_definition() -> Document:
    """The crm template, its tasks labelled with quotes."""
    doc = copy.deepcopy(load_template("crm"))
    for entity in doc["entities"]:
        if entity["name"] == "task":
            entity["plural"] = QUOTED_PLURAL
    return doc


def fill_demo(url: str, admin_email: str) -> None:
    """Sample clients, deals and tasks (made by the admin), and one client named with HTML:
    data that was there before, so no automation rule starts for it (as `kartoteka demo`
    loads it); otherwise the server's worker would be generating documents for the sample
    deals while a test counts them."""
    engine = se.connect(url)
    try:
        # As the server writes (BEGIN IMMEDIATE), with rules paused.
        with write_connection(engine) as conn, conn.begin(), paused(conn):
            stored = se.current(conn)
            admin = conn.execute(select(USERS.c.id).where(USERS.c.email == admin_email)).scalar()
            load_sample_data(conn, stored.document, user_id=admin, today=DEMO_TODAY)
            model = AppModel(stored.document, stored.version, conn.dialect.name)
            create_record(conn, model, "client", {"name": XSS_NAME, "city": XSS_CITY},
                          user_id=admin)
    finally:
        engine.dispose()


def query(url: str, sql: str, **params: Any) -> list[Any]:
    """Rows of a SQL query on the app's database (to know what the pages should show)."""
    engine = se.connect(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params))
    finally:
        engine.dispose()


# ---------------------------------------------------------------- over HTTP

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "the page has no CSRF field"
    return found.group(1)


def login_form(client: httpx.Client, email: str, password: str,
               next_path: str = "") -> httpx.Response:
    """Fill in and send the login form as a browser would."""
    form = client.get("/login")
    return client.post("/login", data={
        "email": email, "password": password, "csrf_token": csrf_of(form.text), "next": next_path,
    })


def signed_in(base_url: str, email: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=30)
    answer = login_form(client, email, password)
    assert answer.status_code == 303, answer.text
    return client


def visible_text(page: str) -> str:
    """The text a person reads: tags, scripts and styles gone, entities decoded, spaces folded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return " ".join(text.split())


def links(page: str) -> list[tuple[str, str]]:
    """(href, visible text) of every link."""
    found = []
    for attributes, inner in _LINK.findall(page):
        href = re.search(r'\bhref="([^"]*)"', attributes)
        if href:
            found.append((html.unescape(href.group(1)), visible_text(inner)))
    return found


#: A link: attribute values may hold ">" (hx-select="tbody > tr").
_LINK = re.compile(r"""<a\b((?:[^>"']|"[^"]*"|'[^']*')*)>(.*?)</a>""", re.S)


def row_titles(page: str) -> list[str]:
    """The record names of a list's rows (the first cell of each row)."""
    return [visible_text(cell) for cell in
            re.findall(r'<th scope="row">(.*?)</th>', page, flags=re.S)]
