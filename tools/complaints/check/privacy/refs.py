"""P108: a complainant reference is the case's own, never shared by two cases.

A shared reference would let anyone reading the public repository put one
person's complaints side by side. The link between a person's cases belongs in
the private register (load/register.py); in public, only a declined duplicate
points at the case it repeats (`decline.duplicate_of`).
"""

from __future__ import annotations

from collections.abc import Iterable

from complaints.base.findings import Finding, finding

Reference = tuple[str, int, int]  # the reference, and its line and column in the file


def shared_references(cases: Iterable[tuple[str, Reference | None]]) -> list[Finding]:
    """One finding on every case after the first (by path) that reuses a reference;
    cases are (path, its reference or None)."""
    first: dict[str, str] = {}
    out = []
    for path, reference in sorted(cases, key=lambda c: c[0]):
        if reference is None:
            continue
        ref, line, col = reference
        if ref in first:
            out.append(finding(path, line, col, "P108", f"{ref} is also the reference of {first[ref]}"))
        else:
            first[ref] = path
    return out
