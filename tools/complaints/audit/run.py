"""One verification run: commit-level rules, case chains and merges.

verify.py decides what to check and with whom to trust; this module walks the
commits: signatures and trailers per commit, the policy in force at each,
then the case chains (in worker processes) and merge commits.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from complaints.audit.checks import StepClaim
from complaints.audit.merges import MergeRules, rewritten
from complaints.audit.trail import CASES, TRUST_FILES, Change, Head, LogCommit, merge_changes
from complaints.audit.work import Item, Scanned, Store, run_jobs
from complaints.base.findings import Finding, finding
from complaints.base.git import Git
from complaints.base.trailers import ACTOR, CASE, RENUMBERED_FROM, STEP
from complaints.load.paths import case_path
from complaints.load.policy import ADMIN, INTAKE
from complaints.load.safeyaml import Document
from complaints.signing.signers import Trusted, roster_entries

_ID = re.compile(r"^C-\d{4}-\d{4,6}$")

SIG_CODES = {"unsigned": "T101", "bad": "T102", "unknown-key": "T103", "expired": "T104",
             "revoked": "T105"}


class Run:
    def __init__(self, git: Git, trusted: Trusted, todo: list[LogCommit], parallel: bool,
                 rules: MergeRules) -> None:
        self.git, self.trusted, self.parallel, self.todo, self.rules = git, trusted, parallel, todo, rules
        self.store = Store(git.root)

    def execute(self) -> dict[str, list[Finding]]:
        """Findings per commit in todo (an empty list for a clean one, or one off the trail)."""
        if not self.todo:
            return {}
        workers = max(os.cpu_count() or 1, 1)
        size = min(5000, max(200, len(self.todo) // (workers * 4) + 1))  # bounds memory
        pairs = [(c.sha, c.parents[0] if c.parents else None) for c in self.todo]
        jobs: list[tuple[str, Any]] = [("scan", pairs[i:i + size])
                                       for i in range(0, len(pairs), size)]
        found: dict[str, list[Finding]] = {c.sha: [] for c in self.todo}
        chains: dict[str, list[Item]] = defaultdict(list)
        for batch in run_jobs(jobs, self.git.root, self.trusted, self.parallel):
            for scanned in batch:
                found[scanned.sha] = self._commit_rules(scanned)
                self._chain(scanned, chains)
        groups: list[list[tuple[str, list[Item]]]] = [[]]
        count = 0
        for path, items in chains.items():
            if count >= size:
                groups.append([])
                count = 0
            groups[-1].append((path, items))
            count += len(items)
        results = run_jobs([("chains", g) for g in groups if g], self.git.root, self.trusted,
                           self.parallel)
        for batch in results:
            for sha, items in batch:
                found[sha].extend(items)
        return found

    @staticmethod
    def _chain(c: Scanned, chains: dict[str, list[Item]]) -> None:
        """File the commit's case changes under each case file's chain of versions."""
        head = c.head
        step, actor = head.trailer(STEP), head.trailer(ACTOR)
        if not step or not actor:
            return  # T111 already; the content has no claim to check against
        claim = StepClaim(c.sha, step, actor, head.values(CASE),
                          head.signer if head.status == "good" else None, head.trailer(RENUMBERED_FROM),
                          head.committed or None)
        moved = renumber_pair(c.changes, head) if step == "renumber" else None
        if moved:  # the new file's trail continues the old one's
            gone, added = moved
            chains[added.path].append((c.sha, gone.old, added.new, c.policy, claim, "renumber"))
            return
        kind = "import" if step == "import" else "step"
        for ch in c.changes:
            if ch.path.startswith(CASES):
                chains[ch.path].append((c.sha, ch.old, ch.new, c.policy, claim, kind))

    def _commit_rules(self, c: Scanned) -> list[Finding]:
        head = c.head
        cases = [ch for ch in c.changes if ch.path.startswith(CASES)]
        trust = [ch for ch in c.changes if ch.path in TRUST_FILES]
        others = [ch for ch in c.changes if ch not in cases and ch not in trust]
        where = (cases or trust or c.changes)[0].path
        out: list[Finding] = []

        def add(code: str, detail: str, path: str = where) -> None:
            out.append(finding(path, 1, 1, code, f"commit {c.sha[:12]}: {detail}"))

        if head.status != "good":  # a squash or rebase merge says so, with the setting to use
            add(*(rewritten(head, self.rules) or (SIG_CODES[head.status], self._sig_detail(c))))
        step, actor = head.trailer(STEP), head.trailer(ACTOR)
        if head.signer and actor and head.signer != actor and head.status == "good":
            add("T112", f"signed by {head.signer}, trailer Complaint-Actor {actor}")
        policy = self.store.policy(c.policy)
        if trust:
            parent = self.store.policy(c.parent_policy)
            judge = parent or policy
            ok = (step == "policy" and head.status == "good" and head.signer == actor
                  and judge is not None and actor is not None and judge.holds(actor, ADMIN))
            if not ok:
                add("T161", f"{', '.join(ch.path for ch in trust)} changed by "
                    f"{head.signer or 'an unverified signer'} (step {step or 'none'})", trust[0].path)
            if cases:
                add("T152", "a policy or signer change also changes cases")
        if not cases:
            return out
        if not step or not actor or (step != "import" and not head.values(CASE)):
            add("T111", "missing Complaint-Case, Complaint-Step or Complaint-Actor")
        elif step == "import":
            if policy is None or not policy.holds(actor, ADMIN):
                add("T114", f"{actor} lacks role {ADMIN} for import")
        elif step == "renumber":
            if renumber_pair(c.changes, head) is None:
                add("T155", "a renumber removes cases/<year>/OLD.yaml and adds cases/<year>/NEW.yaml "
                    "(trailers Complaint-Renumbered-From: OLD, Complaint-Case: NEW), nothing else")
            roles = [r for r in (INTAKE, ADMIN) if policy is None or r in policy.codes["roles"]]
            if policy is None or not any(policy.holds(actor, r) for r in roles):
                add("T114", f"{actor} lacks role {' or '.join(roles)} for renumber")
        else:
            if len(cases) > 1:
                add("T151", f"{len(cases)} case files changed")
            if others:
                add("T152", ", ".join(ch.path for ch in others[:5]))
        return out

    def _sig_detail(self, c: Scanned) -> str:
        head = c.head
        detail = head.detail or head.status
        if head.status == "unknown-key" and head.key:
            policy = self.store.policy(c.policy)
            owner = next((e.principal for e in (roster_entries(policy) if policy else [])
                          if e.key_b64 == head.key.split()[1]), None)
            if owner:
                detail = (f"key of {owner} is on the roster at this commit but not at the trusted "
                          f"ref ({self.trusted.source}); a change cannot trust its own keys")
            else:
                detail = f"key {head.key[:40]}... is not in the allowed signers"
        elif head.signer:
            detail += f" (key of {head.signer})"
        return detail

    def merges(self, merges: list[LogCommit]) -> dict[str, list[Finding]]:
        """A merge may only take each path from one of its parents, dropping no history."""
        merge_changes(self.git.root, merges)
        out: dict[str, list[Finding]] = {}
        for m in merges:
            found: list[Finding] = []
            differing: dict[str, list[tuple[int, str | None, str | None]]] = defaultdict(list)
            for i, changes in enumerate(m.per_parent):
                for ch in changes:
                    differing[ch.path].append((i, ch.old, ch.new))
            for path, sides in differing.items():
                where = f"merge {m.sha[:12]}"
                if len(sides) == len(m.parents):
                    found.append(finding(path, 1, 1, "T153", f"{where}: content found in no parent"))
                    continue
                if not path.startswith(CASES):
                    continue
                for i, old, new in sides:
                    if old and new and not self._extends(old, new):
                        found.append(finding(path, 1, 1, "T153", f"{where}: drops history "
                                             f"entries that parent {i + 1} recorded"))
            out[m.sha] = found
        self.store.objects.close()
        return out

    def _extends(self, old: str, new: str) -> bool:
        a, b = self.store.doc(old), self.store.doc(new)
        if not isinstance(a, Document) or not isinstance(b, Document):
            return False
        before, after = a.data.get("history") or [], b.data.get("history") or []
        return isinstance(before, list) and isinstance(after, list) and after[:len(before)] == before


def renumber_pair(changes: list[Change], head: Head) -> tuple[Change, Change] | None:
    """(removed, added) case files of a well-formed renumber commit, else None."""
    origin, cases = head.trailer(RENUMBERED_FROM), head.values(CASE)
    if not origin or len(cases) != 1 or not (_ID.match(origin) and _ID.match(cases[0])):
        return None
    want = {case_path(Path(), origin).as_posix(): None,
            case_path(Path(), cases[0]).as_posix(): None}
    gone = [ch for ch in changes if ch.new is None and ch.old is not None]
    added = [ch for ch in changes if ch.old is None and ch.new is not None]
    if len(changes) != 2 or len(gone) != 1 or len(added) != 1 or origin == cases[0] \
            or list(want) != [gone[0].path, added[0].path]:
        return None
    return gone[0], added[0]


__all__ = ["Run", "renumber_pair"]
