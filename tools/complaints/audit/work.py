"""The parallel half of `complaints verify`: work that runs in worker processes.

Two kinds of job, each over a chunk of the work so both cores stay busy:
`scan` reads a run of commits (which trail files each changed, its raw object
and signature, the policy blob in force) and `chains` checks the versions of
a group of case files, each file's chain in order. Case versions are parsed
once each by the safe loader without positions (the same refusals, a third
of the work); a version that draws a finding is parsed again with positions,
so the report names the right line.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from complaints.audit.checks import StepClaim, check_import, check_renumber, check_step
from complaints.audit.trail import TRUST_FILES, Change, Head, Objects, diff_tree, read_head, touches_trail
from complaints.base.findings import Finding, finding
from complaints.load.policy import POLICY_FILE, Policy, check_policy
from complaints.load.safeyaml import Document, LoadError, decode, load_bytes, parse
from complaints.signing.signers import Trusted

# sha, old blob, new blob, policy blob, claim, kind ("step", "import" or "renumber")
Item = tuple[str, str | None, str | None, str | None, StepClaim, str]


def policy_from_bytes(raw: bytes) -> Policy | None:
    """A policy version from Git, checked as the file would be."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / POLICY_FILE
        path.write_bytes(raw)
        policy, _ = check_policy(path)
    return policy


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
        """A parsed version without positions (or the safe loader's refusal)."""
        if blob not in self.docs:
            self.prefetch([blob])
        return self.docs[blob]

    def strict(self, blob: str) -> Document | LoadError:
        """A parsed version with positions, for reporting."""
        try:
            return load_bytes(self.objects.read(blob) or b"")
        except LoadError as exc:
            return exc

    def prefetch(self, blobs: list[str]) -> None:
        """Parse many versions with one round trip to cat-file (a round trip each is slow)."""
        wanted = [b for b in dict.fromkeys(blobs) if b not in self.docs]
        for blob, raw in zip(wanted, self.objects.read_many(wanted), strict=True):
            try:
                self.docs[blob] = parse(decode(raw or b""), with_positions=False)
            except LoadError as exc:
                self.docs[blob] = exc


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


@dataclass(frozen=True)
class Scanned:
    """One commit that changed the trail: its changes, what it claims and proves."""

    sha: str
    changes: list[Change]
    head: Head
    policy: str | None  # blob of the policy in force at the commit
    parent_policy: str | None  # ... and at its first parent, when it changed a trust file


def scan(commits: list[tuple[str, str | None]]) -> list[Scanned]:
    """(sha, first parent) pairs -> the commits among them that touched the trail."""
    store, trusted = _state()
    changed = diff_tree(store.root, [sha for sha, _ in commits])
    trail = [(sha, parent) for sha, parent in commits
             if sha in changed and touches_trail(changed[sha][0])]
    raws = store.objects.read_many(sha for sha, _ in trail)
    policies = store.objects.ids(f"{sha}:{POLICY_FILE}" for sha, _ in trail)
    out = []
    for (sha, parent), raw, policy in zip(trail, raws, policies, strict=True):
        changes = changed[sha][0]
        before = None
        if parent and any(ch.path in TRUST_FILES for ch in changes):
            before = store.objects.ids([f"{parent}:{POLICY_FILE}"])[0]
        out.append(Scanned(sha, changes, read_head(store.root, sha, raw or b"", trusted),
                           policy, before))
    return out


def _check(doc: Callable[[str], Document | LoadError], store: Store, path: str,
           item: Item) -> list[Finding]:
    sha, old_blob, new_blob, policy_blob, claim, kind = item

    def fail(code: str, detail: str) -> list[Finding]:
        return [finding(path, 1, 1, code, f"commit {sha[:12]}: {detail}")]

    if new_blob is None:
        return fail("T144", "case file deleted")
    new = doc(new_blob)
    old = doc(old_blob) if old_blob else None
    if isinstance(new, LoadError):
        return fail("T144", f"{new.code} {new.detail}")
    prior = old if isinstance(old, Document) else None
    if kind == "import":
        return check_import(path, claim, old_blob is not None, new)
    if kind == "renumber":  # old_blob is the removed file under the old id
        return check_renumber(path, claim, prior, new)
    policy = store.policy(policy_blob)
    if policy is None:
        return fail("T163", "no usable policy")
    return check_step(path, claim, prior, new, policy)


def check_chain(path: str, items: list[Item]) -> list[tuple[str, list[Finding]]]:
    """One case file's versions in order: every content rule for each commit."""
    store, _ = _state()
    out = []
    for item in items:
        found = _check(store.doc, store, path, item)
        if found:  # rare: check again on fully positioned documents, for the lines
            found = _check(store.strict, store, path, item)
        out.append((item[0], found))
    return out


def _call(job: tuple[str, Any]) -> Any:
    kind, arg = job
    if kind == "scan":
        return scan(arg)
    store, _ = _state()
    store.docs.clear()  # a group's versions are read in one go, then dropped
    store.prefetch([b for _, items in arg for i in items for b in i[1:3] if b])
    return [r for path, items in arg for r in check_chain(path, items)]


def run_jobs(jobs: list[tuple[str, Any]], root: Path, trusted: Trusted, parallel: bool) -> list[Any]:
    """Run jobs in this process, or over the cores when there are enough of them."""
    workers = min(os.cpu_count() or 1, 8)
    if not parallel or workers < 2:
        _init(root, trusted)
        try:
            return [_call(j) for j in jobs]
        finally:
            _init(root, trusted)  # closes this run's git processes
    with ProcessPoolExecutor(workers, get_context("fork"), _init, (root, trusted)) as pool:
        return list(pool.map(_call, jobs, chunksize=1))
