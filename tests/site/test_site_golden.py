"""Golden files: every generated page and data file for the fixture cases.

Regenerate after an intended change with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from complaints.site.generate import make_context, render_all
from testing.site import TODAY

GOLDEN = Path(__file__).parent / "golden"


def _generated(root: Path) -> dict[str, bytes]:
    files = render_all(make_context(root, TODAY, commits=False))
    return {rel: (c.encode() if isinstance(c, str) else c) for rel, c in files.items()
            if not rel.startswith("root/data/schema/")}


def test_generated_files_match_golden(site_root: Path) -> None:
    files = _generated(site_root)
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*"):
            if old.is_file() and old.relative_to(GOLDEN).as_posix() not in files:
                old.unlink()
        for rel, data in files.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes()
                for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(expected), "set of generated files changed"
    differ = [rel for rel in files if files[rel] != expected[rel]]
    assert not differ, f"differs from golden (UPDATE_GOLDEN=1 to accept): {differ}"


def test_generation_is_deterministic(site_root: Path) -> None:
    assert _generated(site_root) == _generated(site_root)
