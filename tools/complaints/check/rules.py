"""Case rules beyond the schema. Each rule is a small function yielding
(pointer, code, detail); validate.py turns pointers into lines.

Rules run only on schema-valid cases, so they may trust the shapes the schema
guarantees, but never that codes or staff ids exist: that is their job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from complaints.load.policy import INTAKE, Policy
from complaints.load.safeyaml import Pointer

Hit = tuple[Pointer, str, str]


@dataclass(frozen=True)
class CaseContext:
    case: dict[str, Any]
    policy: Policy
    relpath: PurePosixPath  # relative to the repository root
    now: datetime


def get(case: Mapping[str, Any], dotted: str) -> Any:
    """Value at a dotted path such as decision.finding, or None."""
    value: Any = case
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def pointer(dotted: str) -> Pointer:
    return tuple(dotted.split("."))


def identity(ctx: CaseContext) -> Iterator[Hit]:
    case_id, parts = ctx.case["id"], ctx.relpath.parts
    if len(parts) != 3 or parts[0] != "cases":
        yield ("id",), "C107", f"{ctx.relpath} should be cases/<year>/{case_id}.yaml"
        return
    if ctx.relpath.stem != case_id:
        yield ("id",), "C101", f"id {case_id}, file {ctx.relpath.name}"
    if parts[1] != case_id.split("-")[1]:
        yield ("id",), "C102", f"id {case_id} is in folder {parts[1]}"


_CODE_FIELDS = {
    "channel": "channels", "category": "categories", "severity": "severities",
    "decline.ground": "decline_grounds", "decision.finding": "findings",
    "response.channel": "channels",
}
_STAFF_FIELDS = ("investigator", "decision.proposed_by", "decision.approved_by", "appeal.reviewer")


def codes(ctx: CaseContext) -> Iterator[Hit]:
    for dotted, kind in _CODE_FIELDS.items():
        value = get(ctx.case, dotted)
        if value is not None and value not in ctx.policy.codes[kind]:
            yield pointer(dotted), "C104", f"{dotted} {value!r} is not in the policy's {kind}"
    for i, remedy in enumerate(get(ctx.case, "decision.remedies") or ()):
        if remedy not in ctx.policy.codes["remedies"]:
            yield ("decision", "remedies", i), "C104", f"remedy {remedy!r}"
    for dotted in _STAFF_FIELDS:
        value = get(ctx.case, dotted)
        if value is not None and value not in ctx.policy.staff:
            yield pointer(dotted), "C105", f"{dotted} {value}"
    for i, staff in enumerate(get(ctx.case, "subject.staff") or ()):
        if staff not in ctx.policy.staff:
            yield ("subject", "staff", i), "C105", f"subject.staff {staff}"


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def history(ctx: CaseContext) -> Iterator[Hit]:
    """Each step legal from the last, by a roster member holding the role, in time order."""
    policy, steps = ctx.policy, ctx.case["history"]
    first = steps[0]
    if first["step"] != INTAKE or first["to"] != policy.initial_state or "from" in first:
        yield ("history", 0), "W107", f"found {first['step']} → {first['to']}"
    if first["at"] != ctx.case["received"]:
        yield ("history", 0, "at"), "W109", f"{first['at']} vs received {ctx.case['received']}"
    previous: datetime | None = None
    for i, entry in enumerate(steps):
        at = _when(entry["at"])
        if previous is not None and at < previous:
            yield ("history", i, "at"), "W105", f"{entry['at']} is before the step above"
        if at > ctx.now:
            yield ("history", i, "at"), "W106", entry["at"]
        previous = at
        actor = entry["actor"]
        if actor not in policy.staff:
            yield ("history", i, "actor"), "W103", actor
        if i == 0:
            continue
        before = steps[i - 1]["to"]
        if entry.get("from", before) != before:
            yield ("history", i, "from"), "W110", f"from {entry.get('from')}, previous to {before}"
        move = policy.transitions.get(entry["step"])
        if move is None or before not in move.sources or move.target != entry["to"]:
            yield ("history", i, "step"), "W102", f"{entry['step']}: {before} → {entry['to']}"
        elif actor in policy.staff and not policy.holds(actor, move.role):
            yield ("history", i, "actor"), "W104", f"{actor} lacks role {move.role} for {move.name}"
    if ctx.case["status"] != steps[-1]["to"]:
        yield ("status",), "W101", f"status {ctx.case['status']}, last step to {steps[-1]['to']}"


def received_not_future(ctx: CaseContext) -> Iterator[Hit]:
    if _when(ctx.case["received"]) > ctx.now:
        yield ("received",), "W106", ctx.case["received"]


def required_fields(ctx: CaseContext) -> Iterator[Hit]:
    """Fields a step requires must be in the record (the note on the entry itself)."""
    for i, entry in enumerate(ctx.case["history"]):
        move = ctx.policy.transitions.get(entry["step"])
        if move is None:
            continue
        for dotted in move.requires:
            value = entry.get("note") if dotted == "note" else get(ctx.case, dotted)
            if value is None or value == "":
                yield ("history", i), "W108", f"{move.name} requires {dotted}"


def recusal(ctx: CaseContext) -> Iterator[Hit]:
    """Objectivity: the people the complaint is about, and earlier deciders, stand aside."""
    policy, case = ctx.policy, ctx.case
    subject = set(get(case, "subject.staff") or ())
    major = case["severity"] == "major"
    for i, entry in enumerate(case["history"]):
        move = policy.transitions.get(entry["step"])
        if move is None:
            continue
        actor = entry["actor"]
        if move.recusal and actor in subject:
            yield ("history", i, "actor"), "R101", f"{actor} took {move.name}"
        for step in move.not_by:
            earlier = [e["actor"] for e in case["history"][:i] if e["step"] == step]
            if earlier and earlier[-1] == actor:
                yield ("history", i, "actor"), "R103", f"{actor} took both {step} and {move.name}"
        if major and move.major_role and not policy.holds(actor, move.major_role):
            yield ("history", i, "actor"), "R104", f"{actor} lacks {move.major_role}"
        for dotted in move.not_subject:
            named = get(case, dotted)
            if named in subject:
                yield pointer(dotted), "R102", f"{dotted} {named}"


RULES: tuple[Callable[[CaseContext], Iterator[Hit]], ...] = (
    identity, codes, received_not_future, history, required_fields, recusal,
)


def check_case(ctx: CaseContext) -> Iterator[Hit]:
    for rule in RULES:
        yield from rule(ctx)
