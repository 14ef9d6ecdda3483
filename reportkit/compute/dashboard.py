"""A KPI set assessed once: each KPI's status in its reporting period, from which prose, tables and
charts all take their figures.

A KPI is assessed in the latest period it has a value for, up to the set's reporting period, so a
measure reported a quarter in arrears is shown at its own latest quarter rather than as missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .datasets import Kpi, KpiSet
from .kpi import KpiStatus, Rating, assess, rating_summary
from .periods import Period, slug


@dataclass(frozen=True)
class SeriesResult:
    """One series of a KPI in its period, and which of the three values read are illustrative."""

    label: str  # "" for a KPI with one series
    status: KpiStatus
    illustrative: bool  # the value in the reporting period
    previous_illustrative: bool = False
    year_ago_illustrative: bool = False

    @property
    def slug(self) -> str:
        return slug(self.label)


@dataclass(frozen=True)
class KpiResult:
    kpi: Kpi
    period: Period
    series: tuple[SeriesResult, ...]

    @property
    def rating(self) -> Rating | None:
        return self.series[0].status.rating if len(self.series) == 1 else None


@dataclass(frozen=True)
class Dashboard:
    name: str
    kpi_set: KpiSet
    results: dict[str, KpiResult]

    @property
    def ratings(self) -> list[Rating]:
        return [r.rating for r in self.results.values() if r.rating]

    def summary(self) -> str:
        """"Of the seven key performance indicators, four were rated Green and three Amber."."""
        return rating_summary(self.ratings)


def _reporting_period(kpi: Kpi, period: Period) -> Period | None:
    present = [p for series in kpi.values.values() for p, v in series.items() if v is not None and p.end <= period.end]
    return max(present, key=lambda p: p.end) if present else None


def assess_dashboard(kpi_set: KpiSet) -> Dashboard:
    results: dict[str, KpiResult] = {}
    for kpi_id, kpi in kpi_set.kpis.items():
        period = _reporting_period(kpi, kpi_set.period)
        if period is None:
            continue
        series = []
        for label, values in kpi.values.items():
            status = assess(kpi.definition, values, period)
            flags = [kpi_set.is_illustrative(kpi_id, when) or kpi_set.meta.is_illustrative(label)
                     for when in (status.period, status.previous_period, status.year_ago_period)]
            series.append(SeriesResult(label, status, *flags))
        results[kpi_id] = KpiResult(kpi, period, tuple(series))
    return Dashboard(kpi_set.name, kpi_set, results)
