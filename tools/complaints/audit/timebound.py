"""Trusted time: a host's merge bounds when the steps it brought in existed.

A step's commit date is whatever its signer's clock said, so a key with a
`valid-before` expiry can still sign steps back-dated to before it. A merge
commit signed by the host (`merges.signers`, see merges.py) carries the host's
time. Walking the branch's first-parent line oldest first, each commit reached
first through a trusted merge's other parents gets that merge's time as an
upper bound; a step whose key had expired before that bound (T166), or whose
date lies further before it than `merges.max_lag_days` (T167), is flagged.

This depends on history after the step, so it is never cached per commit. Only
commit objects are read (no diffs), and signatures are not verified again:
run.py judges them; here only the key and the dates matter.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from complaints.audit.merges import MergeRules
from complaints.audit.trail import Head, LogCommit, Objects, commit_fields, parse_trailers, read_head
from complaints.base.findings import Finding, finding
from complaints.base.trailers import CASE, STEP
from complaints.load.paths import case_path
from complaints.signing.signers import Trusted
from complaints.signing.sshsig import SigFormatError, parse_armored, split_commit

_ID = re.compile(r"^C-\d{4}-\d{4,6}$")


def _when(stamp: int) -> str:
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%MZ")


def _line(tip: str, parents: dict[str, tuple[str, ...]]) -> list[str]:
    """The first-parent line from tip, oldest first, as far as the range goes."""
    line: list[str] = []
    at: str | None = tip
    while at is not None and at in parents:
        line.append(at)
        at = parents[at][0] if parents[at] else None
    return line[::-1]


def first_merges(line: list[str], parents: dict[str, tuple[str, ...]],
                 trusted_merges: set[str]) -> dict[str, str]:
    """Non-merge commit -> the trusted merge on the first-parent line that first brought it in."""
    seen: set[str] = set()
    bound: dict[str, str] = {}
    for sha in line:  # oldest first: what is seen is what the branch already had
        seen.add(sha)
        stack = list(parents[sha][1:])
        while stack:
            c = stack.pop()
            if c in seen or c not in parents:  # outside the range: not ours to bound
                continue
            seen.add(c)
            if sha in trusted_merges and len(parents[c]) == 1:
                bound[c] = sha
            stack.extend(parents[c])
    return bound


def time_findings(root: Path, tip: str, commits: list[LogCommit], merges: list[LogCommit],
                  trusted: Trusted, rules: MergeRules) -> list[Finding]:
    if not rules.active or not merges:
        return []
    parents = {c.sha: c.parents for c in (*commits, *merges)}
    line = _line(tip, parents)
    objects = Objects(root)
    try:
        shas = [sha for sha in line if len(parents[sha]) > 1]  # only merges into this branch count
        heads = {sha: read_head(root, sha, raw or b"", rules.signers)
                 for sha, raw in zip(shas, objects.read_many(shas), strict=True)}
        good = {sha for sha, h in heads.items() if h.status == "good"}
        bound = first_merges(line, parents, good) if good else {}
        steps = list(bound)
        out: list[Finding] = []
        for sha, raw in zip(steps, objects.read_many(steps), strict=True):
            out += _check(sha, raw or b"", heads[bound[sha]], trusted, rules)
        return out
    finally:
        objects.close()


def _check(sha: str, raw: bytes, merge: Head, trusted: Trusted, rules: MergeRules) -> list[Finding]:
    signed = split_commit(raw)
    _, (_, committed), message = commit_fields(signed.payload if signed else raw)
    trailers = parse_trailers(message)
    if signed is None or signed.kind != "ssh" or not trailers.get(STEP.lower()):
        return []  # unsigned or GPG: judged by run.py; no step: nothing dated to bound
    try:
        key = parse_armored(signed.signature).key_text.split()[1]
    except (SigFormatError, ValueError, IndexError):
        return []
    case = (trailers.get(CASE.lower()) or ("",))[-1]
    path = case_path(Path(), case).as_posix() if _ID.match(case) else "cases/"
    where = f"commit {sha[:12]}"
    merged = f"trusted merge {merge.sha[:12]} by {merge.signer} at {_when(merge.committed)}"
    out = []
    entries = [e for e in trusted.entries if e.key_b64 == key]
    if entries and all(e.valid_before is not None and e.valid_before < merge.committed for e in entries):
        expiry = max(e.valid_before or 0 for e in entries)
        out.append(finding(path, 1, 1, "T166", f"{where}: key of {entries[0].principal} valid before "
                           f"{_when(expiry)}, but the step first appears in {merged}; it may have been "
                           "signed after the expiry and back-dated"))
    if rules.max_lag is not None and merge.committed - committed > rules.max_lag:
        hours = (merge.committed - committed) // 3600
        out.append(finding(path, 1, 1, "T167", f"{where}: dated {_when(committed)}, {hours} hours "
                           f"before {merged}; the policy allows {rules.max_lag // 86400} days"))
    return out
