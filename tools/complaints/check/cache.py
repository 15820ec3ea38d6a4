"""Cache of clean validation results, keyed by file content.

Every file is read and hashed on every run (10,000 small files take about a
tenth of a second), so no edit can hide behind an unchanged size and mtime
as it can in a stat-based cache. Entries are only kept
for files that had no findings, and the whole cache is dropped when its salt
(tool version, schemas, policy, register names) changes, so a changed policy
or schema is never served from a stale cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from complaints.base.findings import Finding


@dataclass
class FileResult:
    """What checking one file found, and what the cross-file checks need of it."""

    path: str
    digest: str
    findings: list[Finding] = field(default_factory=list)
    case_id: str | None = None
    id_line: int = 1
    refs: tuple[str, ...] = ()  # case ids this one points at
    complainant: tuple[str, int, int] | None = None  # its reference, line, col (P108)


def cache_path(root: Path) -> Path:
    git = root / ".git"
    return (git if git.is_dir() else root / ".cache") / "complaints" / "validate.json"


@dataclass
class ResultCache:
    path: Path
    salt: str
    entries: dict[str, list[Any]]  # relpath -> [sha1, case_id, refs, id_line, complainant]

    @classmethod
    def open(cls, root: Path, salt: str) -> ResultCache:
        path = cache_path(root)
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("salt") == salt:
                return cls(path, salt, data["entries"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a missing or broken cache is an empty cache
        return cls(path, salt, {})

    def get(self, rel: str, path: Path) -> FileResult | None:
        entry = self.entries.get(rel)
        if entry is None:
            return None
        try:
            digest = hashlib.sha1(path.read_bytes()).hexdigest()
        except OSError:
            return None
        if digest != entry[0]:
            return None
        complainant = tuple(entry[4]) if len(entry) > 4 and entry[4] else None
        return FileResult(rel, digest, [], entry[1], entry[3], tuple(entry[2]), complainant)  # type: ignore[arg-type]

    def store(self, results: list[FileResult]) -> None:
        for r in results:
            if r.findings or not r.digest:
                self.entries.pop(r.path, None)
                continue
            self.entries[r.path] = [r.digest, r.case_id, list(r.refs), r.id_line,
                                    list(r.complainant) if r.complainant else None]
        self._write()

    def _write(self) -> None:
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            body = {"salt": self.salt, "entries": self.entries}
            tmp.write_text(json.dumps(body, separators=(",", ":")), "utf-8")
            os.replace(tmp, self.path)
