"""Checks of one commit's change to one case file: the content side of verify.

Pure functions over two parsed versions of the file (before and after the
commit), the commit's trailers and signer, and the policy in force. The
history in the file before the commit was itself checked against its own
signed commits, so earlier actors read from it are the real signers. Whether
the step was legal, by whom and when is procedure.judge's to say, the same
judge the workflow and validate ask; its "now" is the commit's own time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from complaints.base.findings import Finding, finding
from complaints.load.policy import Policy
from complaints.load.records import OPENED, entries, get, pointer
from complaints.load.safeyaml import Document
from complaints.procedure.judge import Step, judge


@dataclass(frozen=True)
class StepClaim:
    """What the commit claims (trailers) and proves (signer)."""

    sha: str
    step: str | None
    actor: str | None
    cases: tuple[str, ...]
    signer: str | None
    origin: str | None = None  # Complaint-Renumbered-From, on a renumber
    committed: int | None = None  # committer time, unix seconds: when the step was recorded


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
    _records_kept(out, old, new)
    _judged(out, index, entry, before, old, new, policy, claim)
    return out.items


def _records_kept(out: _Out, old: Document | None, new: Document) -> None:
    """Record lists grow like the history: a step may fill in its list's latest entry or add
    one, never change or drop what an entry already said (load.records)."""
    if old is None:
        return
    for key in OPENED:
        was, now = entries(old.data, key), entries(new.data, key)
        for i, entry in enumerate(was):
            kept = now[i] if i < len(now) else None
            if kept is None or any(kept.get(k) != v for k, v in entry.items()) or (
                    i < len(was) - 1 and kept != entry):
                out.add("T145", (key, min(i, len(now) - 1)) if now else (key,),
                        f"{key} entry {i + 1} differs from the version before this commit")
                break


def _judged(out: _Out, index: int, entry: dict[str, Any], before: Sequence[Any], old: Document | None,
            new: Document, policy: Policy, claim: StepClaim) -> None:
    """The judge's verdicts on the step in verify's codes, then the rules on its fields."""
    previous = old.data.get("status") if old else None
    recorded = datetime.fromtimestamp(claim.committed, UTC) if claim.committed else None
    verdicts = judge(policy, Step.entry(entry, recorded), state=previous, history=before, case=new.data)
    found: dict[tuple[str, tuple[str | int, ...]], list[str]] = {}
    for v in verdicts:
        code = v.code("verify")
        if code is None:
            continue
        ptr: tuple[str | int, ...] = ("history", index)
        if v.field and code != "T121":  # T121 marks the entry, one finding for all that makes it
            ptr += (v.field,)
        found.setdefault((code, ptr), []).append(v.detail)
    for (code, ptr), details in found.items():
        out.add(code, ptr, "; ".join(details))
    move = policy.transitions.get(str(entry.get("step")))
    if move is None:
        return
    if previous is not None and not any(code == "T121" for code, _ in found):
        for dotted in move.requires:
            value = entry.get("note") if dotted == "note" else get(new.data, dotted)
            if value is None or value == "":
                out.add("T122", ("history", index), f"{entry.get('step')} requires {dotted}")
    subject = set(get(new.data, "subject.staff") or ())
    for dotted in move.not_subject:
        named = get(new.data, dotted)
        if named in subject:
            out.add("T132", pointer(new.data, dotted), f"{dotted} {named}")
