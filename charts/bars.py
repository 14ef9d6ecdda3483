"""Bar charts: single and grouped vertical bars, and stacked horizontal bars. Axes start at zero."""

from __future__ import annotations

from typing import Any

from . import ChartData, ChartStyle
from .style import HATCHES, REFERENCE_STYLES, styled, value_formatter


def draw_bars(data: ChartData, style: ChartStyle) -> bytes:
    with styled(style) as figure:
        axes = figure.add_subplot()
        count = len(data.series)
        width = 0.8 / count
        positions = range(len(data.categories))
        for index, series in enumerate(data.series):
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            heights = [v if v is not None else 0 for v in series.values]
            bars = axes.bar(offsets, heights, width=width * 0.92, label=series.label,
                            color=style.palette[index % len(style.palette)],
                            hatch=HATCHES[index % len(HATCHES)] if count > 1 else "", edgecolor="white")
            axes.bar_label(bars, labels=[_label(v, data) for v in series.values], padding=2,
                           fontsize=style.font_size * 0.85)
        _finish(axes, data, style, count)
        return _png(figure, style)


def draw_horizontal(data: ChartData, style: ChartStyle) -> bytes:
    """Horizontal bars, first category at the top: for long category names such as districts."""
    with styled(style) as figure:
        axes = figure.add_subplot()
        axes.grid(axis="y", visible=False)
        axes.grid(axis="x", visible=True)
        count = len(data.series)
        height = 0.8 / count
        positions = list(range(len(data.categories)))[::-1]
        for index, series in enumerate(data.series):
            offsets = [p + 0.4 - height * (index + 0.5) for p in positions]
            bars = axes.barh(offsets, [v or 0 for v in series.values], height=height * 0.92, label=series.label,
                             color=style.palette[index % len(style.palette)],
                             hatch=HATCHES[index % len(HATCHES)] if count > 1 else "", edgecolor="white")
            axes.bar_label(bars, labels=[_label(v, data) for v in series.values], padding=2,
                           fontsize=style.font_size * 0.85)
        axes.set_yticks(positions, [_wrap(c, 30) for c in data.categories])
        axes.set_xlim(left=0)
        axes.margins(x=0.1)
        _value_axis(axes.xaxis, data)
        if count > 1:
            axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(count, 3), frameon=False)
        figure.tight_layout()
        return _png(figure, style)


def draw_stacked(data: ChartData, style: ChartStyle) -> bytes:
    """Horizontal stacked bars: one bar per category, one segment per series."""
    with styled(style) as figure:
        axes = figure.add_subplot()
        axes.grid(axis="y", visible=False)
        axes.grid(axis="x", visible=True)
        positions = list(range(len(data.categories)))[::-1]
        lefts = [0.0] * len(data.categories)
        for index, series in enumerate(data.series):
            widths = [v or 0 for v in series.values]
            colour = style.palette[index % len(style.palette)]
            bars = axes.barh(positions, widths, left=lefts, label=series.label, color=colour,
                             hatch=HATCHES[index % len(HATCHES)], edgecolor="white", height=0.6)
            axes.bar_label(bars, labels=[_label(v, data) if v else "" for v in series.values],
                           label_type="center", fontsize=style.font_size * 0.85,
                           bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"})
            lefts = [a + b for a, b in zip(lefts, widths)]
        axes.set_yticks(positions, [_wrap(c) for c in data.categories])
        axes.set_xlim(left=0)
        _value_axis(axes.xaxis, data)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=min(len(data.series), 4),
                    frameon=False)
        figure.tight_layout()
        return _png(figure, style)


def _value_axis(axis: Any, data: ChartData) -> None:
    """Tick labels in the data's unit; whole numbers only for counts."""
    from matplotlib.ticker import MaxNLocator  # here, not at the top: checking a chart's notes draws nothing

    axis.set_major_formatter(value_formatter(data.unit))
    if data.unit == "count":
        axis.set_major_locator(MaxNLocator(integer=True))
    label = data.value_label or ("Rate per 100,000" if data.unit == "rate_per_100k" else "")
    if label:
        axis.set_label_text(label)


def _finish(axes: Any, data: ChartData, style: ChartStyle, count: int) -> None:
    axes.set_xticks(range(len(data.categories)), [_wrap(c, _label_width(data, style)) for c in data.categories])
    _references(axes, data, style)
    axes.set_ylim(bottom=0)
    axes.margins(y=0.12)
    _value_axis(axes.yaxis, data)
    if count > 1:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(count, 3), frameon=False)
    axes.figure.tight_layout()


def _references(axes: Any, data: ChartData, style: ChartStyle) -> None:
    """Targets and thresholds as grey lines in distinct dash patterns, each labelled at its right end."""
    from matplotlib.transforms import blended_transform_factory

    edge = blended_transform_factory(axes.transAxes, axes.transData)
    for index, reference in enumerate(data.references):
        axes.axhline(reference.value, color=style.text_colour, linewidth=1.2,
                     linestyle=REFERENCE_STYLES[index % len(REFERENCE_STYLES)], zorder=1)
        axes.text(1.0, reference.value, f" {reference.label} {_label(reference.value, data)}", transform=edge,
                  va="center", ha="left", fontsize=style.font_size * 0.85)


def _label(value: float | None, data: ChartData) -> str:
    """A value as labelled on the chart: a rate is labelled by its number; the axis says 'per 100,000'."""
    from reportkit.compute.numbers import format_value

    unit = "number" if data.unit == "rate_per_100k" else data.unit
    return "" if value is None else format_value(value, unit, data.decimals)


def _label_width(data: ChartData, style: ChartStyle) -> int:
    """Characters a category label may take before it wraps, so that neighbouring labels never touch."""
    characters = style.width_mm / (style.font_size * 0.2)  # an average character is about 0.2 em in mm per pt
    return max(6, min(22, int(characters / max(len(data.categories), 1)) - 1))


def _wrap(text: str, width: int = 22) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text



def _png(figure: Any, style: ChartStyle) -> bytes:
    import io

    from .style import save_png

    buffer = io.BytesIO()
    save_png(figure, buffer, style.dpi)
    return buffer.getvalue()
