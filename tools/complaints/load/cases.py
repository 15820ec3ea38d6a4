"""The one way any stage reads a case file: size-limited, safe YAML, the case schema.

validate, the desk (`list`, `show`) and the site all load through `load_case`, so
a file is equally readable, or equally refused, wherever it is looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from complaints.base.findings import Finding
from complaints.load.paths import display_path
from complaints.load.safeyaml import Document, LoadError, decode, parse, read_limited
from complaints.load.schemas import schema_findings


@dataclass
class LoadedCase:
    rel: str  # the path as reports show it
    raw: bytes  # empty when the file could not be read
    doc: Document | None  # None when the file is not YAML we accept
    findings: list[Finding]  # loading and schema problems

    @property
    def ok(self) -> bool:
        return self.doc is not None and not self.findings


def load_case(root: Path, path: Path, raw: bytes | None = None, positions: bool = True) -> LoadedCase:
    """Read and schema-check one case file; never raises for bad input. Without positions
    the parse is three times cheaper; a file with problems is parsed again with them,
    so every finding still names its line."""
    rel = display_path(root, path)
    try:
        raw = read_limited(path) if raw is None else raw
        doc = parse(decode(raw), with_positions=positions)
    except LoadError as exc:
        return LoadedCase(rel, raw or b"", None, [exc.finding(rel)])
    found = schema_findings("case", doc, rel)
    if found and not positions:
        return load_case(root, path, raw, positions=True)
    return LoadedCase(rel, raw, doc, found)
