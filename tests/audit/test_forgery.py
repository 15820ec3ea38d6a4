"""The forgery suite: each breach of the trail on a real repository, caught by its code."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import check, codes

from complaints.load.policy import load_policy
from complaints.signing.signers import REVOKED_FILE, SIGNERS_FILE, render
from complaints.workflow.org import make_key
from testing.trail import HAPPY, Trail

CASE = "C-2026-0001"


def edit_policy(t: Trail, old: str, new: str, signer: str = "s-qian") -> str:
    """A roster/policy change as its own signed commit, allowed_signers kept in step."""
    path = t.root / "complaints.yml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    (t.root / SIGNERS_FILE).write_text(render(load_policy(t.root)), "utf-8")
    return t.commit("policy: roster change", [("Complaint-Step", "policy"),
                                              ("Complaint-Actor", signer)], signer)


def test_clean_small_trail_passes(trail: Trail) -> None:
    trail.run(CASE, HAPPY)
    assert check(trail).findings == []


def test_unsigned_step(trail: Trail) -> None:
    trail.step(CASE, "acknowledge", "s-zhao", signer=None)
    assert codes(trail) == {"T101"}


def test_key_not_allowed(trail: Trail) -> None:
    trail.org.keys["s-intruder"] = make_key(trail.org.keys_dir, "s-intruder")
    trail.step(CASE, "acknowledge", "s-zhao", signer="s-intruder")
    assert codes(trail) == {"T103"}


def test_key_added_to_allowed_signers_in_same_range(trail: Trail) -> None:
    base = trail.git.out("rev-parse", "HEAD")
    key = make_key(trail.org.keys_dir, "s-new")
    trail.org.keys["s-new"] = key
    pub = key.with_suffix(".pub").read_text().strip()
    edit_policy(trail, "staff:\n", "staff:\n- {id: s-new, display: {zh: 新人, en: New}, "
                f"roles: [intake], keys: ['{pub}']}}\n")
    trail.step(CASE, "acknowledge", "s-new")
    found = check(trail, rng=f"{base}..HEAD").findings
    assert {f.code for f in found} == {"T103"}
    assert "cannot trust its own keys" in found[0].message
    # trusting the tip instead accepts it: the trusted ref is what decides
    assert codes(trail, rng=f"{base}..HEAD", trust_ref="HEAD") == set()


def test_signer_differs_from_actor_trailer(trail: Trail) -> None:
    trail.step(CASE, "acknowledge", "s-zhao", signer="s-qian")
    assert codes(trail) == {"T112"}


def test_revoked_key(trail: Trail) -> None:
    pub = trail.org.public_key("s-zhao")
    (trail.root / REVOKED_FILE).write_text(f"# lost laptop\n{pub}\n", "utf-8")
    trail.commit("policy: revoke s-zhao's key", [("Complaint-Step", "policy"),
                                                 ("Complaint-Actor", "s-qian")], "s-qian")
    assert codes(trail) == set()  # what the key signed before its revocation still counts
    trail.step(CASE, "acknowledge", "s-zhao")
    assert "T105" in codes(trail)


def test_revoked_key_from_outside_list(trail: Trail, tmp_path: Path) -> None:
    trail.step(CASE, "acknowledge", "s-zhao")
    assert codes(trail) == set()
    revoked = tmp_path / "revoked"
    revoked.write_text(trail.org.public_key("s-zhao") + "\n", "utf-8")
    assert "T105" in codes(trail, revoked=[revoked.read_text()])


def test_expired_key(trail: Trail) -> None:
    pub = trail.org.public_key("s-zhao")
    edit_policy(trail, pub, f"'valid-before=\"20200101Z\" {pub}'")
    trail.step(CASE, "acknowledge", "s-zhao")
    assert codes(trail) == {"T104"}
    # plain git agrees: the allowed_signers line carries the same expiry
    assert trail.git.run("verify-commit", "HEAD", check=False).returncode != 0


def test_content_altered_after_signing(trail: Trail) -> None:
    sha = trail.step(CASE, "acknowledge", "s-zhao")
    path = trail.path(CASE)
    path.write_text(path.read_text("utf-8").replace("lead result", "tin result"), "utf-8")
    trail.git.run("add", "-A")
    tree = trail.git.out("write-tree")
    raw = subprocess.run(["git", "cat-file", "commit", sha], cwd=trail.root, check=True,
                         capture_output=True).stdout
    old_tree = raw.split(b"\n", 1)[0]
    forged = raw.replace(old_tree, b"tree " + tree.encode(), 1)
    new = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], input=forged,
                         cwd=trail.root, check=True, capture_output=True).stdout.decode().strip()
    trail.git.run("update-ref", "HEAD", new)
    assert codes(trail) == {"T102"}
    assert trail.git.run("verify-commit", new, check=False).returncode != 0


def test_status_edited_by_hand(trail: Trail) -> None:
    data = trail.read(CASE)
    data["status"] = "accepted"
    trail.write(CASE, data)
    trail.commit(f"{CASE}: fix status", trail.trailers(CASE, "accept", "s-sun"), "s-sun")
    assert {"T123", "T141"} <= codes(trail)


def test_past_history_entry_rewritten(trail: Trail) -> None:
    trail.run(CASE, HAPPY[:3])
    data = trail.read(CASE)
    data["history"][1]["actor"] = "s-qian"
    trail.write(CASE, data)
    trail.step(CASE, "propose", "s-wu")  # the rewrite rides along with a legal step
    assert codes(trail) == {"T143"}


def test_illegal_step(trail: Trail) -> None:
    trail.step(CASE, "approve", "s-li")
    assert "T121" in codes(trail)


def test_self_approval(trail: Trail) -> None:
    trail.run(CASE, HAPPY[:3])
    trail.step(CASE, "propose", "s-li")
    trail.step(CASE, "approve", "s-li")
    assert codes(trail) == {"T133"}


def test_conflicted_investigator(trail: Trail) -> None:
    trail.run(CASE, HAPPY[:2])
    trail.step(CASE, "assign", "s-sun", fields={"investigator": "s-zhou"})
    assert codes(trail) == {"T132"}


def _diverge(trail: Trail) -> None:
    """Two branches, each with one step on its own case, ready to merge."""
    trail.intake("C-2026-0002")
    trail.git.run("checkout", "-q", "-b", "side")
    trail.step(CASE, "acknowledge", "s-zhao")
    trail.git.run("checkout", "-q", "main")
    trail.step("C-2026-0002", "acknowledge", "s-zhao")


def test_evil_merge_changes_a_case(trail: Trail) -> None:
    _diverge(trail)
    trail.git.run("merge", "-q", "--no-commit", "--no-ff", "side")
    data = trail.read(CASE)
    data["summary"] = "Quietly rewritten in the merge."
    trail.write(CASE, data)
    trail.git.run("add", "-A")
    trail.git.run("commit", "-q", "--no-gpg-sign", "-m", "Merge branch side")
    assert codes(trail) == {"T153"}


def test_honest_merge_passes(trail: Trail) -> None:
    _diverge(trail)
    trail.git.run("merge", "-q", "--no-ff", "--no-gpg-sign", "-m", "Merge side", "side")
    assert codes(trail) == set()


def test_roster_change_by_non_admin(trail: Trail) -> None:
    edit_policy(trail, "roles: [investigator], keys", "roles: [investigator, approver], keys",
                signer="s-zhao")
    assert codes(trail) == {"T161"}


def test_roster_change_by_admin_passes(trail: Trail) -> None:
    edit_policy(trail, "roles: [investigator], keys", "roles: [investigator, approver], keys")
    assert codes(trail) == set()
