"""Clocks as the rules write them: pauses, restarts, roll-forward, zones, windows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from complaints.procedure.clock import Clock, clocks, next_deadline
from tests.procedure.helpers import case, default, nth_working_day, package, preset


def by_name(found: list[Clock]) -> dict[str, Clock]:
    return {c.name: c for c in found}


def test_pause_spanning_national_day_holds_the_count_back(tmp_path: Path) -> None:
    """A working-day clock paused from 29 September to 9 October: those days do not count."""
    policy = preset(tmp_path, "cn-samr", ("    restart: [merge_repeat]\n    role: lead",
                                          "    restart: [merge_repeat]\n    pause: [testing]\n    role: lead"))
    c = case(("2026-09-25T10:00:00+08:00", "received"),
             ("2026-09-29T15:00:00+08:00", "testing"),
             ("2026-10-09T09:00:00+08:00", "received"))
    clock = by_name(clocks(c, policy, date(2026, 10, 12)))["acceptance"]
    held = {date(2026, 9, 29) + timedelta(days=n) for n in range(10)}  # 29 Sep .. 8 Oct
    assert clock.due == nth_working_day(package("CN"), date(2026, 9, 25), 7, held)
    assert clock.due > nth_working_day(package("CN"), date(2026, 9, 25), 7)
    assert clock.paused_days == 10 and len(clock.pauses) == 1
    pause = clock.pauses[0]
    assert pause.state == "testing" and pause.note == "step 1" and pause.ended is not None
    assert clock.outcome == "running" and clock.days_left == (clock.due - date(2026, 10, 12)).days


def test_open_pause_is_paused_and_keeps_its_days(tmp_path: Path) -> None:
    policy = preset(tmp_path, "cn-samr")
    c = case(("2026-08-03T10:00:00+08:00", "received"), ("2026-08-04T10:00:00+08:00", "accepted"),
             ("2026-08-05T10:00:00+08:00", "mediating"), ("2026-09-01T10:00:00+08:00", "testing"))
    early = by_name(clocks(c, policy, date(2026, 9, 10)))["mediation"]
    later = by_name(clocks(c, policy, date(2026, 9, 20)))["mediation"]
    assert early.outcome == later.outcome == "paused"
    assert later.due - early.due == timedelta(days=10)  # every paused day pushes the due date on
    assert early.days_left == later.days_left  # standing still
    assert early.pauses[0].ended is None
    assert next_deadline(clocks(c, policy, date(2026, 9, 20))) == later


def test_article_45_rolls_a_calendar_limit_off_the_holiday(tmp_path: Path) -> None:
    policy = preset(tmp_path, "cn-samr")
    c = case(("2026-08-02T10:00:00+08:00", "received"), ("2026-08-03T10:00:00+08:00", "accepted"))
    clock = by_name(clocks(c, policy, date(2026, 9, 1)))["mediation"]
    plain = date(2026, 8, 3) + timedelta(days=60)
    pkg = package("CN")
    assert plain == date(2026, 10, 2) and not pkg.is_working_day(plain)  # in the National Day week
    rolled = plain
    while not pkg.is_working_day(rolled):
        rolled += timedelta(days=1)
    assert clock.due == rolled
    unrolled = preset(tmp_path / "b", "cn-samr", ("    roll_forward: true\n", ""))
    assert by_name(clocks(c, unrolled, date(2026, 9, 1)))["mediation"].due == plain


def test_restart_on_a_merged_repeat_complaint(tmp_path: Path) -> None:
    policy = default(tmp_path)
    c = case(("2026-11-02T10:00:00+08:00", "received"), ("2026-11-03T10:00:00+08:00", "acknowledged"),
             ("2026-11-09T10:00:00+08:00", "acknowledged", "merge_repeat"))
    found = by_name(clocks(c, policy, date(2026, 11, 10)))
    assert found["acceptance"].started.date() == date(2026, 11, 9)
    assert found["acceptance"].due == nth_working_day(package("CN"), date(2026, 11, 9), 7)
    assert found["acknowledge"].outcome == "met"  # not a restart step for it
    assert found["resolution"].due == date(2026, 11, 9) + timedelta(days=60)


def test_states_met_missed_running_overdue(tmp_path: Path) -> None:
    policy = default(tmp_path)
    c = case(("2026-06-01T09:00:00+08:00", "received"), ("2026-06-10T09:00:00+08:00", "acknowledged"))
    found = by_name(clocks(c, policy, date(2026, 6, 20)))
    pkg = package("CN")
    assert found["acknowledge"].due == nth_working_day(pkg, date(2026, 6, 1), 3)
    assert found["acknowledge"].outcome == "missed"
    assert found["acknowledge"].days_left == (found["acknowledge"].due - date(2026, 6, 10)).days < 0
    assert found["acceptance"].outcome == "overdue" and found["acceptance"].role == "quality_lead"
    assert found["resolution"].outcome == "running" and found["resolution"].days_left > 0
    assert next_deadline(list(found.values())) == found["acceptance"]


def test_midnight_is_the_organization_s(tmp_path: Path) -> None:
    policy = default(tmp_path)
    before = case(("2026-09-30T23:59:59+08:00", "received"))
    after = case(("2026-09-30T16:00:00Z", "received"))  # 00:00 on 1 October in +08:00
    pkg = package("CN")
    due_before = by_name(clocks(before, policy, date(2026, 10, 1)))["acknowledge"].due
    due_after = by_name(clocks(after, policy, date(2026, 10, 1)))["acknowledge"].due
    assert due_before == nth_working_day(pkg, date(2026, 9, 30), 3)
    assert due_after == nth_working_day(pkg, date(2026, 10, 1), 3)


def test_uk_business_days_across_christmas(tmp_path: Path) -> None:
    policy = preset(tmp_path, "uk-fca")
    c = case(("2026-12-24T10:00:00+00:00", "received"))
    clock = by_name(clocks(c, policy, date(2026, 12, 24)))["summary_resolution"]
    eng = package("GB", "ENG")
    assert clock.due == eng.get_nth_working_day(date(2026, 12, 24), 3)
    assert not eng.is_working_day(date(2026, 12, 28))  # Boxing Day observed
    assert by_name(clocks(c, policy, date(2026, 12, 24)))["final_response"].due == date(2027, 2, 18)


def test_uk_days_follow_the_clock_change(tmp_path: Path) -> None:
    """23:30 UTC is the same day in London in winter, the next day in summer (BST)."""
    policy = preset(tmp_path, "uk-fca")
    eng = package("GB", "ENG")
    winter = case(("2026-10-22T09:00:00+01:00", "received"), ("2026-10-27T23:30:00Z", "investigating"))
    clock = by_name(clocks(winter, policy, date(2026, 11, 1)))["summary_resolution"]
    assert clock.due == eng.get_nth_working_day(date(2026, 10, 22), 3) == date(2026, 10, 27)
    assert clock.outcome == "met"  # 27 October 23:30 GMT: BST ended on the 25th
    start = date(2026, 6, 22)
    due = eng.get_nth_working_day(start, 3)
    summer = case(("2026-06-22T09:00:00+01:00", "received"), (f"{due.isoformat()}T23:30:00Z", "investigating"))
    assert by_name(clocks(summer, policy, date(2026, 7, 1)))["summary_resolution"].outcome == "missed"


def test_ombudsman_window_runs_for_the_complainant_and_expires(tmp_path: Path) -> None:
    policy = preset(tmp_path, "uk-fca")
    c = case(("2026-01-05T10:00:00+00:00", "received"), ("2026-01-06T10:00:00+00:00", "investigating"),
             ("2026-02-02T10:00:00+00:00", "final_response"))
    window = by_name(clocks(c, policy, date(2026, 5, 1)))["ombudsman_referral"]
    assert window.party == "complainant" and window.due == date(2026, 8, 2)
    assert window.outcome == "running"
    assert by_name(clocks(c, policy, date(2026, 8, 3)))["ombudsman_referral"].outcome == "expired"
    assert next_deadline(clocks(c, policy, date(2026, 5, 1))) is None  # not the firm's to meet


def test_window_from_a_case_field(tmp_path: Path) -> None:
    """The seeds' 15 days to object to a report, counted from the day it was received."""
    extra = ("  appeal_review:\n", "  report_objection:\n    label: {zh: 报告异议期, en: Objection}\n"
             "    start: {field: report_received}\n    stop: [received]\n    limit: {days: 15}\n"
             "    party: complainant\n  appeal_review:\n")
    policy = default(tmp_path, extra)
    in_time = case(("2026-11-10T10:00:00+08:00", "received"), report_received="2026-11-01")
    late = case(("2026-11-20T10:00:00+08:00", "received"), report_received="2026-11-01")
    assert by_name(clocks(in_time, policy, date(2026, 11, 30)))["report_objection"].outcome == "met"
    clock = by_name(clocks(late, policy, date(2026, 11, 30)))["report_objection"]
    assert clock.outcome == "missed" and clock.due == date(2026, 11, 16) and clock.days_left == -4
    assert "report_objection" not in by_name(clocks(case(("2026-11-20T10:00:00+08:00", "received")),
                                                    policy, date(2026, 11, 30)))
