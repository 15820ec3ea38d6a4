"""A case as it stood at a moment, and the facts every figure reads from it.

The history has a date for every step and each record list entry the date it
came to exist (load.records), so the case at the end of a past period can be
rebuilt exactly: later steps, later entries and fields filled in later are left
out. A figure of an ended period is computed from these views and so never
moves when the build date does.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cached_property
from typing import Any

from complaints.base.times import parse_time
from complaints.load.policy import Policy
from complaints.load.records import LATER, OPENED, entries
from complaints.procedure.clock import Clock, calendar_of, clocks, local_date, offset

Case = dict[str, Any]
UPHELD = frozenset({"upheld", "partly_upheld"})  # partly upheld counts as upheld (FCA)
QUICK_WORKING_DAYS = 3


def end_of(day: date, policy: Policy) -> datetime:
    """The last moment of a day in the organization's zone."""
    return datetime.combine(day, time(23, 59, 59), offset(policy))


def day_count(start: date, end: date) -> int:
    """Calendar days from one date to another: the one day count every output uses."""
    return (end - start).days


def _before(value: Any, moment: datetime) -> bool:
    return not isinstance(value, str) or parse_time(value) <= moment


def _entry_as_of(key: str, entry: dict[str, Any], moment: datetime) -> dict[str, Any] | None:
    opened = next((entry[f] for f in OPENED.get(key, ()) if f in entry), None)
    if opened is not None and not _before(opened, moment):
        return None
    kept = dict(entry)
    for stamp, fields in LATER.get(key, {}).items():
        if stamp in kept and not _before(kept[stamp], moment):
            for f in fields:
                kept.pop(f, None)
    return kept


def as_of(case: Case, moment: datetime) -> Case | None:
    """The case as it stood at moment; None if it had not been received yet."""
    if parse_time(case["received"]) > moment:
        return None
    history = case["history"]
    if parse_time(history[-1]["at"]) <= moment:
        return case  # nothing happened after it
    kept = [h for h in history if parse_time(h["at"]) <= moment]
    view = {**case, "history": kept, "status": kept[-1]["to"]}
    for key in OPENED:
        if key in case:
            view[key] = [e for x in entries(case, key) if (e := _entry_as_of(key, x, moment))]
    return view


class Facts:
    """What the figures read from one case view, derived once."""

    def __init__(self, case: Case, policy: Policy, today: date) -> None:
        self.case, self.policy, self.today = case, policy, today
        self.received = parse_time(case["received"])
        self.received_day = local_date(self.received, policy)
        status = case["status"]
        last = parse_time(case["history"][-1]["at"])
        self.ended: str | None = status if status in policy.terminal else None
        self.closed = last if status in policy.handled else None  # closed after handling
        self.ended_day = local_date(last, policy) if self.ended else None
        self.closed_day = self.ended_day if self.closed else None
        decided = [d for d in entries(case, "decisions") if d.get("decided")]
        self.first_finding: str | None = decided[0].get("finding") if decided else None
        self.finding: str | None = decided[-1].get("finding") if decided else None
        self.days_to_close = (day_count(self.received_day, self.closed_day)
                              if self.closed_day else None)

    @cached_property
    def all_clocks(self) -> list[Clock]:
        """Every clock, the complainant's windows included (the case page shows them all)."""
        return clocks(self.case, self.policy, self.today)

    @cached_property
    def clocks(self) -> list[Clock]:
        """The organization's clocks: what the figures count (a complainant's window is not
        the organization's to meet)."""
        return [c for c in self.all_clocks if c.party == "organization"]

    @cached_property
    def clock_days(self) -> list[tuple[str, str, date | None, float | None, int]]:
        """(name, outcome, day stopped, days taken, days paused) of each clock: what every
        period reads."""
        return [(c.name, c.outcome, local_date(c.stopped, self.policy) if c.stopped else None,
                 (c.stopped - c.started).total_seconds() / 86400 if c.stopped else None,
                 c.paused_days) for c in self.clocks]

    def days_of(self, key: str, stamp: str) -> list[tuple[date | None, int, dict[str, Any]]]:
        """(local day of the entry's `stamp` time, index, entry) for each entry of a record list."""
        cache = self.__dict__.setdefault("_days_of", {})
        if (key, stamp) not in cache:
            cache[(key, stamp)] = [
                (local_date(parse_time(e[stamp]), self.policy) if isinstance(e.get(stamp), str)
                 else None, i, e) for i, e in enumerate(entries(self.case, key))]
        return cache[(key, stamp)]  # type: ignore[no-any-return]

    @property
    def on_time(self) -> bool:
        """No deadline missed (a running or paused clock is not missed yet)."""
        return all(c.outcome in ("met", "running", "paused") for c in self.clocks)

    def days(self) -> int:
        """Days to close for a closed case, days open so far for an open one."""
        end = self.ended_day or self.today
        return max(day_count(self.received_day, end), 0)

    def quick(self) -> bool:
        """Closed by the end of the third working day after the day received."""
        if self.closed_day is None:
            return False
        # the policy's calendar, overrides and closure days included, as its deadlines count
        return self.closed_day <= calendar_of(self.policy).add_working_days(self.received_day,
                                                                            QUICK_WORKING_DAYS)

