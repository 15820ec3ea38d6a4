"""Fixtures for workflow tests: real git repositories with real SSH-signing staff.

One template organization repository (keys made by ssh-keygen) is built per
session and copied for each test, which keeps the suite fast while every test
still owns a separate, real repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from complaints.workflow.org import OrgRepo
from testing.org import Org, make_template, org_copy


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> OrgRepo:
    return make_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def org(template: OrgRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    found = org_copy(template, tmp_path, monkeypatch)
    yield found
