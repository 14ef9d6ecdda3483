"""Looking up what a ```table or ```chart block names in the pack's data, with errors at its lines."""

from __future__ import annotations

from pathlib import Path

from ..compute.datasets import Dataset, Records
from ..compute.numbers import parse_number
from ..errors import ContentError, did_you_mean
from ..read.yamlfile import line_of


def dataset(name: str, raw: object, path: Path, datasets: dict[str, Dataset]) -> Dataset:
    if name not in datasets:
        raise ContentError(path, line_of(raw, "data"), f"no data file called '{name}'",
                           f"add data/{name}.csv to the pack, or {did_you_mean(name, list(datasets))}")
    return datasets[name]


def check_names(names: list[str], known: list[str], what: str, raw: object, key: str, path: Path) -> None:
    for index, name in enumerate(names):
        if name not in known:
            raise ContentError(path, line_of(raw, key, index) or line_of(raw, key),
                               f"no {what} called '{name}'", did_you_mean(name, known))


def record_numbers(records: Records, columns: list[str], label_column: str) -> list[list[float | None]]:
    """The cells of ``columns`` as numbers, record by record; an empty cell is None."""
    table = []
    for row, line in zip(records.rows, records.row_lines):
        parsed: list[float | None] = []
        for column in columns:
            cell = row[column]
            try:
                parsed.append(parse_number(cell) if cell else None)
            except ValueError:
                raise ContentError(records.path, line, f"'{cell}' is not a number ({row[label_column]}, {column})",
                                   "write a number such as 1,448; leave the cell empty for none") from None
        table.append(parsed)
    return table


def value_columns(rows: str, columns: list[str] | dict[str, str] | None, stated: str | None, records: Records,
                  raw: object, path: Path) -> list[str]:
    """The value columns of a table of numbers by row: those listed, or all but the row labels and stated totals."""
    check_names([rows], list(records.columns), "column", raw, "rows", path)
    if isinstance(columns, list):
        check_names(columns, list(records.columns), "column", raw, "columns", path)
        return columns
    return [c for c in records.columns if c not in (rows, stated)]
