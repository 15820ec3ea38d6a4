"""Names from the private register, compiled once for the privacy gate (P107).

A register can hold thousands of names and every public text is checked
against all of them, so they become one regex shaped as a prefix tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from complaints.check.privacy.fold import fold_word


def _trie(words: Iterable[str]) -> str:
    """One regex for many words, shaped as a prefix tree: the engine follows one
    branch per character instead of trying a thousand alternatives."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(node[ch])
                for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a word ends here and longer ones go on
            body = f"(?:{body})?"
        return body

    return build(root)


class Names(tuple[str, ...]):
    """A register's names compiled once; pass it as `names` to scan many texts."""

    patterns: tuple[re.Pattern[str], ...]

    def __new__(cls, names: Iterable[str]) -> Names:
        # Folded like the text they are looked for in (fold.py), so a look-alike letter or
        # an invisible character inside a name in a case hides nothing.
        kept = sorted({" ".join(fold_word(n).lower().split()) for n in names if len(n.strip()) >= 2})
        self = super().__new__(cls, kept)
        latin = [n for n in kept if n.isascii()]
        other = [n for n in kept if not n.isascii()]
        patterns = []
        if latin:  # Latin names need word edges ("Li" is not in "policy")
            patterns.append(re.compile(rf"(?<![a-z])(?:{_trie(latin)})(?![a-z])", re.IGNORECASE))
        if other:  # CJK text has no word edges
            patterns.append(re.compile(_trie(other), re.IGNORECASE))
        self.patterns = tuple(patterns)
        return self


_NO_NAMES = Names(())


_LAST: list[tuple[object, Names]] = []  # the last plain collection seen, compiled


def as_names(names: Iterable[str]) -> Names:
    if isinstance(names, Names):
        return names
    if isinstance(names, (tuple, list, set, frozenset)) and not names:
        return _NO_NAMES
    if isinstance(names, (tuple, frozenset)):
        # The same immutable register passed for every field is compiled once.
        if _LAST and _LAST[0][0] is names:
            return _LAST[0][1]
        _LAST[:] = [(names, Names(names))]  # holding `names` keeps its id from being reused
        return _LAST[0][1]
    return Names(names)
