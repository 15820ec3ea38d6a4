"""`complaints log`: roles from the policy in force, renumbered cases followed back."""

from __future__ import annotations

from test_forgery import edit_policy
from test_renumber import NEW, OLD, renumber

from complaints.audit.caselog import case_log
from testing.trail import Trail


def test_role_is_the_one_in_force_at_each_commit(trail: Trail) -> None:
    trail.step(OLD, "acknowledge", "s-zhao")
    edit_policy(trail, "    to: acknowledged\n    role: intake\n",
                "    to: acknowledged\n    role: quality_lead\n")
    steps = case_log(trail.root, OLD).steps
    assert [(s.step, s.role) for s in steps] == [("intake", "intake"), ("acknowledge", "intake")]


def test_log_follows_a_renumbered_case_back(trail: Trail) -> None:
    first = trail.git.out("rev-parse", "HEAD")
    trail.step(OLD, "acknowledge", "s-zhao")
    moved = renumber(trail)
    trail.step(NEW, "accept", "s-sun")
    steps = case_log(trail.root, NEW).steps
    assert [s.step for s in steps] == ["intake", "acknowledge", "renumber", "accept"]
    assert steps[0].commit == first and steps[2].commit == moved
    assert (steps[2].from_state, steps[2].to, steps[2].actor) == (OLD, NEW, "s-zhao")
    assert {s.signature for s in steps} == {"good"}
