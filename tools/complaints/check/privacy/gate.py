"""The privacy gate: personal data and markup in public text.

`scan_text` returns (offset, code, masked detail) for every hit. It runs on
every free-text field of every case and on every built page, so each check
sits behind a cheap regex and the costly ones (phonenumbers' matcher, the
checksum validators) only see the few spans that look like candidates.
Numbers are reported only when a checksum, a dialling format or a strict
shape holds, so case ids, report numbers, dates and amounts stay quiet.
Details are masked: a finding may end up in a public CI log.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

from complaints.base.findings import Finding, finding
from complaints.check.privacy.ids import ID_CHECKS, ID_GATE, card_ok, mask, ric_ok
from complaints.check.privacy.names import Names, as_names
from complaints.load.safeyaml import Document

__all__ = ["CODE_FIELDS", "Names", "privacy_findings", "public_text_fields", "scan_case", "scan_text"]

Hit = tuple[int, str, str]
Pointer = tuple[str | int, ...]

# Full-width forms are folded 1:1 to ASCII, so offsets stay those of the input.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in "＜＞"}
_FOLD[0x3000] = 0x20
# Only full-width digits, letters and @ matter; other full-width punctuation is common
# in Chinese text and folding it on every field would cost more than the scan.
_WIDE = re.compile("[０-９Ａ-Ｚａ-ｚ＠＋]")

# Cheap gates: each costly check runs only when its gate finds something.
_DIGITS7 = re.compile(r"[0-9](?:[^0-9\n]{0,2}[0-9]){6}")  # >= 7 digits close together

# A run of 13+ digits with single spaces or dashes between groups (cards, RICs).
# Patterns open with a character set and test the left edge after it: re then skips
# ahead fast instead of trying a lookbehind at every position.
_DIGIT_RUN = re.compile(r"[0-9](?<![0-9A-Za-z_\-/].)(?:[ \-]?[0-9]){12,}(?:[ \-]?[Xx])?"
                        r"(?![0-9A-Za-z_])")
# Phone candidates, only where a dialled number can start: + country code, 00 +
# country code or 0 + area code, a mobile 1[3-9] (maybe after 86), and with enough
# digits after it; phonenumbers' matcher (~100 us a call) then decides.
_SEP = r"(?:[ \-.()/]{0,2}[0-9])"
# Bounded by the longest numbers (E.164: 15 digits), so a long run of digits costs
# a few candidates rather than a scan from every digit to its end.
_PHONE_CAND = re.compile(
    rf"\+[0-9]{_SEP}{{6,14}}|0(?<![0-9]0){_SEP}{{8,14}}"
    rf"|1(?<![0-9]1)[3-9]{_SEP}{{9}}|8(?<![0-9]8)61[3-9]{_SEP}{{9}}"
)
# E-mail: found from each "@" outwards, with RFC length limits, so a long word
# before an "@" is read once and not once per starting letter.
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}\Z")
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,6}\.[A-Za-z]{2,24}")
_HANDLERS = (
    "abort|auxclick|beforeunload|blur|change|click|contextmenu|copy|cut|dblclick|drag[a-z]*|drop"
    "|error|focus[a-z]*|hashchange|input|invalid|key(?:down|press|up)|load[a-z]*|message"
    "|mouse[a-z]+|paste|pointer[a-z]+|popstate|reset|resize|scroll|search|select|show|submit"
    "|toggle|touch[a-z]+|unload|wheel|animation[a-z]+|transition[a-z]+|begin|end|pageshow"
)
# Split by the character that must be present, so most texts skip them all.
_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9:\-]*(?:\s[^<>\0]*)?/?>"  # a complete tag: <b>, </p>, <a href=..>
    r"|<\s*/?\s*(?:script|iframe|img|svg|object|embed|style|link|meta|base|form|input|body|math"
    r"|video|audio|frame|frameset|a)(?=[\s/>\0]|$)"  # a dangerous tag even left unclosed
    r"|<!--|<!\[CDATA\[|<!doctype|<\?",
    re.IGNORECASE,
)
_HANDLER = re.compile(r"(?<![A-Za-z0-9_\-])on(?:" + _HANDLERS + r")\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"\b(?:java|vb)script\s*:|\bdata\s*:\s*text/html", re.IGNORECASE)
# Phone types that belong to organizations (hotlines), not people.
_ORG_LINES = frozenset({3, 4, 5, 8, 9})  # toll-free, premium, shared cost, pager, UAN


def _markup_detail(found: str) -> str:
    """Name the construct only; attribute values may hold anything."""
    tag = re.match(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9:\-]*)", found)
    if tag:
        return f"HTML tag <{tag[1]}{tag[2].lower()}>"
    if found.startswith("<"):
        return f"HTML {found[:9]!r}"
    word = re.sub(r"\s+", "", found).lower()
    return f"event handler {word}" if word.startswith("on") else f"script URL {word}"


class _Claimed:
    """Spans already reported, so one number is reported once, under its most
    specific code. Kept sorted and disjoint: a check is a bisect, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return not ((i and self.ends[i - 1] > start) or (i < len(self.starts) and self.starts[i] < end))

    def claim(self, start: int, end: int) -> bool:
        """Claim a span if it is free; report whether it was."""
        if not self.free(start, end):
            return False
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


def _ids_and_cards(text: str, hits: list[Hit], claimed: _Claimed,
                   digits: bool) -> None:
    """P103/P105 lettered ids first (an IBAN holds a Luhn-valid digit run by chance),
    then P102 resident ids and P105 cards from digit runs."""
    lettered = ID_GATE.search(text) is not None
    for code, label, pattern, check, needs_letter in ID_CHECKS:
        if not (lettered if needs_letter else digits):
            continue
        for m in pattern.finditer(text):
            if check(m.group()) and claimed.claim(*m.span()):
                hits.append((m.start(), code, f"{label} {mask(m.group())}"))
    if not digits:
        return
    for m in _DIGIT_RUN.finditer(text):
        if not claimed.free(*m.span()):
            continue
        number = m.group().replace(" ", "").replace("-", "")
        if len(number) == 18 and ric_ok(number):
            hits.append((m.start(), "P102", f"resident ID {mask(number)}"))
        elif 13 <= len(number) <= 19 and number.isdigit() and card_ok(number):
            hits.append((m.start(), "P105", f"card number {mask(number)} (Luhn)"))
        else:
            continue
        claimed.claim(*m.span())


def _emails(text: str, hits: list[Hit], claimed: _Claimed) -> None:
    at = text.find("@")
    while at >= 0:
        local = _EMAIL_LOCAL.search(text, max(at - 64, 0), at)
        domain = _EMAIL_DOMAIN.match(text, at)
        if local and domain and claimed.claim(local.start(), domain.end()):
            hits.append((local.start(), "P104",
                         f"e-mail {mask(local.group())}@{mask(domain.group()[1:])}"))
        at = text.find("@", at + 1)


def _phones(text: str, hits: list[Hit], claimed: _Claimed) -> None:
    """P101 via phonenumbers, run only on candidate spans (plus one char of context)."""
    import phonenumbers

    for cand in _PHONE_CAND.finditer(text):
        if not claimed.free(*cand.span()):
            continue
        lo, hi = max(cand.start() - 1, 0), min(cand.end() + 1, len(text))
        for m in phonenumbers.PhoneNumberMatcher(text[lo:hi], "CN"):
            start, raw = lo + m.start, m.raw_string
            digits = "".join(c for c in raw if c.isdigit())
            if phonenumbers.number_type(m.number) in _ORG_LINES:
                continue
            # Written nationally, only mobiles and trunk-dialled lines (010-...) count:
            # "2025001234" would parse as a Guangzhou number but is a reference.
            if (raw.startswith("+") or digits[0] == "0" or (digits[0] == "1" and len(digits) == 11)
                    or (digits.startswith("861") and len(digits) == 13)) \
                    and claimed.claim(start, start + len(raw)):
                hits.append((start, "P101", f"phone {mask(digits)}"))


def scan_text(text: str, names: Iterable[str] = ()) -> list[tuple[int, str, str]]:
    """Personal data and markup in one text: sorted (offset, code, masked detail)."""
    register = as_names(names)
    hits: list[Hit] = []
    for pattern in register.patterns:
        hits.extend((m.start(), "P107", f"register name {mask(m.group())}")
                    for m in pattern.finditer(text))
    if _WIDE.search(text):
        text = text.translate(_FOLD)
    claimed = _Claimed()
    if "@" in text:
        _emails(text, hits, claimed)
    if "<" in text:
        hits.extend((m.start(), "P106", _markup_detail(m.group())) for m in _TAG.finditer(text))
    if "=" in text:
        hits.extend((m.start(), "P106", _markup_detail(m.group())) for m in _HANDLER.finditer(text))
    if ":" in text:
        low = text.lower()  # only asks whether the words occur; offsets come from text
        if "script" in low or "text/html" in low:
            hits.extend((m.start(), "P106", _markup_detail(m.group()))
                        for m in _SCRIPT_URL.finditer(text))
    digits = _DIGITS7.search(text) is not None  # phones, cards and most ids have 7+ digits
    _ids_and_cards(text, hits, claimed, digits)  # a Hong Kong card may have only 6
    if digits:
        _phones(text, hits, claimed)
    return sorted(hits)


# Fields holding codes, ids, times or flags: checked by the schema's patterns and
# skipped here for speed. Everything else that is a string is public free text,
# so a field added to the schema later is scanned without anyone remembering to.
CODE_FIELDS = frozenset({
    "id", "received", "channel", "category", "severity", "kind", "language", "complainant",
    "status", "investigator", "at", "step", "from", "to", "actor", "ground", "duplicate_of",
    "finding", "remedies", "proposed_by", "approved_by", "decided", "sent", "lodged",
    "outcome", "reviewer", "due", "state", "staff",
})


def public_text_fields(case: dict[str, Any]) -> Iterator[tuple[Pointer, str]]:
    """(pointer, text) for every free-text string in a case record, in file order."""
    out: list[tuple[Pointer, str]] = []
    _collect(case, (), out)
    return iter(out)


def _collect(value: Any, pointer: Pointer, out: list[tuple[Pointer, str]]) -> None:
    # Recursion into a list beats a generator here: this runs for every case.
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if key in CODE_FIELDS:
            continue
        if isinstance(item, str):
            out.append(((*pointer, key), item))
        elif isinstance(item, (dict, list)):
            _collect(item, (*pointer, key), out)


def scan_case(case: dict[str, Any], names: Iterable[str] = ()) -> list[tuple[Pointer, int, str, str]]:
    """Hits in a case's public text: (pointer, offset in that field, code, detail).

    The fields are scanned as one text joined by NUL, which no pattern crosses,
    so a case costs one pass instead of one per field.
    """
    fields = list(public_text_fields(case))
    starts, at = [], 0
    for _, text in fields:
        starts.append(at)
        at += len(text) + 1
    out = []
    for offset, code, detail in scan_text("\0".join(text for _, text in fields), names):
        i = bisect_right(starts, offset) - 1
        out.append((fields[i][0], offset - starts[i], code, detail))
    return out


def privacy_findings(doc: Document, path: str, names: Iterable[str] = ()) -> list[Finding]:
    """The gate's findings for one loaded case, at the position of each value."""
    hits = scan_case(doc.data, names)
    texts = dict(public_text_fields(doc.data)) if hits else {}
    out = []
    for pointer, offset, code, detail in hits:
        where = "/".join(str(p) for p in pointer)
        line = texts[pointer].count("\n", 0, offset)  # multi-line text: say which line of it
        where += f", line {line + 1} of the text" if line else ""
        out.append(finding(path, *doc.pos(pointer), code, f"{detail} in {where}"))
    return out
