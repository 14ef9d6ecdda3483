"""Tables as computed grids of printed strings: measures by period, groups of records, counts."""

from __future__ import annotations

from dataclasses import dataclass

from .datasets import MeasureTable, Records
from .numbers import format_value


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric_columns: frozenset[int]


def measures_by_period(table: MeasureTable, measure_ids: list[str], corner: str = "Measure") -> Grid:
    header = (corner, *(p.label for p in table.periods))
    rows = []
    for measure_id in measure_ids:
        measure = table.measures[measure_id]
        cells = [("" if q is None else q.format()) for q in measure.values.values()]
        rows.append((measure.label, *cells))
    return Grid(header, tuple(rows), frozenset(range(1, len(header))))


def record_columns(records: Records, columns: dict[str, str], rows: list[dict[str, str]]) -> Grid:
    header = tuple(columns.values())
    body = tuple(tuple(row[c] for c in columns) for row in rows)
    return Grid(header, body, frozenset())


def groups(records: Records, column: str) -> list[tuple[str, list[dict[str, str]]]]:
    """Rows grouped by ``column``, groups in the order they first appear."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in records.rows:
        grouped.setdefault(row[column], []).append(row)
    return list(grouped.items())


@dataclass(frozen=True)
class CrossCount:
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.counts)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*self.counts)) if self.counts else ()

    @property
    def total(self) -> int:
        return sum(self.row_totals)


def cross_count(records: Records, rows: str, columns: str, column_order: list[str] | None = None) -> CrossCount:
    """How many records fall in each (rows value, columns value) pair."""
    row_labels = [label for label, _ in groups(records, rows)]
    seen = [label for label, _ in groups(records, columns)]
    column_labels = list(column_order or []) + [c for c in seen if c not in (column_order or [])]
    counts = tuple(
        tuple(sum(1 for r in records.rows if r[rows] == row and r[columns] == col) for col in column_labels)
        for row in row_labels)
    return CrossCount(tuple(row_labels), tuple(column_labels), counts)


def cross_count_grid(count: CrossCount, corner: str) -> Grid:
    header = (corner, *count.column_labels, "Total")
    body = [(label, *(format_value(n, "count") for n in row), format_value(total, "count"))
            for label, row, total in zip(count.row_labels, count.counts, count.row_totals)]
    body.append(("Total", *(format_value(n, "count") for n in count.column_totals),
                 format_value(count.total, "count")))
    return Grid(header, tuple(body), frozenset(range(1, len(header))))


@dataclass(frozen=True)
class ValueTable:
    """Numbers by row and column (district by need group) with the totals the toolkit computes."""

    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]

    @property
    def row_totals(self) -> tuple[float, ...]:
        return tuple(sum(v or 0 for v in row) for row in self.values)

    @property
    def column_totals(self) -> tuple[float, ...]:
        return tuple(sum(v or 0 for v in column) for column in zip(*self.values)) if self.values else ()

    @property
    def total(self) -> float:
        return sum(self.row_totals)


@dataclass(frozen=True)
class TotalMismatch:
    """A total the source states that is not the sum of its parts."""

    where: str  # "row 'Tonbridge and Malling'" or "column 'Older people'"
    stated: float
    computed: float
    row_index: int | None  # the record holding the stated total


def stated_total_mismatches(table: ValueTable, stated_row_totals: list[float | None] | None,
                            stated_column_totals: list[float | None] | None,
                            stated_row_index: int | None) -> list[TotalMismatch]:
    """Every stated total that differs from the computed sum (allowing for float noise only)."""
    found = []
    for index, (label, stated, computed) in enumerate(zip(table.row_labels, stated_row_totals or [],
                                                          table.row_totals)):
        if stated is not None and abs(stated - computed) > 1e-9:
            found.append(TotalMismatch(f"row '{label}'", stated, computed, index))
    for label, stated, computed in zip(table.column_labels, stated_column_totals or [], table.column_totals):
        if stated is not None and abs(stated - computed) > 1e-9:
            found.append(TotalMismatch(f"column '{label}'", stated, computed, stated_row_index))
    return found
