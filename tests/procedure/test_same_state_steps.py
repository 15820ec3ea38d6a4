"""Steps that keep the state: legal only into the state they are taken from, and an action
moves one state on at a time."""

from __future__ import annotations

from pathlib import Path

from complaints.procedure.judge import Step, judge
from complaints.workflow.apply import check_step
from tests.procedure.helpers import default

HISTORY = [{"at": "2026-11-02T09:00:00+08:00", "step": "intake", "to": "received", "actor": "s-zhao"},
           {"at": "2026-11-02T10:00:00+08:00", "step": "acknowledge", "from": "received", "to": "acknowledged",
            "actor": "s-zhao"}]
CASE = {"id": "C-2026-0001", "severity": "minor", "status": "acknowledged", "history": HISTORY}


def kinds(policy: object, target: str, state: str = "acknowledged") -> set[str]:
    step = Step("merge_repeat", "s-sun", target)
    return {v.kind for v in judge(policy, step, state=state, history=HISTORY, case=CASE)}  # type: ignore[arg-type]


def test_a_step_without_to_keeps_its_state(tmp_path: Path) -> None:
    policy = default(tmp_path)
    merge = policy.transitions["merge_repeat"]
    assert merge.stays and merge.target_from("investigating") == "investigating"
    assert kinds(policy, "acknowledged") == set()
    assert kinds(policy, "received") == {"illegal"}  # it may not move the case
    assert kinds(policy, "closed", state="closed") == {"illegal"}  # nor be taken where the policy says not


def test_actions_move_open_done_verified(tmp_path: Path) -> None:
    policy = default(tmp_path)
    case = {**CASE, "status": "closed", "actions": [
        {"id": "A-2026-001", "kind": "corrective", "description": "d", "state": "open"}]}
    done, verified = policy.transitions["complete_action"], policy.transitions["verify_action"]
    at = "2026-11-03T10:00:00+08:00"
    assert check_step(policy, case, done, "s-sun", {"action": "A-2026-001"}, None, at) == []
    codes = [r.code for r in check_step(policy, case, verified, "s-sun", {"action": "A-2026-001"}, None, at)]
    assert codes == ["W102"]  # open -> verified skips done
    assert [r.code for r in check_step(policy, case, done, "s-sun", {"action": "A-2026-999"}, None, at)] == ["W102"]
    assert [r.code for r in check_step(policy, case, done, "s-sun", {}, None, at)] == ["W108"]
    assert [r.code for r in check_step(policy, case, done, "s-zhou", {"action": "A-2026-001"}, None, at)] == \
        ["W104"]  # an investigator does not sign off actions
