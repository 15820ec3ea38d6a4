"""The detectors of the privacy gate: personal data and markup in one text.

`scan_spans` returns (start, end, code, masked detail) for every hit. It runs on
every free-text field of every case and on every built page, so each check
sits behind a cheap regex and the costly ones (phonenumbers' matcher, the
checksum validators) only see the few spans that look like candidates.
Numbers are reported only when a checksum, a dialling format or a strict
shape holds, so case ids, report numbers, dates and amounts stay quiet.
Personal data is looked for in the folded text (fold.py: look-alikes,
invisible characters and odd separators made plain), markup in the text as
written (a browser runs only real "<" and "on...="); every span is one of the
text as written. Details are masked: a finding may end up in a public CI log.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from complaints.check.privacy.fold import Folded, fold
from complaints.check.privacy.ids import ID_CHECKS, ID_GATE, card_ok, mask, ric_ok
from complaints.check.privacy.names import as_names

Span = tuple[int, int, str, str]  # start, end, code, masked detail

# Cheap gates: each costly check runs only when its gate finds something.
_DIGITS7 = re.compile(r"[0-9](?:[^0-9\n]{0,3}[0-9]){6}")  # >= 7 digits close together

# A run of 13+ digits, its groups parted by up to three spaces, dots or dashes (cards,
# RICs; folding made every space separator a space and every dash "-").
# Patterns open with a character set and test the left edge after it: re then skips
# ahead fast instead of trying a lookbehind at every position.
_GAP = r"[ .\-]{0,3}"
_DIGIT_RUN = re.compile(rf"[0-9](?<![0-9A-Za-z_\-/].)(?:{_GAP}[0-9]){{12,}}(?:{_GAP}[Xx])?"
                        r"(?![0-9A-Za-z_])")
_GROUPS = re.compile(r"[0-9Xx]+")
# Phone candidates, only where a dialled number can start: + country code, 00 +
# country code or 0 + area code, a mobile 1[3-9] (maybe after 86), and with enough
# digits after it; phonenumbers' matcher (~100 us a call) then decides.
_SEP = r"(?:[ \-.()/]{0,3}[0-9])"
# Bounded by the longest numbers (E.164: 15 digits), so a long run of digits costs
# a few candidates rather than a scan from every digit to its end.
_CUT = r"[ \-.()/]{0,3}"
_PHONE_CAND = re.compile(
    rf"\+[0-9]{_SEP}{{6,14}}|0(?<![0-9]0){_SEP}{{8,14}}"
    rf"|1(?<![0-9]1){_CUT}[3-9]{_SEP}{{9}}|8(?<![0-9]8){_CUT}6{_CUT}1{_CUT}[3-9]{_SEP}{{9}}"
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


def _card_shaped(run: str) -> bool:
    """Card digits as cards are written: in one piece, parted by single spaces or dashes,
    or in groups of four. Dates in a row ("2025.03.02-2025.04.05") are none of these."""
    groups = _GROUPS.findall(run)
    gaps = set(_GROUPS.split(run)[1:-1])
    return gaps <= {" ", "-", ""} or all(len(g) == 4 for g in groups[:-1])


def _ids_and_cards(text: str, hits: list[Span], claimed: _Claimed, digits: bool) -> None:
    """P103/P105 lettered ids first (an IBAN holds a Luhn-valid digit run by chance),
    then P102 resident ids and P105 cards from digit runs."""
    lettered = ID_GATE.search(text) is not None
    for code, label, pattern, check, needs_letter in ID_CHECKS:
        if not (lettered if needs_letter else digits):
            continue
        for m in pattern.finditer(text):
            if check(m.group()) and claimed.claim(*m.span()):
                hits.append((*m.span(), code, f"{label} {mask(m.group())}"))
    if not digits:
        return
    for m in _DIGIT_RUN.finditer(text):
        if not claimed.free(*m.span()):
            continue
        rics = [(s, e) for s, e in _ric_spans(m) if claimed.claim(s, e)]
        for start, end in rics:
            ric = "".join(_GROUPS.findall(text, start, end))
            hits.append((start, end, "P102", f"resident ID {mask(ric)}"))
        number = "".join(_GROUPS.findall(m.group()))
        if not rics and 13 <= len(number) <= 19 and number.isdigit() \
                and _card_shaped(m.group()) and card_ok(number) and claimed.claim(*m.span()):
            hits.append((*m.span(), "P105", f"card number {mask(number)} (Luhn)"))


def _ric_spans(run: re.Match[str]) -> list[tuple[int, int]]:
    """Resident ids in a run of digit groups: the whole run, or consecutive groups of
    18 characters in all (a run may go on into a phone number after the id)."""
    groups = list(_GROUPS.finditer(run.string, *run.span()))
    out, i = [], 0
    while i < len(groups):
        size, j = 0, i
        while j < len(groups) and size < 18:
            size += len(groups[j].group())
            j += 1
        number = "".join(g.group() for g in groups[i:j])
        if size == 18 and ric_ok(number):
            out.append((groups[i].start(), groups[j - 1].end()))
            i = j
        else:
            i += 1
    return out


def _emails(text: str, hits: list[Span], claimed: _Claimed) -> None:
    at = text.find("@")
    while at >= 0:
        local = _EMAIL_LOCAL.search(text, max(at - 64, 0), at)
        domain = _EMAIL_DOMAIN.match(text, at)
        if local and domain and claimed.claim(local.start(), domain.end()):
            hits.append((local.start(), domain.end(), "P104",
                         f"e-mail {mask(local.group())}@{mask(domain.group()[1:])}"))
        at = text.find("@", at + 1)


def _phones(text: str, hits: list[Span], claimed: _Claimed) -> None:
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
                hits.append((start, start + len(raw), "P101", f"phone {mask(digits)}"))


def _markup(text: str) -> list[Span]:
    """P106 in the text as written: only real "<", "=" and ":" make markup."""
    found: list[re.Match[str]] = []
    if "<" in text:
        found += _TAG.finditer(text)
    if "=" in text:
        found += _HANDLER.finditer(text)
    if ":" in text:
        low = text.lower()  # only asks whether the words occur; offsets come from text
        if "script" in low or "text/html" in low:
            found += _SCRIPT_URL.finditer(text)
    return [(*m.span(), "P106", _markup_detail(m.group())) for m in found]


def _written(folded: Folded, hit: Span) -> Span:
    """A hit in the folded text as a span of the text as written, saying so when the
    two differ: the reader of the finding sees digits or letters the file hides."""
    start, end, code, detail = hit
    lo, hi = folded.span(start, end)
    if folded.original[lo:hi] != folded.text[start:end]:
        detail += " (disguised: look-alike or hidden characters)"
    return lo, hi, code, detail


def scan_spans(text: str, names: Iterable[str] = ()) -> list[Span]:
    """Personal data and markup in one text: sorted (start, end, code, masked detail),
    spans of the text as written."""
    register = as_names(names)
    folded = fold(text)
    plain = folded.text
    hits: list[Span] = []
    for pattern in register.patterns:
        hits.extend((*m.span(), "P107", f"register name {mask(m.group())}")
                    for m in pattern.finditer(plain))
    claimed = _Claimed()
    if "@" in plain:
        _emails(plain, hits, claimed)
    digits = _DIGITS7.search(plain) is not None  # phones, cards and most ids have 7+ digits
    _ids_and_cards(plain, hits, claimed, digits)  # a Hong Kong card may have only 6
    if digits:
        _phones(plain, hits, claimed)
    if folded.changed:
        hits = [_written(folded, span) for span in hits]
    return sorted(hits + _markup(text))
