"""Messages after a change ("Deal “X” moved to the trash", with Undo), carried in the address.

A page that changed something redirects with `?done=<signed>`; the next page (any page in the
layout) shows the message. The value is signed with the cookie secret, so that nobody can make
the site say something it did not do, and it expires after a few minutes, so that a bookmarked
address does not repeat it forever. It only names what happened; the record's title is shown
as text (autoescaped).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from kartoteka.schema_engine.model import AppModel
from kartoteka.ui.i18n import gettext
from kartoteka.ui.labels import entity_label
from kartoteka.ui.security import Signer

PARAM = "done"
#: Seconds a message stays readable after the change.
LIFETIME = 600
#: Kept apart from session keys, which are signed with the same secret.
_PREFIX = "flash:"

TRASHED = "trashed"
RESTORED = "restored"
#: An automation's button was pressed: its rule runs in the background (`t` is the button).
QUEUED = "queued"


@dataclass(frozen=True)
class Flash:
    message: str
    #: (entity, record id) that the Undo button restores; None when there is nothing to undo.
    undo: tuple[str, int] | None


def with_flash(url: str, signer: Signer, kind: str, entity: str, record_id: int,
               title: str) -> str:
    """`url` carrying the message that `kind` happened to the record."""
    payload = json.dumps({"k": kind, "e": entity, "i": record_id, "t": title},
                         ensure_ascii=False)
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{urlencode({PARAM: signer.sign(_PREFIX + payload)})}"


def read_flash(request: Request, signer: Signer, model: AppModel) -> Flash | None:
    """The message the address carries, when this server signed it lately."""
    value = signer.unsign(request.query_params.get(PARAM), LIFETIME)
    if value is None or not value.startswith(_PREFIX):
        return None
    data = _payload(value.removeprefix(_PREFIX))
    if data is None or data["e"] not in model.entities:
        return None
    label = entity_label(model, data["e"])
    if data["k"] == TRASHED:
        message = gettext("%(entity)s “%(title)s” moved to the trash.", entity=label,
                          title=data["t"])
        return Flash(message, (data["e"], data["i"]))
    if data["k"] == RESTORED:
        return Flash(gettext("%(entity)s “%(title)s” is back from the trash.", entity=label,
                             title=data["t"]), None)
    if data["k"] == QUEUED:
        return Flash(gettext("“%(title)s” is running; what it does appears on the timeline in "
                             "a moment.", title=data["t"]), None)
    return None


def _payload(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None
    return data if isinstance(data.get("e"), str) and isinstance(data.get("t"), str) else None
