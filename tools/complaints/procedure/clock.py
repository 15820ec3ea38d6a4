"""Deadlines per case, from the policy's clocks.

A clock starts when the case first enters its `start` state and stops when it
first enters one of its `stop` states after that. The limit counts calendar
days or working days; working days follow the official calendar of the
policy's country, make-up working days included (China's 调休), so a Sunday
can be a working day and a weekday a holiday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import Any, Literal

import holidays

from complaints.base.times import parse_offset, parse_time
from complaints.load.policy import Deadline, Policy

# parse_time is read from here by the site; it lives in base.times
__all__ = ["Clock", "add_working_days", "clocks", "due_date", "is_working_day", "local_date", "offset",
           "parse_time"]

Outcome = Literal["met", "missed", "running", "overdue"]


@dataclass(frozen=True)
class Clock:
    name: str
    started: datetime
    due: date  # the last day on which stopping counts as on time
    stopped: datetime | None
    outcome: Outcome
    elapsed_days: float | None  # start to stop, in calendar days; None while running


def local_date(moment: datetime, policy: Policy) -> date:
    """The calendar date at the organization's offset, where deadlines are counted."""
    return moment.astimezone(offset(policy)).date()


def offset(policy: Policy) -> timezone:
    """The organization's UTC offset, where its days begin and end."""
    return parse_offset(policy.timezone)


@cache
def _calendar(country: str) -> Any:
    return holidays.country_holidays(country)


@cache  # the holidays lookup is slow per call and a site asks about the same days again
def is_working_day(day: date, country: str | None) -> bool:
    if country is None:
        return day.weekday() < 5
    cal = _calendar(country)
    return bool(cal.is_working_day(day))


@cache  # 10,000 cases start their clocks on a few hundred days
def add_working_days(day: date, count: int, country: str | None) -> date:
    """The count-th working day after day (day itself never counts)."""
    current, left = day, count
    while left > 0:
        current += timedelta(days=1)
        if is_working_day(current, country):
            left -= 1
    return current


def due_date(start: date, deadline: Deadline, country: str | None) -> date:
    if deadline.working_days:
        return add_working_days(start, deadline.amount, country)
    return start + timedelta(days=deadline.amount)


def _final_stop(history: list[dict[str, Any]], start_at: int,
                deadline: Deadline) -> dict[str, Any] | None:
    """The first stop after the start; after a step that resumes the clock (a reopening),
    the next stop after that, and so on: the clock is judged by the stop that stands."""
    stop, i = None, start_at + 1
    while i < len(history):
        if history[i]["to"] in deadline.stop:
            stop = history[i]
            resume = next((j for j in range(i + 1, len(history))
                           if history[j]["step"] in deadline.resumes_on), None)
            if resume is None:
                return stop
            stop, i = None, resume
        i += 1
    return stop


def clocks(case: dict[str, Any], policy: Policy, today: date) -> list[Clock]:
    """Every clock of the policy that has started for this case, in policy order."""
    history = case["history"]
    out = []
    for deadline in policy.deadlines.values():
        start_at = next((i for i, h in enumerate(history) if h["to"] == deadline.start), None)
        if start_at is None:
            continue
        started = parse_time(history[start_at]["at"])
        stop_entry = _final_stop(history, start_at, deadline)
        due = due_date(local_date(started, policy), deadline, policy.country)
        if stop_entry is not None:
            stopped = parse_time(stop_entry["at"])
            outcome: Outcome = "met" if local_date(stopped, policy) <= due else "missed"
            elapsed: float | None = (stopped - started).total_seconds() / 86400
        else:
            stopped, elapsed = None, None
            outcome = "running" if today <= due else "overdue"
        out.append(Clock(deadline.name, started, due, stopped, outcome, elapsed))
    return out
