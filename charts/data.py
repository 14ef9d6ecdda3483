"""What a chart is drawn from: its data (categories, series, reference lines) and the house style."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Reference:
    """A horizontal line across the chart, such as a target or a floor threshold."""

    label: str
    value: float


@dataclass(frozen=True)
class ChartData:
    kind: str  # one of KINDS
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "number"
    decimals: int = 0
    value_label: str = ""
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class ChartStyle:
    font_files: tuple[str, ...]
    font_family: str
    palette: tuple[str, ...]
    text_colour: str
    grid_colour: str
    width_mm: float = 160
    height_mm: float = 85
    font_size: float = 10
    dpi: int = 200


KINDS = ("bar", "grouped-bar", "horizontal-bar", "line", "stacked-bar")
