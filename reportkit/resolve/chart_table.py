"""A chart's values as a data table: what the chart shows, for readers who cannot see the picture."""

from __future__ import annotations

from charts import ChartData

from ..compute.numbers import format_value
from ..model import Cell, Table, Text


def chart_table(data: ChartData, caption: str) -> Table:
    """One row per category, one column per series, each value formatted as the chart labels it;
    reference lines (targets, floors) become notes. ``caption`` is the figure's; the numbering
    transform puts the figure's number in front of it, and the table itself takes no number."""
    header = ((Cell((Text(""),)), *(Cell((Text(s.label),), numeric=True) for s in data.series)),)
    rows = tuple((Cell((Text(category),), header=True),
                  *(Cell((Text(_value(s.values[index], data)),), numeric=True) for s in data.series))
                 for index, category in enumerate(data.categories))
    notes = tuple(f"{r.label}: {format_value(r.value, data.unit, data.decimals)}" for r in data.references)
    return Table(f"Data for {caption}", header, rows, notes, number="")


def _value(value: float | None, data: ChartData) -> str:
    return "" if value is None else format_value(value, data.unit, data.decimals)
