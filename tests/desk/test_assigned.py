"""A policy may let only the assigned investigator propose (`assigned: investigator`)."""

from __future__ import annotations

import json

from complaints.load.policy import load_policy
from complaints.procedure.judge import Step, judge
from testing.org import Org


def only_assigned(org: Org) -> None:
    """Turn the option on for every investigator's step (propose, and the steps that pause
    an investigation), as a signed admin policy step."""
    path = org.root / "complaints.yml"
    text = path.read_text("utf-8")
    old = "    role: investigator\n"
    assert "    role: investigator\n    requires: [decision.finding" in text
    path.write_text(text.replace(old, "    role: investigator\n    assigned: investigator\n"), "utf-8")
    org.act("s-qian")
    org.git("commit", "-q", "-S", "-am", "policy: only the assigned investigator proposes\n\n"
            "Complaint-Step: policy\nComplaint-Actor: s-qian")


def test_without_the_option_any_investigator_may_propose(org: Org) -> None:
    case = org.investigating("s-zhou")
    plan = json.loads(org.cli("next", case, "--as", "s-wu", "--format", "json").output)
    assert next(s for s in plan["steps"] if s["step"] == "propose")["open"] is True


def test_only_the_assigned_investigator_proposes(org: Org) -> None:
    only_assigned(org)
    case = org.investigating("s-zhou")
    org.act("s-wu")
    refused = org.cli("propose", case, "--finding", "upheld", "--remedies", "apology",
                      "--rationale", "Late.", ok=False).output
    assert "W104" in refused and "only the case's investigator (s-zhou) may take propose" in refused
    assert json.loads(org.cli("desk", "--as", "s-wu", "--format", "json").output)["cases"] == []
    assert [c["id"] for c in json.loads(org.cli("desk", "--as", "s-zhou", "--format",
                                                "json").output)["cases"]] == [case]
    org.act("s-zhou")
    org.cli("propose", case, "--finding", "upheld", "--remedies", "apology", "--rationale", "Late.")
    assert json.loads(org.cli("verify", "--no-cache", "--format", "json").output)["problems"] == 0

    policy = load_policy(org.root)  # verify judges a step by another investigator at its commit
    entry = {"step": "propose", "actor": "s-wu", "from": "investigating", "to": "decision_proposed"}
    [verdict] = judge(policy, Step.entry(entry), state="investigating", history=[],
                      case={"investigator": "s-zhou"})
    assert (verdict.code("workflow"), verdict.code("validate"), verdict.code("verify")) == \
        ("W104", None, "T114")
