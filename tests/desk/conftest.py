"""Fixtures for the desk: a real signed organization repository per test (copied from one
template made with real ssh-keygen keys), as in tests/workflow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from complaints.workflow.org import OrgRepo
from testing.org import Org, make_template, org_copy


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> OrgRepo:
    return make_template(tmp_path_factory.mktemp("desk-template"))


@pytest.fixture
def org(template: OrgRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    found = org_copy(template, tmp_path, monkeypatch)
    yield found
