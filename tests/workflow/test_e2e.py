"""Every branch of the workflow end to end through the CLI, on real signed commits."""

from __future__ import annotations

import yaml

from testing.org import Org, trailers, verify


def step(org: Org, actor: str, *args: str) -> None:
    """Take a step as actor; check the commit: signed by actor, trailers, subject, validity."""
    before = org.git("rev-parse", "HEAD").strip()
    org.act(actor)
    org.cli(*args)
    case_id, verb = args[1], args[0]
    assert org.git("rev-parse", "HEAD~1").strip() == before
    assert org.git("diff", "--name-only", "HEAD~1", "HEAD").split() == [
        f"cases/{case_id.split('-')[1]}/{case_id}.yaml"]
    assert verify(org) == actor
    t = trailers(org)
    assert t == {"Complaint-Case": [case_id], "Complaint-Step": [verb], "Complaint-Actor": [actor]}
    data = yaml.safe_load(org.case(case_id).read_text())
    subject = org.git("log", "-1", "--format=%s").strip()
    assert subject == f"{case_id}: {data['history'][-1]['from']} → {data['status']}"
    assert data["history"][-1]["step"] == verb and data["history"][-1]["actor"] == actor
    org.cli("validate", "--no-cache")


def status(org: Org, case_id: str) -> str:
    return str(yaml.safe_load(org.case(case_id).read_text())["status"])


def test_intake_keeps_contact_data_in_the_private_register(org: Org) -> None:
    case_id = org.new_case("--name", "Lin Invented", "--phone", "13912345678",
                           "--email", "lin@example.org", "--subject-staff", "s-li")
    assert case_id == "C-2026-0001" or case_id.startswith("C-")
    assert verify(org) == "s-zhao"
    assert trailers(org)["Complaint-Step"] == ["intake"]
    assert org.git("log", "-1", "--format=%s").strip() == f"{case_id}: intake → received"
    data = yaml.safe_load(org.case(case_id).read_text())
    register = yaml.safe_load(org.register.read_text())
    entry = register[data["complainant"]]
    assert entry == {"name": "Lin Invented", "phone": "13912345678", "email": "lin@example.org",
                     "case": case_id, "person": entry["person"]}
    for secret in ("Lin Invented", "13912345678", "lin@example.org"):
        assert org.git("grep", "-q", secret, "HEAD", check=False) == ""
        assert secret not in org.case(case_id).read_text()
    assert org.git("show", "--stat", "--format=", "HEAD").count("|") == 1
    org.cli("validate", "--no-cache")


def test_ids_are_sequential_per_year(org: Org) -> None:
    first, second = org.new_case(), org.new_case()
    assert int(second.split("-")[2]) == int(first.split("-")[2]) + 1


def test_register_inside_the_repository_is_refused(org: Org) -> None:
    org.act("s-zhao")
    before = org.state()
    out = org.cli("new", "--no-input", "--title", "x" * 5, "--channel", "email", "--category",
                  "report", "--severity", "minor", "--summary", "s", "--name", "A Person",
                  "--register", str(org.root / "private.yaml"), ok=False).output
    assert "inside the public repository" in out
    assert org.state() == before


def test_intake_from_file_and_prompts(org: Org, tmp_path: object) -> None:
    org.act("s-qian")
    source = org.root.parent / "intake.yaml"
    source.write_text("title: Sample stored warm\nchannel: phone\ncategory: sample\n"
                      "severity: minor\nsummary: The sample was kept at room temperature.\n"
                      "subject: {unit: Sample reception}\ncontact: {name: Chen Invented}\n")
    out = org.cli("new", "--no-input", "--from", str(source)).output
    case_id = out.split(":")[0]
    data = yaml.safe_load(org.case(case_id).read_text())
    assert data["subject"] == {"unit": "Sample reception"} and data["channel"] == "phone"
    # Prompts: answers for title, channel, category, severity, summary, then optional ones
    # (remedy, subject unit and staff, name, phone, e-mail, address).
    answers = "Invoice charged twice\nweb\nbilling\nminor\nCharged twice for one test.\n" + "\n" * 7
    out = org.cli("new", "--interactive", input=answers).output
    assert "registered" in out
    new_id = out.strip().splitlines()[-1].split(":")[0]
    assert yaml.safe_load(org.case(new_id).read_text())["category"] == "billing"


def test_main_path_to_closure(org: Org) -> None:
    c = org.new_case("--subject-staff", "s-wu")
    step(org, "s-zhao", "acknowledge", c, "--note", "Acknowledged by phone.")
    step(org, "s-sun", "accept", c)
    step(org, "s-sun", "assign", c, "--investigator", "s-zhou")
    step(org, "s-zhou", "propose", c, "--finding", "upheld", "--remedies", "retest,apology",
         "--rationale", "The delay was ours.")
    step(org, "s-li", "approve", c)
    step(org, "s-zhao", "respond", c, "--summary", "We apologised and retested.",
         "--channel", "email")
    step(org, "s-qian", "close", c, "--accepted", "yes", "--score", "4")
    data = yaml.safe_load(org.case(c).read_text())
    [decision] = data["decisions"]
    assert decision["proposed_by"] == "s-zhou" and decision["approved_by"] == "s-li"
    assert decision["decided"] == data["history"][5]["at"]
    [answer] = data["satisfaction"]
    assert answer == {"accepted": True, "score": 4, "answered": data["history"][-1]["at"]}
    assert [h["step"] for h in data["history"]] == [
        "intake", "acknowledge", "accept", "assign", "propose", "approve", "respond", "close"]
    assert data["history"][1]["note"] == "Acknowledged by phone."
    assert "Acknowledged by phone." in org.git("log", "-1", "--format=%b", "HEAD~6")


def test_decline_refer_withdraw(org: Org) -> None:
    a, b, c = org.new_case(), org.new_case(), org.new_case()
    step(org, "s-sun", "decline", a, "--ground", "out_of_scope", "--note", "Not our work.")
    assert yaml.safe_load(org.case(a).read_text())["decline"] == {"ground": "out_of_scope"}
    step(org, "s-zhao", "acknowledge", b)
    step(org, "s-sun", "refer", b, "--body", "Municipal market regulator", "--reference", "MR-1")
    step(org, "s-zhao", "withdraw", c, "--note", "Settled directly.")
    assert (status(org, a), status(org, b), status(org, c)) == (
        "not_accepted", "referred", "withdrawn")


def _to_proposed(org: Org, *extra: str) -> str:
    c = org.new_case(*extra)
    step(org, "s-zhao", "acknowledge", c)
    step(org, "s-sun", "accept", c)
    step(org, "s-sun", "assign", c, "--investigator", "s-zhou")
    step(org, "s-zhou", "propose", c, "--finding", "partly_upheld", "--remedies", "explanation",
         "--rationale", "Partly our fault.")
    return c


def test_send_back_appeal_review_reopen(org: Org) -> None:
    c = _to_proposed(org)
    step(org, "s-sun", "send_back", c, "--note", "Check the second sample too.")
    step(org, "s-zhou", "propose", c, "--finding", "upheld", "--remedies", "retest",
         "--rationale", "Both samples affected.")
    step(org, "s-sun", "approve", c)
    step(org, "s-zhao", "respond", c, "--summary", "Retest offered.", "--channel", "phone")
    step(org, "s-zhao", "appeal", c, "--grounds", "The retest fee was charged.")
    # The approver may not review the appeal; another reviewer may.
    org.act("s-zheng")
    org.cli("review", c, "--outcome", "revised", "--finding", "upheld", "--remedies", "refund",
            "--rationale", "The fee should not have been charged.", ok=True)
    data = yaml.safe_load(org.case(c).read_text())
    [appeal] = data["appeals"]
    assert appeal["reviewer"] == "s-zheng" and data["status"] == "decided"
    # Nothing is overwritten: the sent-back proposal, the approved one and the revision.
    first, approved, revised = data["decisions"]
    assert first["finding"] == "partly_upheld" and "sent_back" in first and "decided" not in first
    assert approved["approved_by"] == "s-sun" and approved["remedies"] == ["retest"]
    assert revised["remedies"] == ["refund"] and revised["decided"] == appeal["reviewed"]
    assert "proposed_by" not in revised
    step(org, "s-zhao", "respond", c, "--summary", "Fee refunded.", "--channel", "phone")
    step(org, "s-zhao", "close", c, "--accepted", "no")
    step(org, "s-sun", "reopen", c, "--note", "New evidence arrived.")
    assert status(org, c) == "investigating"


def test_major_complaint_needs_the_director(org: Org) -> None:
    c = _to_proposed(org, "--severity", "major")
    org.act("s-li")
    before = org.state()
    out = org.cli("approve", c, ok=False).output
    assert "R104" in out and "director" in out
    assert org.state() == before
    step(org, "s-zheng", "approve", c)


def test_generic_step_command_and_set(org: Org) -> None:
    c = org.new_case()
    org.act("s-sun")
    org.cli("step", c, "decline", "--set", "decline.ground=duplicate", "--note", "Seen before.")
    assert yaml.safe_load(org.case(c).read_text())["decline"]["ground"] == "duplicate"
    assert trailers(org)["Complaint-Step"] == ["decline"]


def test_next_lists_open_steps_and_reasons(org: Org) -> None:
    c = _to_proposed(org, "--subject-staff", "s-li")
    org.act("s-zhou")
    out = org.cli("next", c).output
    assert "you are s-zhou" in out
    assert "refused  approve: W104" in out and "R103" in out
    org.act("s-sun")
    out = org.cli("next", c).output
    assert "open     approve" in out and "open     send_back  --note" in out
    org.act("s-li")
    assert "R101" in org.cli("next", c).output
