"""`complaints verify`: the signed trail checked against the case files.

`git rev-list` lists the commits; those not verified before (vcache.py keys
results by commit and trusted-signer digest) are read in parallel chunks;
signatures are judged against signers read from a trusted ref (never from
the change under review); each case's chain of versions is checked step by
step under the policy in force at that commit (audit.run, audit.work).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from complaints.audit.cache import VerifyCache
from complaints.audit.merges import rules_at
from complaints.audit.timebound import time_findings
from complaints.audit.trail import CASES, TRUST_FILES, LogCommit, Objects, list_commits
from complaints.audit.work import policy_from_bytes
from complaints.base.errors import CannotRun
from complaints.base.findings import Finding, finding
from complaints.base.git import Git, GitError
from complaints.base.pool import worth_pooling
from complaints.load.policy import POLICY_FILE
from complaints.signing.signers import (
    REVOKED_FILE,
    SIGNERS_FILE,
    Entry,
    Trusted,
    parse_allowed,
    parse_revoked,
    roster_entries,
    roster_gpg,
    same_entries,
)


class VerifyError(CannotRun):
    """The verification cannot run (bad ref, no policy at the trusted ref, ...)."""


@dataclass
class Outcome:
    findings: list[Finding]
    checked: int  # commits examined (cached or not)
    fresh: int  # commits verified in this run
    trust: str  # where the signers came from


def trusted_signers(git: Git, ref: str, revoked: Iterable[str] = ()) -> Trusted:
    """Signers from the roster at ref, plus every revocation we know of.

    A key revoked in revoked_signers by commit R is revoked for every commit but
    those R was made on top of: the admin who revoked it did so over that history.
    A revocation given with --revoked holds for every commit.
    """
    sha = _rev(git, ref)
    objects = Objects(git.root)
    try:
        raw_policy, *lists = objects.read_many([f"{sha}:{POLICY_FILE}", f"{sha}:{REVOKED_FILE}",
                                                f"HEAD:{REVOKED_FILE}"])
    finally:
        objects.close()
    policy = policy_from_bytes(raw_policy) if raw_policy is not None else None
    if policy is None:
        raise VerifyError(f"no usable {POLICY_FILE} at trusted ref {ref}")
    revoked = list(revoked)
    texts = [*revoked, *(raw.decode("utf-8", "replace") for raw in lists if raw)]
    revoked_keys = frozenset().union(*(parse_revoked(t) for t in texts))
    outside = frozenset().union(*(parse_revoked(t) for t in revoked))
    points = {k: r for k, r in revocation_commits(git).items() if k not in outside}
    before = {k: frozenset(git.run("rev-list", f"{r}^@", check=False).stdout.split())  # a root: none
              for k, r in points.items()}
    entries = roster_entries(policy)
    entries += [e for e in _revoked_owners(git, points) if e not in entries]
    return Trusted(tuple(entries), revoked_keys, f"roster at {ref} ({sha[:12]})",
                   roster_gpg(policy), tuple(sorted(points.items())), before)


def _revoked_owners(git: Git, points: dict[str, str]) -> list[Entry]:
    """Whose each revoked key was: its entry on the roster just before the revocation
    (a revoked key leaves the roster, but the steps it signed before still name it)."""
    objects = Objects(git.root)
    try:
        raws = objects.read_many(f"{r}^:{POLICY_FILE}" for r in points.values())
    finally:
        objects.close()
    out = []
    for key, raw in zip(points, raws, strict=True):
        before = policy_from_bytes(raw) if raw is not None else None
        out += [e for e in (roster_entries(before) if before else []) if e.key_b64 == key]
    return out


def revocation_commits(git: Git) -> dict[str, str]:
    """Key -> the first commit on HEAD's history whose revoked_signers lists it."""
    shas = git.out("log", "--reverse", "--format=%H", "HEAD", "--", REVOKED_FILE).split()
    objects = Objects(git.root)
    try:
        blobs = objects.read_many(f"{sha}:{REVOKED_FILE}" for sha in shas)
    finally:
        objects.close()
    found: dict[str, str] = {}
    for sha, raw in zip(shas, blobs, strict=True):
        for key in parse_revoked(raw.decode("utf-8", "replace")) if raw else ():
            found.setdefault(key, sha)
    return found


def _rev(git: Git, ref: str) -> str:
    res = git.run("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
    if res.returncode != 0:
        raise VerifyError(f"unknown revision {ref}")
    return res.stdout.strip()


# --- orchestration -----------------------------------------------------------


def plan(git: Git, rng: str | None, since: str | None) -> tuple[list[str], str | None]:
    """git revision arguments for the commits to verify, and the range base if any."""
    if rng and since:
        raise VerifyError("give --range or --since, not both")
    if rng:
        base, dots, tip = rng.partition("..")
        if not dots or not base:
            raise VerifyError(f"--range must be BASE..HEAD, got {rng}")
        _rev(git, base)
        _rev(git, tip or "HEAD")
        return [tip or "HEAD", f"^{base}"], base
    if since:
        _rev(git, since)
        return ["HEAD", f"^{since}^@"], None
    _rev(git, "HEAD")
    return ["HEAD"], None


def verify(root: Path, rng: str | None = None, since: str | None = None,
           trust_ref: str | None = None, revoked: Iterable[str] = (), use_cache: bool = True,
           parallel: bool | None = None) -> Outcome:
    git = Git(root)
    revs, base = plan(git, rng, since)
    trust = trust_ref or base or "HEAD"
    trusted = trusted_signers(git, trust, revoked)
    rules = rules_at(git, _rev(git, trust))  # the merge policy, read where the roster is
    try:
        commits, merges = list_commits(git, revs)
    except GitError as exc:
        raise VerifyError(str(exc)) from None
    cache = VerifyCache(git.git_dir() if use_cache else None, trusted.digest + rules.digest)
    cached = cache.get_many([c.sha for c in commits] + [m.sha for m in merges])
    todo = [c for c in commits if c.sha not in cached]
    pool = worth_pooling(len(todo), parallel)
    from complaints.audit.run import Run  # the per-run bookkeeping, kept apart for length

    run = Run(git, trusted, todo, pool, rules)
    fresh = run.execute()
    fresh.update(run.merges([m for m in merges if m.sha not in cached]))
    cache.put_many((sha, [list(f.as_dict().values()) for f in found]) for sha, found in fresh.items())
    cache.close()
    findings = [f for found in fresh.values() for f in found]
    findings += [Finding(*row) for sha, rows in cached.items() for row in rows]
    findings += signers_drift(git, revs[0])
    findings += time_findings(root, _rev(git, revs[0]), commits, merges, trusted, rules)
    return Outcome(sorted(set(findings)), len(commits) + len(merges), len(fresh), trusted.source)


def signers_drift(git: Git, tip: str) -> list[Finding]:
    """The allowed_signers file at the tip must say what the roster says (T162)."""
    objects = Objects(git.root)
    try:
        raw_signers, raw_policy = objects.read_many([f"{tip}:{SIGNERS_FILE}", f"{tip}:{POLICY_FILE}"])
    finally:
        objects.close()
    if raw_signers is None or raw_policy is None:
        return []
    policy = policy_from_bytes(raw_policy)
    if policy is None:
        return []
    file_entries = parse_allowed(raw_signers.decode("utf-8", "replace"))
    if same_entries(file_entries, roster_entries(policy)):
        return []
    return [finding(SIGNERS_FILE, 1, 1, "T162", "regenerate it with `complaints signers --write`")]


__all__ = ["CASES", "TRUST_FILES", "LogCommit", "Outcome", "VerifyError",
           "verify"]
