"""Every string the UI shows goes through `gettext` here, from Babel catalogs in `locale/`.

English is the only language for now: its strings are the source text, so it needs no catalog
(`pybabel extract -F kartoteka/ui/babel.cfg` collects them; `make messages` writes the .pot).
Numbers, money and dates are formatted by Babel for `LOCALE`.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path
from typing import Any

from babel.support import Translations
from markupsafe import Markup, escape

LOCALE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def load_translations(locale: str) -> _gettext.NullTranslations:
    """The catalog of `locale` (a NullTranslations, giving the source text, when there is none)."""
    return Translations.load(str(LOCALE_DIR), [locale], DOMAIN)


#: The translations in use; one language for every request until users choose theirs.
active: _gettext.NullTranslations = load_translations(LOCALE)


def gettext(message: str, **variables: Any) -> str:
    """`message` translated, then filled: `gettext("Sign in as %(name)s", name=...)`."""
    text = active.gettext(message)
    return text % variables if variables else text


def markup_gettext(message: str, **variables: Any) -> Markup:
    """`gettext` for HTML: the message is escaped, and so is every variable not Markup already."""
    return Markup(escape(active.gettext(message))) % variables


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    """The form of `singular`/`plural` for `n`; `%(num)s` is `n`."""
    text = active.ngettext(singular, plural, n)
    return text % {"num": n, **variables}

