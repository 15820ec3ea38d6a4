"""Text folded for matching: what a reader sees, not how it is encoded.

Personal data can be written to slip past a pattern: full-width or other
scripts' digits, a Cyrillic "а" in an e-mail address, a zero-width space, soft
hyphen or BOM inside a phone number, a no-break or ideographic space between
its groups. `fold` maps each character to its plain form before the gate
matches: invisible format characters (Unicode category Cf, variation selectors)
are dropped, then NFKC, then every decimal digit becomes 0-9, every space
separator a space, every dash "-", and a letter that is a look-alike of an
ASCII one (Unicode's confusables, UTS #39, from the confusable-homoglyphs
package) that ASCII letter. Han, kana and hangul are left alone.

The folded text can be longer or shorter than the original, so `Folded.span`
maps a match back to the original offsets: findings point at what is in the file.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

# Text made only of these needs no folding: ASCII, Han and the punctuation of
# ordinary Chinese text. Most case text is, so folding costs one regex match there.
_PLAIN = re.compile(r"[\x00-\x7f\u4e00-\u9fff\u3001\u3002\u300a-\u3011\u2018\u2019\u201c\u201d"
                    r"\uff0c\uff1a\uff1b\uff01\uff1f]*\Z")
# Invisible characters outside Cf: combining grapheme joiner, variation selectors.
_INVISIBLE = frozenset([0x034F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])
# Scripts whose letters are no look-alikes of Latin ones here (the gate reads Chinese).
_EAST_ASIAN = ((0x2E80, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF),
               (0x20000, 0x3FFFF))
_TARGETS = frozenset("0123456789@.+-_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@cache
def _confusables() -> dict[str, str]:
    """Non-ASCII letters and digits -> the ASCII character they are confusable with.
    Loaded only when such a letter occurs: the data is 900 kB of JSON."""
    from confusable_homoglyphs.utils import load

    table: dict[str, str] = {}
    for char, glyphs in load("confusables.json").items():
        if len(char) == 1 and not char.isascii():
            plain = [g["c"] for g in glyphs if g["c"] in _TARGETS]
            if plain:
                table[char] = plain[0]
    return table


def _plain_char(ch: str) -> str:
    """One character after NFKC, in its plain form."""
    if ch.isascii():
        return ch
    category = unicodedata.category(ch)
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    if category == "Zs":
        return " "
    if category == "Pd":
        return "-"
    if category[0] in "LN" and not any(lo <= ord(ch) <= hi for lo, hi in _EAST_ASIAN):
        return _confusables().get(ch, ch)
    return ch


class _Table(dict[int, int | str]):
    """str.translate's table, filled in as characters are first seen."""

    def __missing__(self, code: int) -> int | str:
        ch = chr(code)
        if code in _INVISIBLE or unicodedata.category(ch) == "Cf":
            out = ""
        else:
            out = "".join(_plain_char(c) for c in unicodedata.normalize("NFKC", ch))
        value: int | str = code if out == ch else out
        self[code] = value
        return value


_TABLE = _Table()


@dataclass(frozen=True)
class Folded:
    """A folded text and the way back to the original's offsets."""

    original: str
    text: str

    @property
    def changed(self) -> bool:
        return self.text is not self.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the folded [start, end)."""
        if not self.changed:
            return start, end
        starts = _starts(self.original)
        # The character the match starts in (after any dropped ones), and the first one
        # that starts at or after its end (so dropped characters after it stay out).
        return bisect_right(starts, start) - 1, bisect_left(starts, end)


def _starts(original: str) -> list[int]:
    """For each original character, where its folded form starts."""
    out, at = [], 0
    for ch in original:
        out.append(at)
        value = _TABLE[ord(ch)]
        at += 1 if isinstance(value, int) else len(value)
    return out


def fold(text: str) -> Folded:
    """The text with look-alikes, invisible characters and odd separators made plain."""
    if _PLAIN.match(text):
        return Folded(text, text)
    folded = text.translate(_TABLE)
    return Folded(text, text if folded == text else folded)


def fold_word(text: str) -> str:
    """A name or an id folded the same way as the text it is looked for in."""
    return fold(text).text
