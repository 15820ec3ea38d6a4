"""Fixtures for the GitHub tests: real organization repositories, the API double."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apidouble import REPO, TOKEN, Double, serve

from complaints.workflow.org import OrgRepo
from testing.org import Org, make_template, org_copy


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> OrgRepo:
    return make_template(tmp_path_factory.mktemp("template"), committer_date="2026-11-01T09:00:00+08:00")


@pytest.fixture
def org(template: OrgRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    found = org_copy(template, tmp_path, monkeypatch)
    monkeypatch.setenv("COMPLAINTS_ROOT", str(found.root))
    yield found


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[Double]:
    """The API double, with the environment a workflow step has."""
    with serve() as (double, url):
        monkeypatch.setenv("GITHUB_API_URL", url)
        monkeypatch.setenv("GH_TOKEN", TOKEN)
        monkeypatch.setenv("GITHUB_REPOSITORY", REPO)
        yield double
