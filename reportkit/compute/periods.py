"""Reporting periods: financial quarters ("Q2 2025/26"), financial years ("2025/26"), months."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUARTER = re.compile(r"^Q(?P<q>\d) (?P<fy>\d{4}/\d{2,4})$")
_YEAR = re.compile(r"^(?P<start>\d{4})/(?P<end>\d{2,4})$")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_MONTH = re.compile(r"^(?P<m>[A-Za-z]+) (?P<y>\d{4})$")


class PeriodError(ValueError):
    """A label that is not a period we recognise; the message says why."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period, ordered by when it starts (year, month)."""

    start_year: int
    start_month: int
    kind: str
    label: str

    @property
    def slug(self) -> str:
        return slug(self.label)

    @property
    def end(self) -> int:
        """The index (year * 12 + month) of the period's last month, to compare months with quarters."""
        length = {"month": 1, "quarter": 3, "year": 12}.get(self.kind, 1)
        return self.start_year * 12 + self.start_month - 1 + length - 1


def slug(label: str) -> str:
    """'Q2 2025/26' -> 'q2-2025-26': the form used when a value is cited by name."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def parse_financial_year(label: str) -> tuple[int, int]:
    """'2025/26' or '2025/2026' -> (2025, 2026); '2026/207' is an error."""
    match = _YEAR.match(label.strip())
    if not match:
        raise PeriodError(f"'{label}' is not a financial year like 2025/26")
    start, end_text = int(match["start"]), match["end"]
    end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
    if len(end_text) == 2 and start % 100 == 99:
        end += 100
    if end != start + 1:
        raise PeriodError(f"'{label}' is not a financial year: {start} should be followed by "
                          f"{str(start + 1)[-len(end_text):]}")
    return start, end


def parse_period(label: str) -> Period:
    """Parse a quarter, financial year or month label."""
    text = label.strip()
    if match := _QUARTER.match(text):
        quarter = int(match["q"])
        if not 1 <= quarter <= 4:
            raise PeriodError(f"'{label}': there is no quarter {quarter}; quarters are Q1 to Q4")
        start, _ = parse_financial_year(match["fy"])
        month = 4 + 3 * (quarter - 1)  # Q1 starts in April
        year = start + (month - 1) // 12
        return Period(year, (month - 1) % 12 + 1, "quarter", text)
    if _YEAR.match(text):
        start, _ = parse_financial_year(text)
        return Period(start, 4, "year", text)
    if match := _MONTH.match(text):
        name = match["m"].capitalize()
        for index, month_name in enumerate(_MONTHS, start=1):
            if name in (month_name, month_name[:3]):
                return Period(int(match["y"]), index, "month", text)
    if text.upper().startswith("Q"):
        raise PeriodError(f"'{label}' is not a quarter like 'Q2 2025/26'")
    raise PeriodError(f"'{label}' is not a period (use 'Q2 2025/26', '2025/26' or 'April 2026')")
