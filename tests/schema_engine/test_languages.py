"""Languages and labels by language: what a reader of each language sees."""

from __future__ import annotations

import pytest

from kartoteka.schema_engine.languages import (
    LANGUAGES,
    app_language,
    app_languages,
    compact_label,
    label_map,
    label_text,
    language_of_tag,
)

DEAL = {"en": "Deal", "ru": "Сделка", "ro": "Afacere", "id": "Kesepakatan", "zh": "商机"}


def test_the_five_languages() -> None:
    assert LANGUAGES == ("en", "ru", "ro", "id", "zh")


@pytest.mark.parametrize(("label", "reader", "default", "seen"), [
    (DEAL, "zh", "en", "商机"),
    (DEAL, "ro", "ru", "Afacere"),
    ({"en": "Deal", "ru": "Сделка"}, "zh", "ru", "Сделка"),  # then the app's default
    ({"ru": "Сделка"}, "en", "en", "Сделка"),  # then any
    ({"ru": "", "ro": "Afacere"}, "ru", "en", "Afacere"),  # an empty text is none
    ("Deal", "ru", "ru", "Deal"),  # a plain string is every language's
    ({}, "en", "en", None),
    (None, "en", "en", None),
])
def test_a_reader_sees_their_language_then_the_default_then_any(
    label: object, reader: str, default: str, seen: str | None
) -> None:
    assert label_text(label, reader, default) == seen


@pytest.mark.parametrize(("tag", "language"), [
    ("ru-RU", "ru"), ("RU", "ru"), ("en-GB", "en"), ("ro", "ro"), ("id-ID", "id"), ("in", "id"),
    ("zh", "zh"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh-Hans-SG", "zh"), ("zh_CN", "zh"),
    ("zh-TW", None), ("zh-Hant", None), ("zh-Hant-HK", None), ("de-DE", None), ("*", None),
    ("", None),
])
def test_browsers_language_tags(tag: str, language: str | None) -> None:
    assert language_of_tag(tag) == language


def test_the_definitions_default_and_offered_languages() -> None:
    assert app_language({}) == "en"
    assert app_language({"language": "ru"}) == "ru"
    assert app_languages({}) == LANGUAGES  # an app that names none offers them all
    assert app_languages({"language": "ru"}) == ("ru", "en", "ro", "id", "zh")
    assert app_languages({"language": "ru", "languages": ["en", "ru"]}) == ("ru", "en")
    assert app_languages({"language": "zh", "languages": []}) == ("zh",)


def test_labels_edited_side_by_side_are_stored_compactly() -> None:
    assert compact_label({"en": "Deal", "ru": " "}) == "Deal"
    assert compact_label({"ru": "Сделка"}, default="ru") == "Сделка"
    assert compact_label({"zh": "商机", "en": "Deal"}) == {"en": "Deal", "zh": "商机"}
    assert compact_label({"en": ""}) is None
    assert label_map("Deal") == {"en": "Deal"}
    assert label_map("Сделка", default="ru") == {"ru": "Сделка"}
    assert label_map(DEAL) == DEAL
