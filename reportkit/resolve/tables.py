"""The tables transform: each pending ```table block becomes the tables its data gives.

Tables of measures by period, of records (optionally one table per group), counts of records, and
tables of numbers by row whose totals are computed (and stated totals checked against them),
rounded and suppressed for disclosure. Captions may cite values; numbers come later, with every
other caption's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..compute.datasets import MeasureTable, Records
from ..compute.disclosure import Disclosure
from ..compute.notes import columns_phrase, data_notes
from ..compute.numbers import format_value
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
from ..model import Cell, DataBlock, Table, Text
from ..read.directives import CountSpec, TableSpec
from ..read.yamlfile import line_of
from . import lookup
from .context import ResolveContext
from .placeholders import fill


def resolve_table(block: DataBlock, ctx: ResolveContext) -> tuple[Table, ...]:
    spec: TableSpec = block.spec
    caption = fill(spec.caption, ctx.values, block.source.path, line_of(block.raw, "caption") or block.source.line or 1)
    tables = _tables(spec.model_copy(update={"caption": caption}), block.raw, block.source.path, ctx)
    return tuple(t if i else _labelled(t, block.label) for i, t in enumerate(tables))


def _labelled(table: Table, label: str) -> Table:
    return replace(table, label=label) if label else table


def grid_table(grid: Grid, caption: str, notes: tuple[str, ...], label: str = "") -> Table:
    """A table whose first column names each row (numbered later, with every caption)."""
    header = (tuple(Cell((Text(h),), header=True, numeric=i in grid.numeric_columns)
                    for i, h in enumerate(grid.header)),)
    rows = tuple(tuple(Cell((Text(value),), header=i == 0, numeric=i in grid.numeric_columns)
                       for i, value in enumerate(row)) for row in grid.rows)
    return Table(caption, header, rows, notes, label=label)


def _tables(spec: TableSpec, raw: object, path: Path, ctx: ResolveContext) -> list[Table]:
    dataset = lookup.dataset(spec.data, raw, path, ctx.datasets)
    if isinstance(dataset, MeasureTable):
        measure_ids = spec.measures or list(dataset.measures)
        lookup.check_names(measure_ids, list(dataset.measures), "measure", raw, "measures", path)
        grid = measures_by_period(dataset, measure_ids, spec.corner or "Measure")
        illustrative = [p.label for p in dataset.illustrative_periods()]
        illustrative += [dataset.measures[m].label for m in measure_ids if dataset.meta.is_illustrative(m)]
        return [grid_table(grid, spec.caption, data_notes(dataset.meta, illustrative, ctx.illustrative_note))]
    if not isinstance(dataset, Records):
        raise ContentError(path, line_of(raw, "data"), f"'{spec.data}' holds single figures, not a table",
                           "cite its values in prose as {{ " + spec.data + ".name }}")
    if spec.count:
        return [_count_table(spec, spec.count, dataset, raw, path, ctx)]
    if spec.rows:
        return [_value_table(spec, dataset, raw, path, ctx)]
    columns = _record_columns(spec, dataset, raw, path)
    illustrative = [label for name, label in columns.items() if dataset.meta.is_illustrative(name)]
    notes = data_notes(dataset.meta, [columns_phrase(illustrative)] if illustrative else [], ctx.illustrative_note)
    if not spec.group_by:
        return [grid_table(record_columns(dataset, columns, list(dataset.rows)), spec.caption, notes)]
    lookup.check_names([spec.group_by], list(dataset.columns), "column", raw, "group_by", path)
    return [grid_table(record_columns(dataset, columns, rows), f"{spec.caption}: {group}", notes)
            for group, rows in groups(dataset, spec.group_by)]


def _record_columns(spec: TableSpec, dataset: Records, raw: object, path: Path) -> dict[str, str]:
    if spec.columns is None:
        chosen = {c: c.replace("_", " ").capitalize() for c in dataset.columns if c != spec.group_by}
    elif isinstance(spec.columns, list):
        chosen = {c: c.replace("_", " ").capitalize() for c in spec.columns}
    else:
        chosen = dict(spec.columns)
    lookup.check_names(list(chosen), list(dataset.columns), "column", raw, "columns", path)
    return chosen


def _count_table(spec: TableSpec, count: CountSpec, dataset: Records, raw: object, path: Path,
                 ctx: ResolveContext) -> Table:
    lookup.check_names([count.rows, count.columns], list(dataset.columns), "column", raw, "count", path)
    counted = cross_count(dataset, count.rows, count.columns, count.order)
    illustrative = [c for c in (count.rows, count.columns) if dataset.meta.is_illustrative(c)]
    notes = data_notes(dataset.meta,
                       [columns_phrase([c.replace('_', ' ') for c in illustrative])] if illustrative else [],
                       ctx.illustrative_note)
    grid = cross_count_grid(counted, spec.corner or count.rows.replace("_", " ").capitalize())
    return grid_table(grid, spec.caption, notes)


def _value_rows(spec: TableSpec, dataset: Records, raw: object, path: Path,
                ctx: ResolveContext) -> tuple[list[int], int | None]:
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


def _value_table(spec: TableSpec, dataset: Records, raw: object, path: Path, ctx: ResolveContext) -> Table:
    assert spec.rows
    columns = lookup.value_columns(spec.rows, spec.columns, spec.stated_total_column, dataset, raw, path)
    if spec.stated_total_column:
        lookup.check_names([spec.stated_total_column], list(dataset.columns), "column", raw, "stated_total_column",
                           path)
    body, total_row = _value_rows(spec, dataset, raw, path, ctx)
    numbers = lookup.record_numbers(dataset, columns + ([spec.stated_total_column] if spec.stated_total_column else []),
                                    spec.rows)
    table = ValueTable(tuple(dataset.rows[i][spec.rows] for i in body), tuple(columns),
                       tuple(tuple(numbers[i][:len(columns)]) for i in body))
    stated_rows = [numbers[i][-1] for i in body] if spec.stated_total_column else None
    stated_columns = numbers[total_row][:len(columns)] if total_row is not None else None
    for mismatch in stated_total_mismatches(table, stated_rows, stated_columns, total_row):
        index = body[mismatch.row_index] if mismatch.where.startswith("row") and mismatch.row_index is not None \
            else total_row
        raise ContentError(dataset.path, dataset.row_lines[index] if index is not None else None,
                           f"the stated total of {mismatch.where} is {mismatch.stated:,g} but its values add up to "
                           f"{mismatch.computed:,g}",
                           "correct the value or the stated total; the table prints its own sum")
    if total_row is not None and spec.stated_total_column:
        grand = numbers[total_row][-1]
        if grand is not None and abs(grand - table.total) > 1e-9:
            raise ContentError(dataset.path, dataset.row_lines[total_row], f"the stated grand total is {grand:,g} but "
                               f"the values add up to {table.total:,g}", "correct the stated total")
    return _disclosed_grid(spec, table, dataset, ctx)


def _disclosed_grid(spec: TableSpec, table: ValueTable, dataset: Records, ctx: ResolveContext) -> Table:
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
    return grid_table(grid, spec.caption, notes + data_notes(dataset.meta, [columns_phrase(illustrative)]
                                                             if illustrative else [], ctx.illustrative_note))
