"""How each field type shows a value (the read-only widgets of `kartoteka.ui.fields.values`)."""

from __future__ import annotations

from typing import Any

import pytest

from kartoteka.schema_engine import FIELD_TYPES
from kartoteka.ui.fields.registry import FIELD_UI, show

STAGE = {"type": "stage", "options": [{"value": "won", "label": "Won <big>"}, "lost"]}


def card_url(entity: str, record_id: int) -> str:
    return f"/records/{entity}/{record_id}"


@pytest.mark.parametrize(("field", "value", "html"), [
    ({"type": "text"}, "<b>Acme</b> & co", "&lt;b&gt;Acme&lt;/b&gt; &amp; co"),
    ({"type": "long_text"}, "two\nlines", '<span class="long-text">two\nlines</span>'),
    ({"type": "email"}, "ann@example.com",
     '<a href="mailto:ann@example.com">ann@example.com</a>'),
    ({"type": "phone"}, "+44 20 1234-5678", '<a href="tel:+442012345678">+44 20 1234-5678</a>'),
    ({"type": "url"}, "https://example.com/?a=1&b=2",
     '<a href="https://example.com/?a=1&amp;b=2" rel="noopener noreferrer nofollow">'
     "https://example.com/?a=1&amp;b=2</a>"),
    ({"type": "url"}, "javascript:alert(1)", "javascript:alert(1)"),
    ({"type": "integer"}, 1234567, '<span class="number">1,234,567</span>'),
    ({"type": "decimal"}, 0.1, '<span class="number">0.1</span>'),
    ({"type": "money", "currency": "USD"}, 1200.5, '<span class="number">$1,200.50</span>'),
    ({"type": "money", "currency": "EUR"}, 7, '<span class="number">€7.00</span>'),
    ({"type": "money"}, 7.25, '<span class="number">7.25</span>'),
    ({"type": "percent"}, 12.5, '<span class="number">12.5%</span>'),
    ({"type": "boolean"}, True, "Yes"),
    ({"type": "boolean"}, False, "No"),
    ({"type": "date"}, "2026-11-23", '<time datetime="2026-11-23">Nov 23, 2026</time>'),
    ({"type": "datetime"}, "2026-11-23T17:05:00Z",
     '<time datetime="2026-11-23T17:05:00+00:00">Nov 23, 2026, 5:05\u202fPM UTC</time>'),
    (STAGE, "won", '<span class="badge">Won &lt;big&gt;</span>'),
    (STAGE, "lost", '<span class="badge">lost</span>'),
    ({"type": "multi_select", "options": ["a", "b"]}, ["a", "b"],
     '<span class="badge">a</span> <span class="badge">b</span>'),
    ({"type": "link", "to": "client"}, {"id": 5, "title": "<Acme>"},
     '<a href="/records/client/5">&lt;Acme&gt;</a>'),
    ({"type": "link", "to": "client"}, {"id": 5, "title": None},
     '<a href="/records/client/5">#5</a>'),
    ({"type": "links", "to": "tag"}, [{"id": 1, "title": "x"}, {"id": 2, "title": "y"}],
     '<a href="/records/tag/1">x</a>, <a href="/records/tag/2">y</a>'),
    ({"type": "user"}, {"id": 3, "title": "Ольга"}, "Ольга"),
    ({"type": "autonumber", "prefix": "INV-"}, 42, "INV-42"),
])
def test_a_value_shows_as_its_type_says(field: dict[str, Any], value: Any, html: str) -> None:
    assert str(show(field, value, card_url)) == html


@pytest.mark.parametrize("value", [None, "", []])
def test_an_empty_value_says_so_to_screen_readers(value: Any) -> None:
    html = str(show({"type": "text"}, value, card_url))
    assert 'class="visually-hidden">empty<' in html


def test_every_field_type_has_a_way_to_be_shown() -> None:
    assert set(FIELD_UI) == set(FIELD_TYPES)
