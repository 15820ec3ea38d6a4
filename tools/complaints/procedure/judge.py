"""The one judge of a step: may this actor take this step on this case now?

Three callers ask it: the workflow before it commits a step, `validate` of
each history entry, `verify` of each signed step commit. It answers in kinds
of verdict; each caller names a kind in its own code family through CODES,
the one table, so the three can differ in wording but never in the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from complaints.base.times import parse_time
from complaints.load.policy import ADMIN, INTAKE, Policy

Kind = Literal["start", "illegal", "from", "unknown", "inactive", "role", "assigned", "subject",
               "not_by", "major", "order", "future", "time"]
Caller = Literal["workflow", "validate", "verify"]
CALLERS: tuple[Caller, ...] = ("workflow", "validate", "verify")

# kind -> its code for (workflow, validate, verify); None: that caller leaves it to others.
CODES: dict[Kind, tuple[str | None, str | None, str | None]] = {
    "start": (None, "W107", "T121"),       # a new case's first step is intake; the workflow writes it so
    "illegal": ("W102", "W102", "T121"),   # not a move the policy allows from the previous state
    "from": (None, "W110", "T121"),        # the record's `from` is not the previous state
    "unknown": ("W104", "W103", "T113"),   # not on the roster
    # Past steps by since-departed staff are fine: validate reads today's roster and an
    # import brings in old steps; a live step's signer is refused earlier (X104).
    "inactive": (None, None, "T113"),
    "role": ("W104", "W104", "T114"),
    # Only the member a case field names (`assigned: investigator`). validate reads today's
    # case, whose field a later reassignment may have changed; verify reads it at the commit.
    "assigned": ("W104", None, "T114"),
    "subject": ("R101", "R101", "T131"),   # the complaint is about this person
    "not_by": ("R103", "R103", "T133"),    # proposed and approved, or decided and reviewed
    "major": ("R104", "R104", "T134"),     # a major complaint's step needs major_role
    "order": ("W105", "W105", "T124"),     # before the step above
    "future": ("W106", "W106", "T125"),    # after the moment it was recorded
    "time": ("X111", None, None),          # unreadable; the schema says so for records
}

# The moment a step is recorded is read from another clock (the validator's,
# a commit's): allow them to differ a little before calling a time future.
SLACK = timedelta(minutes=1)


@dataclass(slots=True)  # not frozen: validate builds one per history entry, and frozen is slow
class Step:
    """A step asked for (the workflow) or recorded (a history entry)."""

    name: str
    actor: str
    target: Any  # the state it enters, as asked or recorded
    source: Any = None  # the `from` a record states; None: not stated
    at: Any = None  # its time as written (RFC 3339); None: time is not judged
    recorded: datetime | None = None  # when it was recorded (now, its commit); None: not judged

    @classmethod
    def entry(cls, entry: Mapping[str, Any], recorded: datetime | None = None) -> Step:
        return cls(str(entry.get("step")), str(entry.get("actor") or ""), entry.get("to"),
                   entry.get("from"), entry.get("at"), recorded)


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    field: str | None  # the history entry's field it is about, for the finding's line
    detail: str  # as a finding on a record says it
    refusal: str  # as the workflow says it to whoever asked

    def code(self, caller: Caller) -> str | None:
        return CODES[self.kind][CALLERS.index(caller)]


def judge(policy: Policy, step: Step, *, state: str | None, history: Sequence[Any],
          case: Mapping[str, Any]) -> list[Verdict]:
    """Every rule the step breaks, in a stable order; empty when it may be taken.

    state is the case's state before the step (None: the step creates the case),
    history the entries before it, case the case data (its subject, severity).
    """
    out: list[Verdict] = []

    def say(kind: Kind, field: str | None, detail: str, refusal: str | None = None) -> None:
        out.append(Verdict(kind, field, detail, refusal or detail))

    actor, name = step.actor, step.name
    move = policy.transitions.get(name)
    roles = _move(policy, step, state, say)
    member = policy.staff.get(actor)
    if member is None:
        needs = f" (needs {' or '.join(roles)})" if roles else ""
        say("unknown", "actor", actor or "(none)", f"{actor or '(none)'} is not on the roster{needs}")
    elif not member.active:
        say("inactive", "actor", actor, f"{actor} is no longer active on the roster")
    if member is not None and roles and member.roles.isdisjoint(roles):
        wanted = " or ".join(roles)
        say("role", "actor", f"{actor} lacks role {wanted} for {name}", f"{actor} lacks the role {wanted}")
    if move is not None:  # recusal holds even for a move taken from the wrong state
        if move.recusal and actor in _subject(case):
            say("subject", "actor", f"{actor} took {name}",
                f"{actor} is named in the complaint's subject and must stand aside")
        for earlier in move.not_by:
            took = [e.get("actor") for e in history if isinstance(e, dict) and e.get("step") == earlier]
            if took and took[-1] == actor:
                say("not_by", "actor", f"{actor} took both {earlier} and {name}",
                    f"{actor} took {earlier} on this case and may not also take {name}")
        named = case.get(move.assigned) if move.assigned else None
        if move.assigned and named != actor:
            say("assigned", "actor", f"{actor} took {name}, {move.assigned} is {named or 'nobody'}",
                f"only the case's {move.assigned} ({named or 'none assigned'}) may take {name}")
        if move.major_role and case.get("severity") == "major" and not policy.holds(actor, move.major_role):
            say("major", "actor", f"{actor} lacks {move.major_role}",
                f"a major complaint's {name} needs the role {move.major_role}")
    if step.at is not None:
        _times(step, history, say)
    return out


def _move(policy: Policy, step: Step, state: str | None,
          say: Callable[[Kind, str | None, str, str | None], None]) -> tuple[str, ...]:
    """Judge the move itself; the roles that may take it (none when it is not legal)."""
    name, target, source = step.name, step.target, step.source
    if state is None:
        if name != INTAKE or target != policy.initial_state or source is not None:
            found = f"{name} → {target}" + (f" (from {source})" if source is not None else "")
            say("start", None, f"a case starts with {INTAKE} → {policy.initial_state}, found {found}", None)
            return ()
        return tuple(r for r in (INTAKE, ADMIN) if r in policy.codes["roles"])
    move = policy.transitions.get(name)
    legal = move is not None and state in move.sources and move.target_from(state) == target
    if not legal:
        sources = ", ".join(sorted(move.sources)) if move else ""
        say("illegal", "step", f"{name}: {state} → {target}",
            f"{name} is taken from {sources}; the case is {state}" if move
            else f"the policy has no step {name}")
    if source is not None and source != state:
        say("from", "from", f"from {source}, previous to {state}", None)
    return (move.role,) if legal and move else ()


def _times(step: Step, history: Sequence[Any],
           say: Callable[[Kind, str | None, str, str | None], None]) -> None:
    at = _time(step.at)
    if not isinstance(at, datetime):
        if at is not None:
            say("time", "at", at, f"cannot read the time: {at}")
        return
    last = history[-1] if history and isinstance(history[-1], dict) else {}
    previous = _time(last.get("at"))
    if isinstance(previous, str):
        previous = None  # the step above draws its own verdict
    if previous is not None and at < previous:
        say("order", "at", f"{step.at} is before the step above",
            f"{step.at} is before the last step ({last['at']})")
    if step.recorded is not None and at > step.recorded + SLACK:
        say("future", "at", str(step.at), f"{step.at} lies in the future")


def _time(value: Any) -> datetime | str | None:
    """The time, or why it cannot be read; None for no time at all."""
    if value is None:
        return None
    if isinstance(value, datetime):  # a time a round-trip YAML reader made an object of
        value = str(value)
    if not isinstance(value, str):
        return f"{value!r} is not an RFC 3339 time"
    try:
        return parse_time(value)
    except ValueError as exc:
        return str(exc)


def _subject(case: Mapping[str, Any]) -> set[Any]:
    subject = case.get("subject")
    staff = subject.get("staff") if isinstance(subject, dict) else None
    return set(staff) if isinstance(staff, list) else set()
