"""Shared test helpers: a minimal repository layout in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from complaints.cli.main import main

REPO = Path(__file__).resolve().parents[1]


def make_root(tmp: Path, cases_from: Path | None = None) -> Path:
    """A folder with the real policy and, optionally, a copy of a cases/ tree."""
    shutil.copy(REPO / "complaints.yml", tmp / "complaints.yml")
    if cases_from is not None:
        shutil.copytree(cases_from, tmp / "cases")
    return tmp


def run(root: Path, *args: str) -> Result:
    """Invoke the CLI in-process with root as the repository."""
    return CliRunner().invoke(main, list(args), env={"COMPLAINTS_ROOT": str(root)})
