"""Time zones of users: IANA names ("Europe/Chisinau") as the system's tz database knows them."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

#: The zone of a user who never chose one.
DEFAULT_ZONE = "UTC"


@cache
def _names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def time_zones() -> list[str]:
    """Every IANA time zone name this system knows, sorted."""
    return sorted(_names())


def is_time_zone(name: str) -> bool:
    return name in _names()


def zone(name: str | dt.tzinfo) -> dt.tzinfo:
    """The zone of an IANA name (UTC for a name this system does not know)."""
    if isinstance(name, dt.tzinfo):
        return name
    return zoneinfo.ZoneInfo(name) if is_time_zone(name) else dt.UTC
