"""Refusals and failure injection: each leaves the repository exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from testing.org import Org, verify

COMPLAINTS = str(Path(sys.executable).parent / "complaints")


def refused(org: Org, *args: str, code: str) -> str:
    before = org.state()
    out = org.cli(*args, ok=False).output
    assert code in out, out
    assert "Traceback" not in out
    assert org.state() == before
    return out


def _decided(org: Org, approver: str = "s-zheng") -> str:
    c = org.investigating()
    org.act("s-zhou")
    org.cli("propose", c, "--finding", "upheld", "--remedies", "retest", "--rationale", "Ours.")
    org.act(approver)
    org.cli("approve", c)
    return c


def test_role_recusal_and_self_approval_are_refused(org: Org) -> None:
    c = org.new_case("--subject-staff", "s-li")
    org.act("s-zhou")
    refused(org, "acknowledge", c, code="W104")
    org.act("s-zhao")
    refused(org, "accept", c, code="W102")  # not from received
    org.cli("acknowledge", c)
    org.act("s-sun")
    org.cli("accept", c)
    refused(org, "assign", c, "--investigator", "s-li", code="R102")
    org.cli("assign", c, "--investigator", "s-zhou")
    org.act("s-zhou")
    refused(org, "propose", c, "--finding", "upheld", code="W108")  # remedies, rationale missing
    refused(org, "propose", c, "--finding", "nonsense", "--remedies", "retest",
            "--rationale", "r", code="C104")
    org.cli("propose", c, "--finding", "upheld", "--remedies", "retest", "--rationale", "r")
    refused(org, "approve", c, code="R103")
    org.act("s-li")
    refused(org, "approve", c, code="R101")


def test_reviewer_who_approved_is_refused(org: Org) -> None:
    c = _decided(org, approver="s-zheng")
    org.act("s-zhao")
    org.cli("respond", c, "--summary", "Done.", "--channel", "email")
    org.cli("appeal", c, "--grounds", "Disagree.")
    org.act("s-zheng")
    refused(org, "review", c, "--outcome", "original_upheld", code="R103")
    org.act("s-wang")
    org.cli("review", c, "--outcome", "original_upheld")
    assert verify(org) == "s-wang"


def test_field_not_of_this_step_and_unknown_step(org: Org) -> None:
    c = org.new_case()
    org.act("s-zhao")
    refused(org, "step", c, "acknowledge", "--set", "decision.finding=upheld", code="X110")
    refused(org, "step", c, "fly", code="X126")
    refused(org, "acknowledge", "C-2026-9999", code="X125")


def test_no_signing_key(org: Org) -> None:
    c = org.new_case()
    org.git("config", "--unset", "user.signingkey")
    refused(org, "acknowledge", c, code="X101")


def test_key_git_cannot_use(org: Org, tmp_path: Path) -> None:
    c = org.new_case()
    org.act("s-zhao")
    bad = tmp_path / "broken_key"
    bad.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n")
    bad.chmod(0o600)
    pub = tmp_path / "broken_key.pub"
    pub.write_text(org.repo.public_key("s-zhao") + "\n")  # roster matches, signing cannot work
    org.git("config", "user.signingkey", str(bad))
    refused(org, "acknowledge", c, code="X102")


def test_key_not_on_roster(org: Org, tmp_path: Path) -> None:
    from complaints.workflow.org import make_key

    c = org.new_case()
    org.git("config", "user.signingkey", str(make_key(tmp_path / "k", "stranger")))
    refused(org, "acknowledge", c, code="X103")


def test_unsupported_format(org: Org) -> None:
    c = org.new_case()
    org.git("config", "gpg.format", "x509")
    refused(org, "acknowledge", c, code="X102")


def test_dirty_case_file_worktree_and_index(org: Org) -> None:
    c = org.new_case()
    org.act("s-zhao")
    path = org.case(c)
    path.write_text(path.read_text() + "# edited by hand\n")
    refused(org, "acknowledge", c, code="X120")
    org.git("add", str(path))
    refused(org, "acknowledge", c, code="X120")


def test_merge_in_progress(org: Org) -> None:
    c = org.new_case()
    org.git("checkout", "-q", "-b", "other")
    (org.root / "notes.txt").write_text("a\n")
    org.git("add", "notes.txt"), org.git("commit", "-q", "--no-gpg-sign", "-m", "a")
    org.git("checkout", "-q", "main")
    (org.root / "notes.txt").write_text("b\n")
    org.git("add", "notes.txt"), org.git("commit", "-q", "--no-gpg-sign", "-m", "b")
    org.git("merge", "other", check=False)
    assert (org.root / ".git" / "MERGE_HEAD").exists()
    org.act("s-zhao")
    refused(org, "acknowledge", c, code="X121")


@pytest.mark.parametrize("hook", ["pre-commit", "commit-msg"])
def test_failing_hook_after_the_write_restores_everything(org: Org, hook: str) -> None:
    c = org.new_case()
    org.act("s-zhao")
    script = org.root / ".git" / "hooks" / hook
    # The hook sees the new file content, proving the failure comes after the write.
    script.write_text(f"#!/bin/sh\ngrep -q acknowledge {org.case(c)} && echo hook says no >&2\n"
                      "exit 1\n")
    script.chmod(0o755)
    out = refused(org, "acknowledge", c, code="X124")
    assert "hook says no" in out
    script.unlink()
    org.cli("acknowledge", c)


def test_interrupt_after_the_write_restores_everything(org: Org) -> None:
    """Ctrl-C while git commits: SIGINT reaches the complaints process mid-commit."""
    c = org.new_case()
    org.act("s-zhao")
    hook = org.root / ".git" / "hooks" / "pre-commit"
    # git's parent is the complaints process; interrupt it, then let the commit go on.
    hook.write_text("#!/bin/sh\nkill -INT $(ps -o ppid= -p $PPID)\nsleep 1\nexit 0\n")
    hook.chmod(0o755)
    before = org.state()
    proc = subprocess.run([COMPLAINTS, "acknowledge", c],
                          cwd=org.root, capture_output=True, text=True, env=os.environ.copy(),
                          check=False)
    assert proc.returncode != 0
    assert org.state() == before


def test_lock_held_fails_cleanly(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    c = org.new_case()
    org.act("s-zhao")
    monkeypatch.setenv("COMPLAINTS_LOCK_WAIT", "0.2")
    lock = org.root / ".git" / "complaints.lock"
    lock.write_text("pid 1 on elsewhere\n")
    before = org.git("rev-parse", "HEAD")
    out = org.cli("acknowledge", c, ok=False).output
    assert "X123" in out and "another complaints command" in out
    assert org.git("rev-parse", "HEAD") == before and lock.read_text() == "pid 1 on elsewhere\n"
    lock.unlink()
    org.cli("acknowledge", c)


def test_two_concurrent_steps(org: Org) -> None:
    """Two processes race for one case: exactly one step lands, the other is refused."""
    a, b = org.new_case(), org.new_case()
    org.act("s-zhao")
    head = org.git("rev-parse", "HEAD").strip()
    cmd = [COMPLAINTS, "acknowledge"]
    procs = [subprocess.Popen([*cmd, case], cwd=org.root, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=os.environ.copy())
             for case in (a, a, b)]
    codes = [p.wait() for p in procs]
    assert sorted(codes[:2]) == [0, 1] and codes[2] == 0
    assert org.git("rev-list", "--count", f"{head}..HEAD").strip() == "2"
    org.cli("validate", "--no-cache")
    for rev in ("HEAD", "HEAD~1"):
        assert verify(org, rev) == "s-zhao"

