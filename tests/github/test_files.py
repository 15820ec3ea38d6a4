"""The GitHub files: one source (package data) that this repository's .github/ equals, every
workflow and form clean under zizmor and check-jsonschema, and the hardening rules held."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from complaints.github.files import TEMPLATES, executable, github_files
from complaints.github.form import CODE_KINDS, form_fields
from complaints.load.policy import load_policy

REPO = Path(__file__).resolve().parents[2]
DOT_GITHUB = REPO / ".github"
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((TEMPLATES / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def test_this_repository_uses_the_files_init_writes() -> None:
    ours = {p.relative_to(DOT_GITHUB).as_posix(): p.read_bytes()
            for p in sorted(DOT_GITHUB.rglob("*")) if p.is_file()}
    assert ours == github_files()
    for rel in ours:
        assert os.access(DOT_GITHUB / rel, os.X_OK) == executable(rel) == os.access(TEMPLATES / rel, os.X_OK), rel


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, cwd=REPO)


@pytest.mark.parametrize("where", [DOT_GITHUB, TEMPLATES], ids=["dot-github", "templates"])
def test_zizmor_offline_finds_nothing(where: Path) -> None:
    res = run(str(BIN / "zizmor"), "--offline", "--persona", "pedantic", "--no-progress", "--format", "plain",
              *(str(p) for p in sorted((where / "workflows").glob("*.yml"))))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "No findings to report" in res.stdout


@pytest.mark.parametrize(("schema", "files"), [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", [TEMPLATES / "ISSUE_TEMPLATE" / "complaint.yml"]),
    ("vendor.github-issue-config", [TEMPLATES / "ISSUE_TEMPLATE" / "config.yml"]),
])
def test_check_jsonschema_accepts(schema: str, files: list[Path]) -> None:
    res = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, *(str(f) for f in files))
    assert res.returncode == 0, res.stdout + res.stderr


def test_the_linters_do_fail_on_a_bad_workflow(tmp_path: Path) -> None:
    """The two tests above could not pass by accident: each linter refuses a known-bad file."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4\n        with:\n"
                   "          ref: ${{ github.event.pull_request.head.sha }}\n"
                   "      - run: echo \"${{ github.event.pull_request.title }}\"\n", "utf-8")
    assert run(str(BIN / "zizmor"), "--offline", str(bad)).returncode != 0
    bad.write_text("on: push\njobs:\n  x:\n    steps: 3\n", "utf-8")
    assert run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
               str(bad)).returncode != 0


def _load(path: Path) -> dict[object, object]:
    data: dict[object, object] = YAML(typ="safe").load(path.read_text("utf-8"))
    return data


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_hardening(path: Path) -> None:
    flow = _load(path)
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request_target" not in (triggers or {})
    assert flow["permissions"] == {}, "read nothing by default; each job asks for its own"
    for name, job in flow["jobs"].items():  # type: ignore[attr-defined]
        assert "permissions" in job, name
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses:
                assert PINNED.match(uses), f"{name}: {uses} is not pinned by commit"
            if uses and uses.startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), f"{name}: an expression inside a shell line"
    text = path.read_text("utf-8")
    for uses in re.findall(r"uses: (\S+@[0-9a-f]{40}) # (v[\d.]+)", text):
        assert uses  # every pin names its tag in a comment
    assert len(re.findall(r"uses: \S+@[0-9a-f]{40} # v[\d.]+\n", text)) == text.count("uses: ")


def test_pull_request_check_reads_the_real_range() -> None:
    job = _load(TEMPLATES / "workflows" / "check.yml")["jobs"]["check"]  # type: ignore[index]
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0
    assert checkout["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    check = next(s for s in job["steps"] if "check-pull-request" in s.get("run", ""))
    assert check["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}",
                            "HEAD": "${{ github.event.pull_request.head.sha }}"}
    assert any(s.get("run") == "complaints site build" for s in job["steps"])


def test_issue_form_options_are_the_policy_codes() -> None:
    policy = load_policy(REPO)
    fields = {f.id: f for f in form_fields()}
    for field_id, kind in CODE_KINDS.items():
        labels = {f"{v['en']} / {v['zh']}" for v in policy.codes[kind].values()}
        assert set(fields[field_id].options) <= labels, field_id
    assert fields["what_happened"].required and fields["channel"].required and fields["category"].required
    form = _load(TEMPLATES / "ISSUE_TEMPLATE" / "complaint.yml")
    boxes = next(b for b in form["body"] if b.get("id") == "no_personal_data")  # type: ignore[attr-defined]
    assert all(o["required"] for o in boxes["attributes"]["options"])
    config = _load(TEMPLATES / "ISSUE_TEMPLATE" / "config.yml")
    assert config["blank_issues_enabled"] is False and config["contact_links"]


def test_codeowners_protect_the_trail() -> None:
    owned = {line.split()[0] for line in (TEMPLATES / "CODEOWNERS").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    assert {"/cases/", "/complaints.yml", "/allowed_signers", "/revoked_signers", "/.github/"} <= owned
