"""The one reminder issue: what `complaints due --format json` says is overdue or due soon.

Run on a schedule. The issue carrying LABEL is found (open or closed, the oldest) and
rewritten in place, reopened if it was closed, opened only if there has never been one;
when nothing is overdue or due soon it is closed with a comment. An unchanged list
changes nothing, so a daily run does not notify anyone twice for the same list.
The body shows case ids, public titles, clocks, dates and roles, never a staff id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from complaints.base.errors import CannotRun
from complaints.github.api import GitHub

LABEL = "complaints-reminder"
MARK = "<!-- complaints-reminder: updated by the Reminders workflow; edits are overwritten -->"
STATES = ("overdue", "due_soon")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


@dataclass(frozen=True)
class Due:
    as_of: str
    window: int
    items: list[dict[str, Any]]


def load_due(path: Path) -> Due:
    """The `complaints due --format json` report; its contract is checked, not assumed."""
    try:
        data = json.loads(path.read_text("utf-8"))
        items = [i for i in data["items"] if i["state"] in STATES]
        for i in items:
            if not (isinstance(i["case"], str) and isinstance(i["due"], str) and isinstance(i["days"], int)):
                raise ValueError(f"item {i.get('case')!r}: case, due and days are a string, a date, a number")
        return Due(str(data["as_of"]), int(data["window_days"]), items)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CannotRun(f"{path}: not a `complaints due --format json` report ({exc!r})") from None


def _text(value: object) -> str:
    """Case text as inert Markdown: no markup, links or @-mentions."""
    return _MARKDOWN.sub(r"\\\1", str(value)).replace("@", "@\u2060").replace("\n", " ")


def render(due: Due) -> tuple[str, str]:
    """(title, body) of the reminder issue."""
    counts = {s: sum(1 for i in due.items if i["state"] == s) for s in STATES}
    title = f"Complaint deadlines: {counts['overdue']} overdue, {counts['due_soon']} due within {due.window} days"
    lines = [MARK, f"As of {due.as_of}; due soon means within {due.window} days. "
             "This issue is updated every day and closed when nothing is due.", ""]
    for state, heading in (("overdue", "Overdue / 已超期"), ("due_soon", "Due soon / 即将到期")):
        rows = sorted((i for i in due.items if i["state"] == state), key=lambda i: (i["due"], i["case"]))
        if not rows:
            continue
        lines += [f"### {heading}", "", "| Case | Title | Clock | Due | Days | Role |", "|---|---|---|---|---|---|"]
        for i in rows:
            label = i.get("label") or {}
            clock = " / ".join(str(label[k]) for k in ("en", "zh") if label.get(k)) or i.get("clock", "")
            when = i["due"] + (" (estimated)" if i.get("estimated") else "")
            lines.append(f"| {_text(i['case'])} | {_text(i.get('title', ''))} | {_text(clock)} | "
                         f"{_text(when)} | {int(i['days'])} | {_text(i.get('role', ''))} |")
        lines.append("")
    return title, "\n".join(lines).rstrip() + "\n"


def remind(due: Due, api: GitHub) -> str:
    """Open, update, reopen or close the one reminder issue; says what it did."""
    found = api.issues(LABEL)
    issue = next((i for i in found if i.get("state") == "open"), found[0] if found else None)
    if not due.items:
        if issue is None or issue.get("state") != "open":
            return "nothing overdue or due soon; no reminder open"
        api.comment(issue["number"], f"Nothing is overdue or due soon as of {due.as_of}. Closing.")
        api.update_issue(issue["number"], state="closed", state_reason="completed")
        return f"closed #{issue['number']}: nothing overdue or due soon"
    title, body = render(due)
    if issue is None:
        made = api.create_issue(title, body, [LABEL])
        return f"opened #{made['number']}: {title}"
    if issue.get("state") == "open" and issue.get("title") == title and issue.get("body") == body:
        return f"unchanged #{issue['number']}: {title}"
    verb = "updated" if issue.get("state") == "open" else "reopened"
    api.update_issue(issue["number"], title=title, body=body, state="open")
    return f"{verb} #{issue['number']}: {title}"
