"""The daily desk: my cases, a readable case, read-only `next`, dashed verbs, the lock holder."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

from testing.org import Org


def received(org: Org, day: str, *extra: str) -> str:
    return org.new_case("--received", f"{day}T09:00:00+08:00", *extra)


def test_desk_lists_what_waits_on_my_roles_oldest_deadline_first(org: Org) -> None:
    later = received(org, "2026-11-20")
    earlier = received(org, "2026-11-02")  # registered second, due first
    about_sun = received(org, "2026-11-10", "--subject-staff", "s-sun")
    for case in (later, earlier, about_sun):
        org.cli("acknowledge", case)
    mine = json.loads(org.cli("desk", "--as", "s-feng", "--format", "json").output)
    assert [c["id"] for c in mine["cases"]] == [earlier, about_sun, later]
    assert mine["cases"][0]["next"][0]["step"] == "accept" and mine["cases"][0]["overdue"] is True
    assert mine["by"] == "--as"
    sun = json.loads(org.cli("desk", "--as", "s-sun", "--format", "json").output)
    assert [c["id"] for c in sun["cases"]] == [earlier, later]  # recused from the case about them
    assert json.loads(org.cli("desk", "--as", "s-zhao", "--format", "json").output)["cases"] == []
    org.act("s-sun")
    text = org.cli("mine", "--lang", "en").output  # the signing key's owner, by default
    assert text.startswith("s-sun (Approver, Quality lead), by your signing key: 2 cases")
    assert f"  {earlier}  Acknowledged" in text and "accept (Accept)" in text
    assert "withdraw" not in text  # open at any time, not what a case waits for


def test_show_prints_labels_deadlines_and_what_it_waits_for(org: Org) -> None:
    case = org.investigating()
    org.act("s-zhou")
    org.cli("propose", case, "--finding", "partly_upheld", "--remedies", "retest,explanation",
            "--rationale", "The retest agreed within the stated uncertainty.")
    text = org.cli("show", case, "--lang", "en").output
    assert "{'" not in text and "True" not in text and "['" not in text  # no Python values
    assert "  finding     Partly upheld" in text and "  remedies    Retest, Explanation" in text
    assert "  proposed_by s-zhou (Analyst A)" in text
    assert "deadlines:\n  Acknowledgement " in text and "Resolution" in text
    assert "waits for:\n  approve" in text and "(Approver)" in text
    data = json.loads(org.cli("show", case, "--format", "json", "--lang", "en").output)
    assert data["case"]["id"] == case and [w["step"] for w in data["waits_for"]] == ["approve", "send_back"]
    assert {d["name"] for d in data["deadlines"]} >= {"acknowledge", "resolution"}
    assert data["next_due"] == next(d["due"] for d in data["deadlines"] if d["name"] == "resolution")


def test_next_is_read_only_and_needs_no_signing_key(org: Org) -> None:
    case = org.new_case()
    head = org.git("rev-parse", "HEAD")
    org.git("config", "--unset", "user.signingkey")
    org.git("config", "--unset", "gpg.format")  # git would ask gpg, which has no key here
    org.git("config", "user.name", "s-zhao")
    out = org.cli("next", case).output
    assert out.startswith(f"{case} is received; you are s-zhao (by git config user.name")
    assert "open     acknowledge" in out and "gpg" not in out
    sun = json.loads(org.cli("next", case, "--as", "s-sun", "--format", "json").output)
    assert sun["actor"] == "s-sun" and sun["by"] == "--as"
    assert next(s for s in sun["steps"] if s["step"] == "acknowledge")["open"] is False
    org.git("config", "user.name", "Someone Else")
    res = org.cli("next", case, ok=False)
    assert res.exit_code == 2 and "give --as STAFF_ID" in res.output
    assert "not on the roster" in org.cli("next", case, "--as", "s-nobody", ok=False).output
    assert org.git("rev-parse", "HEAD") == head and org.git("status", "--porcelain") == ""


def test_verbs_take_dashes(org: Org) -> None:
    case = org.investigating()
    org.act("s-zhou")
    org.cli("propose", case, "--finding", "upheld", "--remedies", "apology", "--rationale", "Late.")
    org.act("s-sun")
    out = org.cli("send-back", case, "--note", "Check the second sample.").output
    assert "decision_proposed → investigating (send_back by s-sun)" in out
    org.act("s-zhou")
    org.cli("propose", case, "--finding", "upheld", "--remedies", "apology", "--rationale", "Late.")
    org.act("s-sun")
    assert "(send_back by s-sun)" in org.cli("step", case, "send-back", "--note", "Again.").output


def test_a_stale_lock_names_its_holder(org: Org) -> None:
    case = org.new_case()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a pid that no longer runs
    (org.root / ".git" / "complaints.lock").write_text(
        f"pid {gone.pid}\nhost {socket.gethostname()}\ncommand complaints accept {case}\n"
        f"started {time.time() - 600:.0f}\n")
    out = org.cli("acknowledge", case, ok=False).output
    assert f"(pid {gone.pid} on {socket.gethostname()}, `complaints accept {case}`, started 6" in out
    assert "s ago; that process no longer runs, so the lock is stale)" in out
