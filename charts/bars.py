"""Bar charts: single and grouped vertical bars, and stacked horizontal bars. Axes start at zero."""

from __future__ import annotations

from typing import Any

from .data import ChartData, ChartStyle
from .style import HATCHES, REFERENCE_STYLES, value_formatter

LINE_SPACING = 1.3  # a wrapped category label's line height, in font sizes
BAR_ROOM = 0.6  # the space between labelled bars, in font sizes, beyond the labels' own lines


def paint_bars(figure: Any, data: ChartData, style: ChartStyle) -> None:
    axes = figure.add_subplot()
    count = len(data.series)
    width = 0.8 / count
    positions = range(len(data.categories))
    value_labels = []
    for index, series in enumerate(data.series):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        heights = [v if v is not None else 0 for v in series.values]
        bars = axes.bar(offsets, heights, width=width * 0.92, label=series.label,
                        color=style.palette[index % len(style.palette)],
                        hatch=HATCHES[index % len(HATCHES)] if count > 1 else "", edgecolor="white")
        value_labels += axes.bar_label(bars, labels=[_label(v, data) for v in series.values], padding=2,
                                       fontsize=style.font_size * 0.85)
    _finish(axes, data, style, count)
    _fit_value_labels(figure, axes, value_labels)


def _fit_value_labels(figure: Any, axes: Any, labels: list[Any]) -> None:
    """Value labels wider than their bars are turned upright, and the axis grows to hold them."""
    if not _crowded(labels, figure.canvas.get_renderer()):
        return
    for label in labels:
        label.set_rotation(90)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    top = max(label.get_window_extent(renderer).y1 for label in labels if label.get_text())
    needed = axes.transData.inverted().transform((0, top))[1]
    low, high = axes.get_ylim()
    axes.set_ylim(low, max(high, needed + 0.04 * (needed - low)))
    figure.tight_layout()


def paint_horizontal(figure: Any, data: ChartData, style: ChartStyle) -> None:
    """Horizontal bars, first category at the top: for long category names such as districts.

    The chart grows taller with the number of categories and their wrapped lines, so that labels
    never run into each other however many districts the data brings.
    """
    labels = category_labels(data)
    _fit_height(figure, data, style)
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
    axes.set_yticks(positions, labels)
    axes.set_xlim(left=0)
    axes.margins(x=0.1)
    _value_axis(axes.xaxis, data)
    if count > 1:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(count, 3), frameon=False)
    figure.tight_layout()


def category_labels(data: ChartData) -> list[str]:
    """The category labels as drawn, wrapped onto lines."""
    width = 30 if data.kind == "horizontal-bar" else 22
    return [_wrap(c, width) for c in data.categories]


def height_mm(data: ChartData, style: ChartStyle) -> float:
    """The chart's height: the style's, or more for horizontal bars whose labels need it, so that
    every wrapped label has room under the one above, with the axis and the legend below."""
    if data.kind not in ("horizontal-bar", "stacked-bar"):
        return style.height_mm
    labels = category_labels(data)
    legend = data.kind == "stacked-bar" or len(data.series) > 1
    lines = sum(label.count("\n") + 1 for label in labels)
    points = style.font_size * (LINE_SPACING * lines + BAR_ROOM * len(labels) + (7 if legend else 5))
    return max(style.height_mm, round(points * 25.4 / 72, 1))


def _fit_height(figure: Any, data: ChartData, style: ChartStyle) -> None:
    figure.set_size_inches(style.width_mm / 25.4, height_mm(data, style) / 25.4)


def paint_stacked(figure: Any, data: ChartData, style: ChartStyle) -> None:
    """Horizontal stacked bars: one bar per category, one segment per series."""
    labels = category_labels(data)
    _fit_height(figure, data, style)
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
    axes.set_yticks(positions, labels)
    axes.set_xlim(left=0)
    _value_axis(axes.xaxis, data)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=min(len(data.series), 4),
                frameon=False)
    figure.tight_layout()


def _whole_numbers(data: ChartData) -> bool:
    values = [v for s in data.series for v in s.values if v is not None] + [r.value for r in data.references]
    return data.unit == "count" or (data.decimals == 0 and all(float(v).is_integer() for v in values))


def _value_axis(axis: Any, data: ChartData) -> None:
    """Tick labels in the data's unit, each one distinct; whole-number steps for whole-number data."""
    from matplotlib.ticker import MaxNLocator  # here, not at the top: checking a chart's notes draws nothing

    axis.set_major_formatter(value_formatter(data.unit))
    if _whole_numbers(data):
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
    _fit_category_labels(axes)


def _crowded(texts: list[Any], renderer: Any) -> bool:
    boxes = [text.get_window_extent(renderer) for text in texts if text.get_text()]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def _fit_category_labels(axes: Any) -> None:
    """Category labels that would run into each other are slanted, then turned upright if need be."""
    figure = axes.figure
    renderer = figure.canvas.get_renderer()
    for angle, align, mode in ((45, "right", "anchor"), (90, "center", "default")):
        labels = axes.xaxis.get_ticklabels()
        if not _crowded(labels, renderer):
            return
        for label in labels:
            label.set(rotation=angle, ha=align, rotation_mode=mode)
        figure.tight_layout()


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
