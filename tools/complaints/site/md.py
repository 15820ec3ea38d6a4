"""Small Markdown and HTML builders. Cells and text passed in must already be safe
(escaped with escape.inline or produced by our own code)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from complaints.load.policy import Policy
from complaints.procedure.clock import offset

SEP = " · "
COLON = {"zh": "：", "en": ": "}


def item(label: str, value: str, lang: str) -> str:
    """One `- label: value` line of a case page, with the language's colon."""
    return f"- {label}{COLON[lang]}{value}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A pipe table; align is one letter per column (l, r), default left."""
    marks = [("---:" if a == "r" else "---") for a in align.ljust(len(headers), "l")]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def html_table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """The same table as raw HTML, for the pages there are thousands of (case pages, the
    case index): Markdown leaves a raw block alone instead of running its inline patterns
    over every cell, which was most of the build time. Cells are HTML here, and
    escape.inline's output is valid HTML text. One block with no blank line inside."""
    styles = [' style="text-align: right;"' if a == "r" else "" for a in align.ljust(len(headers))]
    head = "".join(f"<th{s}>{h}</th>" for s, h in zip(styles, headers, strict=True))
    body = "\n".join("<tr>" + "".join(f"<td{s}>{c}</td>" for s, c in zip(styles, cells, strict=True))
                     + "</tr>" for cells in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def filterable(body: str, label: str, markdown: bool = True) -> str:
    """Wrap a table so site.js adds a filter box and sortable headers."""
    if not markdown:
        return f'<div class="filterable" data-filter-label="{label}">\n{body}\n</div>'
    return f'<div class="filterable" data-filter-label="{label}" markdown="1">\n\n{body}\n\n</div>'


def page_url(rel: str) -> str:
    """The directory URL MkDocs gives a page (use_directory_urls: true, set in mkdocs.yml)."""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def to_site_root(rel: str) -> str:
    """From the page rel (inside one language) up to the site root, which holds zh/, en/
    and data/. Links that leave a language's build are raw HTML: MkDocs can only check
    links inside its own docs_dir."""
    return "../" * (page_url(rel).count("/") + 1)


def when(moment: datetime, policy: Policy, with_time: bool = False) -> str:
    t = moment.astimezone(offset(policy))  # formatted by hand: strftime is 3x slower
    day = f"{t.year:04d}-{t.month:02d}-{t.day:02d}"
    return f"{day} {t.hour:02d}:{t.minute:02d}" if with_time else day
