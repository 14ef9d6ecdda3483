"""Data that is well formed but wrong: a percent measure stored as fractions, a value ten times its
neighbours, a record shifted by a column, the same record twice, and one category spelt two ways."""

from __future__ import annotations

import statistics

from ..compute.datasets import Dataset, Figures, KpiSet, MeasureTable, Records
from ..compute.numbers import parse_number
from .findings import Finding

OUTLIER_FACTOR = 8  # a slipped zero makes a value about ten times its neighbours; real jumps are rarely this big
CATEGORY_LIMIT = 12  # a column with more distinct values is free text, not a category


def check_plausibility(datasets: dict[str, Dataset]) -> list[Finding]:
    findings: list[Finding] = []
    for dataset in datasets.values():
        if isinstance(dataset, MeasureTable):
            findings += _shifted_measures(dataset)
            for measure in dataset.measures.values():
                values = [q.value for q in measure.values.values() if q is not None]
                findings += _fractions(dataset, measure.unit, values, measure.line, measure.id)
                findings += _outliers(dataset, values, measure.line, measure.id)
        elif isinstance(dataset, KpiSet):
            for kpi_id, kpi in dataset.kpis.items():
                for series in kpi.values.values():
                    values = [v for v in series.values() if v is not None]
                    findings += _fractions(dataset, kpi.definition.unit, values, kpi.line, kpi_id)
                    findings += _outliers(dataset, values, kpi.line, kpi_id)
        elif isinstance(dataset, Records):
            findings += _shifted(dataset) + _duplicates(dataset) + _case_variants(dataset)
        elif isinstance(dataset, Figures):
            for key, figure in dataset.values.items():
                if (figure.quantity.unit == "percent" and 0 < figure.quantity.value < 1
                        and figure.quantity.decimals >= 2):
                    findings.append(Finding("data/percent-fraction", dataset.path, figure.line, None,
                                            f"{key} is {figure.quantity.value:g}%: a fraction written where a "
                                            f"percentage ({figure.quantity.value * 100:g}%) was meant?"))
    return findings


def _fractions(dataset: Dataset, unit: str, values: list[float], line: int, what: str) -> list[Finding]:
    if unit != "percent" or not values or not all(0 <= v <= 1 for v in values) \
            or all(v == int(v) for v in values):
        return []
    return [Finding("data/percent-fraction", dataset.path, line, None,
                    f"every value of {what} is between 0 and 1 ({', '.join(f'{v:g}' for v in values[:4])}): "
                    f"fractions in a percent measure print as {values[0]:.0f}%")]


def _outliers(dataset: Dataset, values: list[float], line: int, what: str) -> list[Finding]:
    """A value far above the others, or far below them in the middle of the series (a new service's first
    months and a running total start small)."""
    if len(values) < 3:
        return []
    for index, value in enumerate(values):
        others = [v for i, v in enumerate(values) if i != index]
        middle = statistics.median(others)
        if middle > 0 and min(others) > 0 and (value >= OUTLIER_FACTOR * middle
                                               or (0 < index < len(values) - 1 and value * OUTLIER_FACTOR <= middle)):
            return [Finding("data/outlier", dataset.path, line, None,
                            f"{what}: {value:,g} is {OUTLIER_FACTOR} or more times away from its other values "
                            f"(median {middle:,g})")]
    return []


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except ValueError:
        return False
    return True


def _shifted(records: Records) -> list[Finding]:
    """A row whose cells fit the columns' kinds (number or words) only when moved one column along."""
    if len(records.rows) < 4:
        return []
    columns = records.columns
    kinds: dict[str, bool] = {}  # True: a column of numbers, False: of words
    for column in columns:
        filled = [row[column] for row in records.rows if row[column]]
        numeric = sum(_is_number(cell) for cell in filled)
        if len(filled) >= 3 and numeric >= len(filled) - 1:
            kinds[column] = True
        elif len(filled) >= 3 and numeric <= 1:
            kinds[column] = False
    found = []
    for line, row in zip(records.row_lines, records.rows):
        cells = [row[c] for c in columns]
        misfits = [i for i, c in enumerate(columns) if row[c] and c in kinds and _is_number(row[c]) != kinds[c]]
        if not misfits:
            continue
        for step, edge in ((1, 0), (-1, len(cells) - 1)):
            if cells[edge]:
                continue  # a shifted row leaves the cell it moved away from empty
            moved = [cells[i + step] if 0 <= i + step < len(cells) else "" for i in range(len(cells))]
            if all(not cell or columns[i] not in kinds or _is_number(cell) == kinds[columns[i]]
                   for i, cell in enumerate(moved)):
                found.append(Finding("data/shifted-row", records.path, line, None,
                                     f"the row fits its columns only moved one column to the "
                                     f"{'left' if step == 1 else 'right'} ('{row[columns[misfits[0]]]}' is under "
                                     f"'{columns[misfits[0]]}')"))
                break
    return found


def _shifted_measures(table: MeasureTable) -> list[Finding]:
    """A measure with no value in the first (or last) period, where every other measure has one."""
    found: list[Finding] = []
    if len(table.measures) < 3 or len(table.periods) < 3:
        return found
    for edge in (table.periods[0], table.periods[-1]):
        empty = [m for m in table.measures.values() if m.values.get(edge) is None]
        if len(empty) == 1:
            found.append(Finding("data/shifted-row", table.path, empty[0].line, None,
                                 f"{empty[0].id} alone has no value for {edge.label}: are its values a column "
                                 f"out of place?"))
    return found


def _duplicates(records: Records) -> list[Finding]:
    seen: dict[tuple[str, ...], int] = {}
    found = []
    for line, row in zip(records.row_lines, records.rows):
        key = tuple(row[c] for c in records.columns)
        if key in seen:
            found.append(Finding("data/duplicate", records.path, line, None,
                                 f"this row repeats line {seen[key]}"))
        seen.setdefault(key, line)
    return found


def _case_variants(records: Records) -> list[Finding]:
    found = []
    for column in records.columns:
        spellings: dict[str, tuple[str, int]] = {}
        reported: set[str] = set()
        distinct = {row[column] for row in records.rows}
        if len(distinct) > CATEGORY_LIMIT or all(_is_number(v) for v in distinct if v):
            continue
        for line, row in zip(records.row_lines, records.rows):
            value = row[column]
            key = " ".join(value.casefold().split())
            if key in spellings and spellings[key][0] != value and value not in reported:
                reported.add(value)
                first, first_line = spellings[key]
                found.append(Finding("data/case-variant", records.path, line, None,
                                     f"'{value}' in '{column}' is '{first}' on line {first_line}: the two "
                                     f"spellings are counted apart"))
            spellings.setdefault(key, (value, line))
    return found
