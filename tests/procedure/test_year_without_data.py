"""A deadline crossing into 2027, which the holidays package has no official schedule for:
refused, then estimated when the policy allows it, then exact once an override has the year."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from complaints.check.rules import deadline_hits
from complaints.procedure.clock import clocks
from tests.procedure.helpers import case, default, package

RECEIVED = "2026-12-28T10:00:00+08:00"  # 7 working days later is in 2027
NOW = datetime(2026, 12, 28, 12, tzinfo=UTC)
# An invented schedule, for the test only: the real 2027 notice is not out yet.
OVERRIDE = """\
official:
  - country: CN
    year: 2027
    source: "Test fixture, invented: not the State Council's 2027 notice"
    days_off:
      - {name: New Year, from: "2027-01-01", to: "2027-01-01"}
    working_days: ["2027-01-02"]
"""


def acceptance(policy_root: Path, **kw: str) -> tuple[object, list[object]]:
    policy = default(policy_root, *kw.get("replace", ()), overrides=kw.get("overrides"))  # type: ignore[arg-type]
    c = case((RECEIVED, "received"))
    clock = next(x for x in clocks(c, policy, date(2026, 12, 28)) if x.name == "acceptance")
    return clock, list(deadline_hits(c, policy, NOW))


def test_refused_by_default(tmp_path: Path) -> None:
    clock, hits = acceptance(tmp_path)
    assert clock.estimated  # type: ignore[attr-defined]
    assert [code for _, code, _ in hits] == ["D101"]  # acceptance; acknowledgement ends on 31 December
    assert all("calendar/overrides.yml" in detail for _, _, detail in hits)


def test_estimated_where_the_policy_allows(tmp_path: Path) -> None:
    clock, hits = acceptance(tmp_path, replace=(("estimate: false", "estimate: true"),))  # type: ignore[arg-type]
    assert hits == []
    assert clock.estimated  # type: ignore[attr-defined]
    pkg = package("CN")  # the generic rules the package falls back to
    day, left = date(2026, 12, 28), 7
    while left:
        day += timedelta(days=1)
        left -= pkg.is_working_day(day)
    assert clock.due == day  # type: ignore[attr-defined]


def test_an_override_file_makes_it_exact(tmp_path: Path) -> None:
    clock, hits = acceptance(tmp_path, overrides=OVERRIDE)
    assert hits == [] and not clock.estimated  # type: ignore[attr-defined]
    pkg = package("CN")
    off = {date(2027, 1, 1)}
    day, left = date(2026, 12, 28), 7
    while left:
        day += timedelta(days=1)
        working = pkg.is_working_day(day) if day.year == 2026 else \
            day not in off and (day.weekday() < 5 or day == date(2027, 1, 2))
        left -= working
    assert clock.due == day == date(2027, 1, 6)  # type: ignore[attr-defined]


def test_validate_refuses_then_accepts_once_the_override_arrives(tmp_path: Path) -> None:
    from testing.cli import make_root, run
    from tests.procedure.helpers import write_case

    root = make_root(tmp_path)
    (root / ".git").mkdir()  # where the cache lives
    write_case(root, "C-2026-0002", "2026-11-20T10:00:00+08:00")
    policy = root / "complaints.yml"
    policy.write_text(policy.read_text("utf-8").replace("limit: {working_days: 7}", "limit: {working_days: 40}"),
                      "utf-8")
    first = run(root, "validate")
    assert first.exit_code == 1 and " D101 " in first.output and "acceptance due 2027-01-" in first.output
    (root / "calendar").mkdir()
    (root / "calendar" / "overrides.yml").write_text(OVERRIDE, "utf-8")
    assert run(root, "validate").exit_code == 0
    (root / "calendar" / "overrides.yml").write_text("official: []\n", "utf-8")
    assert run(root, "validate").exit_code == 1  # the cache follows the calendar, too


def test_a_broken_override_file_makes_the_policy_unusable(tmp_path: Path) -> None:
    from testing.cli import make_root, run

    root = make_root(tmp_path)
    (root / "calendar").mkdir()
    bad = OVERRIDE.replace('working_days: ["2027-01-02"]', 'working_days: ["2026-01-02", "2027-01-01"]')
    (root / "calendar" / "overrides.yml").write_text(bad, "utf-8")
    result = run(root, "validate")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == ("calendar/overrides.yml:7:20: L103 calendar settings cannot be used: unknown time zone, "
                        "or an override that contradicts itself: 2026-01-02 is not in 2027")
    assert lines[1].startswith("calendar/overrides.yml:7:34: L103 ") and "both a day off and a working day" in lines[1]
    (root / "calendar" / "overrides.yml").write_text(OVERRIDE.replace("    source:", "    sauce:"), "utf-8")
    result = run(root, "validate")
    assert result.exit_code == 2 and "calendar/overrides.yml:" in result.output and " S10" in result.output
    assert run(root, "due").exit_code == 2
