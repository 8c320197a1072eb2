"""Every string the UI shows goes through `gettext` here, in the request's language.

The request's language and its catalog come from `kartoteka.platform.i18n` (a context
variable: the signed-in user's choice, then the browser's `Accept-Language`, then the app's
default). English is the source text, so it needs no catalog; `make messages` collects every
string of the package (`pybabel extract -F babel.cfg`) into `kartoteka/locale/messages.pot`.
Numbers, money and dates are formatted by Babel for `LOCALE`.

`label(value)` is the one way a page shows a label of the definition (a string or a map by
language): the reader's language, then the app's default, then any.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from kartoteka.platform.errors import message_of
from kartoteka.platform.i18n import current_language, reader_label, translate, translations
from kartoteka.schema_engine.message import Message

LOCALE = "en"

__all__ = ["LOCALE", "error_text", "gettext", "label", "language", "markup_gettext", "message",
           "ngettext"]


def language() -> str:
    """The request's language code ("ru"), as `<html lang>` gives it ("zh-Hans" for Chinese)."""
    code = current_language()
    return "zh-Hans" if code == "zh" else code


def gettext(message: str, **variables: Any) -> str:
    """`message` translated, then filled: `gettext("Sign in as %(name)s", name=...)`."""
    text = translations().gettext(message)
    return text % variables if variables else text


def markup_gettext(message: str, **variables: Any) -> Markup:
    """`gettext` for HTML: the message is escaped, and so is every variable not Markup already."""
    return Markup(escape(translations().gettext(message))) % variables


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    """The form of `singular`/`plural` for `n`; `%(num)s` is `n`."""
    text = translations().ngettext(singular, plural, n)
    return text % {"num": n, **variables}


def message(value: str | Message) -> str:
    """An engine's message (an id with parameters) in the request's language."""
    return translate(value)


def error_text(exc: BaseException) -> str:
    """What an exception says, in the request's language (an engine error's message id is
    translated; any other exception gives its text)."""
    return translate(message_of(exc))


def label(value: Any, fallback: str = "") -> str:
    """A label of the definition for this request's reader; `fallback` when it has none."""
    return reader_label(value, fallback)
