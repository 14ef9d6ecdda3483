"""What the resolve transforms read: the pack's data and values, its theme, and where charts are cached."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charts import ChartStyle

from ..compute.datasets import Dataset
from ..compute.values import NamedValue
from ..theme import Theme


@dataclass(frozen=True)
class ResolveContext:
    datasets: dict[str, Dataset]
    values: dict[str, NamedValue]
    theme: Theme
    chart_style: ChartStyle
    cache_dir: Path
    draw_charts: bool = True  # False: a check places charts without drawing them

    @property
    def illustrative_note(self) -> str:
        return self.theme.spec.wording.illustrative_note

    @property
    def districts(self) -> tuple[str, ...]:
        return tuple(self.theme.spec.districts)
