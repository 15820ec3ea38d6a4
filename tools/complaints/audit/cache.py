"""Cache of verified commits, under .git/complaints-verify-cache.sqlite.

A commit is immutable, and so are its parents' trees and the policy in force
at it; what can change is whom we trust. Entries are therefore keyed by the
commit hash AND the digest of the trusted signer input (allowed signers,
revocation list, tool version): change any of those and no old entry matches.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from complaints import __version__

NAME = "complaints-verify-cache.sqlite"
# Bump when the stored result or the checks change meaning
# (2: renumber, 3: T124/T125, 4: T164/T165, 5: T145).
FORMAT = "5"


class VerifyCache:
    def __init__(self, git_dir: Path | None, trust_digest: str) -> None:
        self.key = f"{FORMAT}:{__version__}:{trust_digest}"
        self.db: sqlite3.Connection | None = None
        if git_dir is None:
            return
        with contextlib.suppress(sqlite3.Error, OSError):
            self.db = sqlite3.connect(git_dir / NAME, timeout=30)
            self.db.execute("CREATE TABLE IF NOT EXISTS verified (commit_id TEXT, trust TEXT, "
                            "result TEXT, PRIMARY KEY (commit_id, trust)) WITHOUT ROWID")

    def get_many(self, commits: Iterable[str]) -> dict[str, Any]:
        """Cached results for those commits that have one under the current trust."""
        if self.db is None:
            return {}
        wanted = list(commits)
        out: dict[str, Any] = {}
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.db.execute(
                    f"SELECT commit_id, result FROM verified WHERE trust = ? AND commit_id IN ({marks})",
                    [self.key, *chunk])
                out.update((c, json.loads(r)) for c, r in rows)
        except sqlite3.Error:
            return {}
        return out

    def put_many(self, items: Iterator[tuple[str, Any]] | Iterable[tuple[str, Any]]) -> None:
        if self.db is None:
            return
        rows = [(c, self.key, json.dumps(r, separators=(",", ":"))) for c, r in items]
        with contextlib.suppress(sqlite3.Error), self.db:
            self.db.executemany("INSERT OR REPLACE INTO verified VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
