"""Fixtures for the desk: a real signed organization repository per test (copied from one
template made with real ssh-keygen keys), as in tests/workflow."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaints.workflow.org import OrgRepo, create_org_repo
from testing.org import Org, git, hermetic


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> OrgRepo:
    base = tmp_path_factory.mktemp("desk-template")
    with pytest.MonkeyPatch.context() as mp:
        hermetic(mp, base)
        return create_org_repo(base / "org", base / "keys")


@pytest.fixture
def org(template: OrgRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    hermetic(monkeypatch, tmp_path)
    root = tmp_path / "org"
    shutil.copytree(template.root, root, symlinks=True)
    git(root, "config", "gpg.ssh.allowedSignersFile", str(root / "allowed_signers"))
    register = tmp_path / "private" / "register.yaml"
    monkeypatch.setenv("COMPLAINTS_REGISTER", str(register))
    monkeypatch.chdir(root)
    yield Org(OrgRepo(root, template.keys_dir, dict(template.keys)), register)
