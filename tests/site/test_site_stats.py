"""The published figures, recomputed independently of stats.py.

Part one: figures worked out by hand from the eight fixture cases (see the
comments for the arithmetic). Part two: a second, deliberately naive
implementation over the same records, compared with stats.compute field by field.
"""

from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import holidays

from complaints.load.policy import load_policy
from complaints.load.safeyaml import load_file
from complaints.site.stats import compute
from testing.site import FIXTURE_REPO, TODAY


def _cases() -> list[dict[str, Any]]:
    return [load_file(p).data for p in sorted((FIXTURE_REPO / "cases").rglob("*.yaml"))]


def _stats() -> dict[str, Any]:
    return compute(_cases(), load_policy(FIXTURE_REPO), TODAY)


def test_hand_computed_key_figures() -> None:
    s = _stats()
    a = s["all"]
    assert a["received"] == 8
    # open: C-2026-0001 (reopened), C-2026-0002 (acknowledged), C-2026-0003 (received)
    assert a["open"] == 3 and a["closed"] == 5
    assert s["received_this_year"] == 3
    # days to close: 38.21, 1.82, 1.01, 14.17, 70.04 -> median 14.17
    assert a["median_days_to_close"] == 14.2
    # only C-2025-0005 missed a clock (acknowledged on the 6th working day)
    assert a["closed_on_time"] == 4 and a["closed_on_time_share"] == 0.8
    # findings: partly_upheld (0001), upheld (0005 revised on appeal), upheld (2026-0001)
    assert a["findings"] == {"upheld": 2, "partly_upheld": 1, "not_upheld": 0}
    assert a["upheld_share"] == 1.0
    # satisfaction scores 4, 4, 5
    assert a["satisfaction"]["mean_score"] == 4.33
    assert a["satisfaction"]["scores"] == {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1}
    assert s["appeals"] == {"lodged": 1, "cases": 1, "revised": 1, "original_upheld": 0,
                            "pending": 0}
    assert s["reopenings"] == 1  # the appeal out of `closed` is not a reopening
    assert a["actions"] == {"total": 4, "corrective": 2, "preventive": 2, "open": 2,
                            "done": 1, "verified": 1}


def test_hand_computed_clocks() -> None:
    clocks = _stats()["all"]["clocks"]
    # acknowledge: 0005 missed; 2026-0003 received 03-16, due 03-19, open on 03-20 -> overdue
    assert clocks["acknowledge"] == {"met": 6, "missed": 1, "running": 0, "overdue": 1,
                                     "on_time_share": 0.75, "median_days": 1.0}
    # acceptance: 2026-0002 due 03-11 still acknowledged -> overdue; 2026-0003 running
    assert (clocks["acceptance"]["overdue"], clocks["acceptance"]["running"]) == (1, 1)
    assert clocks["appeal_review"]["met"] == 1


def test_hand_computed_half_years() -> None:
    periods = {p["period"]: p for p in _stats()["periods"]}
    assert sorted(periods) == ["2025-H1", "2025-H2", "2026-H1"]
    h1 = periods["2025-H1"]
    assert (h1["opened"], h1["closed"]) == (5, 4)
    # within 3 working days: 0002 (closed 03-05, due 03-06) and 0003 (04-11, due 04-15)
    assert h1["closed_within_3_working_days"] == 2
    assert h1["closed_within_deadline"] == 4
    assert h1["upheld_share"] == 1.0  # 0001 partly upheld counts as upheld
    assert h1["main_causes"][0] == {"category": "report", "count": 2}
    h2 = periods["2025-H2"]
    assert (h2["opened"], h2["closed"], h2["closed_within_deadline"]) == (0, 1, 0)
    assert periods["2026-H1"]["closed"] == 0


# --- a second implementation, written without looking at stats.py's helpers ---

CN = holidays.country_holidays("CN")
TERMINAL = {"not_accepted", "referred", "closed", "withdrawn"}


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _working_day_after(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        if CN.is_working_day(day):
            n -= 1
    return day


def _clock_ok(case: dict[str, Any], start: str, stops: set[str], days: int, working: bool,
              today: date) -> bool | None:
    history = case["history"]
    starts = [i for i, h in enumerate(history) if h["to"] == start]
    if not starts:
        return None
    begun = _t(history[starts[0]]["at"]).date()
    due = _working_day_after(begun, days) if working else begun + timedelta(days=days)
    for h in history[starts[0] + 1:]:
        if h["to"] in stops:
            return _t(h["at"]).date() <= due
    return today <= due


def _on_time(case: dict[str, Any], today: date) -> bool:
    checks = [
        _clock_ok(case, "received", {"acknowledged", "not_accepted", "referred", "withdrawn"},
                  3, True, today),
        _clock_ok(case, "received", {"accepted", "not_accepted", "referred", "withdrawn"},
                  7, True, today),
        _clock_ok(case, "received", {"responded", "not_accepted", "referred", "withdrawn"},
                  60, False, today),
        _clock_ok(case, "under_review", {"decided", "withdrawn"}, 30, False, today),
    ]
    return all(c is not False for c in checks)


def test_independent_recomputation_matches() -> None:
    cases, s = _cases(), _stats()
    closed = [c for c in cases if c["status"] in TERMINAL]
    spans = [(_t(c["history"][-1]["at"]) - _t(c["received"])).total_seconds() / 86400
             for c in closed]
    assert s["all"]["median_days_to_close"] == round(statistics.median(spans), 1)
    on_time = [c for c in closed if _on_time(c, TODAY)]
    assert s["all"]["closed_on_time"] == len(on_time)
    for period in s["periods"]:
        year, half = int(period["period"][:4]), period["period"][-1]
        months = range(1, 7) if half == "1" else range(7, 13)

        def within(text: str, year: int = year, months: range = months) -> bool:
            moment = _t(text)
            return moment.year == year and moment.month in months

        opened = [c for c in cases if within(c["received"])]
        done = [c for c in closed if within(c["history"][-1]["at"])]
        quick = [c for c in done if _t(c["history"][-1]["at"]).date()
                 <= _working_day_after(_t(c["received"]).date(), 3)]
        decided = [c for c in done if c.get("decision", {}).get("finding")]
        upheld = [c for c in decided if c["decision"]["finding"] != "not_upheld"]
        assert period["opened"] == len(opened)
        assert period["closed"] == len(done)
        assert period["closed_within_3_working_days"] == len(quick)
        assert period["closed_within_deadline"] == sum(1 for c in done if _on_time(c, TODAY))
        assert period["upheld"] == len(upheld)
    per_month: dict[str, int] = {}
    for c in cases:
        per_month[c["received"][:7]] = per_month.get(c["received"][:7], 0) + 1
    published = {m["month"]: m["received"] for m in s["by_month"] if m["received"]}
    assert published == per_month


def test_site_and_open_data_use_the_same_figures(built_site: Path) -> None:
    import json

    published = json.loads((built_site / "data" / "stats.json").read_text("utf-8"))
    assert published == _stats()
    home = (built_site / "en" / "index.html").read_text("utf-8")
    assert "<strong>14.2</strong>" in home and "<strong>80.0%</strong>" in home
