"""`complaints log ID`: one case's trail as Git records it.

Each history entry of the case file is matched to the commit that added it,
and that commit's signature is judged in process against the trusted signers.
Only the commits touching this one file are read, so it stays fast on a big
repository (a commit-graph with changed-path filters makes it faster still).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .gitops import Git
from .load import LoadError, load_bytes
from .policy import INTAKE, POLICY_FILE
from .repo import case_path
from .signers import Trusted
from .trail import Objects, is_shallow, raw_changes, read_head
from .verify import VerifyError, policy_from_bytes, trusted_signers


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


def case_log(root: Path, case_id: str, trust_ref: str = "HEAD") -> CaseLog:
    git = Git(root)
    rel = case_path(Path("."), case_id).as_posix()
    out = git.out("log", "-z", "--reverse", "--full-history", "--raw", "--no-abbrev",
                  "--no-renames", "--format=%x1e%H", "HEAD", "--", rel)
    versions: list[tuple[str, str | None]] = []
    for record in out.split("\x1e")[1:]:
        sha, _, rest = record.partition("\0")
        changes = [c for c in raw_changes([t for t in rest.split("\0") if t.strip()]) if c.path == rel]
        if changes:
            versions.append((sha.strip(), changes[0].new))
    if not versions:
        raise VerifyError(f"{case_id}: no commit touches {rel}")
    trusted = trusted_signers(git, trust_ref)
    return CaseLog(case_id, rel, is_shallow(git), trusted.source, _steps(root, versions, trusted))


def _steps(root: Path, versions: list[tuple[str, str | None]], trusted: Trusted) -> list[LogStep]:
    objects = Objects(root)
    try:
        raws = objects.read_many([sha for sha, _ in versions])
        blobs = objects.read_many([blob or "" for _, blob in versions])
        raw_policy = objects.read(f"HEAD:{POLICY_FILE}")
    finally:
        objects.close()
    policy = policy_from_bytes(raw_policy) if raw_policy else None
    steps: list[LogStep] = []
    seen = 0
    for (sha, _), raw, blob in zip(versions, raws, blobs, strict=True):
        head = read_head(root, sha, raw or b"", trusted)
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
            move = policy.transitions.get(step) if policy else None
            role = move.role if move else ("intake" if step == INTAKE else None)
            steps.append(LogStep(str(entry.get("at")), step, entry.get("from"), str(entry.get("to")),
                                 str(entry.get("actor")), role, sha, head.status, head.signer,
                                 bool(entry.get("imported"))))
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
        lines.append(f"{s.at}  {s.step:<12} {move:<32} {s.actor:<10} {s.role or '-':<13} "
                     f"{(s.commit or '-')[:12]}  {sig}{'  [imported]' if s.imported else ''}")
    return "\n".join(lines) + "\n"
