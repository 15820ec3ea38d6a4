"""The pre-commit hook of .pre-commit-hooks.yaml, used from another repository.

`pre-commit try-repo` builds the hook from this repository exactly as a user's
`pre-commit install` would (its own virtualenv, the package installed from here)
and runs it as the other repository's git pre-commit hook: a clean case is
committed, a case with a phone number in its public text is blocked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from testing.org import git

PROJECT = Path(__file__).resolve().parents[2]


def test_the_hook_blocks_a_commit_with_a_bad_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "gitconfig").write_text("[user]\n\tname = s-zhao\n\temail = s-zhao@staff.invalid\n")
    repo = tmp_path / "other"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(PROJECT / "complaints.yml", repo / "complaints.yml")
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec {sys.executable} -m pre_commit try-repo {PROJECT} "
                    "complaints-validate\n")
    os.chmod(hook, 0o755)
    path = repo / "cases" / "2026" / "C-2026-0001.yaml"
    path.parent.mkdir(parents=True)

    demo = (PROJECT / "cases" / "2026" / "C-2026-0001.yaml").read_text("utf-8")  # a valid case
    path.write_text(demo, "utf-8")
    git(repo, "add", "-A")
    ok = subprocess.run(["git", "commit", "-m", "a clean case"], cwd=repo, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "complaints validate" in ok.stdout + ok.stderr and "Passed" in ok.stdout + ok.stderr

    lines = demo.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = "title: Call me back on 13812345678 please\n"
    path.write_text("".join(lines), "utf-8")
    git(repo, "add", "-A")
    blocked = subprocess.run(["git", "commit", "-m", "a case with a phone number"], cwd=repo,
                             capture_output=True, text=True)
    said = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0 and "Failed" in said, said
    assert f"cases/2026/C-2026-0001.yaml:{at + 1}:" in said and " P10" in said  # the privacy gate
    assert git(repo, "log", "--format=%s") == "a clean case\n"  # nothing was committed


def test_this_repository_and_init_use_the_hook_as_offered() -> None:
    from complaints.workflow.init import PRE_COMMIT

    offered = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())[0]
    for config in (yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text()),
                   yaml.safe_load(PRE_COMMIT)):
        local = config["repos"][0]["hooks"][0]
        for key in ("id", "entry", "files", "pass_filenames"):
            assert local[key] == offered[key], key
