"""The policy's calendar settings and the project's calendar overrides file, read once.

`calendar/overrides.yml` (schema/calendar.schema.json) holds what the holidays
package cannot know yet: the official schedule of a year it has no data for
(China's State Council publishes next year's in November or December, usually
before the package updates), and the organization's own closure days. Which
days are working days is procedure.calendar's to say; this module only reads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from complaints.base.findings import Finding, finding
from complaints.load.safeyaml import Document, LoadError, load_file
from complaints.load.schemas import schema_findings

OVERRIDES_FILE = "calendar/overrides.yml"


@dataclass(frozen=True)
class Official:
    """One country's official schedule for one year, as its notice gives it."""

    country: str
    subdivision: str | None
    year: int
    source: str
    days_off: frozenset[date]
    working_days: frozenset[date]  # weekend days that are working days (调休)


@dataclass(frozen=True)
class CalendarSpec:
    country: str | None
    subdivision: str | None
    estimate: bool  # a deadline in a year without official data: estimated, not refused
    official: tuple[Official, ...] = ()
    closures: frozenset[date] = frozenset()
    digest: str = ""  # of the overrides file: what a cached result depends on


def _days(first: str, last: str) -> list[date]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [a + timedelta(days=n) for n in range((b - a).days + 1)]


def _consistency(doc: Document, path: str) -> list[Finding]:
    """What the schema cannot say: ranges run forwards, dates lie in their year, one entry a year."""
    out, seen = [], set()

    def bad(pointer: tuple[str | int, ...], detail: str) -> None:
        out.append(finding(path, *doc.pos(pointer), "L103", detail))

    for i, entry in enumerate(doc.data.get("official", [])):
        key = (entry["country"], entry.get("subdivision"), entry["year"])
        if key in seen:
            bad(("official", i, "year"), f"{entry['country']} {entry['year']} is listed twice")
        seen.add(key)
        for j, period in enumerate(entry["days_off"]):
            if period["to"] < period["from"]:
                bad(("official", i, "days_off", j, "to"), f"{period['name']} ends before it begins")
            for end in ("from", "to"):
                if not period[end].startswith(f"{entry['year']}-"):
                    bad(("official", i, "days_off", j, end), f"{period[end]} is not in {entry['year']}")
        off = {d for p in entry["days_off"] if p["from"] <= p["to"] for d in _days(p["from"], p["to"])}
        for j, day in enumerate(entry.get("working_days", [])):
            if not day.startswith(f"{entry['year']}-"):
                bad(("official", i, "working_days", j), f"{day} is not in {entry['year']}")
            if date.fromisoformat(day) in off:
                bad(("official", i, "working_days", j), f"{day} is both a day off and a working day")
    for i, closure in enumerate(doc.data.get("closures", [])):
        if closure["to"] < closure["from"]:
            bad(("closures", i, "to"), f"closure {closure['from']} ends before it begins")
    return out


def _official(entry: dict[str, Any]) -> Official:
    off = frozenset(d for p in entry["days_off"] for d in _days(p["from"], p["to"]))
    on = frozenset(date.fromisoformat(d) for d in entry.get("working_days", []))
    return Official(entry["country"], entry.get("subdivision"), entry["year"], entry["source"], off, on)


def load_spec(raw: dict[str, Any], root: Path) -> tuple[CalendarSpec | None, list[Finding]]:
    """The policy's `calendar` with its overrides file; None and findings when that file is unusable."""
    conf = raw.get("calendar", {})
    named = conf.get("overrides")
    rel = named or OVERRIDES_FILE
    path = root / rel
    spec = CalendarSpec(conf.get("country"), conf.get("subdivision"), bool(conf.get("estimate", False)))
    if not path.is_file():
        if named:
            return None, [finding(rel, 1, 1, "Y111", "calendar overrides file not found")]
        return spec, []
    try:
        doc = load_file(path)
    except LoadError as exc:
        return None, [finding(rel, exc.line, exc.col, exc.code, exc.detail)]
    problems = schema_findings("calendar", doc, rel) or _consistency(doc, rel)
    if problems:
        return None, problems
    closures = frozenset(d for c in doc.data.get("closures", []) for d in _days(c["from"], c["to"]))
    official = tuple(_official(e) for e in doc.data.get("official", []))
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    return CalendarSpec(spec.country, spec.subdivision, spec.estimate, official, closures, digest), []
