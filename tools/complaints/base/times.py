"""The one reader of RFC 3339 times and of UTC offsets.

Case files, the CLI's `--at` and the policy's `timezone` all write times so;
reading them in one place keeps `Z`, offsets and refusals alike everywhere.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# RFC 3339 §5.6 date-time; `t`, `z` and a space for `T` are allowed by its notes.
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?P<zone>[Zz]|[+-]\d{2}:\d{2})?")
_OFFSET = re.compile(r"(?P<sign>[+-])(?P<hours>\d{2}):(?P<minutes>\d{2})")


@lru_cache(maxsize=4096)  # each history time is read again as the one above the next step
def parse_time(text: str) -> datetime:
    """An RFC 3339 time with its offset, `Z` or ±HH:MM; ValueError for anything else.

    A time without an offset is refused: it names no instant, and comparing it
    with one that has an offset would fail later, far from the bad input.
    """
    m = _TIME.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise ValueError(f"{text!r} is not an RFC 3339 time (YYYY-MM-DDTHH:MM:SS+HH:MM or ...Z)")
    zone = m.group("zone")
    if zone is None:
        raise ValueError(f"{text!r} has no UTC offset (add Z or +HH:MM)")
    iso = text[:10] + "T" + text[11:-1] + "+00:00" if zone in ("Z", "z") else text[:10] + "T" + text[11:]
    try:
        return datetime.fromisoformat(iso)
    except ValueError as exc:  # a month 13, a February 30th, an offset +25:00
        raise ValueError(f"{text!r} is not a valid time: {exc}") from None


@cache  # a handful of distinct offsets, asked for once per history entry
def parse_offset(text: str) -> timezone:
    """A UTC offset, `Z` or ±HH:MM, as a fixed time zone; ValueError for anything else."""
    if text in ("Z", "z"):
        return UTC
    m = _OFFSET.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise ValueError(f"{text!r} is not a UTC offset (Z or ±HH:MM)")
    hours, minutes = int(m.group("hours")), int(m.group("minutes"))
    if hours > 23 or minutes > 59:
        raise ValueError(f"{text!r} is not a UTC offset (hours 00-23, minutes 00-59)")
    sign = -1 if m.group("sign") == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))



@cache
def parse_zone(text: str) -> tzinfo:
    """An organization's time zone: a UTC offset (fixed) or an IANA name such as
    Europe/London, whose offset follows the clock change; ValueError for anything else."""
    if isinstance(text, str) and "/" in text:
        try:
            return ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{text!r} is not a known IANA time zone") from None
    return parse_offset(text)
