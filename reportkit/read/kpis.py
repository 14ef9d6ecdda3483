"""KPI files: definitions in YAML (``kpis:``) and their values in a long CSV (``kpi,series,period,value``).

    values: kpi-values.csv        # the CSV in the same data folder
    period: Q2 2025/26            # the reporting period (default: the latest in the CSV)
    rule: floor                   # floor or tolerance (default: the theme's)
    kpis:
      ASCH2:
        title: New care needs assessments delivered within 28 days
        unit: percent
        polarity: higher
        target: 80
        threshold: 75

Every definition is checked here, with the line it came from, so a contradiction such as a floor
above its target stops the build at the line that holds it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Literal

from pydantic import Field

from ..compute.datasets import ChartKind, DataMeta, Kpi, KpiSet
from ..compute.kpi import KpiDefinition, Rule, check_thresholds
from ..compute.numbers import MAX_MAGNITUDE, parse_number
from ..compute.periods import Period, PeriodError, parse_period
from ..errors import ContentError, did_you_mean
from .csvmeta import read_meta
from .limits import check_periods
from .schema import Strict, validate
from .yamlfile import LineDict, line_of, read_text

VALUES_HEADER = ["kpi", "series", "period", "value"]


class KpiSpec(Strict):
    title: str
    unit: Literal["count", "number", "percent", "days", "gbp", "rate_per_100k"]
    decimals: int = Field(0, ge=0, le=3)
    polarity: Literal["higher", "lower"]
    target: float | None = Field(None, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)
    threshold: float | None = Field(None, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)
    rag: bool | None = None
    rule: Literal["floor", "tolerance"] | None = None
    tolerance_pct: float | None = Field(None, ge=0, le=100)
    frequency: Literal["quarterly", "monthly"] = "quarterly"
    source: str = ""
    notes: str = ""
    series: list[str] = []
    chart: ChartKind | None = None


class KpiFileSpec(Strict):
    values: str
    period: str | None = None
    rule: Literal["floor", "tolerance"] | None = None
    tolerance_pct: float | None = Field(None, ge=0, le=100)
    kpis: dict[str, KpiSpec] = Field(min_length=1)


def is_kpi_file(data: object) -> bool:
    return isinstance(data, LineDict) and "kpis" in data


def load_kpi_set(path: Path, data: LineDict, default_rule: Rule, default_tolerance: float) -> KpiSet:
    spec = validate(KpiFileSpec, data, path, "the KPI file")
    values_path = path.parent / spec.values
    if Path(spec.values).name != spec.values or not values_path.is_file():
        raise ContentError(path, line_of(data, "values"), f"no values file '{spec.values}' beside the KPI file",
                           "name a CSV in the same data folder, with columns kpi,series,period,value")
    rule = spec.rule or default_rule
    tolerance = spec.tolerance_pct if spec.tolerance_pct is not None else default_tolerance
    definitions = {kpi_id: _definition(kpi_id, kpi, data["kpis"], path, rule, tolerance)
                   for kpi_id, kpi in spec.kpis.items()}
    meta, values = _read_values(values_path, definitions)
    _check_illustrative(meta, values_path, definitions, values)
    latest = max((p for series in values.values() for by_period in series.values() for p in by_period),
                 key=lambda p: p.end)
    period = _reporting_period(spec.period, data, path) if spec.period else latest
    kpis = {kpi_id: Kpi(definition, _chart_kind(spec.kpis[kpi_id], definition), values[kpi_id],
                        line_of(data["kpis"], kpi_id) or 1)
            for kpi_id, definition in definitions.items()}
    return KpiSet(path.stem, path, values_path, period, kpis, meta)


def _definition(kpi_id: str, kpi: KpiSpec, raw: LineDict, path: Path, rule: Rule,
                tolerance: float) -> KpiDefinition:
    entry = raw[kpi_id]
    line = line_of(raw, kpi_id)
    rated = kpi.rag if kpi.rag is not None else kpi.target is not None
    if rated and kpi.target is None:
        raise ContentError(path, line_of(entry, "rag") or line, f"{kpi_id} is RAG-rated but has no target",
                           "add 'target:' (and 'threshold:'), or set 'rag: false' for a measure monitored without one")
    chosen_rule = kpi.rule or rule
    if rated and chosen_rule == "floor" and kpi.threshold is None:
        raise ContentError(path, line_of(entry, "target") or line,
                           f"{kpi_id} is rated by the floor rule but has no threshold",
                           "add 'threshold:' (the floor, or the upper limit when lower is better)")
    if rated and kpi.threshold is not None and kpi.target is not None:
        problem = check_thresholds(kpi.target, kpi.threshold, kpi.polarity, max_ratio=None)
        if problem:
            raise ContentError(path, line_of(entry, "threshold") or line, f"{kpi_id}: {problem}",
                               "check the threshold, the target and 'polarity:' (higher or lower is better)")
    if len(set(kpi.series)) != len(kpi.series):
        raise ContentError(path, line_of(entry, "series") or line, f"{kpi_id} names a series twice",
                           "give each series its own name")
    return KpiDefinition(
        id=kpi_id, title=kpi.title, unit=kpi.unit, decimals=kpi.decimals, polarity=kpi.polarity,
        target=kpi.target if rated else None, threshold=kpi.threshold if rated else None,
        rule=chosen_rule, frequency=kpi.frequency, source=kpi.source, notes=" ".join(kpi.notes.split()),
        series_labels=tuple(kpi.series),
        tolerance_pct=kpi.tolerance_pct if kpi.tolerance_pct is not None else tolerance,
    )


def _chart_kind(kpi: KpiSpec, definition: KpiDefinition) -> ChartKind:
    """A trend line for one series; bars side by side for several (incoming against completed)."""
    if kpi.chart:
        return kpi.chart
    return "grouped-bar" if len(definition.series_labels) > 1 else "line"


def _reporting_period(label: str, data: LineDict, path: Path) -> Period:
    try:
        return parse_period(label)
    except PeriodError as exc:
        raise ContentError(path, line_of(data, "period"), str(exc), "write the period like 'Q2 2025/26'") from None


_KIND = {"quarterly": "quarter", "monthly": "month"}


def _read_values(path: Path, definitions: dict[str, KpiDefinition]
                 ) -> tuple[DataMeta, dict[str, dict[str, dict[Period, float | None]]]]:
    lines = read_text(path).splitlines()
    meta, first = read_meta(lines, path)
    reader = csv.reader(io.StringIO("\n".join(lines[first:])))
    try:
        rows = [(reader.line_num + first, [c.strip() for c in row]) for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise ContentError(path, reader.line_num + first, f"CSV: {exc}", "check quotes") from None
    if not rows or rows[0][1] != VALUES_HEADER:
        raise ContentError(path, rows[0][0] if rows else 1, "a KPI values file starts with the header "
                           "kpi,series,period,value", "one row per KPI, series and period")
    values: dict[str, dict[str, dict[Period, float | None]]] = {
        kpi_id: {label: {} for label in (d.series_labels or ("",))} for kpi_id, d in definitions.items()}
    seen: dict[tuple[str, str, tuple[int, int, str]], int] = {}
    for line, row in rows[1:]:
        if len(row) != 4:
            raise ContentError(path, line, f"row has {len(row)} cells, not 4", "write kpi,series,period,value")
        kpi_id, series, label, cell = row
        if kpi_id not in definitions:
            raise ContentError(path, line, f"unknown KPI '{kpi_id}'", did_you_mean(kpi_id, definitions))
        definition = definitions[kpi_id]
        if series not in values[kpi_id]:
            known = definition.series_labels
            hint = (f"{kpi_id}'s series are {', '.join(known)}" if known
                    else f"{kpi_id} has one series: leave the series cell empty")
            raise ContentError(path, line, f"{kpi_id} has no series '{series}'" if series
                               else f"{kpi_id} needs a series name", hint)
        try:
            period = parse_period(label)
        except PeriodError as exc:
            raise ContentError(path, line, str(exc),
                               "periods are labelled like 'Q2 2025/26' or 'September 2025'") from None
        if period.kind != _KIND[definition.frequency]:
            raise ContentError(path, line, f"{kpi_id} is {definition.frequency} but '{label}' is a {period.kind}",
                               "use the KPI's frequency, or change 'frequency:' in the KPI file")
        key = (kpi_id, series, (period.start_year, period.start_month, period.kind))
        if key in seen:
            raise ContentError(path, line, f"{kpi_id} {series + ' ' if series else ''}has a second value for "
                               f"{label} (first on line {seen[key]})", "keep one row per KPI, series and period")
        seen[key] = line
        check_periods(len(values[kpi_id][series]) + 1, path, line, f"{kpi_id}{' ' + series if series else ''}")
        values[kpi_id][series][period] = _number(cell, path, line, kpi_id, label)
    for kpi_id, by_series in values.items():
        if not any(by_series.values()):
            raise ContentError(path, None, f"no values for {kpi_id}", f"add rows starting '{kpi_id},'")
    return meta, {k: {s: dict(sorted(v.items())) for s, v in series.items()} for k, series in values.items()}


def _number(cell: str, path: Path, line: int, kpi_id: str, label: str) -> float | None:
    if not cell:
        return None
    try:
        return parse_number(cell)
    except ValueError:
        raise ContentError(path, line, f"'{cell}' is not a number ({kpi_id} in {label})",
                           "write a number such as 77 or 4,320; leave it empty if there is no value") from None


def _check_illustrative(meta: DataMeta, path: Path, definitions: dict[str, KpiDefinition],
                        values: dict[str, dict[str, dict[Period, float | None]]]) -> None:
    labels = {p.label for series in values.values() for by_period in series.values() for p in by_period}
    known = sorted(labels) + list(definitions)
    for name in meta.illustrative:
        if name != "all" and name not in known:
            raise ContentError(path, None, f"'# illustrative:' names '{name}', which is not in the file",
                               did_you_mean(name, known))
