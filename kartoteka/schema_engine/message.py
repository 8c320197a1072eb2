"""Messages raised as an id with parameters, translated at the edge.

The engine speaks no language of its own: an error carries a `Message`, whose `id` is its
English text with `%(name)s` places (the msgid of the Babel catalogs, so that English needs no
catalog and `make messages` finds it: `msg` and `plural_msg` are its keywords) and whose
`params` fill them. The message itself is its English text (a `str`), for logs and for
callers who ask for it;
the API and the UI call `translated(gettext, ngettext)` with the request's catalog.

    raise TrashError(msg("there is no schema-trash item %(item)s", item=7))

A parameter may itself be a Message or a `Listing` of them; they are translated too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def _english_ngettext(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


class Message(str):
    """A sentence as an id and its parameters; `plural` and `count` pick a plural form.

    It is a `str` whose value is its English text, so that code and tests that treat
    messages as text keep working (comparing, searching, joining: a joined message is plain
    English); the edges find its id and parameters with `isinstance(value, Message)`.
    """

    id: str
    params: Mapping[str, Any]
    plural: str | None
    #: The number that picks the plural form (`%(count)s` in the text).
    number: int | None

    def __new__(cls, id: str, params: Mapping[str, Any] | None = None,
                plural: str | None = None, number: int | None = None) -> Message:
        params = dict(params or {})
        english = id if plural is None or number is None else _english_ngettext(
            id, plural, number)
        message = super().__new__(cls, _fill(english, params, number, _same, _english_ngettext))
        message.id, message.params, message.plural, message.number = id, params, plural, number
        return message

    def translated(self, gettext: Gettext, ngettext: Ngettext = _english_ngettext) -> str:
        """The sentence in the catalog of `gettext`/`ngettext`, its parameters filled."""
        if self.plural is not None and self.number is not None:
            text = ngettext(self.id, self.plural, self.number)
        else:
            text = gettext(self.id)
        return _fill(text, self.params, self.number, gettext, ngettext)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.id, dict(self.params), self.plural, self.number))


def _fill(text: str, params: Mapping[str, Any], number: int | None, gettext: Gettext,
          ngettext: Ngettext) -> str:
    values = {name: translated(value, gettext, ngettext) for name, value in params.items()}
    if number is not None:
        values.setdefault("count", number)
    return text % values if values else text


@dataclass(frozen=True)
class Listing:
    """Parameters shown one after another: `"; ".join` of their translations; with `last`
    (a message such as `msg("%(items)s and %(last)s")`), the last one joined by it."""

    items: tuple[Any, ...]
    separator: str = "; "
    last: Message | None = None

    def __str__(self) -> str:
        return str(translated(self, _same))


def _same(text: str) -> str:
    return text


def translated(value: Any, gettext: Gettext, ngettext: Ngettext = _english_ngettext) -> Any:
    """`value` translated when it is a Message or a Listing, else itself."""
    if isinstance(value, Message):
        return value.translated(gettext, ngettext)
    if isinstance(value, Listing):
        texts = [str(translated(item, gettext, ngettext)) for item in value.items]
        if value.last is not None and len(texts) > 1:
            head = value.separator.join(texts[:-1])
            return Message(value.last.id, {"items": head, "last": texts[-1]}).translated(
                gettext, ngettext)
        return value.separator.join(texts)
    return value


def msg(text: str, **params: Any) -> Message:
    """A message with its id (the English text) and parameters."""
    return Message(text, params)


def plural_msg(singular: str, plural: str, count: int, **params: Any) -> Message:
    """A message with a singular and a plural form, chosen by `count` (`%(count)s` in it)."""
    return Message(singular, params, plural, count)


#: How the last of several things is joined: "a, b and c".
AND = msg("%(items)s and %(last)s")
#: "a, b or c".
OR = msg("%(items)s or %(last)s")


def english(value: str | Message) -> str:
    """The English text of a message or of a string."""
    return str(value)
