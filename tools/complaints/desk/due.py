"""What is overdue and what falls due soon: `complaints due`, for people and a scheduled job.

Only the organization's own clocks count (a complainant's window is theirs), and a
paused clock cannot run out while it stands still, so it is left out. A clock whose
due date relies on a year the calendar has no official schedule for is refused
(D101) unless the policy allows estimates; then it is listed marked estimated.

A scheduled job runs this on every case every day, so what it needs of each file is
cached by content hash under .git/complaints/: the open clocks' due dates depend on
the file, the policy and the calendar, not on the day (a clock paused today is the
exception, and such a file is read afresh every time).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from complaints import __version__
from complaints.base.findings import Finding, finding
from complaints.base.pool import chunked_map
from complaints.load.cases import load_case
from complaints.load.paths import case_files, display_path
from complaints.load.policy import POLICY_FILE, Policy
from complaints.procedure.calendar import holidays_version
from complaints.procedure.clock import Clock, clocks, gap_detail, gaps

CACHE_VERSION = "1"


@dataclass(frozen=True)
class DueItem:
    case: str
    title: str
    clock: str
    label: dict[str, str]
    due: str
    state: str  # overdue or due_soon
    days: int  # days left; negative: days late
    role: str | None
    estimated: bool


ITEM_FIELDS = tuple(f.name for f in fields(DueItem))


@dataclass
class DueReport:
    as_of: date
    window_days: int
    items: list[DueItem]
    refused: list[Finding]  # D101: a due date the calendar cannot give yet
    skipped: list[str]  # files that could not be read (validate says why)

    @property
    def overdue(self) -> list[DueItem]:
        return [i for i in self.items if i.state == "overdue"]

    def as_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "window_days": self.window_days,
                "items": [{k: getattr(i, k) for k in ITEM_FIELDS} for i in self.items]}  # asdict: 5x slower


def _open_clocks(found: list[Clock]) -> tuple[list[list[Any]], bool]:
    """[name, due, role, estimated] of each open clock, and whether one is paused (day-dependent)."""
    rows = [[c.name, c.due.isoformat(), c.role, c.estimated] for c in found
            if c.open and c.party == "organization" and c.outcome != "paused"]
    return rows, any(c.outcome == "paused" for c in found)


def _salt(root: Path, policy: Policy) -> str:
    h = hashlib.sha1(f"{__version__}:{CACHE_VERSION}:{holidays_version()}:{policy.calendar.digest}".encode())
    h.update((root / POLICY_FILE).read_bytes())
    return h.hexdigest()


def _cache_file(root: Path) -> Path:
    git = root / ".git"
    return (git if git.is_dir() else root / ".cache") / "complaints" / "due.json"


def _read_cache(path: Path, salt: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
        return data["entries"] if data.get("salt") == salt else {}  # type: ignore[no-any-return]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _write_cache(path: Path, salt: str, entries: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"salt": salt, "entries": entries}, separators=(",", ":")), "utf-8")
        os.replace(tmp, path)


@dataclass(frozen=True)
class _Job:
    root: Path
    policy: Policy
    today: date


_JOB: _Job | None = None


def _init(job: _Job) -> None:
    global _JOB
    _JOB = job


def _read_many(todo: list[tuple[Path, str, str]]) -> list[tuple[list[Any] | None, list[Finding], bool]]:
    """For each (path, rel, digest): its entry (None: unreadable), its D101 findings, cacheable."""
    assert _JOB is not None
    out: list[tuple[list[Any] | None, list[Finding], bool]] = []
    for path, rel, digest in todo:
        loaded = load_case(_JOB.root, path, positions=False)
        if not loaded.ok or loaded.doc is None:
            out.append((None, [], False))
            continue
        case = loaded.doc.data
        found = clocks(case, _JOB.policy, _JOB.today)
        refused = [finding(rel, 1, 1, "D101", f"{case['id']} {gap_detail(c)}") for c in gaps(found, _JOB.policy)]
        rows, paused = _open_clocks(found)
        out.append(([digest, case["id"], case.get("title", ""), rows], refused, not paused and not refused))
    return out


def due(root: Path, policy: Policy, today: date, within: int, use_cache: bool = True) -> DueReport:
    """Every open clock of every case that is overdue or due within `within` days of today."""
    salt = _salt(root, policy)
    cache_path = _cache_file(root)
    cached = _read_cache(cache_path, salt) if use_cache else {}
    entries: dict[str, Any] = {}
    report = DueReport(today, within, [], [], [])
    todo: list[tuple[Path, str, str]] = []
    for path in case_files(root):
        rel = display_path(root, path)
        try:
            with open(path, "rb") as f:  # pathlib's read_bytes costs a third more on 10,000 files
                digest = hashlib.sha1(f.read()).hexdigest()
        except OSError:
            report.skipped.append(rel)
            continue
        entry = cached.get(rel)
        if entry is not None and entry[0] == digest:
            entries[rel] = entry
            _items(report, policy, entry, today, within)
        else:
            todo.append((path, rel, digest))
    # the files not cached are parsed on every core, as validate does
    for (_, rel, _), (entry, refused, cacheable) in zip(
            todo, chunked_map(_read_many, todo, _init, (_Job(root, policy, today),)), strict=True):
        if entry is None:
            report.skipped.append(rel)
            continue
        report.refused += refused
        if cacheable:
            entries[rel] = entry
        _items(report, policy, entry, today, within)
    if use_cache and entries != cached:
        _write_cache(cache_path, salt, entries)
    report.items.sort(key=lambda i: (i.due, i.case, i.clock))
    report.skipped.sort()
    return report


def _items(report: DueReport, policy: Policy, entry: list[Any], today: date, within: int) -> None:
    _, case_id, title, rows = entry
    for name, due_day, role, estimated in rows:
        days = (date.fromisoformat(due_day) - today).days
        if days > within:
            continue
        state = "overdue" if days < 0 else "due_soon"
        report.items.append(DueItem(case_id, title, name, dict(policy.deadlines[name].label), due_day,
                                    state, days, role, estimated))


def text(report: DueReport, policy: Policy, lang: str) -> str:
    """For a terminal: overdue first, then what falls due, by clock and role."""
    lines = []
    for state, head in (("overdue", "Overdue"), ("due_soon", f"Due within {report.window_days} days")):
        items = [i for i in report.items if i.state == state]
        if not items:
            continue
        lines.append(f"{head}:")
        for i in items:
            when = f"{-i.days} day{'s'[:-i.days != 1]} late" if i.days < 0 else \
                "today" if i.days == 0 else f"in {i.days} day{'s'[:i.days != 1]}"
            role = policy.label("roles", i.role, lang) if i.role else "-"
            mark = " (estimated)" if i.estimated else ""
            lines.append(f"  {i.case}  {i.label.get(lang, i.clock)}  due {i.due}{mark}, {when}  [{role}]  {i.title}")
    soon = len(report.items) - len(report.overdue)
    lines.append(f"{len(report.overdue)} overdue, {soon} due within {report.window_days} days "
                 f"(as of {report.as_of.isoformat()})")
    return "\n".join(lines) + "\n"
