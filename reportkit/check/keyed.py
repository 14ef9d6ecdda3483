"""One figure keyed twice: a single figure whose label is a measure's or a KPI's, with a value that
measure never takes (the figures-file pairs are the older rule figures/two-values)."""

from __future__ import annotations

from ..compute.datasets import Dataset, Figures, KpiSet, MeasureTable
from .findings import Finding


def _label(text: str) -> str:
    return " ".join(text.lower().split())


def check_keyed_twice(datasets: dict[str, Dataset]) -> list[Finding]:
    series: dict[str, tuple[str, list[float]]] = {}  # label -> (where, values)
    for dataset in datasets.values():
        if isinstance(dataset, MeasureTable):
            for measure in dataset.measures.values():
                values = [q.value for q in measure.values.values() if q is not None]
                series.setdefault(_label(measure.label), (f"{dataset.path.name}:{measure.line}", values))
        elif isinstance(dataset, KpiSet):
            for kpi in dataset.kpis.values():
                values = [v for s in kpi.values.values() for v in s.values() if v is not None]
                series.setdefault(_label(kpi.definition.title), (f"{dataset.path.name}:{kpi.line}", values))
    found = []
    for dataset in datasets.values():
        if not isinstance(dataset, Figures):
            continue
        for figure in dataset.values.values():
            other = series.get(_label(figure.label)) if figure.label else None
            if other is None or any(abs(v - figure.quantity.value) < 1e-9 for v in other[1]):
                continue
            found.append(Finding("figures/keyed-twice", dataset.path, figure.line, None,
                                 f"'{figure.label}' is {figure.quantity.value:,g} here but is "
                                 f"{', '.join(f'{v:,g}' for v in other[1])} in {other[0]}"))
    return found
