"""Statistical disclosure rules for published tables: rounding and small-number suppression.

Both are applied to each printed cell after totals have been computed from the unrounded values,
so a total is never the sum of rounded or hidden parts. Rounding is half up (15 -> 20), as
published tables round, not Python's round-half-to-even (which gives 25 -> 20).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Disclosure:
    rounding: int | None = None  # round to the nearest this (10)
    suppress_below: int | None = None  # show values under this as "<N"

    def shown(self, value: float | None, format_number: Callable[[float], str]) -> str:
        """The cell as printed: suppressed ("<10"), or rounded and formatted."""
        if value is None:
            return ""
        if self.suppress_below is not None and 0 < value < self.suppress_below:
            return f"<{self.suppress_below}"
        return format_number(round_half_up(value, self.rounding) if self.rounding else value)

    def notes(self) -> tuple[str, ...]:
        notes = []
        if self.rounding:
            notes.append(f"Figures are rounded to the nearest {self.rounding:,}; totals are computed before "
                         f"rounding, so the rounded figures may not add up to them.")
        if self.suppress_below:
            notes.append(f"Numbers from 1 to {self.suppress_below - 1} are shown as <{self.suppress_below} "
                         f"to protect the people they describe.")
        return tuple(notes)


def round_half_up(value: float, base: int) -> float:
    """``value`` to the nearest multiple of ``base``, halves away from zero: 15 -> 20, 14 -> 10, 5 -> 10."""
    steps = (Decimal(str(value)) / base).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(steps * base)
