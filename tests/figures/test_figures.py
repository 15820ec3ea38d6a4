"""The published figures against their written definitions, on a hand-made set of traps.

Each case below is one trap the definitions must get right: a proposal never
approved, a send-back, an appeal withdrawn under review, a reopened case, an
appeal that revised the decision, a declined complaint, and periods that have
ended. Expected values are worked out by hand in the comments; a second check
recomputes the upheld shares naively from the records; perturbation tests show
that what must not move a figure does not move it.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from complaints.figures.compute import compute
from complaints.figures.definitions import DEFINITIONS
from complaints.load.policy import Policy, load_policy
from testing.site import PROJECT

TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy(PROJECT)


def _case(cid: str, steps: list[tuple[str, str, str, str]], **records: Any) -> dict[str, Any]:
    """steps: (day, step, actor, to); times at 10:00 in the organization's zone (+08:00)."""
    history, previous = [], None
    for day, step, actor, to in steps:
        entry = {"at": f"{day}T10:00:00+08:00", "step": step, "to": to, "actor": actor}
        if previous:
            entry["from"] = previous
        history.append(entry)
        previous = to
    return {"id": cid, "title": "Trap", "received": history[0]["at"], "channel": "email",
            "category": "report", "severity": "minor", "kind": "complaint", "summary": "x",
            "complainant": "R-AAAAAA", "status": previous, "history": history, **records}


def at(day: str) -> str:
    return f"{day}T10:00:00+08:00"


OPEN = [("intake", "s-zhao", "received"), ("acknowledge", "s-zhao", "acknowledged"),
        ("accept", "s-sun", "accepted"), ("assign", "s-sun", "investigating")]


def _open(days: list[str]) -> list[tuple[str, str, str, str]]:
    return [(d, s, a, to) for d, (s, a, to) in zip(days, OPEN, strict=False)]


def traps() -> list[dict[str, Any]]:
    d1 = {"finding": "not_upheld", "remedies": ["explanation"], "proposed": at("2025-03-10"),
          "decided": at("2025-03-11")}
    return [
        # A: proposed, never approved: no finding counts; still open.
        _case("C-2026-0001", [*_open(["2026-02-02", "2026-02-02", "2026-02-03", "2026-02-03"]),
                              ("2026-02-10", "propose", "s-wu", "decision_proposed")],
              decisions=[{"finding": "upheld", "proposed": at("2026-02-10")}]),
        # B: sent back (its upheld proposal no longer stands), proposed again, approved
        # not upheld, answered and closed in 2026-H1 after 24 days.
        _case("C-2026-0002", [*_open(["2026-03-02", "2026-03-02", "2026-03-03", "2026-03-03"]),
                              ("2026-03-10", "propose", "s-wu", "decision_proposed"),
                              ("2026-03-11", "send_back", "s-li", "investigating"),
                              ("2026-03-20", "propose", "s-wu", "decision_proposed"),
                              ("2026-03-21", "approve", "s-li", "decided"),
                              ("2026-03-23", "respond", "s-zhao", "responded"),
                              ("2026-03-26", "close", "s-zhao", "closed")],
              decisions=[{"finding": "upheld", "proposed": at("2026-03-10"), "sent_back": at("2026-03-11")},
                         {"finding": "not_upheld", "proposed": at("2026-03-20"), "decided": at("2026-03-21")}],
              satisfaction=[{"accepted": True, "score": 4, "answered": at("2026-03-26")}]),
        # C: closed 2025-03-20 not upheld, appealed 2025-04-01 and revised to upheld
        # 2025-04-10, closed again 2025-04-15. First decision: not upheld; final: upheld.
        _case("C-2025-0001", [*_open(["2025-03-03", "2025-03-03", "2025-03-04", "2025-03-04"]),
                              ("2025-03-10", "propose", "s-wu", "decision_proposed"),
                              ("2025-03-11", "approve", "s-li", "decided"),
                              ("2025-03-12", "respond", "s-zhao", "responded"),
                              ("2025-03-20", "close", "s-zhao", "closed"),
                              ("2025-04-01", "appeal", "s-zhao", "under_review"),
                              ("2025-04-10", "review", "s-wang", "decided"),
                              ("2025-04-11", "respond", "s-zhao", "responded"),
                              ("2025-04-15", "close", "s-zhao", "closed")],
              decisions=[d1, {"finding": "upheld", "decided": at("2025-04-10")}],
              appeals=[{"lodged": at("2025-04-01"), "grounds": "g", "outcome": "revised",
                        "reviewed": at("2025-04-10")}],
              satisfaction=[{"accepted": False, "score": 1, "answered": at("2025-03-20")},
                            {"accepted": True, "score": 5, "answered": at("2025-04-15")}]),
        # D: appeal withdrawn under review: the appeal is withdrawn, not pending; the case
        # ended without a decision standing... its decision stands, but it ended withdrawn.
        _case("C-2026-0003", [*_open(["2026-04-01", "2026-04-01", "2026-04-02", "2026-04-02"]),
                              ("2026-04-08", "propose", "s-wu", "decision_proposed"),
                              ("2026-04-09", "approve", "s-li", "decided"),
                              ("2026-04-10", "respond", "s-zhao", "responded"),
                              ("2026-04-20", "appeal", "s-zhao", "under_review"),
                              ("2026-04-25", "withdraw", "s-zhao", "withdrawn")],
              decisions=[{"finding": "partly_upheld", "decided": at("2026-04-09")}],
              appeals=[{"lodged": at("2026-04-20"), "grounds": "g"}]),
        # E: declined in 2026-H2: ended without a decision, never "closed".
        _case("C-2026-0004", [("2026-07-01", "intake", "s-zhao", "received"),
                              ("2026-07-02", "decline", "s-sun", "not_accepted")],
              decline={"ground": "out_of_scope"}),
        # F: closed 2025-06-20 (upheld), reopened 2025-07-05 and closed again 2025-09-01
        # (upheld, final response 2025-08-28, 178 days... no: 2025-06-02 -> 2025-09-01 = 91 days).
        _case("C-2025-0002", [*_open(["2025-06-02", "2025-06-02", "2025-06-03", "2025-06-03"]),
                              ("2025-06-10", "propose", "s-wu", "decision_proposed"),
                              ("2025-06-11", "approve", "s-li", "decided"),
                              ("2025-06-12", "respond", "s-zhao", "responded"),
                              ("2025-06-20", "close", "s-zhao", "closed"),
                              ("2025-07-05", "reopen", "s-sun", "investigating"),
                              ("2025-08-20", "propose", "s-wu", "decision_proposed"),
                              ("2025-08-21", "approve", "s-li", "decided"),
                              ("2025-08-28", "respond", "s-zhao", "responded"),
                              ("2025-09-01", "close", "s-zhao", "closed")],
              decisions=[{"finding": "upheld", "decided": at("2025-06-11")},
                         {"finding": "upheld", "decided": at("2025-08-21")}]),
    ]


@pytest.fixture(scope="module")
def stats(policy: Policy) -> dict[str, Any]:
    return compute(traps(), policy, TODAY)


def half(stats: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in stats["periods"] if p["period"]["name"] == name)


def test_only_decided_findings_count(stats: dict[str, Any]) -> None:
    g = stats["years"]["2026"]
    # closed after handling in 2026: only B (A is open, D withdrawn, E declined)
    assert g["closed"] == 1
    # B's sent-back "upheld" proposal and A's unapproved one are not findings
    assert g["upheld_first"] == 0 and g["upheld_final"] == 0 and g["upheld_final_share"] == 0.0
    assert g["findings"]["final"]["not_upheld"] == 1 and g["findings"]["final"]["upheld"] == 0


def test_first_and_final_decision_after_appeal(stats: dict[str, Any]) -> None:
    g = stats["years"]["2025"]
    # closed in 2025: C (closed again 04-15) and F (closed again 09-01)
    assert g["closed"] == 2
    # first decisions: C not upheld, F upheld -> 1 of 2; final: both upheld
    assert (g["upheld_first"], g["upheld_first_share"]) == (1, 0.5)
    assert (g["upheld_final"], g["upheld_final_share"]) == (2, 1.0)
    assert g["appeals"] == {"lodged": 1, "revised": 1, "original_upheld": 0, "withdrawn": 0,
                            "pending": 0}


def test_withdrawn_appeal_is_not_pending(stats: dict[str, Any]) -> None:
    ap = stats["years"]["2026"]["appeals"]
    assert ap["withdrawn"] == 1 and ap["pending"] == 0


def test_ended_without_decision_counted_apart(stats: dict[str, Any]) -> None:
    h2 = half(stats, "2026-H2")
    assert h2["closed"] == 0
    assert h2["ended_without_decision"]["by_state"]["not_accepted"] == 1
    h1 = half(stats, "2026-H1")
    # B closed; D withdrawn (not closed, although its decision was made)
    assert h1["closed"] == 1 and h1["ended_without_decision"]["by_state"]["withdrawn"] == 1
    assert h1["median_days_to_close"] == 24.0  # 2026-03-02 -> 2026-03-26


def test_reopened_case_counts_by_its_final_closing(stats: dict[str, Any]) -> None:
    h1, h2 = half(stats, "2025-H1"), half(stats, "2025-H2")
    # As at 2025-06-30, F stood closed (closed 06-20): it counts in H1, frozen there.
    assert h1["closed"] == 2 and h1["reopenings"] == 0
    # In H2 it was reopened and closed again 09-01, 91 days after receipt.
    assert h2["closed"] == 1 and h2["reopenings"] == 1 and h2["median_days_to_close"] == 91.0
    # Its final response came 87 days after receipt, past the 60-day resolution limit.
    assert h2["closed_within_deadline"] == 0


def test_ended_period_is_final_and_current_is_provisional(stats: dict[str, Any]) -> None:
    assert stats["years"]["2025"]["period"]["final"] is True
    assert stats["years"]["2026"]["period"]["final"] is False
    assert half(stats, "2026-H1")["period"]["final"] is True


def test_past_periods_do_not_move_with_the_build_date(policy: Policy) -> None:
    before = compute(traps(), policy, TODAY)
    later = compute(traps(), policy, date(2027, 6, 1))
    assert later["years"]["2025"] == before["years"]["2025"]
    assert [p for p in later["periods"] if p["period"]["final"] and p["period"]["name"] < "2026-H2"] \
        == [p for p in before["periods"] if p["period"]["final"]]


def test_later_steps_do_not_move_a_past_period(policy: Policy) -> None:
    """Perturbation: reopening C in 2026 changes 2026, never 2025's final figures."""
    cases = traps()
    before = compute(cases, policy, TODAY)
    moved = copy.deepcopy(cases)
    c = next(x for x in moved if x["id"] == "C-2025-0001")
    c["history"].append({"at": at("2026-05-05"), "step": "reopen", "from": "closed",
                         "to": "investigating", "actor": "s-sun"})
    c["status"] = "investigating"
    after = compute(moved, policy, TODAY)
    assert after["years"]["2025"] == before["years"]["2025"]
    assert after["years"]["2026"]["reopenings"] == before["years"]["2026"]["reopenings"] + 1


def test_a_proposal_does_not_move_the_upheld_share(policy: Policy) -> None:
    """Perturbation: a new proposal on an open case moves no finding figure."""
    cases = traps()
    before = compute(cases, policy, TODAY)["years"]["2026"]
    moved = copy.deepcopy(cases)
    a = next(x for x in moved if x["id"] == "C-2026-0001")
    a["decisions"][0]["finding"] = "not_upheld"
    after = compute(moved, policy, TODAY)["years"]["2026"]
    for name in ("upheld_first", "upheld_final", "findings", "closed"):
        assert after[name] == before[name], name


def test_naive_recomputation_of_upheld_shares(stats: dict[str, Any]) -> None:
    """Closed after handling in the year as the files stand today (no reopening after the
    year ended in this set), first and last decided finding, straight from the records."""
    for year in ("2025", "2026"):
        closed = [c for c in traps() if c["status"] == "closed"
                  and c["history"][-1]["at"].startswith(year)]
        first = [next(d for d in c["decisions"] if "decided" in d)["finding"] for c in closed]
        final = [[d for d in c["decisions"] if "decided" in d][-1]["finding"] for c in closed]
        g = stats["years"][year]
        assert g["upheld_first"] == sum(f in ("upheld", "partly_upheld") for f in first)
        assert g["upheld_final"] == sum(f in ("upheld", "partly_upheld") for f in final)


def test_every_published_figure_has_a_definition(stats: dict[str, Any]) -> None:
    g = stats["years"]["2025"]
    shown = {k.removesuffix("_share") for k in g} - {"period", "main_causes", "by_status"}
    assert shown <= set(DEFINITIONS), shown - set(DEFINITIONS)
    for d in DEFINITIONS.values():
        for lang in ("zh", "en"):
            assert d.population[lang] and d.counts[lang] and d.basis[lang]


@pytest.mark.parametrize(("part", "whole", "shown"), [(5, 8, 0.625), (31, 33, 0.939), (2, 3, 0.667),
                                                      (1, 8, 0.125)])
def test_one_rounding_rule(part: int, whole: int, shown: float) -> None:
    from complaints.figures.compute import share
    assert share(part, whole) == shown


def test_the_stats_schema_carries_the_definitions() -> None:
    from complaints.figures.schema import stats_schema_text
    from testing.site import PROJECT
    on_disk = (PROJECT / "schema" / "opendata-stats.schema.json").read_text("utf-8")
    assert on_disk == stats_schema_text(), "run python -m complaints.figures.schema > schema/..."
    for name in ("closed", "upheld_final", "closed_within_3_working_days"):
        assert DEFINITIONS[name].text("en") in on_disk


def test_list_and_site_count_days_alike(policy: Policy) -> None:
    """`complaints list` and the site's case index give every demo case the same day count."""
    from datetime import datetime

    from complaints.desk.cases import days
    from complaints.figures.view import Facts
    from complaints.load.safeyaml import load_file
    from complaints.procedure.clock import offset
    from testing.site import PROJECT
    today = datetime.now(offset(policy)).date()
    for path in sorted((PROJECT / "cases").rglob("*.yaml")):
        case = load_file(path).data
        end = case["history"][-1]["at"] if case["status"] in policy.terminal else None
        assert days(case["received"], end, policy) == Facts(case, policy, today).days(), case["id"]


def test_hand_worked_remaining_figures_of_2025(stats: dict[str, Any]) -> None:
    g = stats["years"]["2025"]
    # received in 2025: C and F, both about reports, by e-mail
    assert g["received"] == 2 and g["by_category"]["report"] == 2 and g["by_channel"]["email"] == 2
    assert g["main_causes"] == [{"category": "report", "count": 2}]
    # answers recorded in 2025: C's two (03-20 not accepted, score 1; 04-15 accepted, score 5)
    sat = g["satisfaction"]
    assert (sat["answers"], sat["accepted"], sat["accepted_share"], sat["mean_score"]) == (2, 1, 0.5, 3.0)
    # both closings took weeks: none within 3 working days
    assert g["closed_within_3_working_days"] == 0 and g["closed_within_3_working_days_share"] == 0.0
    # acknowledged the day each was received: both acknowledgement clocks met, none missed
    ack = g["clocks"]["acknowledge"]
    assert (ack["met"], ack["missed"], ack["overdue"], ack["on_time_share"]) == (2, 0, 0, 1.0)
    assert g["open_at_end"] == 0 and g["ended_without_decision"]["total"] == 0
