"""How a field is edited on a form: one small entry per field type (the UI's widget registry).

Each `Widget` says which template draws the input (`templates/widgets/`), the input's HTML type
and keyboard, how a stored value (as the record layer serializes it) is written into the input,
and how the submitted form is read back into the raw value the record layer parses. The record
layer does every check (`schema_engine.record_values`), so that the card and the API accept and
refuse the same values; a widget only carries text to it.

Numbers are text inputs with a numeric keyboard (`inputmode`), not `type=number`: a number
input sends nothing at all for "1 234,50" or "12,5", which the engine reads fine, and a value
it cannot read would vanish silently instead of coming back with its error next to the field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kartoteka.ui.fields.moments import as_input, zone_name
from kartoteka.ui.i18n import gettext

#: Marks a field the form did not send (as opposed to sent empty): it is left as it is.
NOT_SENT: Any = object()

#: What a form sends: (name, value) pairs in order, the same name possibly several times.
FormPairs = Sequence[tuple[str, str]]
#: The value an input shows: text, a list of chosen values (checkboxes), or checked or not.
FormValue = str | list[str] | bool
ToForm = Callable[[Any], FormValue]
FromForm = Callable[[FormPairs, str], Any]
#: What `from_form` read -> the value the input shows again (after an error, as typed).
AsTyped = Callable[[Any], FormValue]


@dataclass(frozen=True)
class Widget:
    """How one field type is edited."""

    #: The template under templates/widgets/ that draws the input.
    template: str
    to_form: ToForm
    from_form: FromForm
    as_typed: AsTyped = str
    #: The `type` of an <input> (text, email, date...).
    input_type: str = "text"
    #: The keyboard phones show (numeric, decimal, tel...), if not the input type's own.
    inputmode: str | None = None
    #: A set of inputs (checkboxes) labelled by a <fieldset>'s legend rather than one label.
    group: bool = False
    #: Options to choose from: select, stage, multi_select (their values and labels).
    options: bool = False
    #: Record pickers (link, links): the target entity is searched.
    picker: bool = False
    #: A choice among the platform's users (user fields).
    users: bool = False
    #: The user cannot change it (autonumber).
    read_only: bool = False
    #: The template draws the label itself (a checkbox's label follows the box).
    own_label: bool = False
    #: A file input: the form is sent as multipart/form-data.
    upload: bool = False

    def note(self) -> str | None:
        """A short help text shown under the input."""
        return _NOTES[self.input_type]() if self.input_type in _NOTES else None


_NOTES: dict[str, Callable[[], str]] = {
    # Typed and shown in the user's zone (moments.py); stored and sent to the API as UTC.
    "datetime-local": lambda: gettext("Date and time in %(zone)s.", zone=zone_name()),
}


# ---------------------------------------------------------------- stored value -> input


def _text(value: Any) -> FormValue:
    return "" if value is None else str(value)


def _number(value: Any) -> FormValue:
    # Through str: 0.1 read back from JSON shows as 0.1; "f": never an exponent (1E+3).
    return "" if value is None else format(Decimal(str(value)), "f")


def _moment(value: Any) -> FormValue:
    """'2026-11-23T10:00:00Z' -> '2026-11-23T12:00', what datetime-local inputs take, in the
    user's zone (Europe/Chisinau here)."""
    return as_input(value)


def _checked(value: Any) -> FormValue:
    return bool(value)


def _many(value: Any) -> FormValue:
    return [str(v) for v in value or []]


def _reference(value: Any) -> str:
    """A link or user `{"id", "title"}` (or a bare id) -> its id as text."""
    if isinstance(value, dict):
        value = value.get("id")
    return "" if value is None else str(value)


def _references(value: Any) -> FormValue:
    return [_reference(v) for v in value or []] if isinstance(value, list) else []


# ---------------------------------------------------------------- form -> raw value


def _last(pairs: FormPairs, name: str) -> Any:
    """The last value sent under `name` (a checkbox comes after its hidden 'false')."""
    sent = [v for k, v in pairs if k == name]
    return sent[-1] if sent else NOT_SENT


def _chosen(pairs: FormPairs, name: str) -> Any:
    """Every non-empty value under `name`; a hidden empty one marks the set as sent."""
    sent = [v for k, v in pairs if k == name]
    return [v for v in sent if v] if sent else NOT_SENT


def _ignored(_pairs: FormPairs, _name: str) -> Any:
    return NOT_SENT


#: What the file widget's "Remove the file" box sends.
REMOVE_FILE = "remove"


def _file_chosen(pairs: FormPairs, name: str) -> Any:
    """A file field: the last id sent (an upload comes after the current file's hidden id),
    none when "Remove the file" is ticked and nothing new came; empty values are ignored (an
    empty file input may arrive as one)."""
    sent = [v for k, v in pairs if k == name]
    if not sent:
        return NOT_SENT
    ids = [v for v in (sent[1:] if REMOVE_FILE in sent else sent) if v and v != REMOVE_FILE]
    return ids[-1] if ids else None


def _file_typed(raw: Any) -> FormValue:
    return "" if raw is None else str(raw)


def _ticked(raw: object) -> FormValue:
    return raw == "true"


def _listed(raw: Any) -> FormValue:
    return [str(v) for v in raw]


def _input(input_type: str = "text", inputmode: str | None = None,
           to_form: ToForm = _text) -> Widget:
    return Widget("input.html", to_form, _last, input_type=input_type, inputmode=inputmode)
