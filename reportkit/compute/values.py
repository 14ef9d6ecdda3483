"""Named values: every figure prose can cite, computed once from the pack's data.

Names are ``dataset.measure.period`` (``assessments.incomplete.q4-2025-26``) with the derived
``latest``, ``previous``, ``first``, ``change`` and ``pct_change``; ``dataset.name`` for a figures
file; ``dataset.rows`` and ``dataset.column.value`` (a count of rows) for records.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..read.data import Dataset, Figures, MeasureTable, Records
from .numbers import format_change, format_value, percent_change
from .periods import slug


@dataclass(frozen=True)
class NamedValue:
    text: str
    number: float | None
    illustrative: bool
    defined_in: Path


def named_values(datasets: dict[str, Dataset]) -> dict[str, NamedValue]:
    values: dict[str, NamedValue] = {}
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
