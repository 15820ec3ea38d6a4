"""The merge policy: which ways of merging a pull request keep the signed trail.

A merge commit keeps every signed step as it was (run.py checks that it adds
nothing beyond its parents, T153), and a fast-forward is no new commit at all:
both are accepted, signed by the host or not. GitHub's squash merge replaces
the staff's commits by one commit it signs itself, and its rebase merge makes
new commits that lose the staff's signatures: either way the trail is gone,
so verify refuses them with their own codes (T164, T165) and names the setting.

`merges.signers` in the policy (read at the trusted ref, like the roster)
names the keys a host signs merges with, such as GitHub's web-flow key. Such a
merge is dated by the host, not by a signer: timebound.py takes it as an
upper bound on when the steps it brought in existed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from complaints.audit.trail import Head, Objects
from complaints.audit.work import policy_from_bytes
from complaints.base.git import Git
from complaints.base.trailers import STEP
from complaints.load.policy import POLICY_FILE, Policy
from complaints.signing.keyline import gpg_fingerprint
from complaints.signing.signers import Trusted, parse_key_spec

SETTING = ("merge pull requests with merge commits only (GitHub: Settings > General > Pull Requests: "
           "allow merge commits; untick 'Allow squash merging' and 'Allow rebase merging')")
HOST_COMMITTER = "<noreply@github.com>"  # the committer of every commit GitHub's web UI makes


@dataclass(frozen=True)
class MergeRules:
    signers: Trusted  # the host's merge keys; principal = the host's name in the policy
    max_lag: int | None  # seconds a step may be dated before its trusted merge

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.signers.digest}:{self.max_lag}".encode()).hexdigest()

    @property
    def active(self) -> bool:
        return bool(self.signers.entries or self.signers.gpg)

    def host(self, head: Head) -> str | None:
        """The host whose merge key made this commit's (cryptographically good) signature."""
        if head.key is None or head.status in ("bad", "unsigned"):
            return None
        if " " in head.key:  # ssh: "type base64"
            return self.signers.principal_of(head.key.split()[1])
        return self.signers.gpg_principal(head.key)


def merge_rules(policy: Policy | None) -> MergeRules:
    raw = (policy.raw.get("merges") if policy else None) or {}
    entries, gpg = [], []
    for name, specs in (raw.get("signers") or {}).items():
        for spec in specs:
            entry = parse_key_spec(name, spec)
            if entry is not None:
                entries.append(entry)
            elif (fpr := gpg_fingerprint(spec)) is not None:
                gpg.append((fpr, name))
    lag = raw.get("max_lag_days")
    return MergeRules(Trusted(tuple(entries), frozenset(), "merge signers", tuple(gpg)),
                      None if lag is None else int(lag) * 86400)


def rules_at(git: Git, sha: str) -> MergeRules:
    """The merge rules of the policy at a (trusted) commit."""
    objects = Objects(git.root)
    try:
        raw = objects.read(f"{sha}:{POLICY_FILE}")
    finally:
        objects.close()
    return merge_rules(policy_from_bytes(raw) if raw is not None else None)


def rewritten(head: Head, rules: MergeRules) -> tuple[str, str] | None:
    """(code, detail) when a trail commit not signed by staff is a squash or rebase merge."""
    if head.status == "good":
        return None
    host = rules.host(head)
    by_host = host is not None or (head.status != "unsigned" and head.committer.endswith(HOST_COMMITTER))
    moved = head.author != head.committer or head.authored != head.committed
    if by_host and not (moved and len(head.values(STEP)) == 1):
        return "T164", f"signed by {host or 'the code host'}, not by the staff member who took the step; {SETTING}"
    if by_host or (moved and head.status == "unsigned"):
        return "T165", (f"re-committed after it was authored, without the staff signature "
                        f"({host or 'unsigned'}); {SETTING}")
    return None
