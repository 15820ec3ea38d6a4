"""Policies and hand-made histories for the clock tests (no git: clocks are pure)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import holidays
import yaml

from complaints.load.policy import Policy, check_policy
from testing.cli import REPO

PRESETS = REPO / "tools" / "complaints" / "presets"


def policy_in(root: Path, source: Path, replace: tuple[tuple[str, str], ...] = (),
              overrides: str | None = None) -> Policy:
    """A policy loaded from root (where calendar/overrides.yml is looked for), text-edited."""
    root.mkdir(parents=True, exist_ok=True)
    text = source.read_text("utf-8")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    (root / "complaints.yml").write_text(text, "utf-8")
    if overrides is not None:
        (root / "calendar").mkdir(exist_ok=True)
        (root / "calendar" / "overrides.yml").write_text(overrides, "utf-8")
    policy, problems = check_policy(root / "complaints.yml")
    assert policy is not None, problems
    return policy


def preset(root: Path, name: str, *replace: tuple[str, str], overrides: str | None = None) -> Policy:
    return policy_in(root, PRESETS / f"{name}.yml", replace, overrides)


def default(root: Path, *replace: tuple[str, str], overrides: str | None = None) -> Policy:
    return policy_in(root, REPO / "complaints.yml", replace, overrides)


def case(*steps: tuple[str, str] | tuple[str, str, str], **fields: Any) -> dict[str, Any]:
    """A case from (time, state[, step]) entries; the first is the intake."""
    history = []
    for i, entry in enumerate(steps):
        at, to = entry[0], entry[1]
        name = entry[2] if len(entry) > 2 else ("intake" if i == 0 else "x")
        history.append({"at": at, "step": name, "to": to, "actor": "s-a", "note": f"step {i}"})
    return {"id": "C-2026-0001", "received": steps[0][0], "status": history[-1]["to"],
            "history": history, **fields}


def package(country: str, subdiv: str | None = None) -> Any:
    return holidays.country_holidays(country, subdiv=subdiv)


def nth_working_day(cal: Any, start: date, n: int, skip: set[date] | None = None) -> date:
    """The n-th working day after start by the package's own is_working_day, skipping days."""
    day, left = start, n
    while left:
        day += timedelta(days=1)
        if cal.is_working_day(day) and day not in (skip or set()):
            left -= 1
    return day


def write_case(root: Path, case_id: str, received: str, *steps: tuple[str, str, str]) -> Path:
    history = [{"at": received, "step": "intake", "to": "received", "actor": "s-zhao"}]
    state = "received"
    for at, step, to in steps:
        history.append({"at": at, "step": step, "from": state, "to": to, "actor": "s-sun"})
        state = to
    data = {"id": case_id, "title": f"Case {case_id}", "received": received, "channel": "email",
            "category": "report", "severity": "minor", "kind": "complaint", "summary": "A test case.",
            "complainant": "R-7F3A9C", "status": state, "history": history}
    path = root / "cases" / case_id.split("-")[1] / f"{case_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path
