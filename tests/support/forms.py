"""Forms over plain HTTP, read and sent as a browser would: a record's edit form, any page's
forms, and the schema builder's plan pages."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.support.pages import csrf_of, visible_text
from tests.support.servers import ADMIN, LiveServer

# ---------------------------------------------------------------- the record form


def form_of(page: str) -> str:
    """The record form of a page."""
    found = re.search(r'<form id="details".*?</form>', page, flags=re.S)
    assert found, "the page has no record form"
    return found.group(0)


def tag(page: str, name: str, element: str = "input") -> str:
    """The opening tag of the (last) `element` named `name`."""
    found = re.findall(rf'<{element}\b[^>]*\bname="{re.escape(name)}"[^>]*>', page)
    assert found, f"no {element} named {name}"
    return str(found[-1])


def value_of(page: str, name: str) -> str:
    found = re.search(r'\bvalue="([^"]*)"', tag(page, name))
    return html.unescape(found.group(1)) if found else ""


def selected(page: str, name: str) -> list[str]:
    """The visible texts of the selected options of select `name`."""
    select = re.search(rf'<select\b[^>]*\bname="{name}".*?</select>', page, flags=re.S)
    assert select, f"no select named {name}"
    return [visible_text(text) for text in
            re.findall(r"<option[^>]*\bselected[^>]*>(.*?)</option>", select.group(0))]


def options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select\b[^>]*\bname="{name}".*?</select>', page, flags=re.S)
    assert select, f"no select named {name}"
    return [visible_text(text) for text in re.findall(r"<option[^>]*>(.*?)</option>",
                                                       select.group(0))]


def error_of(page: str, name: str) -> str:
    """The error shown next to field `name` (what its input's aria-describedby points at)."""
    found = re.search(rf'<p class="field-error" id="f-{name}-error">(.*?)</p>', page, re.S)
    return visible_text(found.group(1)) if found else ""


def edit_pairs(page: str) -> dict[str, Any]:
    """What a browser sends for the form as it is (hidden fields, inputs, selected options)."""
    form = form_of(page)
    sent: dict[str, Any] = {}
    for element in re.findall(r"<input\b[^>]*>", form):
        name = re.search(r'\bname="([^"]+)"', element)
        kind = re.search(r'\btype="([^"]+)"', element)
        if not name or (kind and kind.group(1) in ("checkbox", "search")):
            continue
        value = re.search(r'\bvalue="([^"]*)"', element)
        sent[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, body in re.findall(r'<select\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>', form,
                                 flags=re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*\bselected', body)
        sent[name] = html.unescape(chosen.group(1)) if chosen else ""
    for name, body in re.findall(r'<textarea\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</textarea>',
                                 form, flags=re.S):
        sent[name] = html.unescape(body)
    return sent


# ---------------------------------------------------------------- any form, the schema's plans


class _Forms(HTMLParser):
    """The forms of a page: their action, method and inputs (buttons apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": found.get("action", ""), "class": found.get("class", ""),
                               "method": found.get("method", "get"), "inputs": [],
                               "buttons": []})
        elif tag == "input" and self.forms and "name" in found:
            if found.get("type") != "checkbox" or "checked" in found:
                self.forms[-1]["inputs"].append((found["name"], found.get("value", "")))
        elif tag == "button" and self.forms:
            self.forms[-1]["buttons"].append(found)


def post_form(client: httpx.Client, path: str, pairs: list[tuple[str, str]]) -> httpx.Response:
    """Send form fields as a browser does, repeated names and all."""
    return client.post(path, content=urlencode(pairs), headers={
        "content-type": "application/x-www-form-urlencoded"})


def forms(page: str) -> list[dict[str, Any]]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def plan_form(page: str) -> dict[str, Any]:
    [form] = [f for f in forms(page) if "plan-form" in f["class"]]
    return form


def apply_plan(client: httpx.Client, page: str, **extra: str) -> httpx.Response:
    """Press "Apply" on a plan page."""
    form = plan_form(page)
    [apply] = [b for b in form["buttons"] if b.get("value") in ("refuse", "clear")
               and "formaction" not in b]
    data = [*form["inputs"], ("on_bad_values", apply["value"]), *extra.items()]
    return post_form(client, form["action"], data)


def plan(client: httpx.Client, path: str, data: list[tuple[str, str]] | dict[str, str],
         form_page: str | None = None) -> httpx.Response:
    """Send a schema form (its CSRF token from the form's page) and get the plan page."""
    token = csrf_of(client.get(form_page or "/schema").text)
    pairs = list(data.items()) if isinstance(data, dict) else list(data)
    return post_form(client, path, [("csrf_token", token), *pairs])


def definition(server: LiveServer) -> dict[str, Any]:
    api = server.client(server.login(*ADMIN))
    answer: dict[str, Any] = api.get("/api/schema").json()
    return answer


def entity(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in doc["definition"]["entities"] if e["name"] == name)


def field(doc: dict[str, Any], entity_name: str, name: str) -> dict[str, Any] | None:
    return next((f for f in entity(doc, entity_name)["fields"] if f["name"] == name), None)
