"""The demo data set covers the whole workflow of the policy.

The demo cases are the product's first impression and the site's sample data,
so their coverage is a claim worth guarding: every expectation here is derived
from complaints.yml (and the case schema), so a policy change that adds a
state, step, ground or deadline fails until the demo data shows it too.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import cache
from typing import Any

import pytest

from complaints.load.policy import Policy, load_policy
from complaints.load.records import all_values
from complaints.load.safeyaml import load_file
from complaints.load.schemas import schema
from complaints.procedure.clock import clocks
from testing.cli import REPO

CASES = REPO / "cases"
TODAY = date(2026, 11, 30)  # the demo's "today": the data set is frozen at this date
MIN_CASES = 40


@cache
def policy() -> Policy:
    return load_policy(REPO)


@cache
def demo() -> dict[str, dict[str, Any]]:
    """Every demo case by id."""
    cases = {}
    for path in sorted(CASES.glob("*/*.yaml")):
        data = load_file(path).data
        cases[data["id"]] = data
    return cases


def steps(case: dict[str, Any]) -> list[str]:
    return [entry["step"] for entry in case["history"]]


def follows(case: dict[str, Any], *names: str) -> bool:
    """The history takes these steps in this order (other steps may come between)."""
    remaining = iter(steps(case))
    return all(name in remaining for name in names)


def with_steps(*names: str) -> list[str]:
    return [cid for cid, case in demo().items() if follows(case, *names)]


def enum(*pointer: str) -> set[Any]:
    """The allowed values of a field, read from the case schema."""
    node: dict[str, Any] = schema("case")
    for key in pointer:
        node = node[key]
    return set(node["enum"])


def test_enough_cases_in_both_years_in_id_order() -> None:
    cases = demo()
    assert len(cases) >= MIN_CASES
    years = Counter(cid.split("-")[1] for cid in cases)
    assert set(years) >= {"2025", "2026"}
    for year, count in years.items():
        ids = sorted(cid for cid in cases if cid.split("-")[1] == year)
        assert ids == [f"C-{year}-{n:04d}" for n in range(1, count + 1)]
        received = [cases[cid]["received"] for cid in ids]
        assert received == sorted(received), f"{year}: ids not in order of receipt"


def test_received_dates_spread_over_eighteen_months() -> None:
    months = {case["received"][:7] for case in demo().values()}
    assert min(months) <= "2025-06" and max(months) >= "2026-11"
    assert len(months) >= 15


def test_both_languages_with_chinese_the_majority() -> None:
    languages = Counter(case.get("language") for case in demo().values())
    assert set(languages) == {"zh", "en"}
    assert languages["zh"] > languages["en"]


def test_every_state_is_reached() -> None:
    reached = {entry["to"] for case in demo().values() for entry in case["history"]}
    assert reached == set(policy().states)


def test_every_state_is_some_case_s_current_status() -> None:
    """Open cases too: the site shows a case waiting in each state."""
    assert {case["status"] for case in demo().values()} == set(policy().states)


def test_every_transition_is_taken() -> None:
    taken = {name for case in demo().values() for name in steps(case)}
    assert taken >= set(policy().transitions)


@pytest.mark.parametrize("kind", ["channels", "categories", "findings", "decline_grounds"])
def test_every_code_is_used(kind: str) -> None:
    field = {"channels": "channel", "categories": "category",
             "findings": "decision.finding", "decline_grounds": "decline.ground"}[kind]
    used = {value for case in demo().values() for _, value in all_values(case, field)}
    assert used >= set(policy().codes[kind])


def test_duplicates_point_at_an_earlier_case() -> None:
    cases = demo()
    duplicates = [c for c in cases.values() if c.get("decline", {}).get("ground") == "duplicate"]
    assert duplicates
    for case in duplicates:
        earlier = cases[case["decline"]["duplicate_of"]]
        assert earlier["received"] < case["received"]
        # Linked in public only by duplicate_of: each case has a reference of its own.
        assert earlier["complainant"] != case["complainant"]


def test_withdrawn_at_several_stages() -> None:
    withdraw = policy().transitions["withdraw"]
    stages = {e["from"] for c in demo().values() for e in c["history"] if e["step"] == "withdraw"}
    assert stages <= withdraw.sources
    assert len(stages) >= 3


def test_branches_run_to_their_end() -> None:
    """Sent back then proposed again; reopened then closed again; appeals decided and closed."""
    assert with_steps("send_back", "propose", "approve")
    assert with_steps("close", "reopen", "propose", "approve", "respond", "close")
    outcomes = enum("properties", "appeals", "items", "properties", "outcome")
    for outcome in outcomes:
        assert [cid for cid in with_steps("appeal", "review", "respond", "close")
                if demo()[cid]["appeals"][-1]["outcome"] == outcome], outcome
    appealed_from = {e["from"] for c in demo().values() for e in c["history"] if e["step"] == "appeal"}
    assert appealed_from == policy().transitions["appeal"].sources


def test_major_complaints_are_approved_by_the_director() -> None:
    p = policy()
    role = p.major_approval_role
    assert role is not None
    majors = [c for c in demo().values() if c["severity"] == "major" and "approve" in steps(c)]
    assert len(majors) >= 2
    for case in majors:
        approvers = [e["actor"] for e in case["history"] if e["step"] == "approve"]
        assert all(p.holds(actor, role) for actor in approvers), case["id"]


def test_recusal_is_exercised() -> None:
    """Staff named in a subject who could otherwise investigate or decide."""
    p = policy()
    deciding = {t.role for t in p.transitions.values() if t.recusal}
    named = {s for c in demo().values() for s in c.get("subject", {}).get("staff", [])}
    assert any(p.holds(s, role) for s in named for role in deciding)


def test_satisfaction_both_ways_and_every_score() -> None:
    answers = [a for c in demo().values() for a in c.get("satisfaction", [])]
    assert {a["accepted"] for a in answers} == {True, False}
    score = schema("case")["properties"]["satisfaction"]["items"]["properties"]["score"]
    assert {a["score"] for a in answers} == set(range(score["minimum"], score["maximum"] + 1))


def test_actions_in_every_state_with_unique_ids() -> None:
    actions = [a for c in demo().values() for a in c.get("actions", [])]
    item = ("properties", "actions", "items", "properties")
    assert {a["state"] for a in actions} == enum(*item, "state")
    assert {a["kind"] for a in actions} == enum(*item, "kind")
    ids = [a["id"] for a in actions]
    assert len(ids) == len(set(ids))


def test_imported_cases_fully_and_partly() -> None:
    imported = [c for c in demo().values() if c.get("imported")]
    flags = [[bool(e.get("imported")) for e in c["history"]] for c in imported]
    assert any(all(f) for f in flags), "a case imported whole"
    assert any(f[0] and not all(f) for f in flags), "a case imported and continued"
    for f in flags:  # imported steps come first: the trail continues an import
        assert f == sorted(f, reverse=True)


@pytest.mark.parametrize("name", sorted(load_policy(REPO).deadlines))
def test_each_deadline_both_met_and_missed(name: str) -> None:
    outcomes = Counter(
        clock.outcome for case in demo().values()
        for clock in clocks(case, policy(), TODAY) if clock.name == name
    )
    assert outcomes["met"] and outcomes["missed"], outcomes


def test_complainants_are_opaque_and_distinct() -> None:
    """A reference per case: the public record links no complainant's cases (P108)."""
    refs = Counter(case["complainant"] for case in demo().values())
    assert all(re.fullmatch(r"R-[0-9A-Z]{6,12}", ref) for ref in refs)
    assert max(refs.values()) == 1
