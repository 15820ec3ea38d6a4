"""Reading cases for people: listing, filtering and a readable view of one."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from complaints.base.errors import Problems
from complaints.base.times import parse_time
from complaints.figures.view import day_count
from complaints.load.cases import load_case
from complaints.load.paths import case_files, case_path
from complaints.load.policy import Policy
from complaints.load.safeyaml import Document
from complaints.procedure.clock import Clock, clocks, local_date, next_deadline, offset


class CaseNotFound(Problems):
    """No such case, or its file cannot be read."""


@dataclass(frozen=True)
class Filter:
    status: set[str]
    category: set[str]
    year: int | None
    only_open: bool


def load_all(root: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Every loadable case (shape-checked lightly), and the files that were not."""
    cases, problems = [], []
    for path in case_files(root):
        loaded = load_case(root, path, positions=False)
        if loaded.ok and loaded.doc is not None:
            cases.append(loaded.doc.data)
        else:
            problems.append(str(loaded.findings[0]))
    return cases, problems


def find_case(root: Path, case_id: str) -> tuple[Path, Document]:
    path = case_path(root, case_id)  # the id was parsed: it cannot leave cases/
    rel = path.relative_to(root).as_posix()
    if not path.is_file():
        raise CaseNotFound(f"no case {case_id} (expected {rel})", "X125")
    loaded = load_case(root, path)
    if loaded.doc is None:  # shown even when the schema objects; unreadable is refused
        raise CaseNotFound("\n".join(map(str, loaded.findings)), listed=True)
    return path, loaded.doc


def days(start: str, end: str | None, policy: Policy) -> int:
    """Days from receipt to the end (or today), counted as the site counts them: calendar
    days between dates in the organization's zone (figures.view.day_count)."""
    last = parse_time(end) if end else datetime.now(UTC)
    return max(day_count(local_date(parse_time(start), policy), local_date(last, policy)), 0)


def _deadline(clock: Clock | None) -> dict[str, Any] | None:
    if clock is None:
        return None
    return {"clock": clock.name, "due": clock.due.isoformat(), "state": clock.outcome,
            "days_left": clock.days_left, "estimated": clock.estimated}


def _due_cell(row: dict[str, Any]) -> str:
    """The next deadline in a few characters: date, then ! when overdue, || when paused, ~ when estimated."""
    d = row.get("next_deadline")
    if not d:
        return ""
    marks = {"overdue": "!", "paused": "||"}.get(d["state"], "")
    return str(d["due"]) + (" " + marks if marks else "") + ("~" if d["estimated"] else "")


def list_rows(cases: list[dict[str, Any]], policy: Policy, f: Filter,
              today: date | None = None) -> list[dict[str, Any]]:
    today = today or datetime.now(offset(policy)).date()
    rows = []
    for c in cases:
        if f.status and c.get("status") not in f.status:
            continue
        if f.category and c.get("category") not in f.category:
            continue
        if f.year and not str(c.get("received", "")).startswith(str(f.year)):
            continue
        terminal = c.get("status") in policy.terminal
        if f.only_open and terminal:
            continue
        end = c["history"][-1]["at"] if terminal else None
        rows.append({
            "id": c["id"], "status": c.get("status"), "category": c.get("category"),
            "severity": c.get("severity"), "received": str(c.get("received", ""))[:10],
            "days": days(c["received"], end, policy) if "received" in c else None,
            "open": not terminal, "title": c.get("title", ""),
            "next_deadline": _deadline(next_deadline(clocks(c, policy, today))),
        })
    return sorted(rows, key=lambda r: (r["received"], r["id"]), reverse=True)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell(text: str, width: int) -> str:
    out = ""
    for ch in text:
        if _width(out + ch) > width:
            return out[:-1] + "…" + " " * (width - _width(out[:-1]) - 1)
        out += ch
    return out + " " * (width - _width(out))


def table(rows: list[dict[str, Any]], policy: Policy, lang: str) -> str:
    head = {"zh": ("编号", "状态", "类别", "收到", "天数", "下一时限", "标题"),
            "en": ("ID", "Status", "Category", "Received", "Days", "Next due", "Title")}[lang]
    widths = (12, 16, 16, 10, 5, 14, 40)
    lines = ["  ".join(cell(h, w) for h, w in zip(head, widths, strict=True)).rstrip()]
    for r in rows:
        cells = (r["id"], policy.label("states", r["status"], lang),
                 policy.label("categories", r["category"], lang), r["received"],
                 str(r["days"]) + ("" if r["open"] else "✓"), _due_cell(r), r["title"])
        lines.append("  ".join(cell(c, w) for c, w in zip(cells, widths, strict=True)).rstrip())
    lines.append(f"{len(rows)} case{'s'[:len(rows) != 1]}")
    return "\n".join(lines) + "\n"

