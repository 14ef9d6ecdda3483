"""The CQC local authority framework, read from reportkit/frameworks/, and the overall rating from scores.

The overall percentage is the total score over four times the number of quality statements. The
published bands are whole percentages with gaps between them (38% Inadequate, 39% Requires
improvement); a percentage inside a gap, such as 14 of 36 = 38.9%, is reported as ambiguous
between the two bands rather than rounded one way without a published rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml

FRAMEWORK_FILE = "cqc-local-authority.yaml"


@dataclass(frozen=True)
class Band:
    rating: str
    low: float
    high: float


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    source: str
    themes: tuple[tuple[str, tuple[str, ...]], ...]  # (theme, its quality statements in order)
    scores: dict[int, str]
    bands: tuple[Band, ...]

    @property
    def statements(self) -> tuple[str, ...]:
        return tuple(s for _, statements in self.themes for s in statements)

    def theme_of(self, statement: str) -> str:
        return next(theme for theme, statements in self.themes if statement in statements)


@lru_cache(maxsize=1)
def framework() -> Framework:
    data = yaml.safe_load(files("reportkit.frameworks").joinpath(FRAMEWORK_FILE).read_text(encoding="utf-8"))
    return Framework(
        name=data["name"], version=str(data["version"]), source=data["source"],
        themes=tuple((t["name"], tuple(t["quality_statements"])) for t in data["themes"]),
        scores={int(k): v for k, v in data["scores"].items()},
        bands=tuple(Band(b["rating"], float(b["from"]), float(b["to"])) for b in data["bands"]),
    )


@dataclass(frozen=True)
class Overall:
    total: int
    maximum: int
    percent: float
    rating: str | None  # None when the percentage falls between two bands
    between: tuple[str, str] | None = None

    def describe(self) -> str:
        """'20 of 36 (55.6%): Requires improvement', or the two bands an ambiguous total lies between."""
        head = f"{self.total} of {self.maximum} ({self.percent:.1f}%)"
        if self.rating:
            return f"{head}: {self.rating}"
        assert self.between
        return (f"{head}: between {self.between[0]} and {self.between[1]}; the published bands do not "
                f"say which")


def overall(scores: list[int], rules: Framework) -> Overall:
    """The overall percentage and rating of ``scores`` (one per quality statement, each 1 to 4)."""
    if not scores:
        raise ValueError("no scores")
    low, high = min(rules.scores), max(rules.scores)
    for score in scores:
        if not low <= score <= high:
            raise ValueError(f"a score must be from {low} to {high}, not {score}")
    total, maximum = sum(scores), high * len(scores)
    percent = total / maximum * 100
    for band in rules.bands:
        if band.low <= percent <= band.high:
            return Overall(total, maximum, percent, band.rating)
    for below, above in zip(rules.bands, rules.bands[1:]):
        if below.high < percent < above.low:
            return Overall(total, maximum, percent, None, (below.rating, above.rating))
    raise ValueError(f"{percent:.1f}% is outside every band")
