"""Fenced blocks that pull data into a document: ```table and ```chart, each a few YAML lines.

    ```table
    data: assessments
    caption: Care needs assessments by quarter
    label: assessments
    ```

Here the YAML is only read and checked against its schema: the block stays pending until the
tables and charts transforms (reportkit.resolve) look up its data, so a figure is typed once, in
the data file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from ..model import DataBlock, Source
from .schema import Strict, validate
from .yamlfile import parse_yaml

LABEL_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"


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
    label: str = Field("", pattern=LABEL_PATTERN)  # for cross-references: {@label}


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
    label: str = Field("", pattern=LABEL_PATTERN)


DIRECTIVES = ("table", "chart")


def directive_block(kind: str, source: str, path: Path, first_line: int) -> DataBlock:
    """The block's YAML read and validated, its data left for the resolve pass."""
    raw = parse_yaml(source, path, first_line)
    spec: TableSpec | ChartSpec
    if kind == "table":
        spec = validate(TableSpec, raw, path, "the table")
        return DataBlock("table", spec, raw, Source(path, first_line), spec.label)
    spec = validate(ChartSpec, raw, path, "the chart")
    return DataBlock("chart", spec, raw, Source(path, first_line), spec.label)
