"""The README's auditor commands, run as written, agree with `complaints verify`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from complaints.workflow.org import make_key
from testing.trail import Trail

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_blocks() -> list[str]:
    """The shell blocks of the README's plain-git section, run exactly as written."""
    text = README.read_text("utf-8").split("### Checking the trail with plain git", 1)[1]
    return re.findall(r"```sh\n(.*?)```", text.split("\n## ", 1)[0], re.S)


AUDITOR, BY_HAND = _readme_blocks()[:2]


def sh(t: Trail, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=t.root, capture_output=True, text=True,
                          check=False, env={"PATH": "/usr/bin:/bin", "HOME": str(t.root), **env})


def tag_trusted(t: Trail) -> None:
    """The README trusts tag v1.0: make it the reviewed starting point."""
    subprocess.run(["git", "tag", "v1.0"], cwd=t.root, check=True)


def test_auditor_log_shows_good_signers_equal_to_actors(trail: Trail) -> None:
    trail.org.keys["s-intruder"] = make_key(trail.org.keys_dir, "s-intruder")
    tag_trusted(trail)
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
    tag_trusted(trail)
    sha = trail.step("C-2026-0001", "acknowledge", "s-zhao")
    res = sh(trail, AUDITOR + BY_HAND, C=sha)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[-1] == 'Good "git" signature for s-zhao with ED25519 key ' + \
        res.stdout.splitlines()[-1].rsplit(" ", 1)[-1]
    raw = subprocess.run(["git", "cat-file", "commit", sha], cwd=trail.root, capture_output=True,
                         check=True).stdout
    altered = raw.replace(b"acknowledge", b"ACKNOWLEDGE")
    fake = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], input=altered,
                          cwd=trail.root, capture_output=True, check=True).stdout.decode().strip()
    assert sh(trail, AUDITOR + BY_HAND, C=fake).returncode != 0
