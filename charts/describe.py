"""Alt text from the numbers: the chart's message, then every value it plots."""

from __future__ import annotations

from reportkit.compute.numbers import format_value

from .data import ChartData

KIND_WORDS = {"bar": "Bar chart", "grouped-bar": "Bar chart", "horizontal-bar": "Horizontal bar chart",
              "line": "Line chart",
              "stacked-bar": "Stacked bar chart"}


def alt_text(data: ChartData) -> str:
    parts = [f"{KIND_WORDS[data.kind]}: {data.title.rstrip('.')}."]
    if data.kind == "stacked-bar":
        for index, category in enumerate(data.categories):
            segments = [f"{_fmt(s.values[index], data)} {s.label.lower()}" for s in data.series
                        if s.values[index]]
            parts.append(f"{category}: {', '.join(segments) or 'none'}.")
    else:
        for series in data.series:
            points = [f"{c} {_fmt(v, data)}" for c, v in zip(data.categories, series.values) if v is not None]
            parts.append(f"{series.label}: {'; '.join(points)}.")
    parts += [f"{r.label} line at {_fmt(r.value, data)}." for r in data.references]
    return " ".join(parts)


def _fmt(value: float | None, data: ChartData) -> str:
    return "no value" if value is None else format_value(value, data.unit, data.decimals)
