"""Every command keeps the one exit-code contract under every fault class.

0 clean; 1 the input has problems; 2 the command cannot run; 130 interrupted
(base.errors). Each run must end in exactly one `Error:` line (click's usage
errors add their usage lines above it) and never in a traceback.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaints.base.errors import CANNOT_RUN, PROBLEMS
from complaints.cli.main import main
from testing.org import Org

CASE = "{case}"
# command -> arguments; CASE is the case id the fault class supplies
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "--no-cache"],
    "list": ["list"],
    "show": ["show", CASE],
    "new": ["new", "--no-input", "--title", "Late report", "--channel", "email",
            "--category", "report", "--severity", "minor", "--summary", "Arrived two weeks late."],
    "next": ["next", CASE],
    "step": ["step", CASE, "acknowledge"],
    "verb": ["acknowledge", CASE],
    "import": ["import", "{csv}"],
    "renumber": ["renumber", CASE],
    "log": ["log", CASE],
    "verify": ["verify", "--no-cache"],
    "signers": ["signers"],
    "site": ["site", "build", "--generate-only", "--today", "2026-06-01"],
}
ID_COMMANDS = ("show", "next", "step", "verb", "renumber", "log")


def invoke(org: Org, name: str, case_id: str = "C-2026-0001") -> Result:
    csv_file = org.root.parent / "import.csv"
    with csv_file.open("w", newline="") as handle:
        csv.writer(handle).writerow(["id", "step"])
    args = [a.replace(CASE, case_id).replace("{csv}", str(csv_file)) for a in COMMANDS[name]]
    return CliRunner().invoke(main, args)


def assert_contract(result: Result, exit_code: int, says: str) -> None:
    out = result.output
    assert "Traceback" not in out and "internal error" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == exit_code, f"exit {result.exit_code}, want {exit_code}:\n{out}"
    errors = [line for line in out.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and says in errors[0], out


def break_policy(org: Org) -> None:
    (org.root / "complaints.yml").write_text("states: [unclosed\n", "utf-8")


def unreadable_case(org: Org) -> None:
    """A committed case file that is not UTF-8 (unreadable as text, even for root)."""
    case = org.root / "cases" / "2026" / "C-2026-0001.yaml"
    case.write_bytes(b"id: C-2026-0001\ntitle: \xff\xfe broken\n")
    org.git("-c", "commit.gpgsign=false", "commit", "-qam", "break the case file")


@pytest.mark.parametrize("name", [n for n in COMMANDS if n != "validate"])
def test_no_repository(name: str, org: Org, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert_contract(invoke(org, name), CANNOT_RUN, "no complaints.yml")  # verbs too: they need one


def test_validate_without_repository(org: Org, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert_contract(invoke(org, "validate"), CANNOT_RUN, "no complaints.yml")


# log and verify read the policy from the history, not the worktree; validate reports it
@pytest.mark.parametrize("name", [n for n in COMMANDS if n not in ("log", "verify", "validate", "verb")])
def test_broken_policy(name: str, org: Org) -> None:
    org.new_case()
    break_policy(org)
    assert_contract(invoke(org, name), CANNOT_RUN, "complaints.yml:")


def test_broken_policy_validate_reports_it_and_cannot_run(org: Org) -> None:
    break_policy(org)
    result = invoke(org, "validate")
    assert result.exit_code == CANNOT_RUN, result.output
    assert result.output.startswith("complaints.yml:") and " Y103 " in result.output


def test_broken_policy_verbs_are_unknown(org: Org) -> None:
    """With no readable policy there are no verbs: a usage error, not a crash."""
    break_policy(org)
    assert_contract(invoke(org, "verb"), CANNOT_RUN, "No such command 'acknowledge'")


@pytest.mark.parametrize("name", ID_COMMANDS)
def test_unknown_id(name: str, org: Org) -> None:
    org.new_case()
    org.act("s-zhao")
    result = invoke(org, name, "C-2026-0999")
    assert_contract(result, PROBLEMS, "C-2026-0999")
    assert "X125" in result.output or name == "log", result.output


@pytest.mark.parametrize("bad", ["C20260001", "C-..-x", "../C-2026-0001", "C-2026-1"])
@pytest.mark.parametrize("name", ID_COMMANDS)
def test_malformed_id(name: str, bad: str, org: Org) -> None:
    before = org.state()
    assert_contract(invoke(org, name, bad), CANNOT_RUN, "X127")
    assert org.state() == before


@pytest.mark.parametrize("name", ID_COMMANDS)
def test_lower_case_id_is_normalised(name: str, org: Org) -> None:
    case_id = org.new_case()
    org.act("s-zhao")
    result = invoke(org, name, case_id.lower())
    assert result.exit_code == 0, result.output
    assert case_id in result.output


@pytest.mark.parametrize("name", ["show", "next", "step", "verb", "renumber", "site"])
def test_unreadable_case_file(name: str, org: Org) -> None:
    org.new_case()
    org.act("s-zhao")
    unreadable_case(org)
    assert_contract(invoke(org, name), PROBLEMS, "Y101")


def test_unreadable_case_file_validate_and_list(org: Org) -> None:
    org.new_case()
    unreadable_case(org)
    result = invoke(org, "validate")
    assert result.exit_code == PROBLEMS and "cases/2026/C-2026-0001.yaml:" in result.output
    listed = invoke(org, "list")
    assert listed.exit_code == 0 and "skipped cases/2026/C-2026-0001.yaml" in listed.output


def test_intake_by_a_role_without_intake_is_judged_and_refused(org: Org) -> None:
    """Intake asks the same judge as every step: s-sun (quality manager) may not register."""
    org.act("s-sun")
    before = org.state()
    assert_contract(invoke(org, "new"), PROBLEMS, "W104 intake refused: s-sun lacks the role intake or admin")
    assert org.state() == before
