"""Fields in the UI, one registry entry per type (`registry`): how a value is shown (`values`),
how it is edited on a form (`widgets`), and moments typed in the user's time zone (`moments`).
"""

from kartoteka.ui.fields.moments import NoSuchLocalTime, as_input, from_input, zone_name
from kartoteka.ui.fields.registry import FIELD_UI, FieldUi, field_ui, show, widget
from kartoteka.ui.fields.values import CardUrl, empty, format_moment, moments_in, option_label
from kartoteka.ui.fields.widgets import NOT_SENT, FormPairs, FormValue, Widget

__all__ = [
    "FIELD_UI",
    "NOT_SENT",
    "CardUrl",
    "FieldUi",
    "FormPairs",
    "FormValue",
    "NoSuchLocalTime",
    "Widget",
    "as_input",
    "empty",
    "field_ui",
    "format_moment",
    "from_input",
    "moments_in",
    "option_label",
    "show",
    "widget",
    "zone_name",
]
