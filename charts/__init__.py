"""Chart definitions: each a pure function from (data, style) to a drawn chart (PNG bytes).

The toolkit draws a chart only through :func:`draw`; alt text comes from :func:`describe`,
so the words a screen reader hears are computed from the same numbers as the picture.
"""

from __future__ import annotations

from .data import KINDS, ChartData, ChartStyle, Reference, Series

__all__ = ["KINDS", "ChartData", "ChartStyle", "Reference", "Series", "describe", "draw", "notes"]




def draw(data: ChartData, style: ChartStyle) -> bytes:
    """The chart of ``data`` in ``style``, as PNG bytes that depend on nothing else."""
    from . import bars, lines

    painters = {"bar": bars.draw_bars, "grouped-bar": bars.draw_bars, "horizontal-bar": bars.draw_horizontal,
                "stacked-bar": bars.draw_stacked, "line": lines.draw_lines}
    return painters[data.kind](data, style)


def describe(data: ChartData) -> str:
    from .describe import alt_text

    return alt_text(data)


def notes(data: ChartData) -> tuple[str, ...]:
    """Notes the toolkit prints under a chart, such as a cropped axis."""
    from .lines import axis_starts_at_zero

    if data.kind == "line" and not axis_starts_at_zero(data):
        return ("The value axis does not start at zero.",)
    return ()
