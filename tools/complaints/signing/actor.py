"""Who is acting: the roster member whose key git signs with.

Git's own settings decide the key (gpg.format, user.signingkey); this module
derives the public half the same way git would find it and matches it against
the policy roster. `probe` then signs a throwaway object through git itself, so
a step never writes anything with a key that cannot sign.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from complaints.base.errors import CannotRun
from complaints.base.git import Git, GitError
from complaints.load.policy import Policy, Staff
from complaints.signing.keyline import gpg_fingerprint, parse_key_line


class SigningError(CannotRun):
    """Signing here is missing, unusable or not on the roster: set up the key first."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code)


@dataclass(frozen=True)
class Actor:
    staff: Staff
    key: str  # normalized public key ("ssh-ed25519 AAAA...") or GPG fingerprint
    fmt: str  # ssh or openpgp

    @property
    def id(self) -> str:
        return self.staff.id


_SSH_LITERAL = re.compile(r"^(ssh-|ecdsa-|sk-)")


def normalize_ssh(key: str) -> str:
    """`type base64` without options or comment, the form roster keys are compared in."""
    parsed = parse_key_line(key)
    return parsed.text if parsed else key.strip()


def _ssh_public(signingkey: str) -> str:
    if signingkey.startswith("key::"):
        return normalize_ssh(signingkey[5:])
    if _SSH_LITERAL.match(signingkey):
        return normalize_ssh(signingkey)
    path = Path(os.path.expanduser(signingkey))
    if not path.is_file():
        raise SigningError("X102", f"user.signingkey {signingkey} is not a file")
    head = path.read_bytes()[:200]
    if _SSH_LITERAL.match(head.decode("ascii", "replace")):  # the .pub file itself
        return normalize_ssh(path.read_text("ascii", "replace"))
    pub = path.with_name(path.name + ".pub")
    if pub.is_file():
        return normalize_ssh(pub.read_text("ascii", "replace"))
    res = subprocess.run(["ssh-keygen", "-y", "-P", "", "-f", str(path)],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SigningError("X102", f"cannot derive the public key of {path}: "
                           f"{res.stderr.strip() or 'ssh-keygen -y failed'}")
    return normalize_ssh(res.stdout)


def _gpg_fingerprints(git: Git, config: dict[str, str]) -> list[str]:
    who = config.get("user.signingkey") or config.get("user.email", "")
    if not who:
        raise SigningError("X101", "no user.signingkey and no user.email for gpg to pick a key")
    program = config.get("gpg.openpgp.program") or config.get("gpg.program") or "gpg"
    res = subprocess.run([program, "--batch", "--with-colons", "--list-secret-keys", who],
                         capture_output=True, text=True, check=False)
    fprs = [line.split(":")[9] for line in res.stdout.splitlines() if line.startswith("fpr:")]
    if res.returncode != 0 or not fprs:
        raise SigningError("X102", f"gpg has no secret key for {who}")
    return [f.upper() for f in fprs]


def current_key(git: Git, config: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """(format, candidate public keys) for the key git would sign with."""
    config = git.config() if config is None else config
    fmt = config.get("gpg.format", "openpgp")
    key = config.get("user.signingkey", "")
    if fmt == "ssh":
        if not key and config.get("gpg.ssh.defaultkeycommand"):
            res = subprocess.run(config["gpg.ssh.defaultkeycommand"], shell=True,
                                 capture_output=True, text=True, check=False, cwd=git.root)
            key = res.stdout.splitlines()[0] if res.returncode == 0 and res.stdout else ""
        if not key:
            raise SigningError("X101", "signing is not configured: set git config "
                               "user.signingkey (and gpg.format ssh) to your key")
        return fmt, [_ssh_public(key)]
    if fmt == "openpgp":
        return fmt, _gpg_fingerprints(git, config)
    raise SigningError("X102", f"gpg.format {fmt} is not supported (use ssh or openpgp)")


def _matches(fmt: str, candidate: str, roster_key: str) -> bool:
    if fmt == "ssh":
        key = parse_key_line(roster_key)
        return key is not None and key.text == candidate
    fpr = gpg_fingerprint(roster_key)
    return fpr is not None and candidate.endswith(fpr)


def identify(policy: Policy, fmt: str, candidates: list[str]) -> Actor:
    """The roster member holding one of these keys."""
    for member in policy.staff.values():
        for roster_key in member.keys:
            for cand in candidates:
                if _matches(fmt, cand, roster_key):
                    if not member.active:
                        raise SigningError("X104", f"{member.id} is no longer active")
                    return Actor(member, cand, fmt)
    shown = candidates[0] if candidates else "?"
    raise SigningError("X103", f"your signing key ({shown[:60]}...) is not on the roster "
                       "in complaints.yml (staff[].keys)")


def whoami(git: Git, policy: Policy, config: dict[str, str] | None = None) -> Actor:
    fmt, candidates = current_key(git, config)
    return identify(policy, fmt, candidates)


def probe(git: Git) -> None:
    """Sign a dangling commit through git: proves the key works before we write."""
    tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # the empty tree, known to every git
    try:
        git.run("commit-tree", "-S", "-m", "complaints: signing probe", tree)
    except GitError as exc:
        raise SigningError("X102", f"git cannot sign with your key: {exc}") from None
