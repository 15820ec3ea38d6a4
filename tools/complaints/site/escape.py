"""Escaping case text for Markdown pages and inline HTML.

Case text is data, never markup. Every character that Markdown, HTML or the
enabled extensions give a meaning to anywhere in a line becomes a numeric
character reference, and so does a line's first character where only that
position matters (headings, lists, setext underlines, "1." items).
Python-Markdown passes references through untouched and the browser shows the
character, so `<script>`, `[x](javascript:...)`, `# title`, `| cell |` or
`{: onclick=... }` appear as the text that was typed. Plain punctuation such as
`.`, `,`, `(` or `:` stays as it is: no link, image or autolink can form
without `[` or `<`, and every extra reference costs Markdown time per page.
"""

from __future__ import annotations

import html
import re

_SPECIAL = set("\\`*_{}[]<>|~^&")
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _SPECIAL})
# Markup only at the start of a line: "# h", "- item", "+ item", "===", "1. item", "1) item".
_LINE_START = re.compile(r"^(?:([#+\-=])|([0-9]+)([.)]))")


def _ref(char: str) -> str:
    return f"&#{ord(char)};"


def _line_start(line: str) -> str:
    match = _LINE_START.match(line)
    if not match:
        return line
    if match.group(1):
        return _ref(match.group(1)) + line[1:]
    return match.group(2) + _ref(match.group(3)) + line[match.end():]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def inline(text: str) -> str:
    """One line of safe Markdown: line breaks become spaces (fit for table cells)."""
    flat = " ".join(_CONTROL.sub("", text).split())
    return _line_start(flat.translate(_TABLE))


def block(text: str) -> str:
    """Safe Markdown paragraphs: blank lines separate them, single breaks are kept."""
    paragraphs = re.split(r"\n\s*\n", _CONTROL.sub("", text.replace("\r\n", "\n")).strip())
    out = []
    for para in paragraphs:
        lines = [inline(line) for line in para.split("\n") if line.strip()]
        if lines:
            out.append("<br>\n".join(lines))
    return "\n\n".join(out)


def attr(text: str) -> str:
    """Text for an HTML attribute or element content (SVG labels, data attributes)."""
    return html.escape(_CONTROL.sub("", text), quote=True)
