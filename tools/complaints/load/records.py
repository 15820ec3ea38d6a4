"""The parts of a case a procedure can write more than once, kept as lists.

A decision can be proposed, sent back and proposed again, revised on appeal; a
case can be answered, appealed and answered again. Each of these records is a
list in the case file, oldest first, so the first decision and the revised one
both stay. The policy still names fields as `decision.finding`: that means the
latest entry of `decisions`. A step writes its fields into the latest entry,
or opens a new one when the latest already holds one of them (a second
proposal, a revised finding, a second response); what a step records by itself
(`{actor}`, `{at}`) never overwrites, so a review that upholds the original
decision leaves that decision's record as it was.

Case files written before the lists (a single mapping under `decision`) are
still read, so old versions in a trail stay readable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The policy's object name -> the case file's list.
LISTS = {"decision": "decisions", "response": "responses", "appeal": "appeals",
         "satisfaction": "satisfaction"}
# The time field of each entry that says when it came to exist, then those
# filled in later (with the fields they bring): what a view as of a moment keeps.
OPENED = {"decisions": ("proposed", "decided"), "responses": ("sent",), "appeals": ("lodged",),
          "satisfaction": ("answered",)}
LATER: dict[str, dict[str, tuple[str, ...]]] = {
    "decisions": {"decided": ("approved_by", "decided"), "sent_back": ("sent_back",)},
    "appeals": {"reviewed": ("outcome", "reviewer", "reviewed")},
}


def split(dotted: str) -> tuple[str, str] | None:
    """(list key, field) when the dotted field lives in a record list."""
    head, _, rest = dotted.partition(".")
    return (LISTS[head], rest) if head in LISTS and rest else None


def entries(case: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """A record list's entries, oldest first; a legacy single mapping is one entry."""
    value = case.get(key)
    if isinstance(value, list):
        return [e for e in value if isinstance(e, dict)]
    legacy = next((name for name, plural in LISTS.items() if plural == key), key)
    old = case.get(legacy)
    return [old] if isinstance(old, dict) else []


def latest(case: Mapping[str, Any], key: str) -> dict[str, Any]:
    found = entries(case, key)
    return found[-1] if found else {}


def get(case: Mapping[str, Any], dotted: str) -> Any:
    """Value at a dotted path such as decision.finding (the latest decision), or None."""
    where = split(dotted)
    value: Any = latest(case, where[0]) if where else case
    for part in (where[1] if where else dotted).split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def all_values(case: Mapping[str, Any], dotted: str) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every (pointer, value) of a dotted field, across all entries of its list."""
    where = split(dotted)
    if where is None:
        value = get(case, dotted)
        return [] if value is None else [(tuple(dotted.split(".")), value)]
    key, field = where
    out: list[tuple[tuple[str | int, ...], Any]] = []
    for i, entry in enumerate(case.get(key) or ()):
        value = get(entry, field) if isinstance(entry, dict) else None
        if value is not None:
            out.append(((key, i, *field.split(".")), value))
    return out


def pointer(case: Mapping[str, Any], dotted: str) -> tuple[str | int, ...]:
    """Where the dotted field is in the file: the latest entry of its list."""
    where = split(dotted)
    if where is None:
        return tuple(dotted.split("."))
    key, field = where
    count = len(case.get(key) or ()) if isinstance(case.get(key), list) else 0
    return (key, max(count - 1, 0), *field.split("."))
