"""The README's auditor commands, run as written, agree with `complaints verify`."""

from __future__ import annotations

import subprocess

from builder import Trail

from complaints.orgrepo import make_key

# Kept word for word in the README's auditor section ($TRUSTED = a ref you trust,
# $AUDIT = a scratch folder, e.g. AUDIT=$(mktemp -d)).
AUDITOR = r"""
git show "$TRUSTED:allowed_signers" > "$AUDIT/trusted_signers"
git show "HEAD:revoked_signers" > "$AUDIT/revoked_signers" 2>/dev/null || : > "$AUDIT/revoked_signers"
git -c gpg.ssh.allowedSignersFile="$AUDIT/trusted_signers" \
    -c gpg.ssh.revocationFile="$AUDIT/revoked_signers" \
    log --format='%h %G? %GS %(trailers:key=Complaint-Actor,valueonly,separator=) %s' -- cases
"""
BY_HAND = r"""
git cat-file commit "$C" | sed -n '/^gpgsig /,/^ -----END/{s/^gpgsig //;s/^ //;p}' > "$AUDIT/commit.sig"
git cat-file commit "$C" | sed '/^gpgsig /,/^ -----END/d' > "$AUDIT/commit.payload"
ssh-keygen -Y find-principals -f "$AUDIT/trusted_signers" -s "$AUDIT/commit.sig"
ssh-keygen -Y verify -f "$AUDIT/trusted_signers" -I "$(ssh-keygen -Y find-principals \
    -f "$AUDIT/trusted_signers" -s "$AUDIT/commit.sig")" -n git -s "$AUDIT/commit.sig" < "$AUDIT/commit.payload"
"""


def sh(t: Trail, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=t.root, capture_output=True, text=True,
                          check=False, env={"PATH": "/usr/bin:/bin", "HOME": str(t.root),
                                            "TRUSTED": "HEAD", "AUDIT": str(t.root.parent),
                                            **env})


def test_auditor_log_shows_good_signers_equal_to_actors(trail: Trail) -> None:
    trail.org.keys["s-intruder"] = make_key(trail.org.keys_dir, "s-intruder")
    trail.step("C-2026-0001", "acknowledge", "s-zhao")
    trail.step("C-2026-0001", "accept", "s-sun", signer="s-intruder")
    res = sh(trail, AUDITOR)
    assert res.returncode == 0, res.stderr
    rows = [line.split(" ", 4) for line in res.stdout.splitlines()]
    assert len(rows) == 3
    forged, good, intake = rows
    assert good[1] == "G" and good[2] == good[3] == "s-zhao"
    assert intake[1] == "G" and intake[2] == intake[3] == "s-zhao"
    assert forged[1] != "G" and forged[3] == "s-sun"  # the tool reports it as T103


def test_by_hand_with_ssh_keygen(trail: Trail) -> None:
    sha = trail.step("C-2026-0001", "acknowledge", "s-zhao")
    sh(trail, AUDITOR)
    res = sh(trail, BY_HAND, C=sha)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0] == "s-zhao"
    assert 'Good "git" signature for s-zhao' in res.stdout
    raw = subprocess.run(["git", "cat-file", "commit", sha], cwd=trail.root, capture_output=True,
                         check=True).stdout
    altered = raw.replace(b"acknowledge", b"ACKNOWLEDGE")
    fake = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], input=altered,
                          cwd=trail.root, capture_output=True, check=True).stdout.decode().strip()
    assert sh(trail, BY_HAND, C=fake).returncode != 0
