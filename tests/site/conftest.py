"""Fixtures for the site tests: a throwaway root made of the hand-made cases in
fixtures/repo (own policy copy, so the goldens do not move with the demo policy)
plus the project's real docs/ and mkdocs.yml, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaints.site.build import build_site
from testing.site import TODAY, make_root


@pytest.fixture(scope="session")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_root(tmp_path_factory.mktemp("site-root"))


@pytest.fixture(scope="session")
def built_site(site_root: Path) -> Path:
    """The fixture site, built for real (both languages with mkdocs --strict, in parallel
    processes) and scanned."""
    build_site(site_root, TODAY, commits=False, jobs=2)
    return site_root / "site"


@pytest.fixture
def fresh_root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "root")
