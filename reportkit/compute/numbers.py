"""Numbers as they are printed: units, thousands separators, signed changes."""

from __future__ import annotations

import math
from dataclasses import dataclass

UNITS = ("count", "number", "percent", "days", "gbp", "rate_per_100k")
MAX_MAGNITUDE = 1e15  # larger than any council's figures; charts cannot draw values near 1.7e308


@dataclass(frozen=True)
class Quantity:
    """A number with its unit and the decimal places it is shown with."""

    value: float
    unit: str = "number"
    decimals: int = 0

    def format(self) -> str:
        return format_value(self.value, self.unit, self.decimals)


def decimals_of(text: str) -> int:
    """Decimal places written in the source ('55.60' -> 2), so data decides precision."""
    text = text.strip().replace(",", "")
    return len(text.split(".", 1)[1]) if "." in text else 0


def parse_number(text: str) -> float:
    """Parse '2,070', '65%', '1,478' and '-3.5'; raise ValueError for anything else."""
    cleaned = text.strip().replace(",", "").removesuffix("%").strip()
    if not cleaned:
        raise ValueError("empty")
    value = float(cleaned)
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise ValueError(f"not a finite number of printable size: {text!r}")
    return value


def format_value(value: float, unit: str = "number", decimals: int = 0) -> str:
    number = f"{abs(value):,.{decimals}f}"
    sign = "-" if value < 0 and float(number.replace(",", "")) != 0 else ""
    if unit == "percent":
        return f"{sign}{number}%"
    if unit == "days":
        return f"{sign}{number} {'day' if abs(value) == 1 else 'days'}"
    if unit == "gbp":
        return f"{sign}£{number}"
    if unit == "rate_per_100k":
        return f"{sign}{number} per 100,000"
    return f"{sign}{number}"


def format_change(change: float, unit: str, decimals: int) -> str:
    """A signed change: '+61', '-103', '+3 days', '+2 percentage points'."""
    sign = "+" if change > 0 else ""
    if unit == "percent":
        points = format_value(change, "number", decimals)
        return f"{sign}{points} percentage {'point' if abs(change) == 1 else 'points'}"
    return f"{sign}{format_value(change, unit, decimals)}"


def percent_change(old: float, new: float) -> float | None:
    """Change from old to new as a percentage of old; None where old is zero."""
    if old == 0:
        return None
    return (new - old) / abs(old) * 100
