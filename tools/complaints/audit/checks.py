"""Checks of one commit's change to one case file: the content side of verify.

Pure functions over two parsed versions of the file (before and after the
commit), the commit's trailers and signer, and the policy in force. The
history in the file before the commit was itself checked against its own
signed commits, so earlier actors read from it are the real signers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from complaints.base.findings import Finding, finding
from complaints.check.rules import get
from complaints.load.policy import ADMIN, INTAKE, Policy
from complaints.load.safeyaml import Document


@dataclass(frozen=True)
class StepClaim:
    """What the commit claims (trailers) and proves (signer)."""

    sha: str
    step: str | None
    actor: str | None
    cases: tuple[str, ...]
    signer: str | None
    origin: str | None = None  # Complaint-Renumbered-From, on a renumber


def _history(doc: Document | None) -> list[Any]:
    hist = doc.data.get("history") if doc else None
    return hist if isinstance(hist, list) else []


class _Out:
    def __init__(self, path: str, sha: str, doc: Document | None) -> None:
        self.path, self.sha, self.doc, self.items = path, sha, doc, list[Finding]()

    def add(self, code: str, ptr: tuple[str | int, ...], detail: str) -> None:
        line, col = self.doc.pos(ptr) if self.doc else (1, 1)
        self.items.append(finding(self.path, line, col, code, f"commit {self.sha[:12]}: {detail}"))


def check_import(path: str, claim: StepClaim, old_exists: bool, new: Document) -> list[Finding]:
    out = _Out(path, claim.sha, new)
    case_id = new.data.get("id")
    if old_exists:
        out.add("T154", ("id",), f"{case_id} already existed; an import only adds cases")
    if case_id not in claim.cases:
        out.add("T154", ("id",), f"{case_id} is not named in a Complaint-Case trailer")
    for i, entry in enumerate(_history(new)):
        if not (isinstance(entry, dict) and entry.get("imported") is True):
            out.add("T154", ("history", i), "history entry is not marked imported: true")
    _status(out, new)
    return out.items


def check_renumber(path: str, claim: StepClaim, old: Document | None, new: Document) -> list[Finding]:
    """A renumber moves a case to a new id and changes nothing else, so its trail goes on."""
    out = _Out(path, claim.sha, new)
    new_id = new.data.get("id")
    if old is None:
        out.add("T155", ("id",), f"the case file {claim.origin} it replaces cannot be read")
        return out.items
    if old.data.get("id") != claim.origin:
        out.add("T155", ("id",), f"the removed file holds {old.data.get('id')}, the trailer "
                f"Complaint-Renumbered-From says {claim.origin}")
    if claim.cases != (new_id,) or path.rsplit("/", 1)[-1] != f"{new_id}.yaml":
        out.add("T155", ("id",), f"the new file {path} holds {new_id}, the trailer "
                f"Complaint-Case says {', '.join(claim.cases) or '(none)'}")
    keys = list(dict.fromkeys([*old.data, *new.data]))
    changed = [k for k in keys if k != "id" and old.data.get(k, ...) != new.data.get(k, ...)]
    if changed:
        out.add("T155", (changed[0],), f"{', '.join(changed)} changed as well as the id")
    return out.items


def _status(out: _Out, new: Document) -> None:
    hist = _history(new)
    last = hist[-1].get("to") if hist and isinstance(hist[-1], dict) else None
    if new.data.get("status") != last:
        out.add("T123", ("status",), f"status {new.data.get('status')}, last step to {last}")


def check_step(path: str, claim: StepClaim, old: Document | None, new: Document,
               policy: Policy) -> list[Finding]:
    """Every content rule for a step commit on one case."""
    out = _Out(path, claim.sha, new)
    before, after = _history(old), _history(new)
    if after[:len(before)] != before:
        changed = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
                       min(len(before), len(after)))
        out.add("T143", ("history", changed), f"entry {changed + 1} differs from the version "
                "before this commit" if changed < len(after) else "history entries were removed")
        _status(out, new)
        return out.items
    added = after[len(before):]
    if not added:
        out.add("T141", ("status",), "the file changed but no history entry was added")
        _status(out, new)
        return out.items
    index = len(after) - 1
    if len(added) > 1:
        out.add("T142", ("history", len(before)), f"{len(added)} entries added by one commit")
    entry = added[-1] if isinstance(added[-1], dict) else {}
    if entry.get("step") != claim.step or entry.get("actor") != claim.actor:
        out.add("T142", ("history", index), f"entry says {entry.get('step')} by "
                f"{entry.get('actor')}, trailers say {claim.step} by {claim.actor}")
    if claim.cases and new.data.get("id") not in claim.cases:
        out.add("T142", ("id",), f"trailer Complaint-Case {', '.join(claim.cases)} "
                f"but the file is {new.data.get('id')}")
    _status(out, new)
    actor = claim.actor or ""
    member = policy.staff.get(actor)
    if member is None or not member.active:
        out.add("T113", ("history", index, "actor"), f"{actor or '(none)'}")
    previous = old.data.get("status") if old else None
    _legal(out, index, entry, previous, policy, member is not None)
    _recusal(out, index, entry, before, new, policy)
    return out.items


def _legal(out: _Out, index: int, entry: dict[str, Any], previous: Any, policy: Policy,
           on_roster: bool) -> None:
    step, actor = entry.get("step"), entry.get("actor", "")
    if previous is None:
        if step != INTAKE or entry.get("to") != policy.initial_state:
            out.add("T121", ("history", index), f"a new case must start with {INTAKE} → "
                    f"{policy.initial_state}, found {step} → {entry.get('to')}")
        elif on_roster and INTAKE in policy.codes["roles"] and not (
                policy.holds(actor, INTAKE) or policy.holds(actor, ADMIN)):
            out.add("T114", ("history", index, "actor"), f"{actor} lacks role {INTAKE}")
        return
    move = policy.transitions.get(str(step))
    if move is None or previous not in move.sources or move.target != entry.get("to") \
            or entry.get("from", previous) != previous:
        out.add("T121", ("history", index), f"{step}: {previous} → {entry.get('to')}")
        return
    if on_roster and not policy.holds(actor, move.role):
        out.add("T114", ("history", index, "actor"), f"{actor} lacks role {move.role} for {step}")
    for dotted in move.requires:
        value = entry.get("note") if dotted == "note" else get(out.doc.data if out.doc else {}, dotted)
        if value is None or value == "":
            out.add("T122", ("history", index), f"{step} requires {dotted}")


def _recusal(out: _Out, index: int, entry: dict[str, Any], before: Sequence[Any],
             new: Document, policy: Policy) -> None:
    move = policy.transitions.get(str(entry.get("step")))
    if move is None:
        return
    actor, case = entry.get("actor"), new.data
    subject = set(get(case, "subject.staff") or ())
    if move.recusal and actor in subject:
        out.add("T131", ("history", index, "actor"), f"{actor} took {move.name}")
    for dotted in move.not_subject:
        named = get(case, dotted)
        if named in subject:
            out.add("T132", tuple(dotted.split(".")), f"{dotted} {named}")
    for step in move.not_by:
        earlier = [e.get("actor") for e in before if isinstance(e, dict) and e.get("step") == step]
        if earlier and earlier[-1] == actor:
            out.add("T133", ("history", index, "actor"), f"{actor} took both {step} and {move.name}")
    if case.get("severity") == "major" and move.major_role and actor is not None \
            and not policy.holds(actor, move.major_role):
        out.add("T134", ("history", index, "actor"), f"{actor} lacks {move.major_role}")
