"""The datasets a pack's data files hold, as read: measure tables, records, single figures and KPI sets.

They live apart from the readers that make them so that computations can use them without
importing any reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .kpi import KpiDefinition
from .numbers import Quantity
from .periods import Period

ChartKind = Literal["line", "bar", "grouped-bar", "stacked-bar"]


@dataclass(frozen=True)
class DataMeta:
    source: str = ""
    illustrative: tuple[str, ...] = ()
    note: str = ""

    def is_illustrative(self, name: str) -> bool:
        return "all" in self.illustrative or name in self.illustrative


@dataclass(frozen=True)
class Kpi:
    definition: KpiDefinition
    chart: ChartKind
    values: dict[str, dict[Period, float | None]]  # by series label ("" for a single series)
    line: int


@dataclass(frozen=True)
class KpiSet:
    name: str
    path: Path
    values_path: Path
    period: Period
    kpis: dict[str, Kpi]
    meta: DataMeta

    def is_illustrative(self, kpi_id: str, period_label: str) -> bool:
        return self.meta.is_illustrative(kpi_id) or self.meta.is_illustrative(period_label)


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    unit: str
    values: dict[Period, Quantity | None]
    line: int


@dataclass(frozen=True)
class MeasureTable:
    name: str
    path: Path
    periods: tuple[Period, ...]
    measures: dict[str, Measure]
    meta: DataMeta

    def illustrative_periods(self) -> tuple[Period, ...]:
        return tuple(p for p in self.periods if self.meta.is_illustrative(p.label))


@dataclass(frozen=True)
class Records:
    name: str
    path: Path
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    row_lines: tuple[int, ...]
    meta: DataMeta


@dataclass(frozen=True)
class NamedFigure:
    quantity: Quantity
    label: str
    line: int
    illustrative: bool = False


@dataclass(frozen=True)
class Figures:
    name: str
    path: Path
    values: dict[str, NamedFigure] = field(default_factory=dict)


Dataset = MeasureTable | Records | Figures | KpiSet
