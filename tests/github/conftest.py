"""Fixtures for the GitHub tests: real organization repositories, the API double."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from apidouble import REPO, TOKEN, Double, serve

from complaints.workflow.org import OrgRepo, create_org_repo
from testing.org import Org, git, hermetic


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> OrgRepo:
    base = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as mp:
        hermetic(mp, base)
        return create_org_repo(base / "org", base / "keys", committer_date="2026-11-01T09:00:00+08:00")


@pytest.fixture
def org(template: OrgRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    hermetic(monkeypatch, tmp_path)
    root = tmp_path / "org"
    shutil.copytree(template.root, root, symlinks=True)
    git(root, "config", "gpg.ssh.allowedSignersFile", str(root / "allowed_signers"))
    register = tmp_path / "private" / "register.yaml"
    monkeypatch.setenv("COMPLAINTS_REGISTER", str(register))
    monkeypatch.setenv("COMPLAINTS_ROOT", str(root))
    monkeypatch.chdir(root)
    yield Org(OrgRepo(root, template.keys_dir, dict(template.keys)), register)


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[Double]:
    """The API double, with the environment a workflow step has."""
    with serve() as (double, url):
        monkeypatch.setenv("GITHUB_API_URL", url)
        monkeypatch.setenv("GH_TOKEN", TOKEN)
        monkeypatch.setenv("GITHUB_REPOSITORY", REPO)
        yield double
