"""The privacy gate over case records: personal data and markup in public text.

Every free-text field of a case goes through the detectors (detect.py) as one
text; a finding points at the hit itself in the file (line:col of the file as
written), or at the field's value when the hit cannot be found there as written
(an escape in a quoted string, a folded line).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

from complaints.base.findings import Finding, finding
from complaints.check.privacy.detect import Span, scan_spans
from complaints.check.privacy.names import Names
from complaints.load.safeyaml import Document

__all__ = ["CODE_FIELDS", "Names", "privacy_findings", "public_text_fields", "scan_case", "scan_spans",
           "scan_text"]

Pointer = tuple[str | int, ...]


def scan_text(text: str, names: Iterable[str] = ()) -> list[tuple[int, str, str]]:
    """Personal data and markup in one text: sorted (offset, code, masked detail)."""
    return [(start, code, detail) for start, _, code, detail in scan_spans(text, names)]


# Fields holding codes, ids, times or flags: checked by the schema's patterns and
# skipped here for speed. Everything else that is a string is public free text,
# so a field added to the schema later is scanned without anyone remembering to.
CODE_FIELDS = frozenset({
    "id", "received", "channel", "category", "severity", "kind", "language", "complainant",
    "status", "investigator", "at", "step", "from", "to", "actor", "ground", "duplicate_of",
    "finding", "remedies", "proposed_by", "approved_by", "decided", "sent", "lodged",
    "outcome", "reviewer", "due", "state", "staff",
})


def public_text_fields(case: dict[str, Any]) -> Iterator[tuple[Pointer, str]]:
    """(pointer, text) for every free-text string in a case record, in file order."""
    out: list[tuple[Pointer, str]] = []
    _collect(case, (), out)
    return iter(out)


def _collect(value: Any, pointer: Pointer, out: list[tuple[Pointer, str]]) -> None:
    # Recursion into a list beats a generator here: this runs for every case.
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if key in CODE_FIELDS:
            continue
        if isinstance(item, str):
            out.append(((*pointer, key), item))
        elif isinstance(item, (dict, list)):
            _collect(item, (*pointer, key), out)


def _case_spans(case: dict[str, Any], names: Iterable[str]) -> list[tuple[Pointer, Span]]:
    """The fields are scanned as one text joined by NUL, which no pattern crosses,
    so a case costs one pass instead of one per field."""
    fields = list(public_text_fields(case))
    starts, at = [], 0
    for _, text in fields:
        starts.append(at)
        at += len(text) + 1
    out = []
    for start, end, code, detail in scan_spans("\0".join(text for _, text in fields), names):
        i = bisect_right(starts, start) - 1
        out.append((fields[i][0], (start - starts[i], end - starts[i], code, detail)))
    return out


def scan_case(case: dict[str, Any], names: Iterable[str] = ()) -> list[tuple[Pointer, int, str, str]]:
    """Hits in a case's public text: (pointer, offset in that field, code, detail)."""
    return [(pointer, start, code, detail) for pointer, (start, _, code, detail) in _case_spans(case, names)]


def _in_source(lines: list[str], line: int, col: int, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where text[start:end] stands in the file, searching from the value's (line, col):
    the same occurrence (the how-many-th in the value) as written. None when the file
    writes it otherwise (escaped, or broken over lines)."""
    needle = text[start:end]
    if not needle or "\n" in needle:
        return None
    nth = text.count(needle, 0, start)
    body = "\n".join(lines[line - 1:line - 1 + text.count("\n") + needle.count("\n") + 2])
    at = col - 1
    for _ in range(nth + 1):
        at = body.find(needle, at)
        if at < 0:
            return None
        at += 1
    at -= 1
    row = body.count("\n", 0, at)
    return line + row, at - (body.rfind("\n", 0, at) + 1) + 1


def privacy_findings(doc: Document, path: str, names: Iterable[str] = (), source: str = "") -> list[Finding]:
    """The gate's findings for one loaded case. With the file's text (source) each points
    at the hit as written; else, or where it is written otherwise, at its value."""
    hits = _case_spans(doc.data, names)
    texts = dict(public_text_fields(doc.data)) if hits else {}
    lines = source.splitlines() if hits and source else []
    out = []
    for pointer, (start, end, code, detail) in hits:
        where = "/".join(str(p) for p in pointer)
        text = texts[pointer]
        line, col = doc.pos(pointer)
        exact = _in_source(lines, line, col, text, start, end) if lines else None
        if exact is None:
            row = text.count("\n", 0, start)  # multi-line text: say which line of it
            where += f", line {row + 1} of the text" if row else ""
        out.append(finding(path, *(exact or (line, col)), code, f"{detail} in {where}"))
    return out
