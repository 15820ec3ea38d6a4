"""One verification run: commit-level rules, case chains and merges.

verify.py decides what to check and with whom to trust; this module walks the
commits: signatures and trailers per commit, the policy in force at each,
then the case chains (in worker processes) and merge commits.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any

from .findings import Finding, finding
from .gitops import Git
from .load import Document
from .policy import POLICY_FILE
from .signers import Trusted, roster_entries
from .trail import CASES, TRUST_FILES, Head, LogCommit
from .trailcheck import StepClaim
from .verify import ADMIN, SIG_CODES, Item, Store, run_jobs


class Run:
    def __init__(self, git: Git, trusted: Trusted, commits: list[LogCommit],
                 todo: list[LogCommit], parallel: bool) -> None:
        self.git, self.trusted, self.parallel = git, trusted, parallel
        self.commits, self.todo = commits, todo
        self.store = Store(git.root)
        self.policy_at: dict[str, str | None] = {}

    # policy in force: the complaints.yml blob in each commit's tree
    def _track_policies(self) -> None:
        known = {c.sha for c in self.commits}
        outside = sorted({p for c in self.commits for p in c.parents[:1] if p not in known})
        blobs = self.git.run("cat-file", "--batch-check=%(objectname)", check=False,
                             input="".join(f"{p}:{POLICY_FILE}\n" for p in outside)).stdout.split("\n")
        for parent, blob in zip(outside, blobs, strict=False):
            self.policy_at[parent] = blob if len(blob) == 40 else None
        for c in self.commits:
            change = next((ch for ch in c.changes if ch.path == POLICY_FILE), None)
            before = self.policy_at.get(c.parents[0]) if c.parents else None
            self.policy_at[c.sha] = change.new if change else before

    def execute(self) -> dict[str, list[Finding]]:
        self._track_policies()
        if not self.todo:
            return {}
        workers = max(os.cpu_count() or 1, 1)
        size = min(2000, max(200, len(self.todo) // (workers * 6) + 1))  # bounds memory
        shas = [c.sha for c in self.todo]
        jobs: list[tuple[str, Any]] = [("heads", shas[i:i + size]) for i in range(0, len(shas), size)]
        heads = {h.sha: h for batch in run_jobs(jobs, self.git.root, self.trusted, self.parallel)
                 for h in batch}
        found: dict[str, list[Finding]] = {c.sha: self._commit_rules(c, heads[c.sha]) for c in self.todo}
        chains: dict[str, list[Item]] = defaultdict(list)
        for c in self.todo:
            head = heads[c.sha]
            step, actor = head.trailer("Complaint-Step"), head.trailer("Complaint-Actor")
            if not step or not actor:
                continue  # T111 already; the content has no claim to check against
            claim = StepClaim(c.sha, step, actor, head.trailers.get("complaint-case", ()),
                              head.signer if head.status == "good" else None)
            for ch in c.changes:
                if ch.path.startswith(CASES):
                    chains[ch.path].append((c.sha, ch.old, ch.new, self.policy_at.get(c.sha),
                                            claim, step == "import"))
        groups: list[list[tuple[str, list[Item]]]] = [[]]
        for path, items in chains.items():
            if sum(len(i) for _, i in groups[-1]) >= size:
                groups.append([])
            groups[-1].append((path, items))
        results = run_jobs([("chains", g) for g in groups if g], self.git.root, self.trusted,
                           self.parallel)
        for batch in results:
            for sha, items in batch:
                found[sha].extend(items)
        return found

    def _commit_rules(self, c: LogCommit, head: Head) -> list[Finding]:
        cases = [ch for ch in c.changes if ch.path.startswith(CASES)]
        trust = [ch for ch in c.changes if ch.path in TRUST_FILES]
        others = [ch for ch in c.changes if ch not in cases and ch not in trust]
        where = (cases or trust or c.changes)[0].path
        out: list[Finding] = []

        def add(code: str, detail: str, path: str = where) -> None:
            out.append(finding(path, 1, 1, code, f"commit {c.sha[:12]}: {detail}"))

        if head.status != "good":
            add(SIG_CODES[head.status], self._sig_detail(c, head))
        step, actor = head.trailer("Complaint-Step"), head.trailer("Complaint-Actor")
        if head.signer and actor and head.signer != actor and head.status == "good":
            add("T112", f"signed by {head.signer}, trailer Complaint-Actor {actor}")
        policy = self.store.policy(self.policy_at.get(c.sha))
        if trust:
            parent = self.store.policy(self.policy_at.get(c.parents[0])) if c.parents else None
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
        if not step or not actor or (step != "import" and not head.trailers.get("complaint-case")):
            add("T111", "missing Complaint-Case, Complaint-Step or Complaint-Actor")
        elif step == "import":
            if policy is None or not policy.holds(actor, ADMIN):
                add("T114", f"{actor} lacks role {ADMIN} for import")
        else:
            if len(cases) > 1:
                add("T151", f"{len(cases)} case files changed")
            if others:
                add("T152", ", ".join(ch.path for ch in others[:5]))
        return out

    def _sig_detail(self, c: LogCommit, head: Head) -> str:
        detail = head.detail or head.status
        if head.status == "unknown-key" and head.key:
            policy = self.store.policy(self.policy_at.get(c.sha))
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


__all__ = ["Run"]
