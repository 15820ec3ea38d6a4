"""Taking a case a few steps through any preset's workflow, as its staff would.

The preset decides the steps, roles and fields; this asks `complaints next`
as each member in turn and takes the first open step, filling what it requires
with a valid value (a code of the policy, a member for a staff field, text).
"""

from __future__ import annotations

import json
from typing import Any

from complaints.load.policy import Policy
from complaints.workflow.apply import choices, field_schema
from tests.org.conftest import NewOrg

TEXT = "The retest agreed with the first result within the stated uncertainty."


def value(policy: Policy, dotted: str, t_role: str) -> str:
    found = choices(policy, dotted)
    node = field_schema(dotted)
    if found and node.get("pattern", "").startswith("^s-"):
        role = dotted.rsplit(".", 1)[-1]  # investigator: someone holding that role
        holders = [s for s in found if role in policy.staff[s].roles]
        return (holders or found)[0]
    if found:
        return found[0]
    kind = node.get("type")
    if kind == "boolean":
        return "yes"
    if kind == "integer":
        return str(node.get("minimum", 1))
    return TEXT


def take_steps(org: NewOrg, policy: Policy, case: str, count: int) -> list[tuple[str, str]]:
    """(step, actor) of each step taken; each by whoever `next` says may take one."""
    taken: list[tuple[str, str]] = []
    for _ in range(count):
        for member in policy.staff:
            org.act(member)
            plan: dict[str, Any] = json.loads(org.cli("next", case, "--format", "json").output)
            open_steps = [s for s in plan["steps"] if s["open"]
                          and plan["status"] in policy.transitions[s["step"]].sources
                          and policy.transitions[s["step"]].target not in policy.terminal]
            if open_steps:
                step = open_steps[0]
                t = policy.transitions[step["step"]]
                args = []
                for dotted in step["requires"]:
                    args += ["--set", f"{dotted}={value(policy, dotted, t.role)}"] \
                        if dotted != "note" else ["--note", "A public note."]
                org.cli("step", case, t.name, "--no-input", *args)
                taken.append((t.name, member))
                break
        else:
            raise AssertionError(f"no member may take a step on {case} now: {plan}")
    return taken
