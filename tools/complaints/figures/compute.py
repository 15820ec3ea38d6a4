"""Every published figure, computed once, per period, under its written definition.

The site, the open data (stats.json) and the annual reports all read this
result, so a figure cannot differ between them. Each period is computed from
the cases as they stood at its end (view.as_of): a period that has ended is
final and never moves; the current one is provisional, as of the build day.
Staff never appear here: no figure is broken down by person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from typing import Any

from complaints.base.times import parse_time
from complaints.figures.view import UPHELD, Case, Facts, as_of, end_of
from complaints.load.policy import Policy
from complaints.load.records import entries
from complaints.procedure.clock import local_date

MAIN_CAUSES = 3


def share(part: int, whole: int) -> float | None:
    """part/whole rounded half up to 0.001 (0.1 percentage point); None when nothing counted."""
    if not whole:
        return None
    return float((Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), ROUND_HALF_UP))


def med(values: list[int] | list[float]) -> float | None:
    if not values:
        return None
    return float(Decimal(str(median(values))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Period:
    name: str  # "all", "2026", "2026-H1"
    start: date
    end: date

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _counts(values: list[str], codes: list[str]) -> dict[str, int]:
    """Counts in policy order, zeros included; unknown codes kept at the end."""
    counter = Counter(values)
    out = {code: counter.get(code, 0) for code in codes}
    out.update({k: v for k, v in sorted(counter.items()) if k not in out})
    return out


def _with_share(name: str, part: int, whole: int) -> dict[str, Any]:
    return {name: part, f"{name}_share": share(part, whole)}


def _clocks(facts: list[Facts], period: Period, policy: Policy) -> dict[str, Any]:
    seen = {name: Counter[str]() for name in policy.deadlines}
    days: dict[str, list[float]] = {name: [] for name in policy.deadlines}
    paused = Counter[str]()
    for f in facts:
        for name, outcome, stopped, took, held in f.clock_days:
            if name not in seen:
                continue
            if period.holds(stopped) and took is not None:
                seen[name][outcome] += 1
                days[name].append(took)
                paused[name] += held
            elif outcome == "overdue":
                seen[name]["overdue"] += 1
    out: dict[str, Any] = {}
    for name, n in seen.items():
        judged = n["met"] + n["missed"] + n["overdue"]
        out[name] = {"met": n["met"], "missed": n["missed"], "overdue": n["overdue"],
                     "on_time_share": share(n["met"], judged), "median_days": med(days[name]),
                     "paused_days": paused[name]}
    return out


def _satisfaction(facts: list[Facts], period: Period) -> dict[str, Any]:
    answers = [a for f in facts for day, _, a in f.days_of("satisfaction", "answered")
               if period.holds(day)]
    scores = [a["score"] for a in answers if "score" in a]
    accepted = sum(1 for a in answers if a.get("accepted"))
    return {"answers": len(answers), **_with_share("accepted", accepted, len(answers)),
            "scores": {str(s): scores.count(s) for s in range(1, 6)},
            "mean_score": round(sum(scores) / len(scores), 2) if scores else None}


def _review_states(policy: Policy) -> set[str]:
    return {t.target for t in policy.transitions.values() if "appeal.lodged" in t.records}


def appeal_outcome(case: Case, index: int, policy: Policy) -> str:
    """revised, original_upheld, withdrawn (the case ended while under review) or pending."""
    appeals = entries(case, "appeals")
    outcome = appeals[index].get("outcome")
    if outcome:
        return str(outcome)
    last = case["history"][-1]
    if (index == len(appeals) - 1 and case["status"] in policy.terminal
            and last.get("from") in _review_states(policy)):
        return "withdrawn"
    return "pending"


def _appeals(facts: list[Facts], period: Period, policy: Policy) -> dict[str, int]:
    outcomes = Counter(appeal_outcome(f.case, i, policy) for f in facts
                       for day, i, _ in f.days_of("appeals", "lodged") if period.holds(day))
    return {"lodged": sum(outcomes.values()), **{k: outcomes[k] for k in
            ("revised", "original_upheld", "withdrawn", "pending")}}


def _reopenings(facts: list[Facts], period: Period, policy: Policy, appeal_steps: set[str]) -> int:
    """Steps that left a terminal state other than by appeal, in the period."""
    return sum(1 for f in facts for h in f.case["history"][1:]
               if h.get("from") in policy.terminal and h["step"] not in appeal_steps
               and period.holds(local_date(parse_time(h["at"]), policy)))


def group(facts: list[Facts], period: Period, policy: Policy, final: bool) -> dict[str, Any]:
    """Every figure of one period, from the case views at its end (definitions.DEFINITIONS)."""
    received = [f for f in facts if period.holds(f.received_day)]
    closed = [f for f in facts if period.holds(f.closed_day)]
    ended = [f for f in facts if f.ended and not f.closed and period.holds(f.ended_day)]
    first = [f.first_finding for f in closed if f.first_finding]
    final_findings = [f.finding for f in closed if f.finding]
    acts = [a for f in closed for a in f.case.get("actions", [])]
    appeal_steps = {t.name for t in policy.transitions.values() if "appeal.lodged" in t.records}
    kinds = Counter(a["kind"] for a in acts)
    n = len(closed)
    return {
        "period": {"name": period.name, "start": period.start.isoformat(),
                   "end": period.end.isoformat(), "final": final},
        "received": len(received),
        "closed": n,
        "ended_without_decision": {"total": len(ended), "by_state": _counts(
            [str(f.ended) for f in ended], sorted(policy.terminal - policy.handled))},
        "open_at_end": sum(1 for f in facts if not f.ended),
        **_with_share("closed_within_3_working_days", sum(1 for f in closed if f.quick()), n),
        **_with_share("closed_within_deadline", sum(1 for f in closed if f.on_time), n),
        "median_days_to_close": med([f.days_to_close for f in closed if f.days_to_close is not None]),
        **_with_share("upheld_first", sum(1 for x in first if x in UPHELD), n),
        **_with_share("upheld_final", sum(1 for x in final_findings if x in UPHELD), n),
        "findings": {"first": _counts(first, list(policy.codes["findings"])),
                     "final": _counts(final_findings, list(policy.codes["findings"]))},
        "by_category": _counts([f.case["category"] for f in received], list(policy.codes["categories"])),
        "by_channel": _counts([f.case["channel"] for f in received], list(policy.codes["channels"])),
        "main_causes": [{"category": k, "count": v} for k, v in sorted(
            Counter(f.case["category"] for f in received).items(), key=lambda kv: (-kv[1], kv[0])
        )[:MAIN_CAUSES]],
        "by_status": _counts([f.case["status"] for f in facts], list(policy.states)),
        "clocks": _clocks(facts, period, policy),
        "satisfaction": _satisfaction(facts, period),
        "appeals": _appeals(facts, period, policy),
        "reopenings": _reopenings(facts, period, policy, appeal_steps),
        "actions": {"total": len(acts), "corrective": kinds["corrective"],
                    "preventive": kinds["preventive"]},
    }


def _halves(first: date, last: date) -> list[Period]:
    out = []
    for year in range(first.year, last.year + 1):
        out += [Period(f"{year}-H1", date(year, 1, 1), date(year, 6, 30)),
                Period(f"{year}-H2", date(year, 7, 1), date(year, 12, 31))]
    return [p for p in out if p.end >= first and p.start <= last]


def _months(facts: list[Facts]) -> list[dict[str, Any]]:
    if not facts:
        return []
    counter = Counter(f.received_day.strftime("%Y-%m") for f in facts)
    first, last = min(counter), max(counter)
    year, month, out = int(first[:4]), int(first[5:]), []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append({"month": key, "received": counter.get(key, 0)})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


class Views:
    """Facts of every case as it stood at the end of a day, made once per day. A case that
    had ended, with every clock stopped, before a day's end is the same on every later day:
    its facts are made once and shared (most cases of a past period)."""

    def __init__(self, cases: list[Case], policy: Policy, today: date,
                 current: list[Facts] | None) -> None:
        self.cases, self.policy, self.today = cases, policy, today
        self.made: dict[date, list[Facts]] = {}
        self.settled: dict[int, Facts] = {}  # id(case) -> facts that no later day changes
        self.last = {id(c): parse_time(c["history"][-1]["at"]) for c in cases}
        if current is not None:
            self.made[today] = current
            self._settle(current)

    def _settle(self, facts: list[Facts]) -> None:
        for f in facts:
            if f.ended and all(c.stopped is not None for c in f.clocks):
                self.settled[id(f.case)] = f

    def at(self, day: date) -> list[Facts]:
        day = min(day, self.today)
        if day not in self.made:
            moment = end_of(day, self.policy)
            out = []
            for c in self.cases:
                if self.last[id(c)] <= moment and id(c) in self.settled:
                    out.append(self.settled[id(c)])
                elif (v := as_of(c, moment)) is not None:
                    out.append(Facts(v, self.policy, day))
            self.made[day] = out
            if day == self.today:
                self._settle(out)
        return self.made[day]


def current_facts(cases: list[Case], policy: Policy, today: date) -> list[Facts]:
    """Each case as it stands on the build day (cases received later are left out)."""
    return Views(cases, policy, today, None).at(today)


def compute(cases: list[Case], policy: Policy, today: date,
            facts: list[Facts] | None = None) -> dict[str, Any]:
    """The whole statistics document (stats.json). facts: the build day's, when the caller
    has them (current_facts), so they are derived once."""
    views = Views(cases, policy, today, facts)
    now = views.at(today)
    first = min((f.received_day for f in now), default=today)

    def figures(period: Period) -> dict[str, Any]:
        final = period.end < today
        return group(views.at(period.end), period, policy, final)

    years = [Period(str(y), date(y, 1, 1), date(y, 12, 31)) for y in range(first.year, today.year + 1)]
    return {
        "as_of": today.isoformat(),
        "year": today.year,
        "all": group(now, Period("all", first, today), policy, False),
        "years": {p.name: figures(p) for p in years},
        "periods": [figures(p) for p in _halves(first, today)],
        "by_month": _months(now),
        "actions": _actions_now(now),
    }


def _actions_now(facts: list[Facts]) -> dict[str, int]:
    """Every action as it stands on the build day (the actions page's totals)."""
    acts = [a for f in facts for a in f.case.get("actions", [])]
    kinds, states = Counter(a["kind"] for a in acts), Counter(a["state"] for a in acts)
    return {"total": len(acts), "corrective": kinds["corrective"], "preventive": kinds["preventive"],
            "open": states["open"], "done": states["done"], "verified": states["verified"]}
