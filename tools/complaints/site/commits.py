"""Which commit took each history step, read from the Git trailers in one pass.

Optional and cheap: one `git log` over the whole history. Outside a Git
repository (or when git fails) there are simply no commit links.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_FORMAT = (
    "%H%x1f%(trailers:key=Complaint-Case,valueonly,separator=%x1e)"
    "%x1f%(trailers:key=Complaint-Step,valueonly,separator=%x1e)%x1d"
)
IMPORT = "import"


@dataclass
class Trail:
    head: str | None = None
    # case id -> [(step, commit)] oldest first
    by_case: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def commits_for(self, case: dict[str, Any]) -> list[str | None]:
        """The commit of each history entry, matched in order by step name."""
        pending = list(self.by_case.get(case["id"], ()))
        out: list[str | None] = []
        for entry in case["history"]:
            wanted = IMPORT if entry.get("imported") else entry["step"]
            index = next((i for i, (step, _) in enumerate(pending) if step == wanted), None)
            if index is None:
                out.append(None)
                continue
            out.append(pending[index][1])
            if wanted != IMPORT:  # one import commit covers all imported entries
                del pending[: index + 1]
        return out


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True, encoding="utf-8", errors="replace", check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def read_trail(root: Path) -> Trail:
    head = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    if not head:
        return Trail()
    log = _git(root, "log", "--reverse", f"--format={_FORMAT}") or ""
    by_case: dict[str, list[tuple[str, str]]] = {}
    for record in log.split("\x1d"):
        parts = record.strip("\n").split("\x1f")
        if len(parts) != 3 or not parts[1]:
            continue
        commit, cases, step = parts[0], parts[1].split("\x1e"), parts[2].split("\x1e")[0].strip()
        for case_id in cases:
            by_case.setdefault(case_id.strip(), []).append((step, commit))
    return Trail(head.strip(), by_case)
