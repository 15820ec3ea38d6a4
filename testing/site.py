"""Site roots for the site tests: the fixture cases with the project's docs and configs."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_REPO = PROJECT / "tests" / "site" / "fixtures" / "repo"
TODAY = date(2026, 3, 20)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def make_root(target: Path) -> Path:
    """A site root: fixture cases and policy, the project's docs and MkDocs configs."""
    shutil.copytree(FIXTURE_REPO, target, dirs_exist_ok=True)
    shutil.copytree(PROJECT / "docs", target / "docs", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("commentary"))
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy2(PROJECT / config, target / config)
    shutil.copytree(PROJECT / "overrides", target / "overrides", dirs_exist_ok=True)
    return target
