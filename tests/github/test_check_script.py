"""The pull-request check script the workflow runs, on real branches of signed steps: a clean
pull request passes; an unsigned or illegal step, or a change that trusts its own new key,
fails it, as GitHub annotations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from complaints.github.files import TEMPLATES
from complaints.load.policy import load_policy
from complaints.signing.signers import SIGNERS_FILE, render
from complaints.workflow.org import make_key
from testing.org import Org
from testing.trail import Trail

SCRIPT = TEMPLATES / "scripts" / "check-pull-request"
CASE = "C-2026-0001"


@pytest.fixture
def pr(org: Org) -> tuple[Trail, str]:
    """A case taken in on main, then a pull-request branch `pr`; returns (builder, base sha)."""
    t = Trail(org.repo)
    t.intake(CASE)
    base = t.git.out("rev-parse", "HEAD")
    t.git.run("checkout", "-q", "-b", "pr")
    return t, base


def check(t: Trail, base: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    head = t.git.out("rev-parse", "HEAD")
    return subprocess.run(["bash", str(SCRIPT), base, head, "github"], cwd=t.root, env=env,
                          capture_output=True, text=True, check=False)


def test_clean_pull_request_passes(pr: tuple[Trail, str]) -> None:
    t, base = pr
    t.step(CASE, "acknowledge", "s-zhao")
    t.step(CASE, "accept", "s-sun")
    res = check(t, base)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "::error" not in res.stdout


def test_unsigned_step_fails(pr: tuple[Trail, str]) -> None:
    t, base = pr
    t.step(CASE, "acknowledge", "s-zhao", signer=None)
    res = check(t, base)
    assert res.returncode == 1
    assert f"::error file=cases/2026/{CASE}.yaml,line=1,col=1,title=T101::" in res.stdout


def test_illegal_step_fails(pr: tuple[Trail, str]) -> None:
    t, base = pr
    t.step(CASE, "close", "s-qian")  # straight from received to closed
    res = check(t, base)
    assert res.returncode == 1
    assert "title=T121::" in res.stdout  # verify: not legal under the policy in force
    assert "title=W102::" in res.stdout  # validate says so too, of the file at the head


def test_a_change_that_adds_its_own_key_fails(pr: tuple[Trail, str]) -> None:
    """Someone puts themselves on the roster and in allowed_signers, then signs with that key:
    the signers come from the base, so neither commit is trusted."""
    t, base = pr
    t.org.keys["s-new"] = make_key(t.org.keys_dir, "s-new")
    policy = t.root / "complaints.yml"
    text = policy.read_text("utf-8")
    assert "staff:\n" in text
    policy.write_text(text.replace("staff:\n", "staff:\n- {id: s-new, display: {zh: 新人, en: New}, "
                                   f"roles: [intake, admin], keys: ['{t.org.public_key('s-new')}']}}\n", 1), "utf-8")
    (t.root / SIGNERS_FILE).write_text(render(load_policy(t.root)), "utf-8")
    t.commit("policy: add me", [("Complaint-Step", "policy"), ("Complaint-Actor", "s-new")], "s-new")
    t.step(CASE, "acknowledge", "s-new")
    res = check(t, base)
    assert res.returncode == 1
    assert res.stdout.count("title=T103::") == 2, res.stdout
    assert "cannot trust its own keys" in res.stdout
    assert "title=T161::" in res.stdout  # the roster change is not a signed step of an admin at the base
