"""Survey comparison tables: the council's results over several years against comparator areas.

From long records (measure, label, polarity, area, year, value) to a table whose direction of
travel (the latest year against the one before) and comparison (against the last comparator,
usually England) are computed through each measure's polarity, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kpi import ARROWS, arrow, direction
from .numbers import format_value
from .periods import Period

COMPARISON = {"improving": "Better", "worsening": "Worse", "no change": "Same", "not available": "Not available"}


@dataclass(frozen=True)
class SurveyMeasure:
    id: str
    label: str
    polarity: str
    values: dict[tuple[str, Period], float]  # (area, year) -> value


@dataclass(frozen=True)
class SurveyRow:
    label: str
    own: tuple[str, ...]  # the council's value in each year, formatted
    direction: str
    comparators: tuple[str, ...]  # each comparator area in the latest year, formatted
    comparison: str


def survey_rows(measures: list[SurveyMeasure], area: str, years: list[Period], comparators: list[str],
                unit: str = "percent") -> list[SurveyRow]:
    """One row per measure; ``years`` are the council's, oldest first, and comparators are read in the latest."""
    latest = years[-1]
    rows = []
    for measure in measures:
        own = [measure.values[(area, year)] for year in years]
        moved = direction(own[-2], own[-1], measure.polarity) if len(own) > 1 else "not available"  # type: ignore[arg-type]
        movement = ARROWS[arrow(own[-2], own[-1])] if len(own) > 1 else ""
        others = [measure.values[(other, latest)] for other in comparators]
        compared = direction(others[-1], own[-1], measure.polarity) if others else "not available"  # type: ignore[arg-type]
        rows.append(SurveyRow(
            label=measure.label,
            own=tuple(format_value(v, unit) for v in own),
            direction=f"{movement} {moved.capitalize()}".strip(),
            comparators=tuple(format_value(v, unit) for v in others),
            comparison=COMPARISON[compared],
        ))
    return rows
