"""Named values: every figure prose can cite, computed once from the pack's data.

Names are ``dataset.measure.period`` (``assessments.incomplete.q4-2025-26``) with the derived
``latest``, ``previous``, ``first``, ``change`` and ``pct_change``; ``dataset.name`` for a figures
file; ``dataset.rows`` and ``dataset.column.value`` (a count of rows) for records.

A KPI set gives ``kpis.ASCH2.value`` (and ``previous``, ``year_ago``, ``change``, ``year_change``,
``target``, ``threshold``, ``rating``, ``direction``, ``year_direction``, ``period``,
``previous_period``); a KPI with several series puts the series between, ``kpis.ASCH9.completed.value``.
The set itself gives ``kpis.period``, ``kpis.summary`` and the counts ``kpis.green`` ... ``kpis.rated``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .dashboard import Dashboard, SeriesResult
from .datasets import Dataset, Figures, MeasureTable, Records
from .kpi import number_words
from .numbers import format_change, format_value, percent_change
from .periods import slug


@dataclass(frozen=True)
class NamedValue:
    text: str
    number: float | None
    illustrative: bool
    defined_in: Path


def named_values(datasets: dict[str, Dataset], dashboards: dict[str, Dashboard]) -> dict[str, NamedValue]:
    values: dict[str, NamedValue] = {}
    for dashboard in dashboards.values():
        values.update(_dashboard_values(dashboard))
    for name, dataset in datasets.items():
        if isinstance(dataset, MeasureTable):
            values.update(_measure_values(name, dataset))
        elif isinstance(dataset, Records):
            values.update(_record_counts(name, dataset))
        elif isinstance(dataset, Figures):
            for key, figure in dataset.values.items():
                values[f"{name}.{key}"] = NamedValue(figure.quantity.format(), figure.quantity.value,
                                                     figure.illustrative, dataset.path)
    return values


def _measure_values(name: str, table: MeasureTable) -> dict[str, NamedValue]:
    values: dict[str, NamedValue] = {}
    for measure in table.measures.values():
        prefix = f"{name}.{measure.id}"
        present = [(p, q) for p, q in measure.values.items() if q is not None]
        for period, quantity in present:
            flag = table.meta.is_illustrative(period.label) or table.meta.is_illustrative(measure.id)
            values[f"{prefix}.{period.slug}"] = NamedValue(quantity.format(), quantity.value, flag, table.path)
        if not present:
            continue
        for alias, index in (("latest", -1), ("first", 0)):
            values[f"{prefix}.{alias}"] = values[f"{prefix}.{present[index][0].slug}"]
        if len(present) >= 2:
            (old_p, old), (new_p, new) = present[-2], present[-1]
            values[f"{prefix}.previous"] = values[f"{prefix}.{old_p.slug}"]
            flag = values[f"{prefix}.{old_p.slug}"].illustrative or values[f"{prefix}.{new_p.slug}"].illustrative
            decimals = max(old.decimals, new.decimals)
            change = new.value - old.value
            values[f"{prefix}.change"] = NamedValue(format_change(change, measure.unit, decimals), change,
                                                    flag, table.path)
            pct = percent_change(old.value, new.value)
            if pct is not None:
                values[f"{prefix}.pct_change"] = NamedValue(format_change(pct, "percent", 1).replace(
                    " percentage points", "%").replace(" percentage point", "%"), pct, flag, table.path)
    return values


def _record_counts(name: str, records: Records) -> dict[str, NamedValue]:
    values = {f"{name}.rows": NamedValue(format_value(len(records.rows), "count"), len(records.rows),
                                         False, records.path)}
    for column in records.columns:
        counts: dict[str, int] = {}
        for row in records.rows:
            counts[slug(row[column])] = counts.get(slug(row[column]), 0) + 1
        if len(counts) > 12:  # a free-text column: counting its values names nothing useful
            continue
        for value_slug, count in sorted(counts.items()):
            values[f"{name}.{slug(column)}.{value_slug}"] = NamedValue(
                format_value(count, "count"), count, records.meta.is_illustrative(column), records.path)
    return values


def _dashboard_values(dashboard: Dashboard) -> dict[str, NamedValue]:
    path = dashboard.kpi_set.path
    ratings = dashboard.ratings
    flagged = any(s.illustrative for r in dashboard.results.values() if r.rating for s in r.series)
    values = {
        f"{dashboard.name}.period": NamedValue(dashboard.kpi_set.period.label, None, False, path),
        f"{dashboard.name}.summary": NamedValue(dashboard.summary(), None, flagged, path),
        f"{dashboard.name}.rated": NamedValue(number_words(len(ratings)), len(ratings), False, path),
    }
    for colour in ("GREEN", "AMBER", "RED"):
        count = ratings.count(colour)
        values[f"{dashboard.name}.{colour.lower()}"] = NamedValue(number_words(count), count, flagged, path)
    for kpi_id, result in dashboard.results.items():
        definition = result.kpi.definition
        prefix = f"{dashboard.name}.{kpi_id}"
        values[f"{prefix}.period"] = NamedValue(result.period.label, None, False, path)
        for name in ("target", "threshold"):
            number = getattr(definition, name)
            if number is not None:
                values[f"{prefix}.{name}"] = NamedValue(format_value(number, definition.unit, definition.decimals),
                                                        number, False, path)
        for series in result.series:
            values.update(_series_values(f"{prefix}.{series.slug}" if series.label else prefix, series,
                                         definition.unit, definition.decimals, path))
    return values


def _series_values(prefix: str, series: SeriesResult, unit: str, decimals: int, path: Path) -> dict[str, NamedValue]:
    status, now = series.status, series.illustrative
    then, year = now or series.previous_illustrative, now or series.year_ago_illustrative
    values: dict[str, NamedValue] = {
        f"{prefix}.period": NamedValue(status.period, None, False, path),
        f"{prefix}.previous_period": NamedValue(status.previous_period, None, False, path),
        f"{prefix}.direction": NamedValue(status.vs_previous, None, then, path),
        f"{prefix}.year_direction": NamedValue(status.vs_year_ago, None, year, path),
    }
    if status.rating:
        values[f"{prefix}.rating"] = NamedValue(status.rating.capitalize(), None, now, path)
    for name, number, flag in (("value", status.value, now),
                               ("previous", status.previous, series.previous_illustrative),
                               ("year_ago", status.year_ago, series.year_ago_illustrative)):
        if number is not None:
            values[f"{prefix}.{name}"] = NamedValue(format_value(number, unit, decimals), number, flag, path)
    for name, before, flag in (("change", status.previous, then), ("year_change", status.year_ago, year)):
        if before is not None and status.value is not None:
            change = round(status.value, decimals) - round(before, decimals)
            values[f"{prefix}.{name}"] = NamedValue(format_change(change, unit, decimals), change, flag, path)
    return values
