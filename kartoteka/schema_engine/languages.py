"""The languages Kartoteka speaks, and labels that may be written in several of them.

A label in the app definition is a string or a map by language (`{"en": "Deal", "ru": "Сделка"}`).
`label_text` picks the one a reader sees: their language, then the definition's default, then
any. The definition names its default (`"language"`) and the languages it offers
(`"languages"`); `app_language` and `app_languages` read them with their defaults.

The catalogs of translated messages are named by `CATALOGS` (Chinese is `zh_Hans`: the
simplified script the businesses it is made for write), and browsers' language tags are mapped
to a language by `language_of_tag` ("zh-CN" and "zh-Hans-SG" are Chinese, "zh-TW" is not).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal, TypeGuard, get_args

#: A language of the product and of labels.
Language = Literal["en", "ru", "ro", "id", "zh"]

#: Every language, in the order pages list them.
LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)

#: The language of the source text, and of a definition that names none.
DEFAULT_LANGUAGE: Final[Language] = "en"

#: The Babel catalog (folder under `kartoteka/locale/`) of each language.
CATALOGS: Final[Mapping[Language, str]] = {
    "en": "en", "ru": "ru", "ro": "ro", "id": "id", "zh": "zh_Hans",
}

#: Each language by its own name, as a choice of language is shown (never translated).
NATIVE_NAMES: Final[Mapping[Language, str]] = {
    "en": "English", "ru": "Русский", "ro": "Română", "id": "Bahasa Indonesia", "zh": "中文",
}

#: A label as the definition holds it: a string, or a map by language.
Label = str | Mapping[str, str]

#: Chinese tags that name the traditional script or a place that writes it.
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})


def is_language(value: Any) -> TypeGuard[Language]:
    return isinstance(value, str) and value in LANGUAGES


def language_of_tag(tag: str) -> Language | None:
    """The language of a BCP 47 tag as browsers send it: 'ru-RU' -> 'ru', 'zh-CN' -> 'zh',
    'zh-Hans-SG' -> 'zh', 'zh-TW' -> None (traditional script), 'de' -> None."""
    parts = tag.strip().lower().replace("_", "-").split("-")
    primary = parts[0]
    if primary == "in":  # the old code of Indonesian, still sent by some systems
        primary = "id"
    if primary == "zh" and _TRADITIONAL.intersection(parts[1:]) and "hans" not in parts[1:]:
        return None
    return primary if is_language(primary) else None


def app_language(definition: Mapping[str, Any]) -> Language:
    """The definition's default language ("en" when it names none)."""
    chosen = definition.get("language")
    return chosen if is_language(chosen) else DEFAULT_LANGUAGE


def app_languages(definition: Mapping[str, Any]) -> tuple[Language, ...]:
    """The languages the app offers, its default first: its `languages`, else all of them.

    >>> app_languages({"language": "ru", "languages": ["en"]})
    ('ru', 'en')
    """
    default = app_language(definition)
    listed = definition.get("languages")
    offered = LANGUAGES if listed is None else [code for code in listed if is_language(code)]
    return tuple(dict.fromkeys([default, *offered]))


def label_text(label: Any, language: str, default: str = DEFAULT_LANGUAGE) -> str | None:
    """The text of `label` for a reader of `language`: that language, then `default`, then the
    first language it has; a string label is itself; None when there is none.

    >>> label_text({"en": "Deal", "ru": "Сделка"}, "ru")
    'Сделка'
    >>> label_text({"en": "Deal", "ru": "Сделка"}, "zh", default="ru")
    'Сделка'
    """
    if isinstance(label, str):
        return label or None
    if not isinstance(label, Mapping):
        return None
    for code in (language, default):
        text = label.get(code)
        if isinstance(text, str) and text:
            return text
    return next((text for text in label.values() if isinstance(text, str) and text), None)


def label_map(label: Any, default: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """`label` as a map by language (a string label is the `default` language's)."""
    if isinstance(label, str):
        return {default: label} if label else {}
    if isinstance(label, Mapping):
        return {code: text for code, text in label.items() if isinstance(text, str) and text}
    return {}


def compact_label(texts: Mapping[str, str], default: str = DEFAULT_LANGUAGE) -> Label | None:
    """The label to store for `texts` by language: None when empty, a plain string when only
    the `default` language has one (so that one-language apps keep plain strings), else a map
    in the order of `LANGUAGES`."""
    filled: dict[str, str] = {code: texts[code].strip() for code in LANGUAGES
                              if code in texts and texts[code].strip()}
    if not filled:
        return None
    if set(filled) == {default}:
        return filled[default]
    return filled
