"""validate's formats and policy checks; rules, list and show."""

from __future__ import annotations

import json
import re
from pathlib import Path

from complaints.base.findings import RULES
from testing.cli import REPO, make_root, run

POSITIVE = REPO / "tests" / "positive" / "cases"
NEGATIVE = REPO / "tests" / "negative"


def test_json_and_github_formats(tmp_path: Path) -> None:
    root = make_root(tmp_path, NEGATIVE / "self_approval" / "cases")
    out = json.loads(run(root, "validate", "--no-cache", "--format", "json").output)
    assert out["problems"] == 1 and out["checked"] == 2
    assert out["findings"][0]["code"] == "R103"
    assert out["findings"][0]["line"] == 64
    gh = run(root, "validate", "--no-cache", "--format", "github").output.splitlines()
    assert gh[0].startswith("::error file=cases/2026/C-2026-0001.yaml,line=64,col=12,title=R103::R103 ")


def test_broken_policy_is_reported_with_line(tmp_path: Path) -> None:
    root = make_root(tmp_path, POSITIVE)
    policy = root / "complaints.yml"
    policy.write_text(policy.read_text("utf-8").replace("    to: acknowledged\n", "    to: acknowleged\n"), "utf-8")
    result = run(root, "validate", "--no-cache")
    assert result.exit_code == 2  # no usable policy: reported, then the command cannot run
    lines = result.output.splitlines()
    assert all(line.startswith("complaints.yml:") for line in lines[:-1])
    assert any(line.endswith(" L101 policy refers to an undefined state, role or step: state acknowleged")
               for line in lines)


def test_policy_schema_violation(tmp_path: Path) -> None:
    root = make_root(tmp_path, POSITIVE)
    policy = root / "complaints.yml"
    policy.write_text(policy.read_text("utf-8").replace("initial_state: received", "initial_state: 5"), "utf-8")
    result = run(root, "validate", "--no-cache")
    assert result.exit_code == 2
    assert "complaints.yml:" in result.output and "S103" in result.output


def test_rules_lists_every_code() -> None:
    result = run(REPO, "rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed == list(RULES)


def test_every_code_used_in_the_package_is_registered() -> None:
    import re

    used = set()
    for path in (REPO / "tools" / "complaints").rglob("*.py"):
        used |= set(re.findall(r'"([A-Z][0-9]{3})"', path.read_text("utf-8")))
    assert used - set(RULES) == set()


def test_list_filters_and_json(tmp_path: Path) -> None:
    root = make_root(tmp_path, REPO / "cases")
    rows = json.loads(run(root, "list", "--format", "json").output)
    assert len(rows) == len(list((REPO / "cases").rglob("*.yaml")))
    closed = json.loads(run(root, "list", "--status", "closed", "--format", "json").output)
    assert closed and all(r["status"] == "closed" for r in closed)
    year = json.loads(run(root, "list", "--year", "2025", "--format", "json").output)
    assert year and all(r["received"].startswith("2025") for r in year)
    opened = json.loads(run(root, "list", "--open", "--format", "json").output)
    assert all(r["open"] for r in opened) and len(opened) < len(rows)
    table = run(root, "list", "--lang", "zh").output
    assert table.splitlines()[0].startswith("编号") and table.endswith(f"{len(rows)} cases\n")


def test_show_is_readable_and_unknown_is_clear(tmp_path: Path) -> None:
    root = make_root(tmp_path, POSITIVE)
    text = run(root, "show", "C-2026-0001", "--lang", "en").output
    assert re.search(r"^  status +Closed \(closed\)$", text, re.M)  # labels, aligned
    assert "Propose decision" in text and "by s-zhou" in text
    missing = run(root, "show", "C-2026-0999")
    assert missing.exit_code == 1
    assert missing.output == "Error: X125 no case C-2026-0999 (expected cases/2026/C-2026-0999.yaml)\n"
