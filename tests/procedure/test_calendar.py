"""Working days against the holidays package's own answers, its years, and overrides."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from complaints.load.calendar import CalendarSpec
from complaints.procedure.calendar import Calendar
from tests.procedure.helpers import nth_working_day, package


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize(("first", "last"), [
    (date(2026, 9, 10), date(2026, 10, 20)),  # National Day 2026
    (date(2026, 2, 5), date(2026, 3, 5)),  # Spring Festival 2026
])
def test_china_2026_day_by_day_as_the_package_says(first: date, last: date) -> None:
    cal, pkg = Calendar(CalendarSpec("CN", None, False)), package("CN")
    for day in days(first, last):
        assert cal.is_working_day(day) == pkg.is_working_day(day), day
    # The package has the State Council's make-up days and the week off
    assert date(2026, 9, 20).weekday() == 6 and cal.is_working_day(date(2026, 9, 20))
    assert date(2026, 10, 10).weekday() == 5 and cal.is_working_day(date(2026, 10, 10))


def test_working_day_counts_agree_with_get_nth_working_day() -> None:
    cal, pkg = Calendar(CalendarSpec("CN", None, False)), package("CN")
    for start in days(date(2026, 1, 1), date(2026, 12, 15)):
        for n in (3, 7):
            assert cal.add_working_days(start, n) == pkg.get_nth_working_day(start, n), (start, n)


def test_national_day_week_off_moves_a_count_past_it() -> None:
    cal, pkg = Calendar(CalendarSpec("CN", None, False)), package("CN")
    # From Wednesday 30 September, the first working day is the first after the week off
    first = cal.add_working_days(date(2026, 9, 30), 1)
    assert all(not pkg.is_working_day(d) for d in days(date(2026, 10, 1), first - timedelta(days=1)))
    assert first.month == 10 and first > date(2026, 10, 7)


def test_which_years_are_official() -> None:
    cn = Calendar(CalendarSpec("CN", None, False))
    assert cn.official(2026) and not cn.official(2027)  # no State Council table for 2027 yet
    assert cn.estimated(date(2026, 12, 28), date(2027, 1, 7))
    assert not cn.estimated(date(2026, 12, 1), date(2026, 12, 10))
    eng = Calendar(CalendarSpec("GB", "ENG", False))
    assert eng.official(2027)  # statutory rules: every year the package covers
    assert Calendar(CalendarSpec(None, None, False)).official(2040)


def test_england_bank_holidays_and_subdivision() -> None:
    eng, pkg = Calendar(CalendarSpec("GB", "ENG", False)), package("GB", "ENG")
    for day in days(date(2026, 12, 20), date(2027, 1, 10)):
        assert eng.is_working_day(day) == pkg.is_working_day(day), day
    start = date(2026, 12, 24)
    assert eng.add_working_days(start, 3) == pkg.get_nth_working_day(start, 3)
    assert eng.add_working_days(start, 3) == nth_working_day(pkg, start, 3)


def test_closures_are_not_working_days(tmp_path: Path) -> None:
    closed = frozenset({date(2026, 12, 30)})
    cal, pkg = Calendar(CalendarSpec("CN", None, False, closures=closed)), package("CN")
    assert pkg.is_working_day(date(2026, 12, 30)) and not cal.is_working_day(date(2026, 12, 30))
    assert cal.add_working_days(date(2026, 12, 28), 2) == nth_working_day(pkg, date(2026, 12, 28), 2, set(closed))
