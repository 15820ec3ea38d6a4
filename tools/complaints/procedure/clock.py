"""Deadlines per case, from the policy's clocks, as the rules write them.

A clock starts when the case first enters its `start` state (or at a case field:
the day the complainant received a report) and stops when it first enters one of
its `stop` states after that. It stands still while the case is in a `pause` state
(waiting for the complainant's materials, testing or appraisal: SAMR Order 121
Art. 22), and a `restart` step (a merged repeat complaint with new facts, Art. 35)
starts it again. The limit counts working days, calendar days or months; the first
day is not counted, and a calendar-day limit may roll forward off a day that is not
a working day (Art. 45). Days are the organization's, in its time zone.

A day counts unless the clock was paused when the day ended, so a pause from the
10th to the 12th holds back the 10th and the 11th, and a pause undone the same day
holds back nothing. Everything is derived from `received`, `history` and
`report_received`, never stored, so a due date cannot disagree with the calendar
and is recomputed the moment an override file brings a year's official schedule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

from complaints.base.times import parse_time, parse_zone
from complaints.load.deadlines import Deadline
from complaints.load.policy import Policy
from complaints.procedure.calendar import Calendar, calendar_for

__all__ = ["Clock", "Pause", "add_working_days", "calendar_of", "clocks", "due_date", "gap_detail", "gaps",
           "is_working_day", "local_date", "next_deadline", "offset", "on_the_calendar", "parse_time"]

# met/missed: stopped in time or late; running/paused/overdue: still open; expired:
# a complainant's window (to object, to go to the ombudsman) that has closed.
Outcome = Literal["met", "missed", "running", "paused", "overdue", "expired"]


@dataclass(frozen=True, slots=True)
class Pause:
    state: str  # the pause state, which says why (awaiting materials, testing)
    started: datetime
    ended: datetime | None  # None: still paused
    days: int  # days held back from the count
    note: str | None = None


@dataclass(slots=True)  # not frozen: 40,000 a validate of 10,000 cases, and frozen is slow
class Clock:
    name: str
    started: datetime
    due: date  # the last day on which stopping counts as on time
    stopped: datetime | None
    outcome: Outcome
    elapsed_days: float | None  # start to stop, in calendar days; None while running
    paused_days: int = 0
    pauses: tuple[Pause, ...] = ()
    estimated: bool = False  # the due date relies on a year without official calendar data
    days_left: int = 0  # due minus the stop day (or today): negative is late
    party: str = "organization"
    role: str | None = None  # who must act next, while it runs

    @property
    def state(self) -> Outcome:
        return self.outcome

    @property
    def open(self) -> bool:
        return self.outcome in ("running", "paused", "overdue")


def offset(policy: Policy) -> tzinfo:
    """The organization's time zone, where its days begin and end."""
    return parse_zone(policy.timezone)


def local_date(moment: datetime, policy: Policy) -> date:
    """The calendar date in the organization's zone, where deadlines are counted."""
    return moment.astimezone(offset(policy)).date()


def calendar_of(policy: Policy) -> Calendar:
    return calendar_for(policy.calendar)


def _country_calendar(country: str | None) -> Calendar:
    from complaints.load.calendar import CalendarSpec

    return calendar_for(CalendarSpec(country, None, True))


def is_working_day(day: date, country: str | None) -> bool:
    """By the holidays package alone; calendar_of(policy) adds overrides and closures."""
    return _country_calendar(country).is_working_day(day)


def add_working_days(day: date, count: int, country: str | None) -> date:
    """The count-th working day after day, by the holidays package alone."""
    return _country_calendar(country).add_working_days(day, count)


def due_date(start: date, deadline: Deadline, cal: Calendar, skip: frozenset[date] = frozenset()) -> date:
    """The last day of the limit counted from start (not counted), leaving out skip."""
    if deadline.unit == "working_days":
        return cal.add_working_days(start, deadline.amount, skip)
    days = deadline.amount if deadline.unit == "days" else (start + relativedelta(months=deadline.amount) - start).days
    current, left = start + timedelta(days=days), 0
    if skip:  # a paused day is not counted: walk, so a pause after the last day adds nothing
        current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current not in skip:
            left -= 1
    return cal.next_working_day(current) if deadline.roll_forward else current


def _moment(value: str, tz: tzinfo) -> datetime:
    """A case field's time; a bare date is the start of that day in the organization's zone."""
    if len(value) == 10:
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tz)
    return parse_time(value)


def _held(pauses: list[Pause], tz: tzinfo, today: date) -> frozenset[date]:
    out: set[date] = set()
    for p in pauses:
        first = p.started.astimezone(tz).date()
        end = p.ended.astimezone(tz).date() if p.ended else today + timedelta(days=1)
        out.update(first + timedelta(days=n) for n in range((end - first).days))
    return frozenset(out)


def _pause(state: str, started: datetime, ended: datetime | None, note: Any, tz: tzinfo, today: date) -> Pause:
    end = ended.astimezone(tz).date() if ended else today + timedelta(days=1)
    days = max(0, (end - started.astimezone(tz).date()).days)
    return Pause(state, started, ended, days, note if isinstance(note, str) else None)


def _role(policy: Policy, d: Deadline, status: str) -> str | None:
    if d.role:
        return d.role
    moves = [t for t in policy.steps_from(status) if t.target_from(status) in d.stop]
    return moves[0].role if moves else None


@dataclass(frozen=True, slots=True)
class _Trail:
    """What every clock of one case reads of its history, taken once."""

    history: list[dict[str, Any]]
    states: list[str]  # the `to` of each entry
    seen: frozenset[str]  # states and steps that occur


def _clock(d: Deadline, case: dict[str, Any], trail: _Trail, policy: Policy, cal: Calendar, tz: tzinfo,
           today: date) -> Clock | None:
    history, states = trail.history, trail.states
    if d.start_field:
        value = case.get(d.start_field)
        if not isinstance(value, str):
            return None
        started, begin = _moment(value, tz), 0
    else:
        if d.start not in trail.seen:
            return None
        first = states.index(d.start)
        started, begin = parse_time(history[first]["at"]), first + 1
    pauses: list[Pause] = []
    holding: tuple[str, datetime, Any] | None = None  # a pause under way: state, since, note
    stopped = None
    if trail.seen.isdisjoint(d.pause | d.restart | d.resumes_on):  # most clocks of most cases
        stop = next((i for i in range(begin, len(states)) if states[i] in d.stop), None)
        begin = len(states)
        if stop is not None:
            stopped = parse_time(history[stop]["at"])
    for h in history[begin:]:  # times are read only where something happens: 10,000 cases a run
        to = h["to"]
        if stopped is not None:  # stopped, unless a later step resumes it (a reopened case)
            if h["step"] in d.resumes_on:
                stopped = None
            continue
        if d.restart and h["step"] in d.restart:  # counted afresh: earlier pauses no longer matter
            started, pauses = parse_time(h["at"]), []
            holding = (to, started, h.get("note")) if to in d.pause else None
            continue
        if holding and to != holding[0]:
            pauses.append(_pause(holding[0], holding[1], parse_time(h["at"]), holding[2], tz, today))
            holding = None
        if to in d.stop:
            stopped = parse_time(h["at"])
            if not d.resumes_on:
                break
        if holding is None and to in d.pause:
            holding = (to, parse_time(h["at"]), h.get("note"))
    if holding:
        pauses.append(_pause(holding[0], holding[1], None, holding[2], tz, today))
    start_day = started.astimezone(tz).date()
    skip = _held(pauses, tz, today) if pauses else frozenset()
    due = due_date(start_day, d, cal, skip)
    estimated = (d.unit == "working_days" or d.roll_forward) and cal.estimated(start_day, due)
    if stopped is not None:
        stop_day = stopped.astimezone(tz).date()
        outcome: Outcome = "met" if stop_day <= due else "missed"
        left, elapsed = (due - stop_day).days, (stopped - started).total_seconds() / 86400
    else:
        left, elapsed = (due - today).days, None
        if d.party == "complainant":
            outcome = "running" if today <= due else "expired"
        else:
            outcome = "paused" if holding else "running" if today <= due else "overdue"
    role = _role(policy, d, str(case.get("status"))) if stopped is None else None
    return Clock(d.name, started, due, stopped, outcome, elapsed, sum(p.days for p in pauses),
                 tuple(pauses), estimated, left, d.party, role)


def clocks(case: dict[str, Any], policy: Policy, today: date,
           only: Iterable[Deadline] | None = None) -> list[Clock]:
    """Every clock of the policy (or only these) that has started for this case, in policy order."""
    cal, tz = calendar_of(policy), offset(policy)
    history = case["history"]
    states = [h["to"] for h in history]
    trail = _Trail(history, states, frozenset(states).union(h["step"] for h in history))
    out = []
    for deadline in policy.deadlines.values() if only is None else only:
        clock = _clock(deadline, case, trail, policy, cal, tz, today)
        if clock is not None:
            out.append(clock)
    return out


def next_deadline(found: list[Clock]) -> Clock | None:
    """The organization's open clock that runs out first (paused ones included)."""
    mine = [c for c in found if c.open and c.party == "organization"]
    return min(mine, key=lambda c: (c.due, c.name)) if mine else None


def on_the_calendar(policy: Policy) -> list[Deadline]:
    """The clocks whose due date depends on which days are working days: only they can be estimates."""
    return [d for d in policy.deadlines.values() if d.unit == "working_days" or d.roll_forward]


def gaps(found: list[Clock], policy: Policy) -> list[Clock]:
    """Clocks whose due date is an estimate the policy does not accept (D101)."""
    return [] if policy.calendar.estimate else [c for c in found if c.estimated]


def gap_detail(clock: Clock) -> str:
    return (f"{clock.name} due {clock.due.isoformat()} is an estimate: add the year's official schedule "
            f"to calendar/overrides.yml, or set calendar.estimate: true")
