"""Case rules beyond the schema. Each rule is a small function yielding
(pointer, code, detail); validate.py turns pointers into lines. Whether each
history step was legal, by whom and when, is procedure.judge's to say, the
same judge the workflow and verify ask.

Rules run only on schema-valid cases, so they may trust the shapes the schema
guarantees, but never that codes or staff ids exist: that is their job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from complaints.base.times import parse_time
from complaints.load.policy import Policy
from complaints.load.records import all_values, get
from complaints.load.records import pointer as record_pointer
from complaints.load.safeyaml import Pointer
from complaints.procedure.clock import clocks, gap_detail, gaps, local_date, on_the_calendar
from complaints.procedure.judge import SLACK, Step, judge

Hit = tuple[Pointer, str, str]


@dataclass(frozen=True)
class CaseContext:
    case: dict[str, Any]
    policy: Policy
    relpath: PurePosixPath  # relative to the repository root
    now: datetime


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
        for ptr, value in all_values(ctx.case, dotted):
            if value not in ctx.policy.codes[kind]:
                yield ptr, "C104", f"{dotted} {value!r} is not in the policy's {kind}"
    for ptr, remedies in all_values(ctx.case, "decision.remedies"):
        for i, remedy in enumerate(remedies):
            if remedy not in ctx.policy.codes["remedies"]:
                yield (*ptr, i), "C104", f"remedy {remedy!r}"
    for dotted in _STAFF_FIELDS:
        for ptr, value in all_values(ctx.case, dotted):
            if value not in ctx.policy.staff:
                yield ptr, "C105", f"{dotted} {value}"
    for i, staff in enumerate(get(ctx.case, "subject.staff") or ()):
        if staff not in ctx.policy.staff:
            yield ("subject", "staff", i), "C105", f"subject.staff {staff}"


def history(ctx: CaseContext) -> Iterator[Hit]:
    """Each step judged against the steps above it: legal, by whom, when (and recusal)."""
    case, steps = ctx.case, ctx.case["history"]
    if steps[0]["at"] != case["received"]:
        yield ("history", 0, "at"), "W109", f"{steps[0]['at']} vs received {case['received']}"
    for i, entry in enumerate(steps):
        state = steps[i - 1]["to"] if i else None
        for v in judge(ctx.policy, Step.entry(entry, ctx.now), state=state, history=steps[:i], case=case):
            code = v.code("validate")
            if code:
                yield ("history", i, *((v.field,) if v.field else ())), code, v.detail
    if case["status"] != steps[-1]["to"]:
        yield ("status",), "W101", f"status {case['status']}, last step to {steps[-1]['to']}"


def received_not_future(ctx: CaseContext) -> Iterator[Hit]:
    if parse_time(ctx.case["received"]) > ctx.now + SLACK:  # as the judge reads history times
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
    """Nobody the complaint is about is named in a field a step set (`not_subject`).

    Who may take a step at all (the subject standing aside, `not_by`,
    `major_role`) is judged with the rest of each step, in `history`.
    """
    subject = set(get(ctx.case, "subject.staff") or ())
    for entry in ctx.case["history"]:
        move = ctx.policy.transitions.get(entry["step"])
        for dotted in move.not_subject if move else ():
            named = get(ctx.case, dotted)
            if named in subject:
                yield record_pointer(ctx.case, dotted), "R102", f"{dotted} {named}"


CASE_RULES: tuple[Callable[[CaseContext], Iterator[Hit]], ...] = (
    identity, codes, received_not_future, history, required_fields, recusal,
)


def check_case(ctx: CaseContext) -> Iterator[Hit]:
    for rule in CASE_RULES:
        yield from rule(ctx)


def deadline_hits(case: dict[str, Any], policy: Policy, now: datetime) -> Iterator[Hit]:
    """A due date the calendar cannot give yet: a working-day count into a year without
    its official schedule, unless the policy accepts estimates (D101). Due dates and
    pauses are derived from the history, never stored, so nothing else can disagree."""
    if policy.calendar.estimate:
        return
    for clock in gaps(clocks(case, policy, local_date(now, policy), on_the_calendar(policy)), policy):
        yield ("received",), "D101", gap_detail(clock)
