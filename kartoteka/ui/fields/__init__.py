"""Fields in the UI, one registry entry per type: how a value is shown (`values`), how it is
edited on a form (`widgets`), and moments typed in the user's time zone (`moments`).
"""

from kartoteka.ui.fields.moments import NoSuchLocalTime, as_input, from_input, zone_name
from kartoteka.ui.fields.values import CardUrl, empty, format_moment, moments_in, option_label, show
from kartoteka.ui.fields.widgets import NOT_SENT, FormPairs, FormValue, Widget, widget

__all__ = [
    "NOT_SENT",
    "CardUrl",
    "FormPairs",
    "FormValue",
    "NoSuchLocalTime",
    "Widget",
    "as_input",
    "empty",
    "format_moment",
    "from_input",
    "moments_in",
    "option_label",
    "show",
    "widget",
    "zone_name",
]
