"""The one source of the GitHub files: package data that `complaints init` copies to .github/.

This repository's own .github/ is a copy of it; tests/github/test_files.py keeps them equal.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "github"
ISSUE_FORM = TEMPLATES / "ISSUE_TEMPLATE" / "complaint.yml"


def github_files() -> dict[str, bytes]:
    """Path under .github/ -> content, for every file `complaints init` writes there."""
    return {p.relative_to(TEMPLATES).as_posix(): p.read_bytes()
            for p in sorted(TEMPLATES.rglob("*")) if p.is_file()}


def executable(relpath: str) -> bool:
    """Whether the file is a script (kept executable when copied)."""
    return relpath.startswith("scripts/")
