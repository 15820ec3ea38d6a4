"""Finding the repository root and its case files."""

from __future__ import annotations

import os
import re
from pathlib import Path

from complaints.load.policy import POLICY_FILE

CASES_DIR = "cases"
CASE_NAME = re.compile(r"^C-(\d{4})-\d{4,6}\.yaml$")


class NoRepository(Exception):
    pass


def find_root(start: Path | None = None) -> Path:
    """The nearest folder holding complaints.yml, or $COMPLAINTS_ROOT."""
    env = os.environ.get("COMPLAINTS_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / POLICY_FILE).is_file():
            return folder
    raise NoRepository(f"no {POLICY_FILE} in {here} or any parent folder")


def yaml_files(folder: Path) -> list[Path]:
    """Every YAML file below folder, sorted (os.scandir: rglob is 10x slower at 10,000 files)."""
    found: list[str] = []
    stack = [str(folder)]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                found.append(entry.path)
    return [Path(p) for p in sorted(found)]


def case_files(root: Path) -> list[Path]:
    """Every YAML file under cases/; misnamed ones too, so they get reported."""
    return yaml_files(root / CASES_DIR)


def case_path(root: Path, case_id: str) -> Path:
    """Where the case with this id lives: cases/<year>/<id>.yaml."""
    return root / CASES_DIR / case_id.split("-")[1] / f"{case_id}.yaml"
