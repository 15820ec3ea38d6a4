"""The merge policy and trusted time on real histories: merge, fast-forward, squash-like and
rebase-like merges built with real git and real ssh keys; a host key stands in for GitHub's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import check, codes

from complaints.audit.verify import verify
from complaints.base.git import Git
from complaints.load.policy import load_policy
from complaints.signing.signers import SIGNERS_FILE, render
from complaints.workflow.org import act_as, make_key
from testing.trail import Trail, new_trail

CASE = "C-2026-0001"


@dataclass
class DatedTrail(Trail):
    """The trail builder with the committer and author dates a test chooses."""

    when: str | None = None

    @property
    def git(self) -> Git:
        env = {"GIT_COMMITTER_DATE": self.when, "GIT_AUTHOR_DATE": self.when} if self.when else None
        return Git(self.root, env)

    def policy(self, old: str, new: str) -> None:
        path = self.root / "complaints.yml"
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")
        (self.root / SIGNERS_FILE).write_text(render(load_policy(self.root)), "utf-8")
        self.commit("policy: change", [("Complaint-Step", "policy"), ("Complaint-Actor", "s-qian")], "s-qian")

    def host_merge(self, branch: str, signer: str | None = "github", *args: str) -> str:
        if signer:
            act_as(self.root, signer, self.org.keys[signer])
        sign = ["-S"] if signer else ["--no-gpg-sign"]
        self.git.run("merge", "-q", *sign, *args, "-m", f"Merge pull request #1 from {branch}", branch)
        return self.git.out("rev-parse", "HEAD")


@pytest.fixture
def host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DatedTrail:
    """An organization whose policy trusts a host key for merges; one case taken in on main."""
    monkeypatch.delenv("COMPLAINTS_ROOT", raising=False)
    base = new_trail(tmp_path)
    t = DatedTrail(base.org, when="2026-01-01T20:00:00+08:00")
    t.org.keys["github"] = make_key(t.org.keys_dir, "github")
    t.policy("\nroles:\n", f"\nmerges:\n  signers:\n    github: ['{t.org.public_key('github')}']\nroles:\n")
    t.intake(CASE)
    return t


def branch_with_steps(t: DatedTrail) -> None:
    t.git.run("checkout", "-q", "-b", "side")
    t.step(CASE, "acknowledge", "s-zhao")
    t.step(CASE, "accept", "s-sun")
    t.git.run("checkout", "-q", "main")
    t.intake("C-2026-0002", actor="s-qian")  # main moves on, so a merge is needed


@pytest.mark.parametrize("signer", ["github", None, "s-qian"])
def test_merge_commit_is_accepted_signed_by_the_host_or_not(host: DatedTrail, signer: str | None) -> None:
    branch_with_steps(host)
    merge = host.host_merge("side", signer)
    assert check(host).findings == []
    assert len(host.git.out("rev-list", "--parents", "-1", merge).split()) == 3  # a real merge


def test_fast_forward_is_accepted(host: DatedTrail) -> None:
    host.git.run("checkout", "-q", "-b", "side")
    host.step(CASE, "acknowledge", "s-zhao")
    host.git.run("checkout", "-q", "main")
    host.git.run("merge", "-q", "--ff-only", "side")
    assert check(host).findings == []


def test_squash_merge_is_refused_with_the_setting_to_use(host: DatedTrail) -> None:
    branch_with_steps(host)
    host.git.run("merge", "-q", "--squash", "side")
    host.commit("Acknowledge and accept (#1)", host.trailers(CASE, "accept", "s-sun"), "github")
    found = [f for f in check(host).findings if f.code == "T164"]
    assert len(found) == 1 and "signed by github" in found[0].message
    assert "untick 'Allow squash merging'" in found[0].message


def test_host_signed_squash_is_refused_even_with_a_github_committer(host: DatedTrail) -> None:
    """Without the host key in the policy, a signed commit GitHub committed is still a squash."""
    branch_with_steps(host)
    host.git.run("merge", "-q", "--squash", "side")
    act_as(host.root, "github", host.org.keys["github"])
    host.git.run("-c", "user.name=GitHub", "-c", "user.email=noreply@github.com", "commit", "-q", "-S",
                 "-m", "Acknowledge and accept (#1)")
    other = make_key(host.org.keys_dir, "other").with_suffix(".pub").read_text().strip()
    host.policy(host.org.public_key("github"), other)  # the host key is no longer known
    assert "T164" in codes(host)


@pytest.mark.parametrize("resign", [False, True])
def test_rebase_merge_is_refused(host: DatedTrail, resign: bool) -> None:
    """GitHub's rebase merge: new commits, author kept, committer GitHub; unsigned, or signed by
    the host instead of the staff member."""
    branch_with_steps(host)
    host.when = "2026-01-02T09:00:00+08:00"
    act_as(host.root, "github", host.org.keys["github"])
    host.git.run("-c", "user.name=GitHub", "-c", "user.email=noreply@github.com",
                 "rebase", "-q", *(["--gpg-sign"] if resign else ["--no-gpg-sign"]), "main", "side")
    host.git.run("checkout", "-q", "main")
    host.git.run("merge", "-q", "--ff-only", "side")
    found = check(host).findings
    assert {f.code for f in found} == {"T165"}
    assert len(found) == 2 and all("Allow rebase merging" in f.message for f in found)


def test_plain_unsigned_step_keeps_its_own_code(host: DatedTrail) -> None:
    host.step(CASE, "acknowledge", "s-zhao", signer=None)
    assert codes(host) == {"T101"}


def expiring(host: DatedTrail) -> None:
    """s-zhao's key is valid before 2026-01-05; a branch step is dated 2026-01-04 (back-dated
    or not, its date alone passes)."""
    key = host.org.public_key("s-zhao")
    host.policy(key, f"'valid-before=\"20260105Z\" {key}'")
    host.git.run("checkout", "-q", "-b", "side")
    host.when = "2026-01-04T10:00:00+08:00"
    host.step(CASE, "acknowledge", "s-zhao")
    host.git.run("checkout", "-q", "main")
    host.intake("C-2026-0002", actor="s-qian")


def test_back_dated_step_by_expired_key_is_caught_once_a_merge_bounds_its_time(host: DatedTrail) -> None:
    expiring(host)
    assert codes(host, rng="main..side") == set()  # the limitation: the signer's date is believed
    assert verify(host.root, rng="main..side").findings == []  # and cached so
    host.when = "2026-01-07T10:00:00+08:00"
    merge = host.host_merge("side")
    cached = verify(host.root).findings  # the bound comes from later history: never from the cache
    assert [f.code for f in cached] == ["T166"]
    assert f"trusted merge {merge[:12]} by github" in cached[0].message
    assert "valid before 2026-01-05T00:00Z" in cached[0].message


def test_merge_before_the_expiry_bounds_nothing_wrong(host: DatedTrail) -> None:
    expiring(host)
    host.when = "2026-01-04T12:00:00+08:00"
    host.host_merge("side")
    assert check(host).findings == []


def test_merge_not_signed_by_the_host_is_no_bound(host: DatedTrail) -> None:
    expiring(host)
    host.when = "2026-01-07T10:00:00+08:00"
    host.host_merge("side", "s-qian")  # a staff member's merge: the time is theirs to choose
    assert check(host).findings == []


def test_step_dated_too_long_before_its_merge(host: DatedTrail) -> None:
    host.policy("  signers:\n", "  max_lag_days: 2\n  signers:\n")
    host.git.run("checkout", "-q", "-b", "side")
    host.when = "2026-01-02T10:00:00+08:00"
    host.step(CASE, "acknowledge", "s-zhao")
    host.git.run("checkout", "-q", "main")
    host.intake("C-2026-0002", actor="s-qian")
    host.when = "2026-01-05T10:00:00+08:00"
    host.host_merge("side")
    found = check(host).findings
    assert [f.code for f in found] == ["T167"] and "72 hours before" in found[0].message
    host.policy("  max_lag_days: 2\n", "  max_lag_days: 3\n")  # within three days: accepted
    assert check(host).findings == []


def test_bound_reaches_steps_behind_a_merge_inside_the_branch(host: DatedTrail) -> None:
    """A pull request that itself merged another branch: the host's merge bounds those steps
    too, and a later merge of main into the branch bounds nothing already on main."""
    key = host.org.public_key("s-zhao")
    host.policy(key, f"'valid-before=\"20260105Z\" {key}'")
    host.git.run("checkout", "-q", "-b", "side")
    host.git.run("checkout", "-q", "-b", "sub")
    host.when = "2026-01-04T10:00:00+08:00"
    host.step(CASE, "acknowledge", "s-zhao")
    host.git.run("checkout", "-q", "side")
    host.intake("C-2026-0002", actor="s-qian")
    host.host_merge("sub", "s-qian")  # a staff member's merge inside the branch
    host.git.run("checkout", "-q", "main")
    host.intake("C-2026-0003", actor="s-qian")
    host.when = "2026-01-07T10:00:00+08:00"
    host.host_merge("side")
    found = check(host).findings
    assert [(f.code, f.path) for f in found] == [("T166", f"cases/2026/{CASE}.yaml")]
