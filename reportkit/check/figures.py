"""Rules over a pack's data: share columns that do not sum to 100% or are of the wrong base, one figure
given two values, and KPI thresholds far from their targets."""

from __future__ import annotations

import re
from pathlib import Path

from ..compute.datasets import Dataset, Figures, KpiSet, Records
from ..compute.kpi import check_thresholds
from ..compute.numbers import parse_number
from .findings import Finding

SHARE_COLUMN = re.compile(r"(%|\bshare\b|\bper ?cent\b|_pct$)", re.IGNORECASE)


def check_data(datasets: dict[str, Dataset]) -> list[Finding]:
    findings: list[Finding] = []
    for dataset in datasets.values():
        if isinstance(dataset, Records):
            findings += _shares(dataset)
        elif isinstance(dataset, KpiSet):
            findings += _thresholds(dataset)
    findings += _two_values([d for d in datasets.values() if isinstance(d, Figures)])
    return findings


def _numbers(records: Records, column: str) -> list[float] | None:
    try:
        return [parse_number(row[column]) for row in records.rows]
    except ValueError:
        return None


def _shares(records: Records) -> list[Finding]:
    found = []
    counts = [c for c in records.columns if not SHARE_COLUMN.search(c) and _numbers(records, c) is not None]
    for column in (c for c in records.columns if SHARE_COLUMN.search(c)):
        shares = _numbers(records, column)
        if not shares:
            continue
        total = sum(shares)
        line = records.row_lines[0] - 1
        if abs(total - 100) > 1.5:
            found.append(Finding("figures/share-total", records.path, line, None,
                                 f"the '{column}' column sums to {total:g}%, not about 100%"))
        if counts:
            values = _numbers(records, counts[0]) or []
            base = sum(values)
            for row_line, count, share in zip(records.row_lines, values, shares):
                if base and abs(count / base * 100 - share) > 0.6:
                    implied = count / share * 100 if share else 0
                    found.append(Finding("figures/share-base", records.path, row_line, None,
                                         f"{share:g}% is not {count:g} of the table's total {base:g} "
                                         f"({count / base * 100:.1f}%); it fits a base of about {implied:,.0f}"))
                    break
    return found


def _two_values(files: list[Figures]) -> list[Finding]:
    """The same figure (by its label) given different values in the pack's figures files."""
    seen: dict[str, tuple[float, Path, int]] = {}
    found = []
    for figures in files:
        for name, figure in figures.values.items():
            label = " ".join((figure.label or name).lower().split())
            value = figure.quantity.value
            if label in seen and seen[label][0] != value:
                first_value, first_path, first_line = seen[label]
                found.append(Finding("figures/two-values", figures.path, figure.line, None,
                                     f"'{figure.label or name}' is {value:,g} here but {first_value:,g} in "
                                     f"{first_path.name}:{first_line}"))
            seen.setdefault(label, (value, figures.path, figure.line))
    return found


def _thresholds(kpi_set: KpiSet) -> list[Finding]:
    found = []
    for kpi in kpi_set.kpis.values():
        definition = kpi.definition
        if definition.target is None or definition.threshold is None:
            continue
        problem = check_thresholds(definition.target, definition.threshold, definition.polarity)
        if problem:
            found.append(Finding("figures/threshold", kpi_set.path, kpi.line, None, f"{definition.id}: {problem}"))
    return found
