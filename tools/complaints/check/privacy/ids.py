"""Checksum tests for the identity numbers the privacy gate looks for.

Only numbers with a check digit are reported, so a random reference number
rarely passes. Resident ids and the USCC use python-stdnum; python-stdnum has
no Hong Kong or Taiwan identity card, whose public check-digit rules are short
enough to state here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# python-stdnum is imported where a candidate is checked: most runs never need it.

# Province-level prefixes of resident ids (incl. 81/82/83 residence permits).
_PROVINCES = frozenset(str(n) for n in (
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
))


def mask(value: str) -> str:
    """Enough of a value to find it again, not enough to use it: 138******78."""
    keep_head, keep_tail = (3, 2) if len(value) >= 8 else (1, 1) if len(value) >= 4 else (1, 0)
    hidden = len(value) - keep_head - keep_tail
    return value[:keep_head] + "*" * hidden + (value[-keep_tail:] if keep_tail else "")


def ric_ok(digits: str) -> bool:
    """An 18-character resident id: province, real birth date and check digit.

    The county table in python-stdnum is not consulted: it lags new and
    abolished counties, and here a missed id costs more than a rare extra hit.
    """
    from stdnum.cn import ric

    number = digits.upper()
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in _PROVINCES:
        return False
    try:
        ric.get_birth_date(number)
    except ValueError:  # stdnum's InvalidComponent is a ValueError
        return False
    return bool(number[6:8] in ("19", "20") and ric.calc_check_digit(number) == number[-1])


def card_ok(digits: str) -> bool:
    """A payment card: an issuer's first digit (2-6, 9 for old domestic cards),
    Luhn, and not a product barcode (13/14-digit EAN/GTIN, seen on samples)."""
    from stdnum import ean, luhn

    if digits[0] not in "234569" or not luhn.is_valid(digits):
        return False
    return not (len(digits) <= 14 and ean.is_valid(digits))


def _uscc_individual(value: str) -> bool:
    # 9 = market regulator, 2 = individual business (个体工商户): a person, not a firm.
    from stdnum.cn import uscc

    return value.startswith("92") and bool(uscc.is_valid(value))


def _hkid(value: str) -> bool:
    body = value.replace("(", "").replace(")", "")
    letters, digits, check = body[:-7], body[-7:-1], body[-1]
    head = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters]
    total = sum(w * v for w, v in zip(range(9, 1, -1), [*head, *map(int, digits)], strict=True))
    expected = (11 - total % 11) % 11
    return check == ("A" if expected == 10 else str(expected))


_TW_LETTERS = {c: n for n, c in enumerate("ABCDEFGHJKLMNPQRSTUVXYWZIO", start=10)}


def _twid(value: str) -> bool:
    code = _TW_LETTERS[value[0]]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    numbers = [code // 10, code % 10, *map(int, value[1:])]
    return sum(w * n for w, n in zip(weights, numbers, strict=True)) % 10 == 0


def _iban(value: str) -> bool:
    from stdnum import iban

    return bool(iban.is_valid(value.replace(" ", "")))


def _edged(first: str, rest: str) -> re.Pattern[str]:
    """A token not glued to letters or digits. The left edge is checked after the
    first character, so the pattern starts with a character set and re can skip
    ahead quickly instead of testing a lookbehind at every position."""
    return re.compile(first + r"(?<![0-9A-Za-z].)" + rest + r"(?![0-9A-Za-z(])")


# (code, label, pattern, check, needs_letter): lettered ones run only when ID_GATE
# finds an uppercase letter before digits; the USCC only when the text has digits.
Check = tuple[str, str, re.Pattern[str], Callable[[str], bool], bool]
ID_GATE = re.compile(r"[A-Z](?:[A-Z]?[0-9]{6}|[A-Z][0-9]{2})")
ID_CHECKS: tuple[Check, ...] = (
    ("P103", "USCC of an individual business",
     _edged("9", r"2[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"), _uscc_individual, False),
    ("P103", "Hong Kong identity card",
     _edged("[A-Z]", r"[A-Z]?[0-9]{6}(?:\([0-9A]\)|[0-9A])"), _hkid, True),
    ("P103", "Taiwan identity card", _edged("[A-Z]", r"[12][0-9]{8}"), _twid, True),
    ("P105", "bank account (IBAN)",
     _edged("[A-Z]", r"[A-Z][0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?"), _iban, True),
)
