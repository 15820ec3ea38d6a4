"""Deadline clocks: working days with China's holidays and make-up working days."""

from __future__ import annotations

from datetime import date

from complaints.load.policy import load_policy
from complaints.procedure.clock import add_working_days, clocks, is_working_day
from testing.site import FIXTURE_REPO


def test_make_up_working_days_and_holidays() -> None:
    assert is_working_day(date(2025, 1, 26), "CN")  # Sunday, make-up day for Spring Festival
    assert not is_working_day(date(2025, 1, 29), "CN")  # Spring Festival, a Wednesday
    assert not is_working_day(date(2025, 1, 25), "CN")  # ordinary Saturday
    # From Friday 2025-01-24: Sun 26 (make-up), Mon 27, then the holiday until Tue Feb 4.
    assert add_working_days(date(2025, 1, 24), 3, "CN") == date(2025, 2, 5)
    assert add_working_days(date(2025, 1, 24), 2, None) == date(2025, 1, 28)


def _case(*steps: tuple[str, str]) -> dict[str, object]:
    history = [{"at": at, "step": "x", "to": to, "actor": "s-a"} for at, to in steps]
    return {"id": "C-2026-0001", "history": history}


def test_outcomes_met_missed_running_overdue() -> None:
    policy = load_policy(FIXTURE_REPO)
    late = _case(("2025-06-02T09:00:00+08:00", "received"),
                 ("2025-06-10T09:00:00+08:00", "acknowledged"))
    result = {c.name: c for c in clocks(late, policy, date(2025, 6, 20))}
    assert result["acknowledge"].outcome == "missed"
    assert result["acknowledge"].due == date(2025, 6, 5)  # 2 June was Dragon Boat Festival
    assert result["acceptance"].outcome == "overdue"  # due 11 June, still not accepted
    assert result["resolution"].outcome == "running"
    assert "appeal_review" not in result  # never started
    # the organization's offset decides the day: 23:30 UTC is already the next day in +08:00
    edge = _case(("2026-03-02T10:00:00+08:00", "received"),
                 ("2026-03-05T23:30:00+00:00", "acknowledged"))
    ack = next(c for c in clocks(edge, policy, date(2026, 3, 20)) if c.name == "acknowledge")
    assert ack.due == date(2026, 3, 5) and ack.outcome == "missed"
