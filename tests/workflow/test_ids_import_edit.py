"""Id collisions and renumbering, CSV import, round-trip edits, policy-defined verbs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml

from testing.org import Org, trailers, verify


def test_collision_between_branches_is_caught_and_renumbered(org: Org) -> None:
    org.git("checkout", "-q", "-b", "desk-b")
    theirs = org.new_case(actor="s-qian")
    org.git("checkout", "-q", "main")
    org.git("branch", "-q", "-D", "desk-b", check=False)  # forget it: the collision must happen
    ours = org.new_case()
    assert ours == theirs
    # Recreate the other desk's branch from its commit, as a fetch would.
    other = org.git("rev-parse", "HEAD@{2}").strip()
    org.git("branch", "desk-b", other)
    merge = org.git("merge", "--no-edit", "--no-gpg-sign", "desk-b", check=False)
    assert "CONFLICT (add/add)" in merge
    org.git("merge", "--abort")
    org.act("s-zhao")
    out = org.cli("renumber", ours).output
    new_id = out.split(" is now ")[1].split(",")[0]
    assert new_id != ours and int(new_id.split("-")[2]) == int(ours.split("-")[2]) + 1
    assert yaml.safe_load(org.case(new_id).read_text())["id"] == new_id
    assert not org.case(ours).exists()
    t = trailers(org)
    assert t["Complaint-Step"] == ["renumber"] and t["Complaint-Renumbered-From"] == [ours]
    assert verify(org) == "s-zhao"
    assert "CONFLICT" not in org.git("merge", "--no-edit", "--no-gpg-sign", "desk-b")
    org.cli("validate", "--no-cache")
    # the audit accepts the renumber: the case's trail goes on under its new id
    org.cli("acknowledge", new_id)
    out = org.cli("verify", "--no-cache", "--format", "json").output
    assert json.loads(out)["problems"] == 0
    log = org.cli("log", new_id, "--format", "json").output
    steps = json.loads(log)["steps"]
    assert [s["step"] for s in steps] == ["intake", "renumber", "acknowledge"]
    assert steps[0]["commit"] != steps[1]["commit"]  # intake is found under the old id
    assert (steps[1]["from_state"], steps[1]["to"]) == (ours, new_id)
    assert {s["signature"] for s in steps} == {"good"}


def test_validate_reports_duplicate_ids(org: Org) -> None:
    c = org.new_case()
    copy = org.root / "cases" / "2026" / "C-2026-0999.yaml"
    copy.write_text(org.case(c).read_text())
    out = org.cli("validate", "--no-cache", ok=False).output
    assert "C101" in out or "C103" in out


ROWS = [
    {"case": "old-1", "step": "intake", "at": "2025-03-02T09:30:00+08:00", "actor": "s-zhao",
     "title": "Wrong unit in report", "channel": "letter", "category": "report",
     "severity": "minor", "summary": "The report used the wrong unit.", "name": "Guo Invented",
     "phone": "13700001111", "subject.staff": "s-wu"},
    {"case": "old-1", "step": "acknowledge", "at": "2025-03-03T10:00:00+08:00", "actor": "s-zhao"},
    {"case": "old-1", "step": "accept", "at": "2025-03-04T10:00:00+08:00", "actor": "s-sun"},
    {"case": "old-1", "step": "assign", "at": "2025-03-04T11:00:00+08:00", "actor": "s-sun",
     "investigator": "s-zhou"},
    {"case": "old-1", "step": "propose", "at": "2025-03-10T11:00:00+08:00", "actor": "s-zhou",
     "decision.finding": "upheld", "decision.remedies": "corrected_report",
     "decision.rationale": "Typo."},
    {"case": "old-1", "step": "approve", "at": "2025-03-11T11:00:00+08:00", "actor": "s-li"},
    {"case": "old-1", "step": "respond", "at": "2025-03-12T11:00:00+08:00", "actor": "s-zhao",
     "response.summary": "Corrected report sent.", "response.channel": "letter"},
    {"case": "old-1", "step": "close", "at": "2025-03-20T11:00:00+08:00", "actor": "s-zhao",
     "satisfaction.accepted": "yes"},
    {"case": "old-2", "step": "intake", "at": "2025-05-02T09:30:00+08:00", "actor": "s-qian",
     "title": "Rude reply on phone", "channel": "phone", "category": "conduct",
     "severity": "minor", "summary": "The caller was treated rudely."},
    {"case": "old-2", "step": "withdraw", "at": "2025-05-03T09:30:00+08:00", "actor": "s-qian",
     "note": "Settled."},
]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_import_creates_all_cases_in_one_signed_commit(org: Org) -> None:
    csv_file = write_csv(org.root.parent / "past.csv", ROWS)
    org.act("s-qian")
    head = org.git("rev-parse", "HEAD").strip()
    out = org.cli("import", str(csv_file)).output
    assert "imported 2 cases" in out
    assert org.git("rev-list", "--count", f"{head}..HEAD").strip() == "1"
    t = trailers(org)
    assert t["Complaint-Step"] == ["import"] and len(t["Complaint-Case"]) == 2
    assert verify(org) == "s-qian"
    first = yaml.safe_load(org.case(t["Complaint-Case"][0]).read_text())
    assert first["status"] == "closed" and first["imported"] is True
    assert all(h["imported"] for h in first["history"])
    assert first["investigator"] == "s-zhou" and first["decisions"][-1]["approved_by"] == "s-li"
    assert "Guo Invented" not in org.git("show", "HEAD")
    assert "Guo Invented" in org.register.read_text()
    org.cli("validate", "--no-cache")


def test_import_with_a_bad_row_writes_nothing(org: Org) -> None:
    rows = [dict(r) for r in ROWS]
    rows[5]["actor"] = "s-zhou"  # the proposer approving: self-approval
    csv_file = write_csv(org.root.parent / "bad.csv", rows)
    org.act("s-qian")
    before = org.state()
    register_before = org.register.exists()
    out = org.cli("import", str(csv_file), ok=False).output
    assert "nothing was imported" in out and "R103" in out and ":7:" in out
    assert org.state() == before and org.register.exists() == register_before


def test_import_needs_admin(org: Org) -> None:
    csv_file = write_csv(org.root.parent / "past.csv", ROWS)
    org.act("s-zhao")
    assert "W104" in org.cli("import", str(csv_file), ok=False).output


def test_step_keeps_comments_order_and_untouched_lines(org: Org) -> None:
    c = org.new_case()
    path = org.case(c)
    lines = path.read_text().splitlines()
    lines.insert(1, "# Hand-written note: keep me.")
    lines[2] = lines[2] + "  # trailing comment"
    path.write_text("\n".join(lines) + "\n")
    org.git("commit", "-q", "--no-gpg-sign", "-am", "comment")
    before = path.read_text().splitlines()
    org.act("s-zhao")
    org.cli("acknowledge", c)
    after = path.read_text().splitlines()
    expected = [ln.replace("status: received", "status: acknowledged") for ln in before]
    assert after[: len(before)] == expected  # every old line kept, in place
    assert after[len(before)].startswith("  - at: ") and "# Hand-written note: keep me." in after


def test_a_step_added_to_the_policy_is_a_verb(org: Org) -> None:
    policy = org.root / "complaints.yml"
    text = policy.read_text().replace(
        "\n# Time limits", "  escalate:\n    label: {zh: 上报, en: Escalate}\n"
        "    from: [investigating]\n    to: decision_proposed\n    role: approver\n"
        "    requires: [decision.finding, decision.rationale]\n\n# Time limits", 1)
    policy.write_text(text)
    org.act("s-qian")
    org.git("commit", "-q", "-S", "-am", "policy: escalate")
    c = org.investigating()
    assert "escalate" in org.cli("--help").output
    org.act("s-li")
    org.cli("escalate", c, "--finding", "upheld", "--rationale", "Needs a decision now.")
    assert trailers(org)["Complaint-Step"] == ["escalate"]
    assert yaml.safe_load(org.case(c).read_text())["status"] == "decision_proposed"
