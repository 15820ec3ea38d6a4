"""The three presets: each loads, validates, and walks a case end to end on real signed
commits, which `complaints verify` accepts; iso17025-lab is the default policy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from complaints.load.policy import check_policy
from complaints.load.presets import preset_names, preset_path
from complaints.load.safeyaml import load_file
from complaints.workflow.org import create_org_repo
from testing.cli import REPO
from testing.org import Org, git, hermetic
from tests.procedure.helpers import PRESETS

NAMES = ("cn-samr", "iso17025-lab", "uk-fca")


@pytest.fixture
def org_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    hermetic(monkeypatch, tmp_path)
    monkeypatch.setenv("COMPLAINTS_REGISTER", str(tmp_path / "private" / "register.yaml"))

    def make(name: str) -> Org:
        repo = create_org_repo(tmp_path / name, tmp_path / f"{name}-keys", policy=PRESETS / f"{name}.yml")
        git(repo.root, "config", "gpg.ssh.allowedSignersFile", str(repo.root / "allowed_signers"))
        monkeypatch.chdir(repo.root)
        return Org(repo, tmp_path / "private" / "register.yaml")

    yield make


def walk(org: Org, opening: tuple[str, ...], steps: list[tuple[str, ...]]) -> dict[str, object]:
    """intake as opening[0], then each (actor, verb, at, args...) step; the case at the end."""
    org.act(opening[0])
    out = org.cli("new", "--no-input", "--title", "Walked end to end", "--summary", "A preset's walk.",
                  *opening[1:]).output
    case_id = out.split(":")[0].strip()
    for actor, verb, at, *args in steps:
        org.act(actor)
        org.cli(verb, case_id, "--at", at, *args)
    org.cli("validate", "--no-cache")
    org.cli("verify", "--no-cache")
    data: dict[str, object] = yaml.safe_load(org.case(case_id).read_text("utf-8"))
    return data


def due_items(org: Org, case: dict[str, object], today: str) -> list[dict[str, object]]:
    """What `complaints due` lists for the case on that day, looking a year ahead (exit 0: none overdue)."""
    result = org.cli("due", "--today", today, "--format", "json", "--within", "400")
    return [i for i in json.loads(result.stdout)["items"] if i["case"] == case["id"]]


@pytest.mark.parametrize("name", NAMES)
def test_preset_loads_and_cites_its_sources(name: str) -> None:
    path = PRESETS / f"{name}.yml"
    policy, problems = check_policy(path)
    assert problems == [] and policy is not None
    text = path.read_text("utf-8")
    assert "Sources" in text and "Confirmed (" in text and "Not confirmed" in text
    assert policy.calendar.country in ("CN", "GB")


def test_the_package_lists_its_presets() -> None:
    assert preset_names() == list(NAMES)
    assert preset_path("uk-fca") == PRESETS / "uk-fca.yml" and preset_path("../complaints") is None


def test_iso17025_lab_is_the_default_policy() -> None:
    preset, default = load_file(PRESETS / "iso17025-lab.yml").data, load_file(REPO / "complaints.yml").data
    assert preset == default


def test_iso17025_lab_walk_with_pause_and_actions(org_for: object) -> None:
    org = org_for("iso17025-lab")  # type: ignore[operator]
    actions = "[{id: A-2026-001, kind: corrective, description: Recalibrate the balance, state: open}]"
    case = walk(org, ("s-zhao", "--channel", "email", "--category", "report", "--severity", "minor",
                      "--received", "2026-11-02T09:00:00+08:00"), [
        ("s-zhao", "acknowledge", "2026-11-02T10:00:00+08:00"),
        ("s-sun", "accept", "2026-11-03T10:00:00+08:00"),
        ("s-sun", "assign", "2026-11-03T11:00:00+08:00", "--investigator", "s-zhou"),
        ("s-zhou", "request_materials", "2026-11-04T10:00:00+08:00", "--note", "Asked for the sample photos."),
        ("s-zhou", "resume", "2026-11-10T10:00:00+08:00"),
        ("s-zhou", "propose", "2026-11-11T10:00:00+08:00", "--finding", "upheld", "--remedies", "retest",
         "--rationale", "The balance drifted.", "--actions", actions),
        ("s-li", "approve", "2026-11-12T10:00:00+08:00"),
        ("s-zhao", "respond", "2026-11-13T10:00:00+08:00", "--channel", "email", "--summary", "Retested."),
        ("s-zhao", "close", "2026-11-14T10:00:00+08:00", "--accepted", "yes", "--score", "4"),
        ("s-sun", "complete_action", "2026-11-20T10:00:00+08:00", "--action", "A-2026-001"),
        ("s-sun", "verify_action", "2026-11-25T10:00:00+08:00", "--action", "A-2026-001"),
    ])
    assert case["status"] == "closed"
    assert case["actions"] == [{"id": "A-2026-001", "kind": "corrective", "description": "Recalibrate the balance",
                                "state": "verified"}]
    same = [e for e in case["history"] if e["step"] in ("complete_action", "verify_action")]  # type: ignore[attr-defined]
    assert [(e["from"], e["to"], e["action"]) for e in same] == [("closed", "closed", "A-2026-001")] * 2
    shown = " ".join(org.cli("show", str(case["id"]), "--lang", "en").output.split())
    assert "Resolution due 2027-01-07, met" in shown and "paused 6 days" in shown  # 60 days + 6 held
    refused = org.cli("verify_action", str(case["id"]), "--action", "A-2026-001", ok=False)
    assert refused.exit_code == 1 and "W102" in refused.output


def test_cn_samr_walk_with_testing_and_a_merged_repeat(org_for: object) -> None:
    org = org_for("cn-samr")  # type: ignore[operator]
    case = walk(org, ("s-intake", "--channel", "hotline_12315", "--category", "quality", "--severity", "minor",
                      "--received", "2026-09-01T09:00:00+08:00"), [
        ("s-lead", "accept", "2026-09-02T10:00:00+08:00"),
        ("s-handler", "mediate", "2026-09-03T10:00:00+08:00", "--investigator", "s-handler"),
        ("s-handler", "start_testing", "2026-09-04T10:00:00+08:00", "--note", "Sent to the testing institute."),
        ("s-handler", "resume", "2026-09-24T10:00:00+08:00"),
        ("s-lead", "merge_repeat", "2026-10-09T10:00:00+08:00", "--note", "A second complaint with new facts."),
        ("s-handler", "agree", "2026-11-20T10:00:00+08:00", "--finding", "agreed", "--remedies", "refund",
         "--summary", "Refund agreed.", "--channel", "hotline_12315"),
    ])
    assert case["status"] == "agreed"
    assert org.cli("due", "--today", "2026-11-30").exit_code == 0
    shown = " ".join(org.cli("show", str(case["id"]), "--lang", "en").output.split())
    # restarted on 9 October: 60 days to 8 December, earlier testing no longer counts
    assert "Mediation due 2026-12-08, met" in shown and "paused" not in shown


def test_uk_fca_walk_to_a_final_response(org_for: object) -> None:
    org = org_for("uk-fca")  # type: ignore[operator]
    case = walk(org, ("s-handler", "--channel", "email", "--category", "charges", "--severity", "minor",
                      "--received", "2026-10-22T09:00:00+01:00"), [
        ("s-manager", "assign", "2026-10-23T10:00:00+01:00", "--investigator", "s-analyst"),
        ("s-analyst", "propose", "2026-11-02T10:00:00+00:00", "--finding", "upheld", "--remedies", "refund",
         "--rationale", "The fee was charged twice."),
        ("s-manager", "approve", "2026-11-03T10:00:00+00:00"),
        ("s-handler", "final_response", "2026-11-04T10:00:00+00:00", "--channel", "email",
         "--summary", "We refund the fee; you may refer this to the Financial Ombudsman within six months."),
    ])
    assert case["status"] == "final_response"
    shown = " ".join(org.cli("show", str(case["id"]), "--lang", "en").output.split())
    assert "Summary resolution window due 2026-10-27, met" in shown  # three business days, moved on in time
    assert "Final response due 2026-12-17, met" in shown  # 8 weeks
    assert "Ombudsman referral window due 2027-05-04, running" in shown  # 6 months, the complainant's
    assert due_items(org, case, "2026-11-30") == []  # nothing left for the firm to do
