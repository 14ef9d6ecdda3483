"""Data files of a pack: content/<pack>/data/*.csv and *.yaml, each named by its file stem.

Four shapes, told apart by their form:

* a measure table (CSV whose first columns are ``measure,label,unit``, then one column per
  period): figures that committees see by quarter or month;
* records (any other CSV): one row per thing, such as the actions of an improvement plan;
* figures (YAML): single named values, ``name: {value: 1478, unit: count, label: ...}``;
* KPIs (YAML with a ``kpis:`` key, see :mod:`.kpis`), whose values CSV belongs to them.

A CSV may open with ``# key: value`` lines: ``source``, ``illustrative`` (the columns, periods
or measures whose values are illustrative, or ``all``) and ``note``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..compute.datasets import (
    DataMeta,
    Dataset,
    Figures,
    KpiSet,
    Measure,
    MeasureTable,
    NamedFigure,
    Records,
)
from ..compute.kpi import Rule
from ..compute.numbers import UNITS, Quantity, decimals_of, parse_number
from ..compute.periods import Period, PeriodError, parse_period
from ..errors import ContentError, did_you_mean
from .csvmeta import read_meta
from .kpis import is_kpi_file, load_kpi_set
from .limits import check_periods
from .yamlfile import LineDict, line_of, load_yaml, read_text


def load_data_folder(folder: Path, rag_rule: Rule = "floor", tolerance_pct: float = 10) -> dict[str, Dataset]:
    """Every data file in ``folder``, by name, in a stable order.

    ``rag_rule`` and ``tolerance_pct`` are the theme's defaults for KPIs whose file names no rule.
    """
    datasets: dict[str, Dataset] = {}
    if not folder.is_dir():
        return datasets
    yaml_files = [p for p in sorted(folder.iterdir()) if p.suffix in (".yaml", ".yml")]
    loaded: list[Dataset] = []
    for path in yaml_files:
        data = load_yaml(path)
        if is_kpi_file(data):
            loaded.append(load_kpi_set(path, data, rag_rule, tolerance_pct))
        else:
            loaded.append(load_figures(path, data))
    claimed = {d.values_path for d in loaded if isinstance(d, KpiSet)}
    loaded += [load_csv(p) for p in sorted(folder.iterdir()) if p.suffix == ".csv" and p not in claimed]
    for dataset in sorted(loaded, key=lambda d: d.path.name):
        path = dataset.path
        if dataset.name in datasets:
            raise ContentError(path, None, f"two data files are called '{dataset.name}'",
                               "rename one of them")
        datasets[dataset.name] = dataset
    return datasets


def load_csv(path: Path) -> MeasureTable | Records:
    text = read_text(path)
    lines = text.splitlines()
    meta, first = read_meta(lines, path)
    body = "\n".join(lines[first:])
    reader = csv.reader(io.StringIO(body))
    try:
        rows = [(reader.line_num + first, row) for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise ContentError(path, reader.line_num + first, f"CSV: {exc}",
                           "check quotes: a field with a comma must be in double quotes") from None
    if not rows:
        raise ContentError(path, None, "the data file has no header row", "add a header row")
    header_line, header = rows[0]
    header = [h.strip() for h in header]
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise ContentError(path, header_line, f"column '{dup}' appears twice", "rename one of them")
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise ContentError(path, line, f"row has {len(row)} cells but the header has {len(header)}",
                               "every row needs one value per column; quote values containing commas")
    if header[:3] == ["measure", "label", "unit"]:
        return _measure_table(path, header, rows, meta)
    _check_illustrative(meta, header, path)
    return Records(path.stem, path, tuple(header),
                   tuple({h: cell.strip() for h, cell in zip(header, row)} for _, row in rows[1:]),
                   tuple(line for line, _ in rows[1:]), meta)


def _check_illustrative(meta: DataMeta, names: list[str], path: Path) -> None:
    for name in meta.illustrative:
        if name != "all" and name not in names:
            raise ContentError(path, None, f"'# illustrative:' names '{name}', which is not in the file",
                               did_you_mean(name, names))


def _measure_table(path: Path, header: list[str], rows: list[tuple[int, list[str]]],
                   meta: DataMeta) -> MeasureTable:
    header_line = rows[0][0]
    check_periods(len(header) - 3, path, header_line, "the table")
    periods: list[Period] = []
    for label in header[3:]:
        try:
            periods.append(parse_period(label))
        except PeriodError as exc:
            raise ContentError(path, header_line, str(exc), "period columns are labelled like 'Q2 2025/26'") from None
    if periods != sorted(periods):
        raise ContentError(path, header_line, "period columns are not in time order",
                           "put the earliest period first")
    measures: dict[str, Measure] = {}
    for line, row in rows[1:]:
        measure_id, label, unit = (c.strip() for c in row[:3])
        if not measure_id.replace("_", "").isalnum():
            raise ContentError(path, line, f"measure name '{measure_id}' must be letters, digits and _",
                               "for example incomplete_assessments")
        if measure_id in measures:
            raise ContentError(path, line, f"measure '{measure_id}' appears twice", "keep one row per measure")
        if unit not in UNITS:
            raise ContentError(path, line, f"unknown unit '{unit}'", did_you_mean(unit, UNITS))
        values: dict[Period, Quantity | None] = {}
        for period, cell in zip(periods, row[3:]):
            values[period] = _quantity(cell, unit, path, line, f"{measure_id} in {period.label}")
        measures[measure_id] = Measure(measure_id, label, unit, values, line)
    _check_illustrative(meta, [p.label for p in periods] + list(measures), path)
    return MeasureTable(path.stem, path, tuple(periods), measures, meta)


def _quantity(cell: str, unit: str, path: Path, line: int, what: str) -> Quantity | None:
    if not cell.strip():
        return None
    try:
        return Quantity(parse_number(cell), unit, decimals_of(cell.removesuffix("%")))
    except ValueError:
        raise ContentError(path, line, f"'{cell.strip()}' is not a number ({what})",
                           "write numbers like 2070 or 2,070; leave the cell empty if there is no value") from None


def load_figures(path: Path, data: object) -> Figures:
    if not isinstance(data, LineDict):
        raise ContentError(path, 1, "a figures file is a list of 'name: {value: ..., unit: ...}'",
                           "see the author guide in README.md")
    values: dict[str, NamedFigure] = {}
    for name, entry in data.items():
        line = line_of(data, name) or 1
        if not isinstance(entry, LineDict) or "value" not in entry:
            raise ContentError(path, line, f"figure '{name}' needs a 'value:'", "write value: 1478 and unit: count")
        unknown = set(entry) - {"value", "unit", "label", "illustrative"}
        if unknown:
            bad = sorted(unknown)[0]
            raise ContentError(path, line_of(entry, bad), f"unknown field '{bad}' in figure '{name}'",
                               did_you_mean(bad, ["value", "unit", "label", "illustrative"]))
        unit = str(entry.get("unit", "number"))
        if unit not in UNITS:
            raise ContentError(path, line_of(entry, "unit"), f"unknown unit '{unit}'", did_you_mean(unit, UNITS))
        quantity = _quantity(str(entry["value"]), unit, path, line_of(entry, "value") or line, name)
        if quantity is None:
            raise ContentError(path, line, f"figure '{name}' has an empty value", "give a number")
        values[name] = NamedFigure(quantity, str(entry.get("label", "")), line, bool(entry.get("illustrative", False)))
    return Figures(path.stem, path, values)
