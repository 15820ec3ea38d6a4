"""`complaints new` from a new staff member's first day: prompts, --from errors, the register."""

from __future__ import annotations

import re

import pytest
import yaml

from testing.org import Org

BASICS = "Invoice charged twice\nweb\nbilling\nminor\nCharged twice for one test.\n"


def test_prompts_ask_for_the_subject_so_recusal_applies(org: Org) -> None:
    org.act("s-zhao")
    out = org.cli("new", "--interactive", input=BASICS + "\nChemistry lab\ns-zhou\n" + "\n" * 4).output
    assert "unit concerned" in out and "staff concerned" in out
    case = out.strip().splitlines()[-1].split(":")[0]
    data = yaml.safe_load(org.case(case).read_text())
    assert data["subject"] == {"unit": "Chemistry lab", "staff": ["s-zhou"]}
    org.cli("acknowledge", case)
    org.act("s-sun")
    org.cli("accept", case)
    refused = org.cli("assign", case, "--investigator", "s-zhou", ok=False).output
    assert "s-zhou" in refused and "R10" in refused  # the subject stands aside


def test_each_answer_is_checked_as_it_is_typed(org: Org) -> None:
    org.act("s-zhao")
    answers = ("ab\nInvoice charged twice\nweb\nbilling\nminor\n"
               "Call 13812345678 back.\nCharged twice for one test.\n\n\ns-nobody\n\n" + "\n" * 4)
    out = org.cli("new", "--interactive", input=answers).output
    assert out.index("'ab' is too short") < out.index("name (optional)")  # caught before the contact details are asked
    assert out.index("P10") < out.index("name (optional)")  # a phone number in public text, too
    assert "s-nobody not on the roster" in out
    case = out.strip().splitlines()[-1].split(":")[0]
    data = yaml.safe_load(org.case(case).read_text())
    assert data["title"] == "Invoice charged twice" and data["summary"] == "Charged twice for one test."


def test_a_refusal_at_the_end_loses_nothing_typed(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    org.act("s-zhao")
    monkeypatch.delenv("COMPLAINTS_REGISTER")  # contact details but no register: refused (X130)
    answers = BASICS + "A refund.\n\n\nChen Invented\n\n\n\n"
    res = org.cli("new", "--interactive", input=answers, ok=False)
    assert "X130" in res.output and "your answers are kept in" in res.output
    draft = org.root / ".git" / "complaints" / "intake-draft.yaml"
    kept = yaml.safe_load(draft.read_text())
    assert kept["title"] == "Invoice charged twice" and kept["name"] == "Chen Invented"
    assert kept["remedy_sought"] == "A refund."
    assert org.git("status", "--porcelain") == ""  # nothing public was written
    out = org.cli("new", "--no-input", "--from", str(draft), "--register", str(org.register)).output
    assert "registered" in out and "Chen Invented" in org.register.read_text()


def test_from_file_errors_are_the_files_errors(org: Org) -> None:
    org.act("s-zhao")
    missing = org.root.parent / "nope.yaml"
    res = org.cli("new", "--no-input", "--from", str(missing), ok=False)
    assert res.exit_code == 1 and res.output.startswith(f"Error: {missing}:1:1: Y111 file cannot be read")
    assert "Usage:" not in res.output
    source = org.root.parent / "intake.yaml"
    source.write_text("title: Sample stored warm\nchannel: phone\ncolour: red\n")
    res = org.cli("new", "--no-input", "--from", str(source), ok=False)
    assert re.match(rf"Error: {re.escape(str(source))}:3:\d+: S102 ", res.output)
    assert "unknown intake field colour" in res.output


def test_a_privacy_refusal_names_no_file_that_does_not_exist(org: Org) -> None:
    org.act("s-zhao")
    source = org.root.parent / "intake.yaml"
    source.write_text("title: Sample stored warm\nchannel: phone\ncategory: sample\nseverity: minor\n"
                      "summary: Please call 13812345678 about the sample.\n")
    res = org.cli("new", "--no-input", "--from", str(source), ok=False)
    assert "the complaint was not registered and nothing was written" in res.output
    assert "P10" in res.output and "cases/" not in res.output
    assert not list((org.root / "cases").rglob("*.yaml"))


def test_no_contact_details_no_register_entry(org: Org) -> None:
    org.new_case()
    assert not org.register.exists()  # no empty entry, not even an empty register
    with_phone = org.new_case("--phone", "13812345678")
    entries = yaml.safe_load(org.register.read_text())
    assert [e["case"] for e in entries.values()] == [with_phone]
