"""Staff and keys over time: each change one signed admin commit that verify accepts,
and every later step judged by the roster in force at its commit."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
import yaml

from testing.org import git
from tests.org.conftest import NewOrg

PRESET = "iso17025-lab"


@pytest.fixture
def staffed(new_org: NewOrg) -> NewOrg:
    """An organization with an intake officer and a second admin."""
    new_org.init(PRESET)
    for staff_id, roles in (("s-desk", "intake"), ("s-boss", "admin,quality_lead")):
        new_org.key(staff_id)
        new_org.act("s-admin")
        new_org.cli("staff", "add", staff_id, "--roles", roles, "--display", "Member",
                    "--key", new_org.pub(staff_id))
    return new_org


def new_case(org: NewOrg, actor: str = "s-desk", key: str | None = None) -> str:
    org.act(actor, key)
    return org.cli("new", "--no-input", "--title", "Report issued late", "--channel", "email",
                   "--category", "report", "--severity", "minor", "--summary",
                   "The test report arrived two weeks after the agreed date.").output.split(":")[0]


def roster(org: NewOrg) -> dict[str, dict[str, object]]:
    data = yaml.safe_load((org.root / "complaints.yml").read_text("utf-8"))
    return {m["id"]: m for m in data["staff"]}


def forged_step(org: NewOrg, case: str, signer_key: str, actor: str) -> None:
    """A step committed by hand with a key the workflow would not use any more, dated two
    minutes on (after any expiry set by the change before it)."""
    org.act(actor, signer_key)
    path = org.root / "cases" / case.split("-")[1] / f"{case}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    text = path.read_text("utf-8").replace("status: received", "status: acknowledged")
    at = data["history"][-1]["at"]
    text += f"  - {{step: acknowledge, from: received, to: acknowledged, at: '{at}', actor: {actor}}}\n"
    path.write_text(text, "utf-8")
    later = (datetime.now(UTC) + timedelta(minutes=2)).isoformat(timespec="seconds")
    git(org.root, "commit", "-q", "-S", "-am", f"{case}: received → acknowledged\n\n"
        f"Complaint-Case: {case}\nComplaint-Step: acknowledge\nComplaint-Actor: {actor}",
        env={**os.environ, "GIT_COMMITTER_DATE": later, "GIT_AUTHOR_DATE": later})


def test_staff_changes_are_signed_policy_steps_that_verify(staffed: NewOrg) -> None:
    log = staffed.git("log", "--format=%s|%(trailers:key=Complaint-Step,valueonly)|%GS")
    assert "staff: add s-desk (intake)|policy\n|s-admin" in log
    assert staffed.git("show", "--name-only", "--format=", "HEAD").split() == \
        ["allowed_signers", "complaints.yml"]  # roster and signers together
    staffed.act("s-admin")
    staffed.cli("staff", "roles", "s-desk", "--roles", "intake,investigator")
    assert roster(staffed)["s-desk"]["roles"] == ["intake", "investigator"]
    staffed.cli("signers")  # allowed_signers says what the roster says
    case = new_case(staffed)
    staffed.cli("acknowledge", case)
    assert staffed.verify() == []


def test_refusals_change_nothing(staffed: NewOrg) -> None:
    head = staffed.git("rev-parse", "HEAD").strip()
    staffed.act("s-desk")
    out = staffed.cli("staff", "roles", "s-desk", "--roles", "admin", code=1).output
    assert "X140 s-desk lacks role admin" in out
    staffed.act("s-admin")
    staffed.key("fresh")
    for args, said in [
        (("add", "s-desk", "--roles", "intake", "--display", "X", "--key", "ssh-ed25519 AAAA"),
         "already on the roster"),
        (("add", "s-new", "--roles", "cook", "--display", "X", "--key", staffed.pub("fresh")),
         "unknown role cook"),
        (("add", "s-new", "--roles", "intake", "--display", "X", "--key", staffed.pub("s-desk")),
         "already on the roster, for s-desk"),
        (("add", "s-new", "--roles", "intake", "--display", "X", "--key", "hello"), "not a public key"),
        (("roles", "s-nobody", "--roles", "intake"), "s-nobody is not on the roster"),
    ]:
        assert said in staffed.cli("staff", *args, code=1).output, args
    staffed.cli("staff", "remove", "s-boss")
    out = staffed.cli("staff", "roles", "s-admin", "--roles", "intake", code=1).output
    assert "s-admin is the last active admin" in out
    assert staffed.git("status", "--porcelain") == ""
    assert staffed.git("rev-list", "--count", f"{head}..HEAD") == "1\n"  # only the removal


def test_retired_and_revoked_keys(staffed: NewOrg) -> None:
    early = new_case(staffed)  # signed with s-desk's first key, before any rotation
    staffed.key("desk2")
    staffed.act("s-admin")
    staffed.cli("staff", "rotate-key", "s-desk", "--key", staffed.pub("desk2"))
    keys = roster(staffed)["s-desk"]["keys"]
    assert isinstance(keys, list) and len(keys) == 2 and keys[0].startswith('valid-before="')
    later = new_case(staffed, key="desk2")
    staffed.act("s-desk", "desk2")
    staffed.cli("acknowledge", later)
    assert staffed.verify() == []  # old steps under the retired key, new ones under the new key

    staffed.key("desk3")
    staffed.act("s-desk", "desk2")
    out = staffed.cli("staff", "rotate-key", "s-desk", "--key", staffed.pub("desk3"),
                      "--compromised", code=1).output
    assert "X140 s-desk lacks role admin" in out
    staffed.act("s-boss")
    staffed.cli("staff", "rotate-key", "s-desk", "--key", staffed.pub("desk3"), "--compromised")
    assert staffed.pub("desk2").split()[1] in (staffed.root / "revoked_signers").read_text()
    assert all(staffed.pub("desk2").split()[1] not in k for k in roster(staffed)["s-desk"]["keys"])
    third = new_case(staffed, key="desk3")
    staffed.act("s-desk", "desk3")
    staffed.cli("acknowledge", third)
    # Steps the revoked key signed before its revocation still count; the new key's too.
    assert staffed.verify() == []

    staffed.act("s-desk", "desk2")  # the workflow no longer knows the revoked key ...
    assert "X103" in staffed.cli("acknowledge", early, code=2).output
    forged_step(staffed, early, "desk2", "s-desk")  # ... and a step signed with it is caught
    assert staffed.verify() == ["T105"]


def test_a_retired_key_signs_nothing_after_its_expiry(staffed: NewOrg) -> None:
    case = new_case(staffed)
    staffed.key("desk2")
    staffed.act("s-admin")
    staffed.cli("staff", "rotate-key", "s-desk", "--key", staffed.pub("desk2"))
    forged_step(staffed, case, "s-desk", "s-desk")  # dated now, after the expiry
    assert staffed.verify() == ["T104"]


def test_who_leaves_keeps_their_past_and_takes_no_more_steps(staffed: NewOrg) -> None:
    case = new_case(staffed)
    staffed.act("s-admin")
    staffed.cli("staff", "remove", "s-desk")
    member = roster(staffed)["s-desk"]
    assert member["active"] is False and str(member["keys"][0]).startswith('valid-before="')  # type: ignore[index]
    assert staffed.verify() == []  # the intake they signed still counts
    staffed.act("s-desk")
    assert "X104" in staffed.cli("acknowledge", case, code=2).output
    staffed.act("s-admin")
    assert "s-desk has already left" in staffed.cli("staff", "remove", "s-desk", code=1).output
