"""How the site prints a share, in one place: charts, tables, cards and reports all
call `percent`, so the same share never reads 93.9% in a chart and 94% in its table.

One decimal, rounded half up from the exact value (a Fraction as it is; a float as the
decimal it prints as, which is what stats.json publishes), "—" when nothing was counted.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

NONE = "—"


def percent(share: Fraction | float | None) -> str:
    """A share in [0, 1] as a percentage with one decimal: 5/8 is 62.5%, 0.9394 is 93.9%,
    1/16 is 6.3% (half up)."""
    if share is None:
        return NONE
    # repr is the shortest decimal that round-trips: 0.6667, not 0.66669999999999996
    exact = share if isinstance(share, Fraction) else Fraction(Decimal(repr(float(share))))
    sign = "-" if exact < 0 else ""
    tenths = abs(exact) * 1000  # tenths of a per cent
    rounded = (tenths.numerator * 2 + tenths.denominator) // (tenths.denominator * 2)
    return f"{sign}{rounded // 10}.{rounded % 10}%"
