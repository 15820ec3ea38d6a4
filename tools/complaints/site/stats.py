"""Every published figure, computed once from the case records and the policy.

The site, the open data (stats.json) and the annual reports all read this
result, so a figure cannot differ between them. Shares are fractions in
[0, 1] rounded to 4 places, or None when nothing was counted (no invented 0%).
Staff never appear here: no figure is broken down by person.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from statistics import median
from typing import Any

from complaints.load.policy import Policy
from complaints.procedure.clock import Clock, add_working_days, clocks, local_date, parse_time

Case = dict[str, Any]
# Findings counted as upheld in published data (partly upheld counts as upheld).
UPHELD = frozenset({"upheld", "partly_upheld"})
QUICK_WORKING_DAYS = 3  # "closed within 3 working days", as regulators publish it
MAIN_CAUSES = 3


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def med(values: list[float]) -> float | None:
    return round(median(values), 1) if values else None


def closed_at(case: Case, policy: Policy) -> datetime | None:
    """When a case in a terminal state reached it (its last step); None if open."""
    if case["status"] not in policy.terminal:
        return None
    return parse_time(case["history"][-1]["at"])


def days_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400


class Facts:
    """Per-case derived facts shared by every figure (clocks computed once)."""

    def __init__(self, case: Case, policy: Policy, today: date) -> None:
        self.case = case
        self.received = parse_time(case["received"])
        self.received_day = local_date(self.received, policy)
        self.closed = closed_at(case, policy)
        self.closed_day = local_date(self.closed, policy) if self.closed else None
        self.clocks: list[Clock] = clocks(case, policy, today)
        self.on_time = all(c.outcome in ("met", "running") for c in self.clocks)
        self.finding: str | None = case.get("decision", {}).get("finding")
        self.days_to_close = days_between(self.received, self.closed) if self.closed else None

    def quick(self, country: str | None) -> bool:
        """Closed within QUICK_WORKING_DAYS working days of receipt."""
        if self.closed_day is None:
            return False
        return self.closed_day <= add_working_days(self.received_day, QUICK_WORKING_DAYS, country)


def _counts(values: list[str], codes: list[str]) -> dict[str, int]:
    """Counts in policy order, zeros included; unknown codes kept at the end."""
    counter = Counter(values)
    out = {code: counter.get(code, 0) for code in codes}
    out.update({k: v for k, v in sorted(counter.items()) if k not in out})
    return out


def _clock_figures(facts: list[Facts], policy: Policy) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in policy.deadlines:
        mine = [c for f in facts for c in f.clocks if c.name == name]
        outcomes = Counter(c.outcome for c in mine)
        decided = outcomes["met"] + outcomes["missed"] + outcomes["overdue"]
        out[name] = {
            "met": outcomes["met"], "missed": outcomes["missed"],
            "running": outcomes["running"], "overdue": outcomes["overdue"],
            "on_time_share": share(outcomes["met"], decided),
            "median_days": med([c.elapsed_days for c in mine if c.elapsed_days is not None]),
        }
    return out


def _satisfaction(cases: list[Case]) -> dict[str, Any]:
    answers = [c["satisfaction"] for c in cases if "satisfaction" in c]
    scores = [a["score"] for a in answers if "score" in a]
    accepted = sum(1 for a in answers if a.get("accepted"))
    return {
        "answers": len(answers), "accepted": accepted,
        "accepted_share": share(accepted, len(answers)),
        "scores": {str(s): scores.count(s) for s in range(1, 6)},
        "mean_score": round(sum(scores) / len(scores), 2) if scores else None,
    }


def _main_causes(cases: list[Case]) -> list[dict[str, Any]]:
    counter = Counter(c["category"] for c in cases)
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:MAIN_CAUSES]
    return [{"category": k, "count": v} for k, v in ranked]


def _actions(cases: list[Case]) -> dict[str, int]:
    acts = [a for c in cases for a in c.get("actions", [])]
    kinds, states = Counter(a["kind"] for a in acts), Counter(a["state"] for a in acts)
    return {"total": len(acts), "corrective": kinds["corrective"],
            "preventive": kinds["preventive"], "open": states["open"],
            "done": states["done"], "verified": states["verified"]}


def _group(facts: list[Facts], policy: Policy) -> dict[str, Any]:
    """Figures for any set of cases: a year's cohort or all of them."""
    cases = [f.case for f in facts]
    closed = [f for f in facts if f.closed is not None]
    decided = [f for f in facts if f.finding]
    upheld = sum(1 for f in decided if f.finding in UPHELD)
    return {
        "received": len(facts),
        "open": len(facts) - len(closed),
        "closed": len(closed),
        "closed_on_time": sum(1 for f in closed if f.on_time),
        "closed_on_time_share": share(sum(1 for f in closed if f.on_time), len(closed)),
        "median_days_to_close": med([f.days_to_close for f in closed if f.days_to_close is not None]),
        "decided": len(decided), "upheld": upheld, "upheld_share": share(upheld, len(decided)),
        "by_category": _counts([c["category"] for c in cases], list(policy.codes["categories"])),
        "by_channel": _counts([c["channel"] for c in cases], list(policy.codes["channels"])),
        "by_status": _counts([c["status"] for c in cases], list(policy.states)),
        "findings": _counts([f.finding for f in decided if f.finding], list(policy.codes["findings"])),
        "clocks": _clock_figures(facts, policy),
        "satisfaction": _satisfaction(cases),
        "main_causes": _main_causes(cases),
        "actions": _actions(cases),
    }


def _half(day: date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def _periods(facts: list[Facts], policy: Policy) -> list[dict[str, Any]]:
    """Published complaint data per half-year: opened and closed in the period."""
    names = sorted({_half(f.received_day) for f in facts}
                   | {_half(f.closed_day) for f in facts if f.closed_day})
    out = []
    for name in names:
        opened = [f for f in facts if _half(f.received_day) == name]
        closed = [f for f in facts if f.closed_day and _half(f.closed_day) == name]
        decided = [f for f in closed if f.finding]
        upheld = sum(1 for f in decided if f.finding in UPHELD)
        quick = sum(1 for f in closed if f.quick(policy.country))
        in_time = sum(1 for f in closed if f.on_time)
        out.append({
            "period": name, "opened": len(opened), "closed": len(closed),
            "closed_within_3_working_days": quick,
            "closed_within_3_working_days_share": share(quick, len(closed)),
            "closed_within_deadline": in_time,
            "closed_within_deadline_share": share(in_time, len(closed)),
            "decided": len(decided), "upheld": upheld, "upheld_share": share(upheld, len(decided)),
            "main_causes": _main_causes([f.case for f in opened]),
        })
    return out


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


def compute(cases: list[Case], policy: Policy, today: date,
            facts: list[Facts] | None = None) -> dict[str, Any]:
    """The whole statistics document (the content of stats.json); pass facts when the
    caller already derived them for the same cases, so clocks are computed once."""
    facts = facts if facts is not None else [Facts(c, policy, today) for c in cases]
    appeal_steps = {t.name for t in policy.transitions.values() if "appeal.lodged" in t.records}
    appeals = [h for c in cases for h in c["history"] if h["step"] in appeal_steps]
    outcomes = Counter(c["appeal"].get("outcome", "pending") for c in cases if "appeal" in c)
    # Leaving a terminal state other than by appeal reopens the case.
    reopenings = sum(1 for c in cases for h in c["history"][1:]
                     if h.get("from") in policy.terminal and h["step"] not in appeal_steps)
    years = sorted({f.received_day.year for f in facts})
    return {
        "as_of": today.isoformat(),
        "year": today.year,
        "received_this_year": sum(1 for f in facts if f.received_day.year == today.year),
        "all": _group(facts, policy),
        "by_month": _months(facts),
        "appeals": {"lodged": len(appeals), "cases": sum(outcomes.values()),
                    "revised": outcomes["revised"], "original_upheld": outcomes["original_upheld"],
                    "pending": outcomes["pending"]},
        "reopenings": reopenings,
        "periods": _periods(facts, policy),
        "years": {str(y): _group([f for f in facts if f.received_day.year == y], policy)
                  for y in years},
    }
