"""Random sequences of legal and illegal steps by random staff (hypothesis).

The oracle below is written from the policy's plain meaning, independently of
advance.py: legal steps must land as one signed commit, illegal ones must be
refused and leave files, index, HEAD and status exactly as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from complaints.load.policy import Policy, load_policy
from complaints.workflow.apply import choices, field_schema
from complaints.workflow.org import OrgRepo
from testing.org import Org, git, trailers, verify

TEMPLATE: OrgRepo | None = None
STAFF = ["s-zhao", "s-qian", "s-sun", "s-li", "s-zhou", "s-wu", "s-zheng", "s-wang"]


def legal(policy: Policy, case: dict[str, Any], step: str, actor: str,
          fields: dict[str, str]) -> bool:
    t = policy.transitions[step]
    subject = set((case.get("subject") or {}).get("staff") or [])
    if case["status"] not in t.sources or t.role not in policy.staff[actor].roles:
        return False
    if t.recusal and actor in subject:
        return False
    for earlier in t.not_by:
        actors = [h["actor"] for h in case["history"] if h["step"] == earlier]
        if actors and actors[-1] == actor:
            return False
    if t.major_role and case["severity"] == "major" and t.major_role not in policy.staff[actor].roles:
        return False
    if any(fields.get(f) in subject for f in t.not_subject):
        return False
    if t.action_state:  # moves a named corrective action one state on: open -> done -> verified
        wanted = {"done": "open", "verified": "done"}[t.action_state]
        if not any(a["id"] == fields.get("action") and a["state"] == wanted for a in case.get("actions", [])):
            return False
    return all(fields.get(f) for f in t.requires)


class Workflow(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        assert TEMPLATE is not None
        self.tmp = Path(tempfile.mkdtemp(prefix="stateful-"))
        root = self.tmp / "org"
        shutil.copytree(TEMPLATE.root, root, symlinks=True)
        git(root, "config", "gpg.ssh.allowedSignersFile", str(root / "allowed_signers"))
        self.cwd = os.getcwd()
        os.chdir(root)
        self.org = Org(OrgRepo(root, TEMPLATE.keys_dir, dict(TEMPLATE.keys)), self.tmp / "reg.yaml")
        self.policy = load_policy(root)
        self.case_id = ""

    def teardown(self) -> None:
        os.chdir(self.cwd)
        shutil.rmtree(self.tmp, ignore_errors=True)

    @initialize(severity=st.sampled_from(["minor", "major"]),
                subject=st.lists(st.sampled_from(STAFF), max_size=2, unique=True))
    def intake(self, severity: str, subject: list[str]) -> None:
        extra = ["--severity", severity]
        for s in subject:
            extra += ["--subject-staff", s] if not extra.count("--subject-staff") else []
        self.case_id = self.org.new_case(*extra[:2], *(["--subject-staff", ",".join(subject)]
                                                       if subject else []))

    def case(self) -> dict[str, Any]:
        return dict(yaml.safe_load(self.org.case(self.case_id).read_text()))

    @rule(step=st.sampled_from(["acknowledge", "accept", "decline", "refer", "assign", "propose",
                                "approve", "send_back", "respond", "close", "appeal", "review",
                                "withdraw", "reopen"]),
          actor=st.sampled_from(STAFF), investigator=st.sampled_from(STAFF),
          drop=st.booleans() | st.just(False), prefer=st.booleans(), pick=st.integers(0, 99))
    def take(self, step: str, actor: str, investigator: str, drop: bool, prefer: bool,
             pick: int) -> None:
        if prefer:  # steer towards steps open from here, by someone holding the role
            here = self.policy.steps_from(self.case()["status"])
            step = here[pick % len(here)].name if here else step
            holders = [s for s in STAFF if self.policy.holds(s, self.policy.transitions[step].role)]
            actor = holders[pick % len(holders)]
        t = self.policy.transitions[step]
        fields: dict[str, str] = {}
        for dotted in t.requires:
            if dotted == "investigator":
                fields[dotted] = investigator
            else:
                allowed = choices(self.policy, dotted) if dotted != "note" else None
                boolean = field_schema(dotted).get("type") == "boolean"
                fields[dotted] = "yes" if boolean else allowed[0] if allowed else "Checked."
        if drop and t.requires:
            fields.pop(t.requires[0])  # an incomplete step must be refused
        args = ["step", self.case_id, step]
        for dotted, value in fields.items():
            args += ["--note", value] if dotted == "note" else ["--set", f"{dotted}={value}"]
        expected = legal(self.policy, self.case(), step, actor, fields)
        self.org.act(actor)
        before, source = self.org.state(), str(self.case()["status"])
        result = self.org.cli(*args, ok=expected)
        if expected:
            assert trailers(self.org) == {"Complaint-Case": [self.case_id],
                                          "Complaint-Step": [step], "Complaint-Actor": [actor]}
            assert verify(self.org) == actor
            assert self.case()["status"] == t.target_from(source)  # a step may keep the state
        else:
            assert self.org.state() == before, result.output

    @invariant()
    def valid(self) -> None:
        if not self.case_id:
            return
        from complaints.check.validate import validate

        report = validate(self.org.root, [self.org.case(self.case_id)], use_cache=False)
        assert report.findings == [], report.findings


def test_random_steps(template: OrgRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    global TEMPLATE
    TEMPLATE = template
    monkeypatch.setenv("COMPLAINTS_REGISTER", str(tmp_path / "register.yaml"))
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(Workflow, settings=settings(
        max_examples=15, stateful_step_count=8, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
