"""Fixtures for the audit-trail tests: real repos, real keys, real signatures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from complaints.audit.verify import Outcome, verify
from testing.trail import Trail, new_trail


@pytest.fixture
def trail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Trail]:
    """An organization repo (policy signed by an admin) with one case taken in."""
    monkeypatch.delenv("COMPLAINTS_ROOT", raising=False)
    t = new_trail(tmp_path)
    t.intake("C-2026-0001")
    yield t


def check(t: Trail, **kwargs: object) -> Outcome:
    return verify(t.root, use_cache=False, parallel=False, **kwargs)  # type: ignore[arg-type]


def codes(t: Trail, **kwargs: object) -> set[str]:
    return {f.code for f in check(t, **kwargs).findings}
