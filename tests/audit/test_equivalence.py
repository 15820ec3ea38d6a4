"""In-process signature checks agree with git and ssh-keygen themselves."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ed25519

from complaints.audit.trail import Objects, read_head
from complaints.audit.verify import trusted_signers
from complaints.signing.signers import REVOKED_FILE
from complaints.signing.sshsig import sign
from complaints.workflow.org import make_key
from testing.trail import Trail
from testing.trailgen import write_private

CASE = "C-2026-0001"


def test_sign_is_byte_identical_to_ssh_keygen(tmp_path: Path) -> None:
    key = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    write_private(key, tmp_path / "k")
    message = b"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nhello\n"
    (tmp_path / "m").write_bytes(message)
    subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", str(tmp_path / "k"),
                    str(tmp_path / "m")], check=True, capture_output=True)
    assert sign(key, message) == (tmp_path / "m.sig").read_bytes()


def test_verdicts_match_git_verify_commit(trail: Trail) -> None:
    t = trail
    t.org.keys["s-intruder"] = make_key(t.org.keys_dir, "s-intruder")
    shas = {"good": t.step(CASE, "acknowledge", "s-zhao"),
            "unknown-key": t.step(CASE, "accept", "s-sun", signer="s-intruder"),
            "unsigned": t.step(CASE, "assign", "s-sun", signer=None)}
    # Signed after the commit that revoked the key (one signed before it still counts for
    # verify, which knows the revocation's place in the history; plain git does not).
    (t.root / REVOKED_FILE).write_text(t.org.public_key("s-wu") + "\n", "utf-8")
    t.commit("policy: revoke", [("Complaint-Step", "policy"), ("Complaint-Actor", "s-qian")],
             "s-qian")
    shas["revoked"] = t.step(CASE, "propose", "s-wu")
    raw = subprocess.run(["git", "cat-file", "commit", shas["good"]], cwd=t.root,
                         capture_output=True, check=True).stdout
    bad = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=t.root,
                         input=raw.replace(b"acknowledged", b"acknowledgeD"),
                         capture_output=True, check=True).stdout.decode().strip()
    shas["bad"] = bad
    trusted = trusted_signers(t.git, "HEAD")
    objects = Objects(t.root)
    config = ["-c", f"gpg.ssh.allowedSignersFile={t.root / 'allowed_signers'}",
              "-c", f"gpg.ssh.revocationFile={t.root / REVOKED_FILE}"]
    for expected, sha in shas.items():
        head = read_head(t.root, sha, objects.read(sha) or b"", trusted)
        res = subprocess.run(["git", *config, "verify-commit", sha], cwd=t.root,
                             capture_output=True, text=True, check=False)
        assert head.status == expected, (expected, head)
        assert (res.returncode == 0) == (head.status == "good"), (expected, res.stderr)
        if head.status == "good":
            assert f'signature for {head.signer} with' in res.stderr
    objects.close()
