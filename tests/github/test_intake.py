"""Complaint intake by issue form, driven by recorded `issues` events: the privacy gate first,
redaction and a reply on personal data, else a prepared file that an intake officer turns
into the signed intake step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from apidouble import Double
from ruamel.yaml import YAML

from complaints.github.form import REMOVED, REMOVED_TITLE
from testing.org import Org

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "github"


def event(name: str) -> str:
    return str(FIXTURES / f"{name}.json")


def prepared(org: Org, name: str, tmp_path: Path) -> dict[str, object]:
    out = tmp_path / "intake.yaml"
    org.cli("intake", "from-issue", event(name), "--out", str(out))
    data: dict[str, object] = YAML(typ="safe").load(out.read_text("utf-8"))
    return data


def test_clean_form_becomes_intake_fields(org: Org, tmp_path: Path) -> None:
    data = prepared(org, "issues-opened-clean", tmp_path)
    assert data == {
        "title": "Lead result in our report doubled on retest", "channel": "web", "category": "report",
        "summary": "Report R-2026-118 gave a lead value of 0.8 mg/kg for our toy sample.\n"
                   "Our own supplier's lab measured 0.4 mg/kg on the same batch.\n",
        "remedy_sought": "A retest of the retained sample and a corrected report if the value was wrong.",
        "severity": "minor", "received": "2026-12-02T09:15:42+08:00"}


def test_unanswered_optional_field_is_left_out(org: Org, tmp_path: Path) -> None:
    data = prepared(org, "issues-opened-clean-zh", tmp_path)
    assert "remedy_sought" not in data and data["channel"] == "email" and data["category"] == "procedure"
    assert data["received"] == "2026-12-01T07:05:00+08:00"  # filed 23:05 UTC: the next day here


def test_prepared_file_becomes_a_signed_intake_step(org: Org, tmp_path: Path) -> None:
    """No key in CI: the intake officer registers the prepared file, one signed commit."""
    out = tmp_path / "intake.yaml"
    org.cli("intake", "from-issue", event("issues-opened-clean"), "--out", str(out))
    org.act("s-zhao")
    case_id = org.cli("new", "--no-input", "--from", str(out)).output.split(":")[0]
    case = YAML(typ="safe").load(org.case(case_id).read_text("utf-8"))
    assert case["title"] == "Lead result in our report doubled on retest"
    assert case["received"] == "2026-12-02T09:15:42+08:00"
    assert case["history"][0]["actor"] == "s-zhao"
    assert org.git("log", "-1", "--format=%G? %GS").split() == ["G", "s-zhao"]
    org.cli("verify")


def test_clean_form_reply_holds_the_prepared_file(org: Org, github: Double) -> None:
    github.add(12, "Complaint: Lead result in our report doubled on retest", "...", ["complaint"])
    org.cli("intake", "from-issue", event("issues-opened-clean"), "--reply")
    assert [(m, p) for m, p, _ in github.writes()] == [
        ("POST", "/repos/example-lab/complaints/issues/12/comments"),
        ("POST", "/repos/example-lab/complaints/issues/12/labels")]
    reply = github.comments[12][0]
    assert "passed our privacy check" in reply and "category: report" in reply
    assert "intake-ready" in [x["name"] for x in github.issues[12]["labels"]]


def test_personal_data_is_refused_redacted_and_explained(org: Org, github: Double, tmp_path: Path) -> None:
    recorded = json.loads(Path(event("issues-opened-phone")).read_text("utf-8"))["issue"]
    github.add(14, recorded["title"], recorded["body"], ["complaint"])
    out = tmp_path / "intake.yaml"
    result = org.cli("intake", "from-issue", event("issues-opened-phone"), "--reply", "--out", str(out), ok=False)
    assert result.exit_code == 1
    assert "P101" in result.output and "P104" in result.output
    assert "138 0013 8000" not in result.output and "someone@example.com" not in result.output
    assert not out.exists()  # nothing prepared from text that held personal data
    body = github.issues[14]["body"]
    assert "138 0013 8000" not in body and "someone@example.com" not in body and REMOVED in body
    assert "The sample bag was also torn when returned." in body  # the rest of the complaint stays
    assert "I sent a sample on 3 November" in body
    assert github.issues[14]["title"] == recorded["title"]  # the title held nothing
    reply = github.comments[14][0]
    assert "What happened" in reply and "phone number" in reply and "e-mail address" in reply
    assert "0013" not in reply and "example.com" not in reply  # not even masked
    assert [x["name"] for x in github.issues[14]["labels"]] == ["complaint", "personal-data-removed"]
    methods = [m for m, _, _ in github.writes()]
    assert methods == ["PATCH", "POST", "POST"]  # redact first, then reply and label


def test_id_number_in_the_title_replaces_the_title(org: Org, github: Double) -> None:
    github.add(15, "Complaint: report for 11010519491231002X is wrong", "x", ["complaint"])
    result = org.cli("intake", "from-issue", event("issues-opened-id-in-title"), "--reply", ok=False)
    assert "P102" in result.output and "in the issue title" in result.output
    assert github.issues[15]["title"] == REMOVED_TITLE
    assert "11010519491231002X" not in json.dumps(github.issues[15])


def test_incomplete_form_gets_a_reply_saying_what_is_missing(org: Org, github: Double) -> None:
    github.add(16, "Complaint: ", "x", ["complaint"])
    result = org.cli("intake", "from-issue", event("issues-edited-unticked"), "--reply", ok=False)
    assert result.exit_code == 1 and "G101" in result.output
    assert "the box must be ticked" in github.comments[16][0]
    assert [m for m, _, _ in github.writes()] == ["POST", "POST"]  # no redaction: nothing personal


def test_an_issue_saved_from_the_rest_api_works_too(org: Org, tmp_path: Path) -> None:
    issue = json.loads(Path(event("issues-opened-clean")).read_text("utf-8"))["issue"]
    saved = tmp_path / "issue.json"
    saved.write_text(json.dumps(issue), "utf-8")
    org.cli("intake", "from-issue", str(saved), "--out", str(tmp_path / "out.yaml"))
    assert "category: report" in (tmp_path / "out.yaml").read_text("utf-8")


@pytest.mark.parametrize("text", ["not json", json.dumps({"action": "opened"}), json.dumps([1])])
def test_unreadable_event_cannot_run(org: Org, tmp_path: Path, text: str) -> None:
    bad = tmp_path / "event.json"
    bad.write_text(text, "utf-8")
    assert org.cli("intake", "from-issue", str(bad), ok=False).exit_code == 2


def test_reply_without_a_token_cannot_run(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GH_TOKEN", raising=False)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    result = org.cli("intake", "from-issue", event("issues-opened-clean"), "--reply", ok=False)
    assert result.exit_code == 2 and "GH_TOKEN" in result.output
