"""GPG signing works too: the roster lists a fingerprint, git signs with gpg."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from testing.org import Org, trailers


@pytest.fixture
def gnupg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throwaway GnuPG home whose agent is stopped afterwards, so no daemon outlives the test."""
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    yield home
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], check=False, capture_output=True)


def test_step_signed_with_gpg(org: Org, gnupg_home: Path) -> None:
    subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key",
                    "Zhao GPG <s-zhao@staff.invalid>", "ed25519", "sign", "never"],
                   check=True, capture_output=True)
    listing = subprocess.run(["gpg", "--batch", "--with-colons", "--list-secret-keys"],
                             check=True, capture_output=True, text=True).stdout
    fpr = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))
    policy = org.root / "complaints.yml"
    lines = policy.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "id: s-zhao," in line)
    assert "keys: [" in lines[at]
    lines[at] = lines[at].replace("keys: [", f"keys: [{fpr}, ", 1)
    policy.write_text("".join(lines))
    org.act("s-qian")
    org.git("commit", "-q", "-S", "-am", "policy: s-zhao signs with gpg")
    c = org.new_case(actor="s-qian")
    org.git("config", "gpg.format", "openpgp")
    org.git("config", "user.signingkey", fpr)
    out = org.cli("acknowledge", c).output
    assert "acknowledge by s-zhao" in out
    assert trailers(org)["Complaint-Actor"] == ["s-zhao"]
    res = subprocess.run(["git", "verify-commit", "HEAD"], cwd=org.root, capture_output=True,
                         text=True, check=False)
    assert res.returncode == 0 and "Good signature" in res.stderr

