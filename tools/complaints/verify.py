"""`complaints verify`: the signed trail checked against the case files.

One `git log` pass lists the commits touching the trail; signatures are
judged against signers read from a trusted ref (never from the change under
review); each case's chain of versions is checked step by step under the
policy in force at that commit. Work is split by case over the cores, and
results are cached per commit and trusted-signer digest (vcache.py).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .findings import Finding, finding
from .gitops import Git, GitError
from .load import Document, LoadError, load_bytes
from .policy import POLICY_FILE, Policy, check_policy
from .signers import (
    REVOKED_FILE,
    SIGNERS_FILE,
    Trusted,
    parse_allowed,
    parse_revoked,
    roster_entries,
    roster_gpg,
    same_entries,
)
from .trail import CASES, TRUST_FILES, Head, LogCommit, Objects, log_commits, merge_commits, read_head
from .trailcheck import StepClaim, check_import, check_step
from .vcache import VerifyCache

PARALLEL_FROM = 300  # commits; below this a pool costs more than it saves
SIG_CODES = {"unsigned": "T101", "bad": "T102", "unknown-key": "T103", "expired": "T104",
             "revoked": "T105"}
ADMIN = "admin"


class VerifyError(Exception):
    """The verification cannot run (bad ref, no policy at the trusted ref, ...)."""


@dataclass
class Outcome:
    findings: list[Finding]
    checked: int  # commits examined (cached or not)
    fresh: int  # commits verified in this run
    trust: str  # where the signers came from


class Store:
    """Objects, parsed policies and parsed case versions of one process."""

    def __init__(self, root: Path) -> None:
        self.root, self.objects = root, Objects(root)
        self.policies: dict[str, Policy | None] = {}
        self.docs: dict[str, Document | LoadError] = {}

    def policy(self, blob: str | None) -> Policy | None:
        if blob is None:
            return None
        if blob not in self.policies:
            raw = self.objects.read(blob)
            self.policies[blob] = policy_from_bytes(raw) if raw is not None else None
        return self.policies[blob]

    def doc(self, blob: str) -> Document | LoadError:
        if blob not in self.docs:
            self.prefetch([blob])
        return self.docs[blob]

    def prefetch(self, blobs: list[str]) -> None:
        """Parse many versions with one round trip to cat-file (a round trip each is slow)."""
        wanted = [b for b in dict.fromkeys(blobs) if b not in self.docs]
        for blob, raw in zip(wanted, self.objects.read_many(wanted), strict=True):
            try:
                self.docs[blob] = load_bytes(raw or b"")
            except LoadError as exc:
                self.docs[blob] = exc


def policy_from_bytes(raw: bytes) -> Policy | None:
    """A policy version from Git, checked as the file would be."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / POLICY_FILE
        path.write_bytes(raw)
        policy, _ = check_policy(path)
    return policy


def trusted_signers(git: Git, ref: str, revoked: Iterable[str] = ()) -> Trusted:
    """Signers from the roster at ref, plus every revocation we know of."""
    sha = _rev(git, ref)
    store = Store(git.root)
    try:
        blob = git.run("rev-parse", "-q", "--verify", f"{sha}:{POLICY_FILE}", check=False).stdout.strip()
        policy = store.policy(blob or None)
        if policy is None:
            raise VerifyError(f"no usable {POLICY_FILE} at trusted ref {ref}")
        texts = [t for t in revoked]
        for rev in (sha, "HEAD"):
            raw = store.objects.read(f"{rev}:{REVOKED_FILE}")
            texts.append(raw.decode("utf-8", "replace") if raw else "")
    finally:
        store.objects.close()
    revoked_keys = frozenset().union(*(parse_revoked(t) for t in texts))
    return Trusted(tuple(roster_entries(policy)), revoked_keys, f"roster at {ref} ({sha[:12]})",
                   roster_gpg(policy))


def _rev(git: Git, ref: str) -> str:
    res = git.run("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
    if res.returncode != 0:
        raise VerifyError(f"unknown revision {ref}")
    return res.stdout.strip()


# --- worker side -------------------------------------------------------------

_STATE: dict[int, tuple[Store, Trusted]] = {}
_SETUP: tuple[Path, Trusted] | None = None


def _init(root: Path, trusted: Trusted) -> None:
    global _SETUP
    _SETUP = (root, trusted)
    for store, _ in _STATE.values():  # a previous run's objects belong to another repo
        store.objects.close()
    _STATE.clear()


def _state() -> tuple[Store, Trusted]:
    pid = os.getpid()
    if pid not in _STATE:
        assert _SETUP is not None
        _STATE[pid] = (Store(_SETUP[0]), _SETUP[1])
    return _STATE[pid]


def heads_of(shas: list[str]) -> list[Head]:
    store, trusted = _state()
    raws = store.objects.read_many(shas)
    return [read_head(store.root, s, r or b"", trusted) for s, r in zip(shas, raws, strict=True)]


Item = tuple[str, str | None, str | None, str | None, StepClaim, bool]  # sha, old, new, policy, claim, import


def check_chain(path: str, items: list[Item]) -> list[tuple[str, list[Finding]]]:
    """One case file's versions in order: every content rule for each commit."""
    store, _ = _state()
    out = []
    for sha, old_blob, new_blob, policy_blob, claim, is_import in items:
        def fail(code: str, detail: str, sha: str = sha) -> list[Finding]:
            return [finding(path, 1, 1, code, f"commit {sha[:12]}: {detail}")]
        if new_blob is None:
            out.append((sha, fail("T144", "case file deleted")))
            continue
        new = store.doc(new_blob)
        old = store.doc(old_blob) if old_blob else None
        if isinstance(new, LoadError):
            out.append((sha, fail("T144", f"{new.code} {new.detail}")))
            continue
        if is_import:
            out.append((sha, check_import(path, claim, old_blob is not None, new)))
            continue
        policy = store.policy(policy_blob)
        if policy is None:
            out.append((sha, fail("T163", "no usable policy")))
            continue
        prior = None if isinstance(old, LoadError) else old
        out.append((sha, check_step(path, claim, prior, new, policy)))
    return out


def _call(job: tuple[str, Any]) -> Any:
    kind, arg = job
    if kind == "heads":
        return heads_of(arg)
    store, _ = _state()
    store.docs.clear()  # a group's versions are read in one go, then dropped
    store.prefetch([b for _, items in arg for i in items for b in i[1:3] if b])
    return [r for path, items in arg for r in check_chain(path, items)]


def run_jobs(jobs: list[tuple[str, Any]], root: Path, trusted: Trusted, parallel: bool) -> list[Any]:
    """Run jobs in this process, or over the cores when there are enough of them."""
    workers = min(os.cpu_count() or 1, 8)
    if not parallel or workers < 2:
        _init(root, trusted)
        return [_call(j) for j in jobs]
    with ProcessPoolExecutor(workers, get_context("fork"), _init, (root, trusted)) as pool:
        return list(pool.map(_call, jobs, chunksize=1))


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
    try:
        commits = log_commits(git, revs)
        merges = merge_commits(git, revs)
    except GitError as exc:
        raise VerifyError(str(exc)) from None
    cache = VerifyCache(git.git_dir() if use_cache else None, trusted.digest)
    cached = cache.get_many([c.sha for c in commits] + [m.sha for m in merges])
    todo = [c for c in commits if c.sha not in cached]
    pool = parallel if parallel is not None else len(todo) >= PARALLEL_FROM
    from .verify_run import Run  # the per-run bookkeeping, kept apart for length

    run = Run(git, trusted, commits, todo, pool)
    fresh = run.execute()
    fresh.update(run.merges([m for m in merges if m.sha not in cached]))
    cache.put_many((sha, [list(f.as_dict().values()) for f in found]) for sha, found in fresh.items())
    cache.close()
    findings = [f for found in fresh.values() for f in found]
    findings += [Finding(*row) for sha, rows in cached.items() for row in rows]
    findings += signers_drift(git, revs[0])
    return Outcome(sorted(set(findings)), len(commits) + len(merges), len(fresh), trusted.source)


def signers_drift(git: Git, tip: str) -> list[Finding]:
    """The allowed_signers file at the tip must say what the roster says (T162)."""
    store = Store(git.root)
    try:
        raw_signers = store.objects.read(f"{tip}:{SIGNERS_FILE}")
        raw_policy = store.objects.read(f"{tip}:{POLICY_FILE}")
    finally:
        store.objects.close()
    if raw_signers is None or raw_policy is None:
        return []
    policy = policy_from_bytes(raw_policy)
    if policy is None:
        return []
    file_entries = parse_allowed(raw_signers.decode("utf-8", "replace"))
    if same_entries(file_entries, roster_entries(policy)):
        return []
    return [finding(SIGNERS_FILE, 1, 1, "T162", "regenerate it with `complaints signers --write`")]


__all__ = ["ADMIN", "CASES", "SIG_CODES", "TRUST_FILES", "LogCommit", "Outcome", "VerifyError",
           "verify"]
