"""`complaints due`: the JSON contract a scheduled job reads, the exit codes, the cache."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from complaints.load.policy import load_policy
from complaints.load.safeyaml import load_file
from complaints.procedure.clock import clocks
from testing.cli import REPO, make_root, run
from tests.procedure.helpers import write_case

ITEM_KEYS = ["case", "title", "clock", "label", "due", "state", "days", "role", "estimated"]


def due(root: Path, *args: str) -> tuple[int, Any]:
    result = run(root, "due", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else None


def test_demo_cases_contract_and_exit(tmp_path: Path) -> None:
    root = make_root(tmp_path, REPO / "cases")
    code, out = due(root, "--today", "2026-11-30")
    assert code == 1  # something is overdue
    assert list(out) == ["as_of", "window_days", "items"]
    assert out["as_of"] == "2026-11-30" and out["window_days"] == 7
    assert out["items"] and all(list(i) == ITEM_KEYS for i in out["items"])
    assert [(i["due"], i["case"]) for i in out["items"]] == sorted((i["due"], i["case"]) for i in out["items"])
    policy = load_policy(root)
    today = date(2026, 11, 30)
    expected = []
    for path in sorted((root / "cases").rglob("*.yaml")):
        data = load_file(path).data
        for c in clocks(data, policy, today):
            if c.party == "organization" and c.outcome in ("running", "overdue") and c.days_left <= 7:
                expected.append((data["id"], c.name, c.due.isoformat(), c.days_left, c.role))
    got = [(i["case"], i["clock"], i["due"], i["days"], i["role"]) for i in out["items"]]
    assert sorted(got) == sorted(expected)
    for i in out["items"]:
        assert i["state"] == ("overdue" if i["days"] < 0 else "due_soon")
        assert i["label"] == policy.deadlines[i["clock"]].label and i["estimated"] is False
    text = run(root, "due", "--today", "2026-11-30", "--lang", "en").stdout
    assert text.startswith("Overdue:\n") and "days late" in text
    assert text.endswith(f"{sum(i['state'] == 'overdue' for i in out['items'])} overdue, "
                         f"{sum(i['state'] == 'due_soon' for i in out['items'])} due within 7 days "
                         "(as of 2026-11-30)\n")


def test_nothing_overdue_exits_0_and_within_widens(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_case(root, "C-2026-0001", "2026-11-02T10:00:00+08:00",
               ("2026-11-02T11:00:00+08:00", "acknowledge", "acknowledged"),
               ("2026-11-03T10:00:00+08:00", "accept", "accepted"))
    code, out = due(root, "--today", "2026-11-04")
    assert code == 0 and out["items"] == []
    code, out = due(root, "--today", "2026-11-04", "--within", "60")
    assert code == 0 and [(i["clock"], i["state"], i["role"]) for i in out["items"]] == \
        [("resolution", "due_soon", "quality_lead")]
    assert out["items"][0]["due"] == "2027-01-01" and out["items"][0]["days"] == 58
    code, out = due(root, "--today", "2027-01-02")
    assert code == 1 and out["items"][0]["state"] == "overdue" and out["items"][0]["days"] == -1


def test_year_without_data_cannot_run_unless_estimates_are_allowed(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_case(root, "C-2026-0002", "2026-12-28T10:00:00+08:00")
    result = run(root, "due", "--today", "2026-12-29", "--format", "json")
    assert result.exit_code == 2
    assert "cases/2026/C-2026-0002.yaml:1:1: D101 " in result.stderr and "acceptance" in result.stderr
    policy = root / "complaints.yml"
    policy.write_text(policy.read_text("utf-8").replace("estimate: false", "estimate: true"), "utf-8")
    code, out = due(root, "--today", "2026-12-29", "--within", "30")
    assert code == 0
    marked = {i["clock"]: i["estimated"] for i in out["items"]}
    assert marked["acceptance"] is True and marked["acknowledge"] is False
    assert "(estimated)" in run(root, "due", "--today", "2026-12-29", "--within", "30").stdout


def test_cache_follows_the_files(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / ".git").mkdir()
    path = write_case(root, "C-2026-0003", "2026-11-20T10:00:00+08:00")
    first = due(root, "--today", "2026-11-30")
    assert (root / ".git" / "complaints" / "due.json").is_file()
    assert due(root, "--today", "2026-11-30") == first == due(root, "--today", "2026-11-30", "--no-cache")
    assert {i["clock"] for i in first[1]["items"]} == {"acknowledge", "acceptance"}
    data = yaml.safe_load(path.read_text("utf-8"))
    data["history"].append({"at": "2026-11-21T10:00:00+08:00", "step": "acknowledge", "from": "received",
                            "to": "acknowledged", "actor": "s-zhao"})
    data["status"] = "acknowledged"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    _, out = due(root, "--today", "2026-11-30")
    assert {i["clock"] for i in out["items"]} == {"acceptance"}


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    assert run(root, "due", "--today", "30.11.2026").exit_code == 2
    assert run(root, "due", "--within", "-1").exit_code == 2
    shutil.rmtree(root)
    root.mkdir()
    assert run(root, "due").exit_code == 2  # no policy here
