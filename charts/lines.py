"""Line charts: series told apart by line style and marker as well as colour."""

from __future__ import annotations

from typing import Any

from .bars import _finish, _label
from .data import ChartData, ChartStyle
from .style import LINE_STYLES

MARKERS = ("o", "s", "^", "D", "v", "P")


def _plotted(data: ChartData) -> list[float]:
    """Every value the axis must show: the data and any target or threshold lines."""
    return [v for s in data.series for v in s.values if v is not None] + [r.value for r in data.references]


def axis_starts_at_zero(data: ChartData) -> bool:
    """Line charts are cropped to their data; say so whenever zero is not shown."""
    present = _plotted(data)
    return not present or min(present) <= 0 or min(present) < 0.25 * max(present)


def paint_lines(figure: Any, data: ChartData, style: ChartStyle) -> None:
    axes = figure.add_subplot()
    for index, series in enumerate(data.series):
        points = [(i, v) for i, v in enumerate(series.values) if v is not None]
        axes.plot([p[0] for p in points], [p[1] for p in points], label=series.label,
                  color=style.palette[index % len(style.palette)],
                  linestyle=LINE_STYLES[index % len(LINE_STYLES)],
                  marker=MARKERS[index % len(MARKERS)], linewidth=2)
        for x, y in points:  # label the data directly, as the Analysis Function advises
            axes.annotate(_label(y, data), (x, y), textcoords="offset points", xytext=(0, 7),
                          ha="center", fontsize=style.font_size * 0.85)
    _finish(axes, data, style, len(data.series))
    if not axis_starts_at_zero(data):
        present = _plotted(data)
        span = max(present) - min(present) or max(present) or 1
        axes.set_ylim(bottom=min(present) - 0.2 * span, top=max(present) + 0.2 * span)
