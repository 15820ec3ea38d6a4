"""`complaints init` with each preset: a new organization that validates, verifies and
builds its site at once, then takes on staff and handles a first case."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from complaints.github.files import github_files
from complaints.load.policy import load_policy
from complaints.load.presets import preset_names, preset_path
from tests.org.conftest import NewOrg
from tests.org.walk import take_steps


def test_the_presets_are_found() -> None:
    assert "iso17025-lab" in preset_names()
    assert preset_path("iso17025-lab") is not None and preset_path("no-such") is None


def allow_estimates(org: NewOrg) -> None:
    """`calendar: {estimate: true}` in one signed admin policy commit."""
    from ruamel.yaml import YAML

    from complaints.base.trailers import commit_message, step_trailers
    path = org.root / "complaints.yml"
    rt = YAML()
    data = rt.load(path.read_text("utf-8"))
    if "calendar" not in data:
        return
    data["calendar"]["estimate"] = True
    with path.open("w", encoding="utf-8") as f:
        rt.dump(data, f)
    org.act("s-admin")
    org.git("commit", "-q", "-S", "-am",
            commit_message("policy: accept estimated working days", None,
                           step_trailers(None, "policy", "s-admin")))


@pytest.mark.parametrize("preset", preset_names())
def test_init_then_staff_a_case_and_the_site(new_org: NewOrg, preset: str) -> None:
    out = new_org.init(preset).output
    assert "first commit signed by s-admin" in out
    root = new_org.root
    policy = yaml.safe_load((root / "complaints.yml").read_text("utf-8"))
    assert policy["organization"]["name"] == {"zh": "港湾检测实验室", "en": "Harbour Test Lab"}
    assert policy["organization"]["commit_url"] == "https://example.org/harbour/complaints/commit/{commit}"
    assert [m["id"] for m in policy["staff"]] == ["s-admin"]  # the preset's example roster is gone
    assert policy["staff"][0]["keys"] == [new_org.pub("s-admin").rsplit(" ", 1)[0]]  # no comment
    for rel, data in github_files().items():  # one source for the GitHub files
        assert (root / ".github" / rel).read_bytes() == data
    assert os.access(root / ".github" / "scripts" / "check-pull-request", os.X_OK)
    for rel in ("schema/case.schema.json", "mkdocs.yml", "mkdocs.en.yml", "docs/en/procedure.md",
                "overrides/case.html", ".pre-commit-config.yaml", "allowed_signers"):
        assert (root / rel).is_file(), rel
    assert new_org.git("status", "--porcelain") == ""  # all of it in the first commit
    trailers = new_org.git("log", "-1", "--format=%(trailers:only,unfold)")
    assert "Complaint-Step: policy" in trailers and "Complaint-Actor: s-admin" in trailers
    assert new_org.git("log", "-1", "--format=%G? %GS") == "G s-admin\n"  # git verifies, no more setup
    new_org.cli("validate")
    assert new_org.verify() == []

    # One member per role of the preset, each added by the admin as a signed policy step.
    loaded = load_policy(root)
    roles = [r for r in loaded.codes["roles"] if r != "admin"]
    for i, role in enumerate(roles):
        staff_id = f"s-m{i}"
        new_org.key(staff_id)
        new_org.act("s-admin")
        new_org.cli("staff", "add", staff_id, "--roles", role, "--display", f"Member {i}",
                    "--key", str(new_org.keys[staff_id].with_suffix(".pub")))
    policy_now = load_policy(root)
    assert {m for m in policy_now.staff} == {"s-admin", *(f"s-m{i}" for i in range(len(roles)))}
    # A case received today can have a working-day deadline in next year, whose official
    # schedule may not be published yet (D101): the admin accepts estimates, as an
    # organization would until the notice is out, so the walk does not depend on the date.
    allow_estimates(new_org)
    intake = next(s for s in policy_now.staff.values() if "intake" in s.roles).id
    new_org.act(intake)
    case = new_org.cli("new", "--no-input", "--title", "Report issued late", "--channel",
                       next(iter(policy_now.codes["channels"])), "--category",
                       next(iter(policy_now.codes["categories"])), "--severity",
                       next(iter(policy_now.codes["severities"])), "--summary",
                       "The test report arrived two weeks after the agreed date.").output.split(":")[0]
    taken = take_steps(new_org, policy_now, case, 3)
    assert len({actor for _, actor in taken}) >= 2, taken  # by different staff
    new_org.cli("validate")
    assert new_org.verify() == []
    new_org.cli("site", "build", "--today", "2026-12-03")
    page = root / "site" / "en" / "cases" / case / "index.html"
    assert page.is_file() and "/commit/" in page.read_text("utf-8")


def test_a_folder_that_is_not_empty_is_refused(new_org: NewOrg) -> None:
    new_org.root.mkdir()
    (new_org.root / "notes.txt").write_text("mine")
    key = new_org.key("s-admin")
    result = new_org.cli("init", str(new_org.root), "--preset", preset_names()[0], "--name", "X",
                         "--timezone", "+08:00", "--admin", "s-admin", "--key", str(key), code=2)
    assert "is not an empty folder; nothing was written" in result.output
    assert [p.name for p in new_org.root.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("fault, message", [
    ("missing", "no key at"), ("not a key", "holds no SSH public key"), ("preset", "no preset 'nope'")])
def test_a_bad_key_or_preset_writes_nothing(new_org: NewOrg, fault: str, message: str) -> None:
    key = new_org.tmp / "keys" / "nobody"
    preset = preset_names()[0]
    if fault == "not a key":
        key.parent.mkdir()
        key.write_text("not a key")
        key.with_suffix(".pub").write_text("ssh-ed25519 !!!")
    elif fault == "preset":
        key, preset = new_org.key("s-admin"), "nope"
    result = new_org.cli("init", str(new_org.root), "--preset", preset, "--name", "X", "--timezone",
                         "+08:00", "--admin", "s-admin", "--key", str(key), code=2)
    assert message in result.output and "Traceback" not in result.output
    assert not new_org.root.exists()


def test_an_invalid_answer_is_the_policy_finding_and_writes_nothing(new_org: NewOrg) -> None:
    key = new_org.key("s-admin")
    result = new_org.cli("init", str(new_org.root), "--preset", preset_names()[0], "--name", "X",
                         "--timezone", "8 hours", "--admin", "s-admin", "--key", str(key), code=2)
    assert "S105" in result.output and "timezone" in result.output
    assert not new_org.root.exists()


def test_init_asks_for_what_is_missing(new_org: NewOrg, monkeypatch: pytest.MonkeyPatch) -> None:
    key = new_org.key("s-lead")
    answers = "\n".join([preset_names()[0], "Harbour Lab", "", "+01:00", "", "s-lead", str(key)]) + "\n"
    monkeypatch.chdir(new_org.tmp)
    new_org.cli("init", str(new_org.root), "--interactive", input=answers)
    policy = yaml.safe_load((new_org.root / "complaints.yml").read_text("utf-8"))
    assert policy["organization"]["name"] == {"zh": "Harbour Lab", "en": "Harbour Lab"}
    assert policy["organization"]["timezone"] == "+01:00" and "repository" not in policy["organization"]
    assert policy["staff"][0]["id"] == "s-lead"
    assert Path(new_org.root / "cases").is_dir()
