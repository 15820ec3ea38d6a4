"""What a case waits for, and whose desk it is on.

A case waits for the steps its state leads on to. A step open from most of
the workflow's states (a withdrawal, which can come at any time) is not what a
case waits for, so it is left out unless nothing else leads on. Whether a
given member may take a step is the judge's to say (recusal, the assigned
investigator, ...); the desk asks it with the case as it stands now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from complaints.load.policy import Policy, Staff, Transition
from complaints.procedure.clock import Clock, clocks, local_date
from complaints.procedure.judge import Step, judge


def waits_for(policy: Policy, case: dict[str, Any]) -> list[Transition]:
    """The steps that take the case on from its state; none in a terminal state (a reopening
    or an appeal after closure is an event, not something the case waits for)."""
    status = str(case.get("status"))
    if status in policy.terminal:
        return []
    steps = policy.steps_from(status)
    live = [s for s in policy.states if s not in policy.terminal]
    usual = [t for t in steps if len(t.sources & set(live)) <= len(live) / 2]
    return usual or steps


def may_take(policy: Policy, case: dict[str, Any], t: Transition, member: Staff) -> bool:
    """Whether the judge would let member take t now (its fields come with the step)."""
    return not judge(policy, Step(t.name, member.id, t.target), state=str(case.get("status")),
                     history=case.get("history") or [], case=case)


def running(case: dict[str, Any], policy: Policy, today: date | None = None) -> list[Clock]:
    """The case's clocks still running (or overdue), the nearest due date first."""
    today = today or local_date(datetime.now(UTC), policy)
    found = [c for c in clocks(case, policy, today) if c.outcome in ("running", "overdue")]
    return sorted(found, key=lambda c: c.due)


@dataclass(frozen=True)
class Waiting:
    case: dict[str, Any]
    steps: list[Transition]  # the steps this member may take now
    clock: Clock | None  # the nearest running deadline


def on_desk(cases: list[dict[str, Any]], policy: Policy, member: Staff,
            today: date | None = None) -> list[Waiting]:
    """Open cases waiting for a step this member may take, the oldest deadline first."""
    out = []
    for case in cases:
        steps = [t for t in waits_for(policy, case) if may_take(policy, case, t, member)]
        if steps:
            nearest = running(case, policy, today)
            out.append(Waiting(case, steps, nearest[0] if nearest else None))
    return sorted(out, key=lambda w: (w.clock is None, w.clock.due if w.clock else date.max,
                                      str(w.case.get("received", "")), str(w.case.get("id"))))
