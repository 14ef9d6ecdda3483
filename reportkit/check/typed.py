"""Numbers an author typed (rather than cited), with the unit and precision they were written with."""

from __future__ import annotations

import re
from dataclasses import dataclass

REFERENCE_BEFORE = re.compile(r"\b(?:section|sections|paragraph|paragraphs|item|items|page|pages|part|regulation|"
                              r"schedule|appendix|clause|article|aged|age|ages|tier|level|step|phase|option)\s+$",
                              re.IGNORECASE)
NUMBER = re.compile(
    r"(?<![\w.,/£-])(?P<pound>£)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:\s?(?P<scale>million|billion|bn|m|k)\b)?(?P<pct>\s?(?:%|per cent\b))?(?![\w/£]|\.\d|,\d)")
SCALES = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


@dataclass(frozen=True)
class Typed:
    start: int
    end: int
    text: str
    value: float
    unit: str  # gbp, percent or number
    step: float  # the precision it is written to: 0.1 million for '£1.2m'

    @property
    def figure_like(self) -> bool:
        """Money, a percentage or a count of 100 or more: what is worth matching to a measure by its name."""
        return self.unit != "number" or self.value >= 100

    def agrees(self, value: float) -> bool:
        """True when ``value`` written to this precision is this number."""
        return abs(value - self.value) <= self.step / 2 + 1e-9 * max(1.0, abs(value))


def typed_numbers(text: str) -> list[Typed]:
    """Every number typed in ``text`` that may be a figure: money, percentages and counts of 10 or more.

    Years (1990 to 2040 without a unit), day numbers in dates and list numbers are not figures.
    """
    found = []
    for match in NUMBER.finditer(text):
        digits = match["int"].replace(",", "")
        decimals = match["dec"] or ""
        scale = SCALES.get((match["scale"] or "").lower(), 1.0)
        unit = "gbp" if match["pound"] else "percent" if match["pct"] else "number"
        value = float(digits + decimals) * scale
        if unit == "number":
            if match["scale"] is None and (value < 10 or (1990 <= value <= 2040 and "," not in match["int"]
                                                          and not decimals)):
                continue
            if _in_date(text, match.end()) or REFERENCE_BEFORE.search(text[:match.start()]):
                continue
        step = (10 ** -(len(decimals) - 1) if decimals else 1.0) * scale
        found.append(Typed(match.start(), match.end(), match.group(0).strip(), value, unit, step))
    return found


MONTH_AFTER = re.compile(r"\s+(January|February|March|April|May|June|July|August|September|October|November|"
                         r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")


def _in_date(text: str, end: int) -> bool:
    return bool(MONTH_AFTER.match(text, end))


def compatible(typed_unit: str, data_unit: str) -> bool:
    """Whether a typed figure and a data value are of the same kind (money, per cent, or a number)."""
    if typed_unit in ("gbp", "percent"):
        return data_unit == typed_unit
    return data_unit in ("count", "number", "days", "rate_per_100k")
