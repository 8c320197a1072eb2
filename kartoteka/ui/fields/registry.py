"""The UI's field-type registry: for each type, how a value is shown and how it is edited.

The engine's registry (`schema_engine.types.FIELD_TYPES`) says how a type is stored, parsed,
filtered, sorted and totalled; this one holds what only the UI knows. Adding a type is one
entry there and one here. The display functions live in `values.py`, the widgets in `widgets.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from kartoteka.schema_engine.definition import Field
from kartoteka.ui.fields import values as v
from kartoteka.ui.fields import widgets as w
from kartoteka.ui.fields.values import CardUrl, Show
from kartoteka.ui.fields.widgets import Widget


@dataclass(frozen=True)
class FieldUi:
    """How one field type looks and is edited."""

    show: Show
    widget: Widget
    #: Whether a list's bulk edit may set it to one value for every chosen record (not sets of
    #: linked records, uploads or numbers the database gives).
    bulk_editable: bool = True
    #: Shown under the title of a board's cards (amounts and the records a card links to).
    on_board_card: bool = False


_NUMBER = w._input(inputmode="numeric", to_form=w._number)
_DECIMAL = w._input(inputmode="decimal", to_form=w._number)
_CHOICE = Widget("select.html", w._text, w._last, options=True)

FIELD_UI: dict[str, FieldUi] = {
    "text": FieldUi(v._text, w._input()),
    "long_text": FieldUi(v._long_text, Widget("textarea.html", w._text, w._last)),
    "email": FieldUi(v._email, w._input("email")),
    "phone": FieldUi(v._phone, w._input("tel")),
    "url": FieldUi(v._url, w._input("url")),
    "integer": FieldUi(v._number, _NUMBER),
    "decimal": FieldUi(v._number, _DECIMAL),
    "money": FieldUi(v._money, _DECIMAL, on_board_card=True),
    "percent": FieldUi(v._percent, _DECIMAL),
    "boolean": FieldUi(v._boolean, Widget("checkbox.html", w._checked, w._last, w._ticked,
                                           own_label=True)),
    "date": FieldUi(v._date, w._input("date")),
    "datetime": FieldUi(v._datetime, w._input("datetime-local", to_form=w._moment)),
    "select": FieldUi(v._option, _CHOICE),
    "stage": FieldUi(v._option, _CHOICE),
    "multi_select": FieldUi(v._options, Widget("checkboxes.html", w._many, w._chosen, w._listed,
                                               group=True, options=True)),
    "link": FieldUi(v._link, Widget("link.html", w._reference, w._last, picker=True),
                    on_board_card=True),
    "links": FieldUi(v._links, Widget("links.html", w._references, w._chosen, w._listed,
                                      group=True, picker=True), bulk_editable=False),
    "user": FieldUi(v._user, Widget("user.html", w._reference, w._last, users=True)),
    "autonumber": FieldUi(v._autonumber, Widget("read_only.html", w._text, w._ignored,
                                                read_only=True, own_label=True),
                          bulk_editable=False),
    # The current file's id travels in a hidden input; an uploaded file's id is added after
    # it by the route (uploads.py), so the last id sent wins; "Remove the file" sends "remove".
    "file": FieldUi(v._file, Widget("file.html", w._reference, w._file_chosen, w._file_typed,
                                    upload=True), bulk_editable=False),
}


def field_ui(f: Mapping[str, Any]) -> FieldUi:
    """The registry entry of field `f` (a plain text's for a type without one)."""
    return FIELD_UI.get(str(f["type"]), FIELD_UI["text"])


def show(f: Field, value: Any, url: CardUrl) -> Markup:
    """`value` of field `f` as HTML that shows it as text (links as links)."""
    if value is None or value == "" or value == []:
        return v.empty()
    return field_ui(f).show(f, value, url)


def widget(f: Mapping[str, Any]) -> Widget:
    """The widget of field `f` (a plain text input for a type without one)."""
    return field_ui(f).widget
