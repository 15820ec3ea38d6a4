"""Small Markdown builders. Cells and text passed in must already be safe
(escaped with escape.inline or produced by our own code)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..clock import offset
from ..policy import Policy


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A pipe table; align is one letter per column (l, r), default left."""
    marks = [("---:" if a == "r" else "---") for a in align.ljust(len(headers), "l")]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def filterable(body: str, label: str) -> str:
    """Wrap a table so site.js adds a filter box and sortable headers."""
    return f'<div class="filterable" data-filter-label="{label}" markdown="1">\n\n{body}\n\n</div>'


def when(moment: datetime, policy: Policy, with_time: bool = False) -> str:
    local = moment.astimezone(offset(policy))
    return local.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
