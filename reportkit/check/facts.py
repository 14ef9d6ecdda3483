"""What each citable name stands for, beyond its printed text: the measure, the period, the unit and the
series it belongs to, so prose rules can compare typed words with the data behind a citation.

Built from the same datasets and dashboards as :func:`reportkit.compute.values.named_values`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compute.dashboard import Dashboard
from ..compute.datasets import Dataset, Figures, MeasureTable
from ..compute.periods import Period, parse_period


@dataclass(frozen=True)
class Series:
    """A measure (or KPI series, or single figure) through time, oldest first."""

    key: str  # dataset.measure (kpis.ASCH2 for a KPI)
    label: str
    unit: str
    points: tuple[tuple[Period | None, float], ...]
    decimals: int = 0
    polarity: str = ""  # a KPI's: higher or lower is better
    target: float | None = None
    rating: str = ""  # a KPI's computed rating in its reporting period
    direction: str = ""  # a KPI's direction of travel: improving, worsening, no change


@dataclass(frozen=True)
class Fact:
    """One citable name: its series, which point it is (an index into the series), and what it is."""

    series: Series
    index: int | None  # the point cited; None for a derived value (change) or a target
    role: str  # value, change, pct_change, target, threshold, rating, direction, period


def facts(datasets: dict[str, Dataset], dashboards: dict[str, Dashboard]) -> dict[str, Fact]:
    found: dict[str, Fact] = {}
    for name, dataset in datasets.items():
        if isinstance(dataset, MeasureTable):
            for measure in dataset.measures.values():
                points = tuple((p, q.value) for p, q in measure.values.items() if q is not None)
                if not points:
                    continue
                decimals = max(q.decimals for q in measure.values.values() if q is not None)
                series = Series(f"{name}.{measure.id}", measure.label, measure.unit, points, decimals)
                prefix = f"{name}.{measure.id}"
                for index, (period, _) in enumerate(points):
                    assert period is not None
                    found[f"{prefix}.{period.slug}"] = Fact(series, index, "value")
                found[f"{prefix}.latest"] = Fact(series, len(points) - 1, "value")
                found[f"{prefix}.first"] = Fact(series, 0, "value")
                if len(points) >= 2:
                    found[f"{prefix}.previous"] = Fact(series, len(points) - 2, "value")
                    found[f"{prefix}.change"] = Fact(series, len(points) - 1, "change")
                    found[f"{prefix}.pct_change"] = Fact(series, len(points) - 1, "pct_change")
        elif isinstance(dataset, Figures):
            for key, figure in dataset.values.items():
                series = Series(f"{name}.{key}", figure.label, figure.quantity.unit, ((None, figure.quantity.value),),
                                figure.quantity.decimals)
                found[f"{name}.{key}"] = Fact(series, 0, "value")
    for dashboard in dashboards.values():
        found.update(_kpi_facts(dashboard))
    return found


def _kpi_facts(dashboard: Dashboard) -> dict[str, Fact]:
    found: dict[str, Fact] = {}
    for kpi_id, result in dashboard.results.items():
        definition = result.kpi.definition
        for series_result in result.series:
            values = result.kpi.values[series_result.label]
            status = series_result.status
            points = tuple((p, v) for p, v in sorted(values.items()) if v is not None and p.end <= result.period.end)
            if not points:
                continue
            prefix = f"{dashboard.name}.{kpi_id}" + (f".{series_result.slug}" if series_result.label else "")
            series = Series(prefix, definition.title, definition.unit, points, definition.decimals,
                            definition.polarity, definition.target, status.rating or "", status.vs_previous)
            last = len(points) - 1
            found[f"{prefix}.value"] = Fact(series, last, "value")
            for role, label in (("previous", status.previous_period), ("year_ago", status.year_ago_period)):
                index = next((i for i, (p, _) in enumerate(points) if p is not None and p.label == label), None)
                if index is not None:
                    found[f"{prefix}.{role}"] = Fact(series, index, "value")
            found[f"{prefix}.change"] = Fact(series, last, "change")
            for role in ("target", "threshold", "rating", "direction", "period"):
                found[f"{prefix}.{role}"] = Fact(series, last if role == "period" else None, role)
    return found


def period_of(fact: Fact) -> Period | None:
    if fact.index is None:
        return None
    return fact.series.points[fact.index][0]


def typed_period(label: str) -> Period | None:
    try:
        return parse_period(label)
    except ValueError:
        return None
