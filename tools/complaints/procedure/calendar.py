"""Working days: the holidays package's official calendar, the project's overrides, closures.

A day is a working day by the official schedule of its country (and subdivision:
GB-ENG's bank holidays), China's make-up working days (调休) included, so a Sunday
can be one and a weekday not. The package knows China's schedule only for the years
the State Council has published and it has caught up with; for a later year it
silently falls back to generic rules without make-up days. So each calendar knows
which years it has official data for: an override in calendar/overrides.yml, or a
year the package has a State Council table for. Elsewhere (GB) the statutory rules
the package implements are the official calendar for every year it covers. Closure
days of the organization are never working days.
"""

from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from complaints.load.calendar import CalendarSpec

# Countries whose working days are proclaimed year by year (国务院办公厅 notice),
# so a year without the notice has no official schedule however regular it looks.
ANNUAL_SCHEDULES = frozenset({"CN"})


def _package_years(country: str, subdivision: str | None, cal: Any) -> range:
    """The years the package's answer for this country is official."""
    if country in ANNUAL_SCHEDULES:
        tables = getattr(cal, "special_public_holidays", None) or {}
        return range(cal.start_year, max(tables) + 1 if tables else cal.start_year)
    return range(cal.start_year, cal.end_year + 1)


class Calendar:
    """Working days of one country, its overrides and the organization's closures."""

    def __init__(self, spec: CalendarSpec) -> None:
        self.country, self.subdivision = spec.country, spec.subdivision
        self.closures = spec.closures
        self._overrides = {o.year: o for o in spec.official
                           if o.country == spec.country and o.subdivision == spec.subdivision}
        self._package: Any = None
        self._years = range(0)
        if spec.country is not None:
            import holidays  # ~0.3 s to import: only where a day is asked about

            self._package = holidays.country_holidays(spec.country, subdiv=spec.subdivision)
            self._years = _package_years(spec.country, spec.subdivision, self._package)
        self._memo: dict[date, bool] = {}
        self._adds: dict[tuple[date, int], date] = {}

    def official(self, year: int) -> bool:
        """Whether this calendar has official data for the year (no country: weekdays, always)."""
        return self._package is None or year in self._overrides or year in self._years

    def is_working_day(self, day: date) -> bool:
        known = self._memo.get(day)
        if known is None:
            known = self._memo[day] = day not in self.closures and self._official_working_day(day)
        return known

    def _official_working_day(self, day: date) -> bool:
        override = self._overrides.get(day.year)
        if override is not None:
            return day not in override.days_off and (day.weekday() < 5 or day in override.working_days)
        if self._package is None:
            return day.weekday() < 5
        return bool(self._package.is_working_day(day))

    def add_working_days(self, day: date, count: int, skip: frozenset[date] = frozenset()) -> date:
        """The count-th working day after day (day itself never counts), not counting skip."""
        if not skip:  # 10,000 cases start their clocks on a few hundred days
            key = (day, count)
            found = self._adds.get(key)
            if found is None:
                found = self._adds[key] = self.add_working_days(day, count, frozenset({day}))
            return found
        current, left = day, count
        while left > 0:
            current += timedelta(days=1)
            if current not in skip and self.is_working_day(current):
                left -= 1
        return current

    def next_working_day(self, day: date) -> date:
        """The day itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def estimated(self, first: date, last: date) -> bool:
        """Whether a count from first to last relies on a year without official data."""
        if first.year == last.year:
            return not self.official(first.year)
        return not all(self.official(year) for year in range(first.year, last.year + 1))


@cache  # one per policy: building the package's calendar and its memo is the costly part
def calendar_for(spec: CalendarSpec) -> Calendar:
    return Calendar(spec)


@cache
def holidays_version() -> str:
    """The holidays package's version: cached results depend on the data it ships. Read from
    its install record, so a cache hit does not pay for importing the package."""
    spec = importlib.util.find_spec("holidays")
    site = Path(spec.origin).parents[1] if spec and spec.origin else None
    for record in sorted(site.glob("holidays-*.dist-info")) if site else ():
        return record.name[len("holidays-"):-len(".dist-info")]
    from importlib.metadata import version

    return version("holidays")
