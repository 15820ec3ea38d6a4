"""Staff ids the public site must never hold (P109), and the check for them.

The site names owners, actors and reviewers by role or unit; a staff id in any
built file (a page, the open data, the search index, a compressed sitemap) means
a generator let one through. The ids looked for are every id of the policy's
roster, every id the policy's Git history ever listed (members who left), and
every staff id a case names (an imported case's actor may be gone from the
roster), so an id cannot slip out by leaving the roster first.
"""

from __future__ import annotations

import contextlib
import gzip
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from complaints.base.git import Git, GitError
from complaints.load.paths import case_files
from complaints.load.policy import POLICY_FILE, PolicyError, load_policy

# The schema's staff id, and the fields of a case (and lines of the policy) that hold one.
_ID = r"s-[a-z0-9][a-z0-9-]{0,30}"
_IN_CASE = re.compile(rf"(?:\b(?:actor|investigator|proposed_by|approved_by|reviewer|owner|id)"
                      rf":|^\s*-)\s*[\"']?({_ID})[\"']?\s*(?:[,}}\]#]|$)", re.M)
_FLOW = re.compile(r"\bstaff:\s*\[([^\]\n]*)\]")  # staff: [s-wu, s-li]
_ONE = re.compile(rf"^\s*[\"']?({_ID})[\"']?\s*$")


def _named(text: str) -> set[str]:
    """Staff ids in the id-holding fields of a case or policy text."""
    found = set(_IN_CASE.findall(text))
    for flow in _FLOW.findall(text):
        found.update(m.group(1) for item in flow.split(",") if (m := _ONE.match(item)))
    return found


def staff_ids(root: Path) -> tuple[str, ...]:
    """Every staff id of the roster, its history and the cases, sorted."""
    found: set[str] = set()
    with contextlib.suppress(PolicyError):  # the build fails on the policy itself anyway
        found |= set(load_policy(root).staff)
    policy = root / POLICY_FILE
    if policy.exists():
        found |= _named(policy.read_text("utf-8", errors="replace"))
    try:
        past = Git(root).run("log", "--format=", "-p", "--", POLICY_FILE, check=False).stdout
    except GitError:
        past = ""  # not a Git repository: the roster and the cases are all there is
    found |= _named("\n".join(line[1:] for line in past.splitlines() if line[:1] in "+-"))
    for path in case_files(root):
        found |= _named(path.read_text("utf-8", errors="replace"))
    return tuple(sorted(found))


@cache
def _pattern(ids: tuple[str, ...]) -> re.Pattern[bytes]:
    # Every id starts "s-": the pattern starts with that literal and tests the left edge
    # after it, so re skips ahead fast through megabytes of scripts.
    body = b"|".join(re.escape(i[2:].encode()) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rb"s-(?<![A-Za-z0-9_-]s-)(?:" + body + rb")(?![A-Za-z0-9_-])", re.IGNORECASE)


def staff_hits(raw: bytes, ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(":line:col", "P109", detail) for each staff id in a file's bytes; a gzip file
    (sitemap.xml.gz) is read decompressed, so compression hides nothing."""
    wanted = tuple(ids)
    if not wanted:
        return []
    if raw[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):  # not gzip after all: read as it is
            raw = gzip.decompress(raw)
    out = []
    for m in _pattern(wanted).finditer(raw):
        line = raw.count(b"\n", 0, m.start()) + 1
        col = len(raw[raw.rfind(b"\n", 0, m.start()) + 1:m.start()].decode("utf-8", "replace")) + 1
        out.append((f":{line}:{col}", "P109", f"staff id {m.group().decode()}"))
    return out


__all__ = ["staff_hits", "staff_ids"]
