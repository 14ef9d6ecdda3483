"""Chart definitions: each a pure function from (data, style) to a drawn chart (PNG bytes).

The toolkit draws a chart only through :func:`draw`; alt text comes from :func:`describe`,
so the words a screen reader hears are computed from the same numbers as the picture.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .data import KINDS, ChartData, ChartStyle, Reference, Series

__all__ = ["KINDS", "ChartData", "ChartStyle", "Reference", "Series", "describe", "draw", "drawn", "notes", "size_mm"]




@contextmanager
def drawn(data: ChartData, style: ChartStyle) -> Iterator[Any]:
    """The laid-out matplotlib figure of ``data``, for saving or for measuring its text."""
    from . import bars, lines
    from .style import styled

    painters = {"bar": bars.paint_bars, "grouped-bar": bars.paint_bars, "horizontal-bar": bars.paint_horizontal,
                "stacked-bar": bars.paint_stacked, "line": lines.paint_lines}
    with styled(style) as figure:
        painters[data.kind](figure, data, style)
        yield figure


def draw(data: ChartData, style: ChartStyle) -> bytes:
    """The chart of ``data`` in ``style``, as PNG bytes that depend on nothing else."""
    import io

    from .style import save_png

    with drawn(data, style) as figure:
        buffer = io.BytesIO()
        save_png(figure, buffer, style.dpi)
        return buffer.getvalue()


def size_mm(data: ChartData, style: ChartStyle) -> tuple[float, float]:
    """(width, height) of the drawn chart, known without drawing it."""
    from .bars import height_mm

    return style.width_mm, height_mm(data, style)


def describe(data: ChartData) -> str:
    from .describe import alt_text

    return alt_text(data)


def notes(data: ChartData) -> tuple[str, ...]:
    """Notes the toolkit prints under a chart, such as a cropped axis."""
    from .lines import axis_starts_at_zero

    if data.kind == "line" and not axis_starts_at_zero(data):
        return ("The value axis does not start at zero.",)
    return ()
