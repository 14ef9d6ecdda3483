"""Comparisons with other areas ('compares well with England', 'below the South East') and trend words
('worsening') beside a survey measure, against the survey's own results and each measure's polarity."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..compute.datasets import Dataset, Records
from ..compute.kpi import direction
from ..compute.numbers import parse_number
from ..compute.periods import Period, parse_period
from .findings import Finding
from .passages import Source
from .typed_figures import words

SURVEY_COLUMNS = {"measure", "label", "polarity", "area", "year", "value"}
AREA = r"((?:the )?(?:England|South East|national)(?: figure| average| rate| result)?)"
BETTER = re.compile(rf"\b(?:compares? well with|better than|ahead of|outperform\w*)\s+{AREA}", re.IGNORECASE)
WORSE = re.compile(rf"\b(?:compares? poorly with|compares? badly with|worse than|behind|trails?)\s+{AREA}",
                   re.IGNORECASE)
ABOVE = re.compile(rf"\b(?:above|higher than|more than)\s+{AREA}", re.IGNORECASE)
BELOW = re.compile(rf"\b(?:below|lower than|less than|fewer than)\s+{AREA}", re.IGNORECASE)
TREND = re.compile(r"(?<!not )(?<!n't )(?<!never )\b(improving|worsening|improved|worsened|deteriorating)\b",
                   re.IGNORECASE)


@dataclass(frozen=True)
class SurveyMeasure:
    label: str
    polarity: str
    values: dict[str, list[tuple[Period, float]]]  # area -> (year, value), oldest first


def _surveys(datasets: dict[str, Dataset]) -> tuple[list[SurveyMeasure], str]:
    measures: dict[str, SurveyMeasure] = {}
    years_by_area: dict[str, set[Period]] = {}
    for dataset in datasets.values():
        if not isinstance(dataset, Records) or not set(dataset.columns) >= SURVEY_COLUMNS:
            continue
        for row in dataset.rows:
            try:
                year, value = parse_period(row["year"]), parse_number(row["value"])
            except ValueError:
                continue
            key = f"{dataset.name}.{row['measure']}"
            measure = measures.setdefault(key, SurveyMeasure(row["label"], row["polarity"], {}))
            measure.values.setdefault(row["area"], []).append((year, value))
            years_by_area.setdefault(row["area"], set()).add(year)
    for measure in measures.values():
        for series in measure.values.values():
            series.sort()
    own = max(years_by_area, key=lambda a: len(years_by_area[a])) if years_by_area else ""
    return list(measures.values()), own


def _area(written: str) -> str:
    """The survey's area for a comparator as written: 'the national average' is England's."""
    return "South East" if "south east" in written.lower() else "England"


def check_comparisons(sources: list[Source], datasets: dict[str, Dataset]) -> list[Finding]:
    measures, own = _surveys(datasets)
    if not measures:
        return []
    findings: list[Finding] = []
    for source in sources:
        for passage in source.passages:
            text = passage.typed()
            sentence = words(text)
            for measure in measures:
                label = words(measure.label)
                if len(label) < 2 or len(label & sentence) < max(2, round(len(label) * 0.75)):
                    continue
                ours = measure.values.get(own)
                if not ours:
                    continue
                finding = _comparison(text, measure, ours) or _trend(text, measure, ours)
                if finding:
                    findings.append(Finding("claims/comparison", passage.path, passage.line, None, finding))
                    break
    return findings


def _comparison(text: str, measure: SurveyMeasure, ours: list[tuple[Period, float]]) -> str:
    for pattern, claim in ((BETTER, "better"), (WORSE, "worse"), (ABOVE, "above"), (BELOW, "below")):
        match = pattern.search(text)
        if not match:
            continue
        area = _area(match.group(1))
        theirs = measure.values.get(area)
        if not theirs:
            continue
        year, mine = ours[-1]
        other = dict(theirs).get(year)
        if other is None:
            continue
        if claim in ("above", "below"):
            wrong = (claim == "above") != (mine > other) or mine == other
        else:
            moved = direction(other, mine, measure.polarity)  # type: ignore[arg-type]
            wrong = moved != ("improving" if claim == "better" else "worsening")
        if wrong:
            return (f"'{match.group(0)}': '{measure.label}' is {mine:g} against {other:g} for {area} "
                    f"in {year.label} ({measure.polarity} is better)")
    return ""


def _trend(text: str, measure: SurveyMeasure, ours: list[tuple[Period, float]]) -> str:
    match = TREND.search(text)
    if not match or len(ours) < 2:
        return ""
    said = "improving" if match.group(1).lower().startswith("improv") else "worsening"
    (before_year, before), (year, now) = ours[-2], ours[-1]
    moved = direction(before, now, measure.polarity)  # type: ignore[arg-type]
    if moved in ("improving", "worsening") and moved != said:
        return (f"'{match.group(0)}': '{measure.label}' went from {before:g} in {before_year.label} to {now:g} in "
                f"{year.label}, which is {moved} ({measure.polarity} is better)")
    return ""
