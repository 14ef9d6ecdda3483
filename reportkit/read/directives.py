"""Fenced blocks that pull data into a document: ```table and ```chart, each a few YAML lines.

    ```table
    data: assessments
    caption: Care needs assessments by quarter
    ```

Tables and charts read the same datasets, so a figure is typed once, in the data file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from charts import ChartData, ChartStyle, Series
from charts import describe as describe_chart
from charts import notes as chart_notes
from charts import size_mm as chart_size

from ..compute.disclosure import Disclosure
from ..compute.numbers import format_value, parse_number
from ..compute.tables import (
    Grid,
    ValueTable,
    cross_count,
    cross_count_grid,
    groups,
    measures_by_period,
    record_columns,
    stated_total_mismatches,
)
from ..errors import ContentError, did_you_mean
from ..model import Block, Cell, Figure, Table, Text
from ..resolve.charts import render_chart
from .csvmeta import DataMeta
from .data import Dataset, MeasureTable, Records
from .schema import Strict, validate
from .yamlfile import line_of, parse_yaml

if TYPE_CHECKING:
    from ..theme import AlternativeFormats


class CountSpec(Strict):
    rows: str
    columns: str
    order: list[str] = []


class TableSpec(Strict):
    data: str
    caption: str
    measures: list[str] | None = None
    columns: dict[str, str] | list[str] | None = None
    group_by: str | None = None
    count: CountSpec | None = None
    corner: str = ""
    # a table of numbers by row (district by need group), with totals computed and stated ones checked
    rows: str | None = None
    stated_total_column: str | None = None
    stated_total_row: str | None = None
    other_rows: list[str] = []  # row labels allowed besides the theme's districts (Medway, Unknown)
    rounding: int | None = Field(None, gt=0)
    suppress_below: int | None = Field(None, gt=0)
    totals: Literal["both", "rows", "columns", "none"] = "both"  # rows: a Total column; columns: a Total row


class ChartSpec(Strict):
    type: Literal["bar", "grouped-bar", "horizontal-bar", "line", "stacked-bar"]
    data: str
    title: str
    measures: list[str] | None = None
    rows: str | None = None  # records: the column naming each bar (district), with columns: the values
    columns: list[str] | None = None
    sort: Literal["descending", "ascending"] | None = None
    unit: Literal["count", "number", "percent", "days", "gbp", "rate_per_100k"] = "count"
    labels: dict[str, str] = {}
    count: CountSpec | None = None
    alt: str | None = None
    value_label: str = ""



@dataclass
class Numbering:
    """Table and figure numbers run through a whole document, appendices included."""

    tables: int = 0
    figures: int = 0

    def restart(self) -> None:
        """A new document starts again at Table 1 and Figure 1."""
        self.tables = self.figures = 0


@dataclass
class DataContext:
    datasets: dict[str, Dataset]
    chart_style: ChartStyle
    cache_dir: Path
    illustrative_note: str
    numbering: Numbering = field(default_factory=Numbering)
    districts: tuple[str, ...] = ()  # the council's district list, from the theme
    alternative_formats: AlternativeFormats | None = None  # the theme's contact for other formats
    draw_charts: bool = True


DIRECTIVES = ("table", "chart")


def directive_blocks(kind: str, source: str, path: Path, first_line: int, ctx: DataContext) -> list[Block]:
    raw = parse_yaml(source, path, first_line)
    if kind == "table":
        return _tables(validate(TableSpec, raw, path, "the table"), raw, path, ctx)
    return [_chart(validate(ChartSpec, raw, path, "the chart"), raw, path, ctx)]


def _dataset(name: str, raw: object, path: Path, ctx: DataContext) -> Dataset:
    if name not in ctx.datasets:
        raise ContentError(path, line_of(raw, "data"), f"no data file called '{name}'",
                           f"add data/{name}.csv to the pack, or {did_you_mean(name, ctx.datasets)}")
    return ctx.datasets[name]


def _check_names(names: list[str], known: list[str], what: str, raw: object, key: str, path: Path) -> None:
    for index, name in enumerate(names):
        if name not in known:
            raise ContentError(path, line_of(raw, key, index) or line_of(raw, key),
                               f"no {what} called '{name}'", did_you_mean(name, known))


def data_notes(meta: DataMeta, illustrative: list[str], ctx: DataContext) -> tuple[str, ...]:
    notes = []
    if illustrative:
        notes.append(f"Illustrative: {', '.join(illustrative)}. {ctx.illustrative_note}")
    if meta.source:
        notes.append(f"Source: {meta.source}")
    if meta.note:
        notes.append(meta.note)
    return tuple(notes)


def grid_table(grid: Grid, caption: str, notes: tuple[str, ...], ctx: DataContext) -> Table:
    """A numbered table; the first column names each row."""
    ctx.numbering.tables += 1
    header = (tuple(Cell((Text(h),), header=True, numeric=i in grid.numeric_columns)
                    for i, h in enumerate(grid.header)),)
    rows = tuple(tuple(Cell((Text(value),), header=i == 0, numeric=i in grid.numeric_columns)
                       for i, value in enumerate(row)) for row in grid.rows)
    return Table(f"Table {ctx.numbering.tables}: {caption}", header, rows, notes)


def _tables(spec: TableSpec, raw: object, path: Path, ctx: DataContext) -> list[Block]:
    dataset = _dataset(spec.data, raw, path, ctx)
    if isinstance(dataset, MeasureTable):
        measure_ids = spec.measures or list(dataset.measures)
        _check_names(measure_ids, list(dataset.measures), "measure", raw, "measures", path)
        grid = measures_by_period(dataset, measure_ids, spec.corner or "Measure")
        illustrative = [p.label for p in dataset.illustrative_periods()]
        illustrative += [dataset.measures[m].label for m in measure_ids if dataset.meta.is_illustrative(m)]
        return [grid_table(grid, spec.caption, data_notes(dataset.meta, illustrative, ctx), ctx)]
    if not isinstance(dataset, Records):
        raise ContentError(path, line_of(raw, "data"), f"'{spec.data}' holds single figures, not a table",
                           "cite its values in prose as {{ " + spec.data + ".name }}")
    if spec.count:
        return [_count_table(spec, spec.count, dataset, raw, path, ctx)]
    if spec.rows:
        return [_value_table(spec, dataset, raw, path, ctx)]
    columns = _record_columns(spec, dataset, raw, path)
    illustrative = [label for name, label in columns.items() if dataset.meta.is_illustrative(name)]
    notes = data_notes(dataset.meta, [_columns_phrase(illustrative)] if illustrative else [], ctx)
    if not spec.group_by:
        return [grid_table(record_columns(dataset, columns, list(dataset.rows)), spec.caption, notes, ctx)]
    _check_names([spec.group_by], list(dataset.columns), "column", raw, "group_by", path)
    return [grid_table(record_columns(dataset, columns, rows), f"{spec.caption}: {group}", notes, ctx)
            for group, rows in groups(dataset, spec.group_by)]


def _record_columns(spec: TableSpec, dataset: Records, raw: object, path: Path) -> dict[str, str]:
    if spec.columns is None:
        chosen = {c: c.replace("_", " ").capitalize() for c in dataset.columns if c != spec.group_by}
    elif isinstance(spec.columns, list):
        chosen = {c: c.replace("_", " ").capitalize() for c in spec.columns}
    else:
        chosen = dict(spec.columns)
    _check_names(list(chosen), list(dataset.columns), "column", raw, "columns", path)
    return chosen


def _columns_phrase(labels: list[str]) -> str:
    names = ", ".join(labels[:-1]) + (" and " if len(labels) > 1 else "") + labels[-1]
    return f"the {names} column{'s' if len(labels) > 1 else ''}"


def _count_table(spec: TableSpec, count: CountSpec, dataset: Records, raw: object, path: Path,
                 ctx: DataContext) -> Table:
    _check_names([count.rows, count.columns], list(dataset.columns), "column", raw, "count", path)
    counted = cross_count(dataset, count.rows, count.columns, count.order)
    illustrative = [c for c in (count.rows, count.columns) if dataset.meta.is_illustrative(c)]
    notes = data_notes(dataset.meta, [_columns_phrase([c.replace('_', ' ') for c in illustrative])] if illustrative else [], ctx)
    grid = cross_count_grid(counted, spec.corner or count.rows.replace("_", " ").capitalize())
    return grid_table(grid, spec.caption, notes, ctx)


def _chart(spec: ChartSpec, raw: object, path: Path, ctx: DataContext) -> Figure:
    dataset = _dataset(spec.data, raw, path, ctx)
    if isinstance(dataset, MeasureTable):
        data, illustrative = _measure_chart(spec, dataset, raw, path)
    elif isinstance(dataset, Records) and spec.rows:
        data, illustrative = _values_chart(spec, dataset, raw, path)
    elif isinstance(dataset, Records) and spec.count:
        _check_names([spec.count.rows, spec.count.columns], list(dataset.columns), "column", raw, "count", path)
        counted = cross_count(dataset, spec.count.rows, spec.count.columns, spec.count.order)
        series = tuple(Series(label, tuple(float(row[i]) for row in counted.counts))
                       for i, label in enumerate(counted.column_labels))
        data = ChartData(spec.type, spec.title, counted.row_labels, series, "count", 0, spec.value_label)
        flagged = [c.replace("_", " ") for c in (spec.count.rows, spec.count.columns) if dataset.meta.is_illustrative(c)]
        illustrative = [_columns_phrase(flagged)] if flagged else []
    else:
        raise ContentError(path, line_of(raw, "data"), f"a chart of '{spec.data}' needs 'measures:' or 'count:'",
                           "chart a measure table, or count records with count: {rows: ..., columns: ...}")
    return chart_figure(data, data_notes(dataset.meta, illustrative, ctx), ctx, spec.alt)


def chart_figure(data: ChartData, notes: tuple[str, ...], ctx: DataContext, alt: str | None = None) -> Figure:
    """The drawn chart as a numbered figure, with alt text and the notes the toolkit writes for it."""
    image = render_chart(data, ctx.chart_style, ctx.cache_dir, ctx.draw_charts)
    ctx.numbering.figures += 1
    width, height = chart_size(data, ctx.chart_style)
    return Figure(image, alt or describe_chart(data), f"Figure {ctx.numbering.figures}: {data.title}",
                  width, height, chart_notes(data) + notes)


def _measure_chart(spec: ChartSpec, table: MeasureTable, raw: object, path: Path) -> tuple[ChartData, list[str]]:
    if not spec.measures:
        raise ContentError(path, line_of(raw), "a chart needs 'measures:' naming what it plots",
                           f"measures in '{spec.data}': {', '.join(table.measures)}")
    _check_names(spec.measures, list(table.measures), "measure", raw, "measures", path)
    chosen = [table.measures[m] for m in spec.measures]
    units = {m.unit for m in chosen}
    if len(units) > 1:
        raise ContentError(path, line_of(raw, "measures"), "these measures have different units",
                           "chart measures of one unit together")
    series = tuple(Series(spec.labels.get(m.id, m.label), tuple(q.value if q else None for q in m.values.values()))
                   for m in chosen)
    decimals = max((q.decimals for m in chosen for q in m.values.values() if q), default=0)
    if spec.type == "bar" and len(series) > 1:
        raise ContentError(path, line_of(raw, "type"), "a 'bar' chart plots one measure",
                           "use type: grouped-bar for several")
    data = ChartData(spec.type, spec.title, tuple(p.label for p in table.periods), series,
                     units.pop(), decimals, spec.value_label)
    illustrative = [p.label for p in table.illustrative_periods()]
    illustrative += [m.label for m in chosen if table.meta.is_illustrative(m.id)]
    return data, illustrative


def _numbers(dataset: Records, columns: list[str], label_column: str) -> list[list[float | None]]:
    """The cells of ``columns`` as numbers, record by record; an empty cell is None."""
    table = []
    for row, line in zip(dataset.rows, dataset.row_lines):
        parsed: list[float | None] = []
        for column in columns:
            cell = row[column]
            try:
                parsed.append(parse_number(cell) if cell else None)
            except ValueError:
                raise ContentError(dataset.path, line, f"'{cell}' is not a number ({row[label_column]}, {column})",
                                   "write a number such as 1,448; leave the cell empty for none") from None
        table.append(parsed)
    return table


def _value_columns(spec: TableSpec | ChartSpec, dataset: Records, raw: object, path: Path) -> list[str]:
    assert spec.rows
    _check_names([spec.rows], list(dataset.columns), "column", raw, "rows", path)
    stated = getattr(spec, "stated_total_column", None)
    if isinstance(spec.columns, list):
        columns = spec.columns
        _check_names(columns, list(dataset.columns), "column", raw, "columns", path)
    else:
        columns = [c for c in dataset.columns if c not in (spec.rows, stated)]
    return columns


def _value_rows(spec: TableSpec, dataset: Records, raw: object, path: Path, ctx: DataContext) -> tuple[list[int], int | None]:
    """Indices of the body rows, and of the source's stated-total row; district names are checked."""
    assert spec.rows
    body, total_row = [], None
    allowed = set(ctx.districts) | set(spec.other_rows)
    for index, (row, line) in enumerate(zip(dataset.rows, dataset.row_lines)):
        label = row[spec.rows]
        if spec.stated_total_row and label == spec.stated_total_row:
            total_row = index
            continue
        if spec.rows == "district" and ctx.districts and label not in allowed:
            raise ContentError(dataset.path, line, f"'{label}' is not one of the council's districts",
                               f"{did_you_mean(label, sorted(allowed))} (other rows go in the table's other_rows:)")
        body.append(index)
    if spec.stated_total_row and total_row is None:
        raise ContentError(path, line_of(raw, "stated_total_row"), f"no row called '{spec.stated_total_row}' in "
                           f"'{spec.data}'", "name the row holding the source's own totals, or remove the option")
    return body, total_row


def _value_table(spec: TableSpec, dataset: Records, raw: object, path: Path, ctx: DataContext) -> Table:
    assert spec.rows
    columns = _value_columns(spec, dataset, raw, path)
    if spec.stated_total_column:
        _check_names([spec.stated_total_column], list(dataset.columns), "column", raw, "stated_total_column", path)
    body, total_row = _value_rows(spec, dataset, raw, path, ctx)
    numbers = _numbers(dataset, columns + ([spec.stated_total_column] if spec.stated_total_column else []), spec.rows)
    table = ValueTable(tuple(dataset.rows[i][spec.rows] for i in body), tuple(columns),
                       tuple(tuple(numbers[i][:len(columns)]) for i in body))
    stated_rows = [numbers[i][-1] for i in body] if spec.stated_total_column else None
    stated_columns = numbers[total_row][:len(columns)] if total_row is not None else None
    for mismatch in stated_total_mismatches(table, stated_rows, stated_columns, total_row):
        index = body[mismatch.row_index] if mismatch.where.startswith("row") and mismatch.row_index is not None \
            else total_row
        raise ContentError(dataset.path, dataset.row_lines[index] if index is not None else None,
                           f"the stated total of {mismatch.where} is {mismatch.stated:,g} but its values add up to "
                           f"{mismatch.computed:,g}", "correct the value or the stated total; reportkit prints its own sum")
    if total_row is not None and spec.stated_total_column:
        grand = numbers[total_row][-1]
        if grand is not None and abs(grand - table.total) > 1e-9:
            raise ContentError(dataset.path, dataset.row_lines[total_row], f"the stated grand total is {grand:,g} but "
                               f"the values add up to {table.total:,g}", "correct the stated total")
    return _disclosed_grid(spec, table, dataset, ctx)


def _disclosed_grid(spec: TableSpec, table: ValueTable, dataset: Records, ctx: DataContext) -> Table:
    rules = Disclosure(spec.rounding, spec.suppress_below)

    def shown(value: float | None) -> str:
        return rules.shown(value, lambda v: format_value(v, "count"))

    row_totals = spec.totals in ("both", "rows")
    header = (spec.corner or spec.rows or "", *table.column_labels, *(("Total",) if row_totals else ()))
    rows = [(label, *(shown(v) for v in values),
             *((shown(total if any(v is not None for v in values) else None),) if row_totals else ()))
            for label, values, total in zip(table.row_labels, table.values, table.row_totals)]
    if spec.totals in ("both", "columns"):
        rows.append(("Total", *(shown(v) for v in table.column_totals), *((shown(table.total),) if row_totals else ())))
    grid = Grid(tuple(h.replace("_", " ").capitalize() if h == spec.rows else h for h in header), tuple(rows),
                frozenset(range(1, len(header))))
    illustrative = [c for c in table.column_labels if dataset.meta.is_illustrative(c)]
    notes = rules.notes()
    if spec.totals != "none":
        notes += ("Totals are the sums of the values shown and agree with the totals given in the source."
                  if spec.stated_total_column or spec.stated_total_row else "Totals are the sums of the values shown.",)
    return grid_table(grid, spec.caption, notes + data_notes(dataset.meta, [_columns_phrase(illustrative)]
                                                             if illustrative else [], ctx), ctx)


def _values_chart(spec: ChartSpec, dataset: Records, raw: object, path: Path) -> tuple[ChartData, list[str]]:
    columns = _value_columns(spec, dataset, raw, path)
    assert spec.rows
    numbers = _numbers(dataset, columns, spec.rows)
    rows = [(dataset.rows[i][spec.rows], numbers[i]) for i in range(len(dataset.rows))
            if not dataset.rows[i][spec.rows].lower().endswith("total") and any(v is not None for v in numbers[i])]
    if spec.sort:
        rows.sort(key=lambda r: sum(v or 0 for v in r[1]), reverse=spec.sort == "descending")
    series = tuple(Series(spec.labels.get(c, c), tuple(r[1][i] for r in rows)) for i, c in enumerate(columns))
    data = ChartData(spec.type, spec.title, tuple(r[0] for r in rows), series, spec.unit, 0, spec.value_label)
    illustrative = [c for c in columns if dataset.meta.is_illustrative(c)]
    return data, [_columns_phrase(illustrative)] if illustrative else []
