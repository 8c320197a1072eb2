"""Moments typed in the UI, in the user's time zone: what an input shows and what it sends on.

Stored moments are UTC, and the API speaks UTC ISO text with "Z". People type local times, so
every input of a moment (a record form's `datetime-local`, a filter's value, a bulk change's
value) shows the stored moment in the zone of the page (`values.TIME_ZONE`, the signed-in
user's) and what was typed there is read as a local time in that zone and sent on as UTC.

Daylight saving: a local time the clocks skip (03:30 on the night they go forward) names no
moment; a form refuses it in words (`NoSuchLocalTime`), a filter takes the moment the clocks
jumped, which is exactly where "before 03:30" ends. A local time that happens twice (the hour
the clocks go back) is taken at its first occurrence, the one before the change.
"""

from __future__ import annotations

import datetime as dt

from babel import dates

from kartoteka.schema_engine.types import ConversionError, typed_moment
from kartoteka.ui.fields.values import TIME_ZONE, local_moment
from kartoteka.ui.i18n import LOCALE, gettext


class NoSuchLocalTime(ValueError):
    """A typed local time that the page's zone skips (the clocks go forward over it)."""

    def __init__(self, local: dt.datetime, zone_name: str) -> None:
        self.local = local
        self.zone_name = zone_name
        super().__init__(gettext(
            "There is no %(time)s on %(day)s in %(zone)s: the clocks go forward then. "
            "Enter a time before or after the change.",
            time=dates.format_time(local.time(), "short", locale=LOCALE),
            day=dates.format_date(local.date(), "long", locale=LOCALE), zone=zone_name))


def zone_name() -> str:
    """The IANA name of the page's zone ("Europe/Chisinau", "UTC")."""
    return str(TIME_ZONE.get())


def as_input(value: object) -> str:
    """A stored moment ('2026-11-23T10:00:00Z'; text without a zone is UTC, as the engine
    reads it) -> what a datetime-local input shows in the page's zone ('2026-11-23T12:00');
    text that is no moment stays as it is."""
    if value is None or value == "":
        return ""
    moment = _read(str(value))
    if moment is None:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = local_moment(moment)
    return local.strftime("%Y-%m-%dT%H:%M:%S" if local.second else "%Y-%m-%dT%H:%M")


def from_input(text: str, *, skipped: str = "refuse") -> str:
    """A typed local time ('2026-03-10T18:00') -> the UTC moment it names in the page's zone
    ('2026-03-10T16:00:00Z'). Text naming its own zone or offset, empty text and text that is
    no moment go on unchanged (the engine reads or refuses them, in its words).

    A skipped local time raises NoSuchLocalTime (`skipped="refuse"`) or becomes the moment the
    clocks jumped (`skipped="jump"`, for filters)."""
    moment = _read(text)
    if moment is None or moment.tzinfo is not None:
        return text
    zone = TIME_ZONE.get()
    local = moment.replace(tzinfo=zone, fold=0)  # fold 0: the first of a repeated hour
    try:
        utc = local.astimezone(dt.UTC)
    except OverflowError:  # before the year 1 or after 9999 in UTC: the engine refuses it
        return text
    if utc.astimezone(zone).replace(tzinfo=None) != moment:
        if skipped != "jump":
            raise NoSuchLocalTime(moment, zone_name())
        utc = _jump(moment, zone)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def _read(text: str) -> dt.datetime | None:
    if not text.strip():
        return None
    try:
        return typed_moment(text)
    except (ConversionError, ValueError):
        return None


def _jump(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """The moment the clocks jumped over the skipped local time `moment` (to the second)."""
    early = moment.replace(tzinfo=zone, fold=1).astimezone(dt.UTC)  # offset after the jump
    late = moment.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)   # offset before it
    early, late = min(early, late), max(early, late)
    after = late.astimezone(zone).utcoffset()
    while late - early > dt.timedelta(seconds=1):
        middle = early + (late - early) / 2
        if middle.astimezone(zone).utcoffset() == after:
            late = middle
        else:
            early = middle
    return late.replace(microsecond=0)
