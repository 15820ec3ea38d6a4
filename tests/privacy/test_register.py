"""Each case has a public reference of its own; only the private register links the
cases of one person (intake, import), and validate refuses a shared reference (P108)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

import complaints.load.register as register
from complaints.load.register import cases_of, person_for
from testing.cli import REPO, make_root, run
from testing.org import Org


def _ref(org: Org, case_id: str) -> str:
    return str(yaml.safe_load(org.case(case_id).read_text())["complainant"])


def test_the_same_person_gets_a_new_reference_for_every_case(org: Org) -> None:
    first = org.new_case("--name", "Lin Invented", "--phone", "139 1234 5678")
    second = org.new_case("--name", "Lin Invented", "--phone", "13912345678",
                          "--email", "lin@example.org")
    other = org.new_case("--name", "Lin Invented", "--phone", "13987654321")
    refs = [_ref(org, c) for c in (first, second, other)]
    assert len(set(refs)) == 3
    register = yaml.safe_load(org.register.read_text())
    assert [register[r]["case"] for r in refs] == [first, second, other]
    # The same phone is the same person; the same name alone is not.
    assert register[refs[0]]["person"] == register[refs[1]]["person"] != register[refs[2]]["person"]
    assert cases_of(register, refs[1]) == sorted([first, second])
    assert cases_of(register, refs[2]) == [other]
    public = org.git("grep", "-h", "-e", "P-", "HEAD", "--", "cases", check=False)
    assert register[refs[0]]["person"] not in public  # the person id never goes public
    org.cli("validate", "--no-cache")


def test_a_reference_in_use_by_a_case_is_never_issued_again(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a register only the cases know which references are taken: random draws
    that hit one are drawn again."""
    monkeypatch.delenv("COMPLAINTS_REGISTER")
    first = org.new_case()
    draws = iter([_ref(org, first), _ref(org, first), "R-NEW001"])
    real = register._random_id
    monkeypatch.setattr(register, "_random_id", lambda prefix, taken: next(
        r for r in draws if r not in taken) if prefix == "R-" else real(prefix, taken))
    second = org.new_case()
    assert _ref(org, second) == "R-NEW001"
    assert not org.register.exists()


def test_person_is_matched_by_phone_or_email_not_by_name() -> None:
    data = {"R-AAAAAA": {"name": "A", "phone": "+86 139-1234-5678", "case": "C-2026-0001",
                         "person": "P-111111"},
            "R-BBBBBB": {"name": "B", "email": "B@Example.org", "case": "C-2026-0002",
                         "person": "P-222222"},
            "R-CCCCCC": {"name": "Old entry without keys"}}
    assert person_for(data, {"phone": "13912345678"}) == "P-111111"
    assert person_for(data, {"email": "b@example.org"}) == "P-222222"
    assert person_for(data, {"name": "A"}) not in ("P-111111", "P-222222")
    assert cases_of(data, "R-CCCCCC") == []


def test_import_gives_each_case_its_own_reference_and_links_the_person(org: Org) -> None:
    head = ["case", "step", "at", "actor", "title", "channel", "category", "severity",
            "summary", "name", "phone"]
    rows = [["a", "intake", "2025-03-02T09:30:00+08:00", "s-zhao", "Late report", "email",
             "report", "minor", "The report came late.", "Guo Invented", "13800001111"],
            ["b", "intake", "2025-04-02T09:30:00+08:00", "s-zhao", "Late again", "email",
             "report", "minor", "The report came late again.", "Guo Invented", "13800001111"]]
    path = org.root.parent / "past.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([head, *rows])
    org.act("s-qian")
    org.cli("import", str(path))
    register = yaml.safe_load(org.register.read_text())
    cases = sorted(Path(org.root, "cases", "2025").glob("*.yaml"))
    refs = [yaml.safe_load(p.read_text())["complainant"] for p in cases]
    assert len(set(refs)) == 2
    assert register[refs[0]]["person"] == register[refs[1]]["person"]
    assert cases_of(register, refs[0]) == [p.stem for p in cases]
    org.cli("validate", "--no-cache")


def test_a_shared_reference_is_found_from_the_cache_too(tmp_path: Path) -> None:
    """Each file is clean alone and so cached; the cached result still carries its
    reference, so the second run reports P108 as the first did."""
    root = make_root(tmp_path, REPO / "tests" / "negative" / "shared_complainant_reference" / "cases")
    first, second = run(root, "validate"), run(root, "validate")
    assert first.exit_code == second.exit_code == 1
    assert first.output == second.output and "P108" in second.output
    assert (root / ".cache" / "complaints" / "validate.json").exists()
