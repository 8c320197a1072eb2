"""The language of each request, and the catalogs its messages are translated with.

A request's language is a context variable, never a process-wide setting: the middleware
`RequestLanguage` gives every request a `LanguageChoice` holding what its browser asks for
(`Accept-Language`); the session adds the signed-in user's stored choice and the app's default
once it knows them (the choice is one object shared with the worker threads a request runs
in, so what they learn is seen by the error handlers too). Pages follow the user's choice,
then the browser, then the app's default; the API's messages follow the browser, then the
user's choice, then the default. Requests outside HTTP (the CLI, the worker) speak English.

Catalogs live in `kartoteka/locale/<catalog>/LC_MESSAGES/messages.po` (domain `messages`;
`CATALOGS` names the folders, `zh_Hans` for Chinese) and are read from the .po files, once per
process: no compiled files to keep in step. English is the source text and needs none.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from kartoteka.schema_engine.languages import (
    CATALOGS,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Language,
    app_language,
    app_languages,
    is_language,
    label_text,
    language_of_tag,
)
from kartoteka.schema_engine.message import Message, translated

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
#: Accept-Language headers longer than this are read only this far (a browser sends < 100).
MAX_ACCEPT_LANGUAGE = 500


@cache
def catalog(language: Language) -> _gettext.NullTranslations:
    """The translations of `language`, read from its .po file (source text when there is none)."""
    po = LOCALE_DIR / CATALOGS[language] / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == DEFAULT_LANGUAGE or not po.is_file():
        return _gettext.NullTranslations()
    with po.open("rb") as source:
        messages = read_po(source, locale=CATALOGS[language], domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def accepted_languages(header: str | None) -> tuple[Language, ...]:
    """The languages of an `Accept-Language` header that Kartoteka speaks, most wanted first.

    >>> accepted_languages("de-DE,de;q=0.9,ru;q=0.8,zh-CN;q=0.9")
    ('zh', 'ru')
    """
    weighted: list[tuple[float, int, Language]] = []
    for position, item in enumerate((header or "")[:MAX_ACCEPT_LANGUAGE].split(",")):
        tag, _, rest = item.partition(";")
        quality = 1.0
        for parameter in rest.split(";"):
            key, _, value = parameter.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        language = language_of_tag(tag)
        if language is not None and quality > 0:
            weighted.append((-quality, position, language))
    return tuple(dict.fromkeys(language for _, _, language in sorted(weighted)))


@dataclass
class LanguageChoice:
    """What decides one request's language; `language` is the decision."""

    accepted: tuple[Language, ...] = ()
    #: The signed-in user's stored choice; "" until they choose.
    user: str = ""
    default: Language = DEFAULT_LANGUAGE
    offered: tuple[Language, ...] = LANGUAGES
    #: API requests put the browser's languages before the user's choice.
    api: bool = False
    _decided: Language | None = field(default=None, repr=False)

    def learn_app(self, definition: MutableMapping[str, Any] | Any) -> None:
        """Take the app's default and offered languages from its definition."""
        self.default = app_language(definition)
        self.offered = app_languages(definition)
        self._decided = None

    def learn_user(self, language: str) -> None:
        self.user = language
        self._decided = None

    @property
    def language(self) -> Language:
        if self._decided is None:
            self._decided = self._decide()
        return self._decided

    def _decide(self) -> Language:
        user = (self.user,) if is_language(self.user) else ()
        browser = self.accepted
        order = (*browser, *user) if self.api else (*user, *browser)
        return next((code for code in order if code in self.offered), self.default)


_choice: ContextVar[LanguageChoice | None] = ContextVar("kartoteka_language", default=None)


def current_choice() -> LanguageChoice | None:
    """This request's language choice; None outside a request."""
    return _choice.get()


def current_language() -> Language:
    choice = _choice.get()
    return choice.language if choice is not None else DEFAULT_LANGUAGE


def translations() -> _gettext.NullTranslations:
    """The catalog of this request's language."""
    return catalog(current_language())


def set_choice(choice: LanguageChoice | None) -> Token[LanguageChoice | None]:
    """Make `choice` the current one (the middleware does this per request; tests may too);
    `reset_choice` with the token puts the previous one back."""
    return _choice.set(choice)


def reset_choice(token: Token[LanguageChoice | None]) -> None:
    _choice.reset(token)


def translate(value: str | Message | Any) -> str:
    """A message in this request's language; a plain string as it is."""
    chosen = translations()
    return str(translated(value, chosen.gettext, chosen.ngettext))


def reader_label(value: Any, fallback: str = "") -> str:
    """A label of the definition (a string or a map by language) for this request's reader:
    their language, then the app's default, then any; `fallback` when it has no text."""
    choice = _choice.get()
    if choice is None:
        return label_text(value, DEFAULT_LANGUAGE) or fallback
    return label_text(value, choice.language, choice.default) or fallback


def learn_user_language(language: str) -> None:
    choice = _choice.get()
    if choice is not None:
        choice.learn_user(language)


def learn_app_languages(definition: Any) -> None:
    choice = _choice.get()
    if choice is not None:
        choice.learn_app(definition)


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _varying(send: Send) -> Send:
    """`send` that says every answer may vary with Accept-Language (for caches)."""

    async def send_varying(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            vary = [i for i, (name, _) in enumerate(headers) if name.lower() == b"vary"]
            if vary:
                name, value = headers[vary[0]]
                headers[vary[0]] = (name, value + b", Accept-Language")
            else:
                headers.append((b"vary", b"Accept-Language"))
            message["headers"] = headers
        await send(message)

    return send_varying


class RequestLanguage:
    """ASGI middleware: a fresh `LanguageChoice` for every HTTP request, from its
    `Accept-Language` and the app's newest definition (`latest()`), before anything else runs."""

    def __init__(self, app: AsgiApp, latest: Callable[[], Any | None]) -> None:
        self.app = app
        self.latest = latest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            header = next((value for name, value in scope["headers"]
                           if name == b"accept-language"), b"")
            choice = LanguageChoice(
                accepted_languages(header[:MAX_ACCEPT_LANGUAGE].decode("latin-1")),
                api=str(scope.get("path", "")).startswith("/api"))
            definition = self.latest()
            if definition is not None:
                choice.learn_app(definition)
            token = _choice.set(choice)
            try:
                await self.app(scope, receive, _varying(send))
            finally:
                _choice.reset(token)
            return
        await self.app(scope, receive, send)
