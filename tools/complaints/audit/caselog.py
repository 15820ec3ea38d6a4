"""`complaints log ID`: one case's trail as Git records it.

Each history entry of the case file is matched to the commit that added it,
and that commit's signature is judged in process against the trusted signers;
the role shown is the one the policy in force at that commit required. A
renumbered case is followed back to the file under its earlier id.
Only the commits touching this one file are read, so it stays fast on a big
repository (a commit-graph with changed-path filters makes it faster still).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from complaints.audit.trail import Head, Objects, is_shallow, raw_changes, read_head
from complaints.audit.verify import trusted_signers
from complaints.audit.work import policy_from_bytes
from complaints.base.errors import Problems
from complaints.base.git import Git
from complaints.base.trailers import ACTOR, CASE, STEP
from complaints.load.paths import case_path
from complaints.load.policy import INTAKE, POLICY_FILE, Policy
from complaints.load.safeyaml import LoadError, load_bytes
from complaints.signing.signers import Trusted


@dataclass
class LogStep:
    at: str
    step: str
    from_state: str | None
    to: str
    actor: str
    role: str | None
    commit: str | None
    signature: str  # good, bad, unsigned, unknown-key, expired, revoked, no-commit
    signer: str | None
    imported: bool


@dataclass
class CaseLog:
    case_id: str
    path: str
    shallow: bool
    trust: str
    steps: list[LogStep]

    def as_dict(self) -> dict[str, Any]:
        return {"case": self.case_id, "path": self.path, "shallow": self.shallow,
                "trust": self.trust, "steps": [asdict(s) for s in self.steps]}


RENUMBERED = "complaint-renumbered-from"
MAX_RENUMBERS = 20  # a case renumbered more often than this is not a real trail


def _versions(git: Git, rev: str, rel: str) -> list[tuple[str, str | None]]:
    """(commit, blob after it) for each commit touching rel, oldest first."""
    out = git.out("log", "-z", "--reverse", "--full-history", "--raw", "--no-abbrev",
                  "--no-renames", "--format=%x1e%H", rev, "--", rel)
    versions: list[tuple[str, str | None]] = []
    for record in out.split("\x1e")[1:]:
        sha, _, rest = record.partition("\0")
        changes = [c for c in raw_changes([t for t in rest.split("\0") if t.strip()]) if c.path == rel]
        if changes:
            versions.append((sha.strip(), changes[0].new))
    return versions


def case_log(root: Path, case_id: str, trust_ref: str = "HEAD") -> CaseLog:
    git = Git(root)
    rel = case_path(Path("."), case_id).as_posix()
    versions = _versions(git, "HEAD", rel)
    if not versions:
        raise Problems(f"no case {case_id}: no commit touches {rel}", "X125")
    trusted = trusted_signers(git, trust_ref)
    objects = Objects(root)
    try:
        heads = _heads(root, objects, versions, trusted)
        # Follow renumbers back: the file under an earlier id holds the start of the trail.
        for _ in range(MAX_RENUMBERS):
            first = heads[versions[0][0]]
            origin = first.trailers.get(RENUMBERED, ())
            if first.trailer(STEP) != "renumber" or len(origin) != 1:
                break
            earlier = _versions(git, f"{versions[0][0]}^", case_path(Path("."), origin[0]).as_posix())
            if not earlier:
                break
            heads.update(_heads(root, objects, earlier, trusted))
            versions = earlier + versions
        steps = _steps(objects, versions, heads)
    finally:
        objects.close()
    return CaseLog(case_id, rel, is_shallow(git), trusted.source, steps)


def _heads(root: Path, objects: Objects, versions: list[tuple[str, str | None]],
           trusted: Trusted) -> dict[str, Head]:
    raws = objects.read_many([sha for sha, _ in versions])
    return {sha: read_head(root, sha, raw or b"", trusted)
            for (sha, _), raw in zip(versions, raws, strict=True)}


def _roles(objects: Objects, shas: list[str]) -> list[Policy | None]:
    """The policy in force at each commit (parsed once per distinct version)."""
    parsed: dict[bytes, Policy | None] = {}
    out = []
    for raw in objects.read_many([f"{sha}:{POLICY_FILE}" for sha in shas]):
        if raw is not None and raw not in parsed:
            parsed[raw] = policy_from_bytes(raw)
        out.append(parsed[raw] if raw is not None else None)
    return out


def _role(policy: Policy | None, step: str) -> str | None:
    move = policy.transitions.get(step) if policy else None
    return move.role if move else ("intake" if step in (INTAKE, "renumber") else None)


def _steps(objects: Objects, versions: list[tuple[str, str | None]],
           heads: dict[str, Head]) -> list[LogStep]:
    blobs = objects.read_many([blob or "" for _, blob in versions])
    policies = _roles(objects, [sha for sha, _ in versions])
    steps: list[LogStep] = []
    seen = 0
    for (sha, _), blob, policy in zip(versions, blobs, policies, strict=True):
        head = heads[sha]
        if head.trailer(STEP) == "renumber":
            origin = head.trailer(RENUMBERED) or "?"
            when = datetime.fromtimestamp(head.committed, UTC).isoformat()
            steps.append(LogStep(when, "renumber", origin, head.trailer(CASE) or "?",
                                 head.trailer(ACTOR) or "?", _role(policy, "renumber"),
                                 sha, head.status, head.signer, False))
        try:
            history = load_bytes(blob or b"").data.get("history") or []
        except LoadError:
            continue
        if not isinstance(history, list):
            continue
        for entry in history[seen:]:
            if not isinstance(entry, dict):
                continue
            step = str(entry.get("step"))
            steps.append(LogStep(str(entry.get("at")), step, entry.get("from"), str(entry.get("to")),
                                 str(entry.get("actor")), _role(policy, step), sha, head.status,
                                 head.signer, bool(entry.get("imported"))))
        seen = max(seen, len(history))
    return steps


def render_text(log: CaseLog) -> str:
    lines = []
    if log.shallow:
        lines.append("warning: this is a shallow clone; commits before its boundary are missing, "
                     "so this trail may be incomplete (run `git fetch --unshallow`)")
    lines.append(f"{log.case_id} ({log.path}); signatures judged against the {log.trust}")
    for s in log.steps:
        move = f"{s.from_state or '-'} → {s.to}"
        sig = s.signature + (f" ({s.signer})" if s.signer and s.signer != s.actor else "")
        lines.append(f"{s.at}  {s.step:<12} {move:<34} {s.actor:<10} {s.role or '-':<13} "
                     f"{(s.commit or '-')[:12]}  {sig}{'  [imported]' if s.imported else ''}")
    return "\n".join(lines) + "\n"
