"""One judgement, three callers: the workflow's preflight, validate's rules and
verify's checks must give every step the same verdict, each in its own codes.

Histories are drawn from the project's complaints.yml: legal and illegal
steps, actors from the roster (the complaint's subject, a leaver, a stranger
too), times that sometimes go backwards or lie in the future. The oracle
below is the policy's plain meaning, written apart from procedure/judge.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints.audit.checks import StepClaim
from complaints.audit.checks import check_step as verify_step
from complaints.base.times import parse_offset, parse_time
from complaints.check import rules
from complaints.load.policy import load_policy
from complaints.load.safeyaml import Document
from complaints.procedure.judge import CALLERS, CODES, Step, judge
from complaints.workflow.apply import check_step, now, who_may

_REAL = load_policy(Path(__file__).resolve().parents[1])
# s-feng has left: the roster keeps leavers, whose past steps validate accepts
POLICY = replace(_REAL, staff={**_REAL.staff, "s-feng": replace(_REAL.staff["s-feng"], active=False)})
ROSTER = sorted(POLICY.staff)
ACTORS = [*ROSTER, "s-nobody"]
NOW = datetime.now(UTC)
START = datetime(2026, 3, 1, 9, tzinfo=parse_offset("+08:00"))
FUTURE = datetime(2099, 1, 1, tzinfo=UTC)
CASE_ID, PATH = "C-2026-0001", "cases/2026/C-2026-0001.yaml"
TIME_CODES = {CODES[k][0] for k in ("order", "future", "time")}


@pytest.fixture(autouse=True)
def _now_is_now() -> None:
    """NOW as the test starts: the workflow preflight reads the real clock, and a NOW
    taken at collection is minutes old by the time a long suite gets here."""
    global NOW
    NOW = datetime.now(UTC)


def column(caller: str) -> set[str]:
    return {c[CALLERS.index(caller)] for c in CODES.values()} - {None}  # type: ignore[misc]


def mapped(kinds: set[str], caller: str) -> set[str]:
    return {CODES[k][CALLERS.index(caller)] for k in kinds} - {None}  # type: ignore[index,misc]


def stamp(moment: datetime, zulu: bool) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if zulu else moment.isoformat()


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    moment = START
    history = [{"at": stamp(moment, False), "step": "intake", "to": POLICY.initial_state,
                "actor": draw(st.sampled_from(["s-zhao", "s-qian", *ACTORS]))}]
    state = POLICY.initial_state
    for _ in range(draw(st.integers(1, 8))):
        legal = sorted(t.name for t in POLICY.steps_from(state))
        name = draw(st.sampled_from(legal if legal and draw(st.integers(0, 3)) else sorted(POLICY.transitions)))
        t = POLICY.transitions[name]
        holders = [s for s in ROSTER if POLICY.holds(s, t.role)]
        actor = draw(st.sampled_from(holders if draw(st.booleans()) else ACTORS))
        moment = FUTURE if draw(st.integers(0, 9)) == 0 else moment + timedelta(hours=draw(st.integers(-48, 120)))
        history.append({"at": stamp(moment, draw(st.booleans())), "step": name, "from": state,
                        "to": t.target_from(state), "actor": actor})
        state = t.target_from(state)
    return {"id": CASE_ID, "received": history[0]["at"], "severity": draw(st.sampled_from(["minor", "major"])),
            "subject": {"unit": "Lab", "staff": draw(st.lists(st.sampled_from(ROSTER), max_size=2, unique=True))},
            "status": state, "history": history}


def oracle(case: dict[str, Any], i: int) -> set[str]:
    """The kinds of rule step i breaks, read straight from the policy."""
    entry, before = case["history"][i], case["history"][:i]
    actor, kinds = entry["actor"], set()
    member = POLICY.staff.get(actor)
    if member is None:
        kinds.add("unknown")
    elif not member.active:
        kinds.add("inactive")
    at = parse_time(entry["at"])
    if at > NOW + timedelta(minutes=1):
        kinds.add("future")
    if i == 0:
        if member is not None and not member.roles & {"intake", "admin"}:
            kinds.add("role")
        return kinds
    if at < parse_time(before[-1]["at"]):
        kinds.add("order")
    t = POLICY.transitions[entry["step"]]
    if entry["from"] not in t.sources:
        kinds.add("illegal")
    elif member is not None and t.role not in member.roles:
        kinds.add("role")
    if t.recusal and actor in case["subject"]["staff"]:
        kinds.add("subject")
    if any([e["actor"] for e in before if e["step"] == s][-1:] == [actor] for s in t.not_by):
        kinds.add("not_by")
    if t.major_role and case["severity"] == "major" and not POLICY.holds(actor, t.major_role):
        kinds.add("major")
    return kinds


def before(case: dict[str, Any], i: int) -> dict[str, Any]:
    return {**case, "status": case["history"][i - 1]["to"], "history": case["history"][:i]}


def workflow_codes(case: dict[str, Any], i: int) -> set[str]:
    entry, data = case["history"][i], before(case, i)
    t = POLICY.transitions[entry["step"]]
    asked = {r.code for r in who_may(POLICY, data, t, entry["actor"])}
    full = {r.code for r in check_step(POLICY, data, t, entry["actor"], {}, None, entry["at"])}
    assert asked == full - TIME_CODES - {"W108"}  # the preflight is who_may plus fields and time
    return full & column("workflow")


def validate_codes(case: dict[str, Any]) -> dict[int, set[str]]:
    ctx = rules.CaseContext(case, POLICY, PurePosixPath(PATH), NOW)
    out: dict[int, set[str]] = {i: set() for i in range(len(case["history"]))}
    for ptr, code, _ in [*rules.history(ctx), *rules.recusal(ctx)]:
        if ptr[0] == "history" and code in column("validate"):
            out[int(ptr[1])].add(code)
    return out


def verify_codes(case: dict[str, Any], i: int) -> set[str]:
    entry = case["history"][i]
    old = Document(before(case, i)) if i else None
    new = Document({**case, "status": entry["to"], "history": case["history"][:i + 1]})
    claim = StepClaim("0" * 40, entry["step"], entry["actor"], (CASE_ID,), entry["actor"],
                      committed=int(NOW.timestamp()))
    return {f.code for f in verify_step(PATH, claim, old, new, POLICY)} & column("verify")


def agree(case: dict[str, Any]) -> set[str]:
    """Assert the three callers agree on every step; the kinds seen."""
    validated, seen = validate_codes(case), set()
    for i, entry in enumerate(case["history"]):
        kinds = oracle(case, i)
        state = case["history"][i - 1]["to"] if i else None
        step = Step.entry(entry, NOW)
        verdicts = judge(POLICY, step, state=state, history=case["history"][:i], case=case)
        assert {v.kind for v in verdicts} == kinds, (i, entry)
        assert validated[i] == mapped(kinds, "validate"), (i, entry)
        assert verify_codes(case, i) == mapped(kinds, "verify"), (i, entry)
        if i:
            assert workflow_codes(case, i) == mapped(kinds, "workflow"), (i, entry)
        seen |= kinds
    return seen


@settings(max_examples=80, deadline=None)
@given(cases())
def test_three_callers_agree_step_by_step(case: dict[str, Any]) -> None:
    agree(case)


def _entry(at: str, step: str, state: str, actor: str) -> dict[str, Any]:
    return {"at": at, "step": step, "from": state, "to": POLICY.transitions[step].target, "actor": actor}


def test_every_judged_kind_is_reached() -> None:
    """One hand-made history breaks every rule the drawn ones can, so none goes untested."""
    steps = [("acknowledge", "s-nobody"), ("accept", "s-zhao"), ("assign", "s-sun"), ("propose", "s-feng"),
             ("respond", "s-zhao"), ("approve", "s-feng"), ("send_back", "s-li"), ("propose", "s-zhou")]
    history = [{"at": "2026-03-01T09:00:00+08:00", "step": "intake", "to": "received", "actor": "s-zhou"}]
    times = ["2026-03-02T09:00:00Z", "2026-03-03T09:00:00+08:00", "2026-03-02T09:00:00+08:00",
             "2099-01-01T00:00:00Z", "2026-03-05T09:00:00+08:00", "2026-03-06T09:00:00+08:00",
             "2026-03-07T09:00:00+08:00", "2026-03-08T09:00:00+08:00"]
    for (name, actor), at in zip(steps, times, strict=True):
        history.append(_entry(at, name, history[-1]["to"], actor))
    case = {"id": CASE_ID, "received": history[0]["at"], "severity": "major",
            "subject": {"unit": "Lab", "staff": ["s-zhou"]}, "status": history[-1]["to"], "history": history}
    # assigned needs a policy with that option: tests/desk/test_assigned.py
    assert agree(case) == set(CODES) - {"start", "from", "time", "assigned"}


def test_start_from_and_unreadable_time() -> None:
    """The kinds a drawn history never shows: a bad first step, a wrong `from`, an unreadable time."""
    case = {"subject": {"staff": []}, "severity": "minor"}
    first = judge(POLICY, Step("acknowledge", "s-zhao", "acknowledged"), state=None, history=[], case=case)
    assert [(v.kind, v.code("validate"), v.code("verify")) for v in first] == [("start", "W107", "T121")]
    wrong = judge(POLICY, Step("acknowledge", "s-zhao", "acknowledged", source="accepted"),
                  state="received", history=[], case=case)
    assert [(v.kind, v.code("validate"), v.code("verify")) for v in wrong] == [("from", "W110", "T121")]
    data = {**case, "status": "received", "history": [{"at": "2026-03-01T09:00:00Z", "step": "intake"}]}
    t = POLICY.transitions["acknowledge"]
    assert [r.code for r in check_step(POLICY, data, t, "s-zhao", {}, None, "yesterday")] == ["X111"]


def test_times_read_z_and_offsets_and_refuse_naive() -> None:
    assert parse_time("2026-03-01T01:00:00Z") == parse_time("2026-03-01T09:00:00+08:00")
    assert now(replace(POLICY, timezone="Z")).endswith("+00:00")  # the workflow's clock took Z badly
    assert now(replace(POLICY, timezone="-05:30")).endswith("-05:30")
    for bad, why in (("2026-03-01T09:00:00", "has no UTC offset"), ("2026-02-30T09:00:00Z", "not a valid time"),
                     ("2026-03-01", "not an RFC 3339 time"), ("2026-03-01T09:00+08:00", "not an RFC 3339 time")):
        with pytest.raises(ValueError, match=why):
            parse_time(bad)
    with pytest.raises(ValueError, match="UTC offset"):
        parse_offset("+8")


@pytest.mark.parametrize(("ahead", "kinds"), [(timedelta(seconds=30), set()), (timedelta(minutes=5), {"future"})])
def test_a_clock_a_little_ahead_is_not_the_future(ahead: timedelta, kinds: set[str]) -> None:
    history = [{"at": "2026-03-01T09:00:00+08:00", "step": "intake", "to": "received", "actor": "s-zhao"},
               _entry(stamp(NOW + ahead, True), "acknowledge", "received", "s-zhao")]
    case = {"id": CASE_ID, "received": history[0]["at"], "severity": "minor",
            "subject": {"unit": "Lab", "staff": []}, "status": "acknowledged", "history": history}
    assert agree(case) == kinds
