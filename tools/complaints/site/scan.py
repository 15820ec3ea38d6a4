"""The privacy gate over the built site.

Pages are checked where case text lands: the article of each page. Its text
(entities decoded, as a reader sees it) goes through privacy.scan_text for
personal data; its markup must hold no script, frame, event handler or
script URL, since our generator writes none and case text is escaped. A page
without an article is our own site root, whose whole text is checked. The
search index must hold only escaped text, and the open data files no
personal data (they carry case text as data, so markup there is not a page).
Personal data is matched in folded text (check/privacy/fold.py) and reported at
its line:col in the file where it is written there as it reads.

No staff id of the roster (P109) may appear in any file of the site, in any
byte: the ids of today's roster, of members removed from it (the policy's Git
history) and of every actor named in a case (roster.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from complaints.check.privacy.gate import Names, scan_spans
from complaints.site.roster import staff_hits

_ACTIVE_TAGS = frozenset({"script", "iframe", "object", "embed", "frame", "base", "form",
                          "meta", "link", "style"})
_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})
# The index keeps case text escaped (&lt;); a literal tag or a handler inside one is raw.
_RAW_IN_INDEX = re.compile(r"<\s*(script|iframe|img|object|embed)\b|<[a-z][^<>]*\son\w+\s*=",
                           re.IGNORECASE)
_DATA_SUFFIXES = (".json", ".csv", ".atom")


# Bytes in, UTF-8 always: lxml refuses a str that carries an XML encoding declaration.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8")
_SCRIPT_URL = re.compile(r"\s*(java|vb)script:|\s*data:text/html", re.IGNORECASE)


def _article(html: bytes) -> tuple[str, list[str]]:
    """The text of the page's <article> (one text node per line, so cells and tags never
    glue into one number or word) and the active markup found in it. libxml2's parser:
    Python's html.parser took most of the gate's time at 20,000 pages."""
    start, end = html.find(b"<article"), html.rfind(b"</article>")
    if not 0 <= start < end:  # our own root page: its text is checked, its script is ours
        root = etree.fromstring(html, _PARSER)
        body = root.find("body") if root is not None else None
        return ("\n".join(body.itertext()) if body is not None else ""), []
    # Only the article holds page content; theme chrome around it is the same on every page.
    root = etree.fromstring(html[start:end + 10], _PARSER)
    active = []
    for element in root.iter(tag=etree.Element):
        tag = element.tag
        if tag in _ACTIVE_TAGS:
            active.append(f"<{tag}> element")
        for name, value in element.attrib.items():
            if name.startswith("on"):
                active.append(f"{name}= handler on <{tag}>")
            elif name in _URL_ATTRS and _SCRIPT_URL.match(value):
                active.append(f"script URL in {name} of <{tag}>")
    return "\n".join(root.itertext()), active


Problem = tuple[str, str, str]  # ":line:col" or "", code, detail


def _personal(text: str, names: Names, source: str) -> list[Problem]:
    """Personal data in a page's text, each at its line:col in source (the file's text)
    when the text as written is found there, from the last one found on."""
    out, at = [], 0
    for start, end, code, detail in scan_spans(text, names):
        if code == "P106":
            continue
        found = source.find(text[start:end], at) if source else -1
        if found >= 0:
            at = found
            line = source.count("\n", 0, found) + 1
            out.append((f":{line}:{found - source.rfind(chr(10), 0, found)}", code, detail))
        else:
            out.append(("", code, detail))
    return out


def _files(site_dir: Path, skip: Iterable[str]) -> list[Path]:
    skipped = set(skip)
    tops = [p for p in sorted(site_dir.iterdir()) if p.name not in skipped]
    return [path for top in tops for path in ([top] if top.is_file() else sorted(top.rglob("*")))]


def scan_site(site_dir: Path, names: Iterable[str] = (), skip: Iterable[str] = (),
              staff: Iterable[str] = ()) -> list[str]:
    """Problems as 'path[:line:col]: CODE detail' lines; empty when the site is clean.
    Top-level entries named in skip are left out (the language builds scan their own
    output); staff are the ids no file may hold (site/roster.py: staff_ids)."""
    register = Names(names)
    ids = tuple(staff)
    problems: list[str] = []

    def report(path: Path, found: Iterable[Problem]) -> None:
        problems.extend(f"{path.relative_to(site_dir)}{w}: {c} {d}" for w, c, d in found)

    for path in _files(site_dir, skip):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        report(path, staff_hits(raw, ids))
        if path.suffix == ".html":
            text, active = _article(raw)
            report(path, [("", "P106", a) for a in active])
            report(path, _personal(text, register, raw.decode("utf-8", errors="replace")))
        elif path.name == "search_index.json":
            docs = json.loads(raw.decode("utf-8")).get("docs", [])
            for doc in docs:
                for key in ("title", "text"):
                    found = _RAW_IN_INDEX.search(doc.get(key, ""))
                    if found:
                        report(path, [("", "P106", f"raw markup {found.group().strip()!r} in "
                                               f"{doc.get('location', '?')}")])
        elif path.suffix in _DATA_SUFFIXES and "schema" not in path.parts:
            source = raw.decode("utf-8", errors="replace")
            report(path, _personal(source, register, source))
    return problems
