"""KPI dashboards: RAG ratings, direction of travel and the sentences that summarise them.

Pure functions only: no files, no formats. The rating rule, target and threshold come from data
(a council's own convention), so nothing here is specific to one council.

* ``floor`` rule (Kent): GREEN = target met; AMBER = floor threshold met but not the target;
  RED = floor not met. For lower-is-better measures the "floor" is an upper threshold.
* ``tolerance`` rule: GREEN = target met; AMBER = within ``tolerance_pct`` % of the target;
  RED otherwise.

Direction of travel is said in words ("improving", "worsening") because an arrow alone is
ambiguous for lower-is-better measures; ``arrow`` gives the raw movement separately.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .numbers import UNITS
from .periods import Period

Polarity = Literal["higher", "lower"]
Rule = Literal["floor", "tolerance"]
Rating = Literal["GREEN", "AMBER", "RED"]
Direction = Literal["improving", "worsening", "no change", "not available"]
Arrow = Literal["up", "down", "level", ""]
Frequency = Literal["quarterly", "monthly"]

ARROWS = {"up": "↑", "down": "↓", "level": "→", "": ""}  # the movement as printed beside its word
POLARITIES: tuple[str, ...] = ("higher", "lower")
RULES: tuple[str, ...] = ("floor", "tolerance")
RATINGS: tuple[str, ...] = ("GREEN", "AMBER", "RED")
FREQUENCIES: tuple[str, ...] = ("quarterly", "monthly")

_PERIOD_KIND = {"quarterly": "quarter", "monthly": "month"}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty")


def _check_polarity(polarity: str) -> None:
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be 'higher' or 'lower', not {polarity!r}")


def _missing(value: float | None) -> bool:
    return value is None or math.isnan(value)


def _same(a: float, b: float) -> bool:
    """Equal, allowing for binary floating-point noise (0.1 + 0.2 == 0.3)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _at_least(value: float, bound: float) -> bool:
    return value > bound or _same(value, bound)


def _at_most(value: float, bound: float) -> bool:
    return value < bound or _same(value, bound)


def _meets(value: float, bound: float, polarity: str) -> bool:
    """True when ``value`` is on the good side of ``bound`` (or exactly on it)."""
    return _at_least(value, bound) if polarity == "higher" else _at_most(value, bound)


def rag(value: float, target: float, threshold: float | None, polarity: Polarity,
        rule: Rule = "floor", tolerance_pct: float = 10) -> Rating:
    """GREEN, AMBER or RED for ``value`` against ``target`` under ``rule``.

    Exactly at the target is GREEN; exactly at the floor (or the edge of the tolerance) is AMBER.
    ``threshold`` is the floor for higher-is-better measures and the upper threshold for
    lower-is-better ones; the tolerance rule ignores it.
    """
    _check_polarity(polarity)
    if _missing(value) or _missing(target):
        raise ValueError("rag() needs a value and a target")
    if _meets(value, target, polarity):
        return "GREEN"
    if rule == "floor":
        if threshold is None or _missing(threshold):
            raise ValueError("the floor rule needs a threshold")
        return "AMBER" if _meets(value, threshold, polarity) else "RED"
    if rule == "tolerance":
        if tolerance_pct < 0:
            raise ValueError(f"tolerance_pct must not be negative, not {tolerance_pct}")
        margin = abs(target) * tolerance_pct / 100
        edge = target - margin if polarity == "higher" else target + margin
        return "AMBER" if _meets(value, edge, polarity) else "RED"
    raise ValueError(f"rule must be 'floor' or 'tolerance', not {rule!r}")


def check_thresholds(target: float, threshold: float, polarity: Polarity,
                     max_ratio: float | None = 2.0) -> str | None:
    """A message when the threshold cannot be right for this target and polarity, else None.

    A floor above its target (higher is better) or an upper threshold below it (lower is better)
    contradicts the polarity. With ``max_ratio`` (default 2) a threshold that is further from the
    target than that factor is reported as an implausible slip: a floor below half the target, or an
    upper threshold above double it (a 24% floor beside an 85% target). ``max_ratio=None`` turns
    that second check off.
    """
    _check_polarity(polarity)
    if polarity == "higher":
        if threshold > target and not _same(threshold, target):
            return (f"the floor threshold {threshold:g} is above the target {target:g}, but higher "
                    f"is better: the floor must be at or below the target")
        if max_ratio and target > 0 and threshold < target / max_ratio:
            return (f"the floor threshold {threshold:g} is less than 1/{max_ratio:g} of the target "
                    f"{target:g}: is it a typing slip or another KPI's floor?")
    else:
        if threshold < target and not _same(threshold, target):
            return (f"the upper threshold {threshold:g} is below the target {target:g}, but lower "
                    f"is better: the upper threshold must be at or above the target")
        if max_ratio and target > 0 and threshold > target * max_ratio:
            return (f"the upper threshold {threshold:g} is more than {max_ratio:g} times the target "
                    f"{target:g}: is it a typing slip or another KPI's threshold?")
    return None


def _rounded(value: float, decimals: int | None) -> float:
    return value if decimals is None else round(value, decimals)


def arrow(previous: float | None, current: float | None, decimals: int | None = None) -> Arrow:
    """The raw movement from ``previous`` to ``current`` ("" when either is missing).

    With ``decimals`` the values are compared as printed, so 2.96% and 3.04% shown as "3%" are level.
    """
    if _missing(previous) or _missing(current):
        return ""
    before, after = _rounded(previous, decimals), _rounded(current, decimals)  # type: ignore[arg-type]
    if _same(before, after):
        return "level"
    return "up" if after > before else "down"


def direction(previous: float | None, current: float | None, polarity: Polarity,
              decimals: int | None = None) -> Direction:
    """Improving, worsening, no change or not available, reading the movement through ``polarity``."""
    _check_polarity(polarity)
    movement = arrow(previous, current, decimals)
    if movement == "":
        return "not available"
    if movement == "level":
        return "no change"
    better = "up" if polarity == "higher" else "down"
    return "improving" if movement == better else "worsening"


def number_words(count: int) -> str:
    """'one' to 'twenty' in words; larger numbers as digits with thousands separators."""
    if count < 0:
        raise ValueError(f"a count cannot be negative ({count})")
    return _WORDS[count] if count <= 20 else f"{count:,}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def rating_summary(ratings: Sequence[str], noun: str = "key performance indicators") -> str:
    """One sentence counting ratings, Green then Amber then Red, leaving out empty categories.

    "Of the seven key performance indicators, four were rated Green, two Amber and one Red."
    """
    counts = Counter(str(r).strip().upper() for r in ratings)
    unknown = sorted(set(counts) - set(RATINGS))
    if unknown:
        raise ValueError(f"unknown rating {unknown[0]!r}: ratings are GREEN, AMBER or RED")
    total = sum(counts.values())
    present = [(r.capitalize(), counts[r]) for r in RATINGS if counts[r]]
    if total == 0:
        return f"No {noun} were rated."
    if total == 1:
        return f"The one {_singular(noun)} was rated {present[0][0]}."
    if len(present) == 1:
        lead = "Both" if total == 2 else f"All {number_words(total)}"
        return f"{lead} {noun} were rated {present[0][0]}."
    (first_colour, first_count), rest = present[0], present[1:]
    verb = "was" if first_count == 1 else "were"
    parts = [f"{number_words(first_count)} {verb} rated {first_colour}"]
    parts += [f"{number_words(count)} {colour}" for colour, count in rest]
    return f"Of the {number_words(total)} {noun}, {_join(parts)}."


@dataclass(frozen=True)
class KpiDefinition:
    """What a KPI measures and how it is rated; ``target`` None means monitored without a RAG."""

    id: str
    title: str
    unit: str
    decimals: int
    polarity: Polarity
    target: float | None = None
    threshold: float | None = None
    rule: Rule = "floor"
    frequency: Frequency = "quarterly"
    source: str = ""
    notes: str = ""
    series_labels: tuple[str, ...] = ()
    tolerance_pct: float = 10

    def __post_init__(self) -> None:
        _check_polarity(self.polarity)
        if self.unit not in UNITS:
            raise ValueError(f"{self.id}: unknown unit {self.unit!r} (one of {', '.join(UNITS)})")
        if self.rule not in RULES:
            raise ValueError(f"{self.id}: rule must be 'floor' or 'tolerance', not {self.rule!r}")
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"{self.id}: frequency must be 'quarterly' or 'monthly', not {self.frequency!r}")
        if self.decimals < 0:
            raise ValueError(f"{self.id}: decimals cannot be negative")
        if self.target is not None and self.rule == "floor" and self.threshold is None:
            raise ValueError(f"{self.id}: a target rated by the floor rule needs a threshold")
        if len(set(self.series_labels)) != len(self.series_labels):
            raise ValueError(f"{self.id}: series names must differ")

    @property
    def rated(self) -> bool:
        """True when the KPI has a target and so a RAG rating."""
        return self.target is not None

    def rate(self, value: float) -> Rating:
        if self.target is None:
            raise ValueError(f"{self.id} has no target, so no RAG rating")
        return rag(value, self.target, self.threshold, self.polarity, self.rule, self.tolerance_pct)


@dataclass(frozen=True)
class KpiStatus:
    """A KPI in one period: its value, the comparisons, the rating and the direction of travel."""

    kpi_id: str
    period: str
    value: float | None
    previous: float | None
    year_ago: float | None
    rating: Rating | None
    vs_previous: Direction
    vs_year_ago: Direction
    previous_period: str = ""
    year_ago_period: str = ""
    arrow: Arrow = ""


def _quarter_label(year: int, month: int) -> str:
    start = year if month >= 4 else year - 1
    return f"Q{(month - 4) % 12 // 3 + 1} {start}/{(start + 1) % 100:02d}"


def shift(period: Period, steps: int) -> Period:
    """The quarter or month ``steps`` periods after ``period`` (negative: before), newly labelled."""
    if period.kind == "quarter":
        months = 3 * steps
    elif period.kind == "month":
        months = steps
    else:
        raise ValueError(f"'{period.label}' is a {period.kind}; only quarters and months can be shifted")
    index = period.start_year * 12 + period.start_month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    label = _quarter_label(year, month) if period.kind == "quarter" else f"{_MONTH_NAMES[month - 1]} {year}"
    return Period(year, month, period.kind, label)


def _key(period: Period) -> tuple[int, int, str]:
    return period.start_year, period.start_month, period.kind


def _index(values: dict[Period, float | None]) -> dict[tuple[int, int, str], tuple[Period, float | None]]:
    """Values keyed by when the period starts, so 'Sep 2025' and 'September 2025' are the same month."""
    index: dict[tuple[int, int, str], tuple[Period, float | None]] = {}
    for period, value in values.items():
        key = _key(period)
        if key in index:
            raise ValueError(f"'{index[key][0].label}' and '{period.label}' are the same period")
        index[key] = (period, value)
    return index


def assess(definition: KpiDefinition, values: dict[Period, float | None], period: Period) -> KpiStatus:
    """The status of ``definition`` in ``period``, compared with the period before and a year earlier."""
    kind = _PERIOD_KIND[definition.frequency]
    if period.kind != kind:
        raise ValueError(f"{definition.id} is {definition.frequency} but '{period.label}' is a {period.kind}")
    index = _index(values)

    def look_up(wanted: Period) -> tuple[str, float | None]:
        found = index.get(_key(wanted))
        return (found[0].label, found[1]) if found else (wanted.label, None)

    label, value = look_up(period)
    previous_label, previous = look_up(shift(period, -1))
    year_label, year_ago = look_up(shift(period, -(4 if kind == "quarter" else 12)))
    rating = definition.rate(value) if definition.rated and not _missing(value) else None  # type: ignore[arg-type]
    places = definition.decimals
    return KpiStatus(
        kpi_id=definition.id, period=label, value=value, previous=previous, year_ago=year_ago,
        rating=rating,
        vs_previous=direction(previous, value, definition.polarity, places),
        vs_year_ago=direction(year_ago, value, definition.polarity, places),
        previous_period=previous_label, year_ago_period=year_label,
        arrow=arrow(previous, value, places),
    )
