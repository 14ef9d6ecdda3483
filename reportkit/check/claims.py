"""Words that claim what the data must bear out: a rise or fall beside a cited value or in a chart's title,
'improving' or 'worsening' beside a KPI, a RAG colour or an arrow typed beside a KPI's computed rating."""

from __future__ import annotations

import re

from .facts import Fact, Series, typed_period
from .findings import Finding
from .passages import Passage, Source
from .typed_figures import PERIOD_LABEL, words

UP = re.compile(r"\b(?:increased|increases|increase|rose|risen|rising|rise|rises|grew|grown|growing|growth|"
                r"went up|more)\b", re.IGNORECASE)
DOWN = re.compile(r"\b(?:decreased|decreases|decrease|fell|fallen|falling|fall|falls|dropped|drop|declined|"
                  r"declining|decline|went down|fewer|reduction)\b", re.IGNORECASE)
BETTER = re.compile(r"(?<!not )(?<!n't )\b(?:improved|improving|improvement)\b", re.IGNORECASE)
WORSE = re.compile(r"(?<!not )(?<!n't )\b(?:worsened|worsening|deteriorated|deteriorating)\b", re.IGNORECASE)
RAG_WORD = re.compile(r"\b(?:rated|rating(?: of)?|is|was|remains|remained|at)\s+(green|amber|red)\b", re.IGNORECASE)
ARROW = re.compile(r"[↑↓▲▼]")
INTENT = re.compile(r"\b(?:to|aim|aims|plan|plans|will|would|could|should|may)\s+$", re.IGNORECASE)
CLAUSES = re.compile(r"[;,:]|\s(?:while|whereas|but)\s")
CHART_CLAUSES = re.compile(r";|\s(?:while|whereas|but)\s")
YEAR_BEFORE = re.compile(r"\b(?:the year before|the previous year|a year earlier|the year earlier|before that)\b",
                         re.IGNORECASE)
SINCE = re.compile(r"\bsince\s+(?:the\s+)?((?:[A-Z][a-z]+ \d{4})|Q[1-4] \d{4}/\d{2}|\d{4}/\d{2}|\d{4})?")
EACH = re.compile(r"\b(?:each|every) (?:quarter|year|month)\b", re.IGNORECASE)


def check_claims(sources: list[Source], facts: dict[str, Fact], series_by_data: dict[str, dict[str, Series]]
                 ) -> list[Finding]:
    findings: list[Finding] = []
    for source in sources:
        for passage in source.passages:
            if passage.kind == "title" and passage.data in series_by_data:
                findings += _chart_title(passage, series_by_data[passage.data])
            elif passage.kind in ("prose", "field", "heading", "caption"):
                findings += _prose_claims(passage, facts)
    return findings


def _clauses(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in pattern.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _direction_words(text: str) -> list[tuple[int, int]]:
    """(position, +1 or -1) of each word claiming a rise or a fall as a fact (not 'aims to increase')."""
    found = []
    for pattern, sign in ((UP, 1), (DOWN, -1)):
        for match in pattern.finditer(text):
            if match.group(0).lower() in ("more", "fewer") and not _before_noun(text, match.end()):
                continue
            if not INTENT.search(text[:match.start()]):
                found.append((match.start(), sign))
    return sorted(found)


def _before_noun(text: str, end: int) -> bool:
    """'fewer care needs assessments': a comparison of the thing itself, not 'more than'."""
    return not re.match(r"\s+(?:than|of|and|or|to|likely|often|people)\b", text[end:])


def _change(series: Series, index: int) -> float | None:
    if index < 1 or index >= len(series.points):
        return None
    return series.points[index][1] - series.points[index - 1][1]


def _prose_claims(passage: Passage, facts: dict[str, Fact]) -> list[Finding]:
    text = passage.typed()
    cited = [(pos, facts[name]) for pos, name in passage.cited() if name in facts]
    if not cited:
        return []
    found = []
    sentence_series = {f.series.key for _, f in cited if f.role in ("value", "change", "pct_change")}
    clauses = _clauses(text, CLAUSES)
    for number, (start, end) in enumerate(clauses):
        clause = text[start:end]
        here = [f for pos, f in cited if start <= pos < end]
        if not here and number + 1 < len(clauses) and text[clauses[number + 1][0]:].lstrip().startswith("from "):
            here = [f for pos, f in cited if clauses[number + 1][0] <= pos < clauses[number + 1][1]]
        back = 1 if YEAR_BEFORE.search(clause) and not here else 0  # 'the year before' of the sentence's figure
        if back and len(sentence_series) == 1:
            here = [next(f for _, f in cited if f.role in ("value", "change", "pct_change"))]
        for _, sign in _direction_words(clause)[:1]:
            finding = _against_data(passage, sign, here, back)
            if finding:
                found.append(finding)
        kpi_here = here if any(f.series.polarity for f in here) else [f for _, f in cited]
        found += _kpi_words(passage, clause, kpi_here)
    return found


def _against_data(passage: Passage, sign: int, here: list[Fact], back: int) -> Finding | None:
    """A claimed rise (sign 1) or fall (-1) against the one measure cited: between two cited points, or into
    the cited point (``back`` periods earlier for 'the year before')."""
    values = [f for f in here if f.role in ("value", "change", "pct_change") and f.index is not None]
    if not values:
        return None
    keys = {f.series.key for f in values}
    if len(keys) != 1:
        return None
    series = values[0].series
    indices = sorted({f.index for f in values if f.index is not None})
    change: float | None
    if len(indices) >= 2 and all(f.role == "value" for f in values):
        change = series.points[indices[-1]][1] - series.points[indices[0]][1]
        first, last = indices[0], indices[-1]
    else:
        last = indices[-1] - back
        first = last - 1
        change = _change(series, last)
    if change is None or change == 0 or (change > 0) == (sign > 0):
        return None
    word = "a rise" if sign > 0 else "a fall"
    before, after = series.points[first], series.points[last]
    return Finding("claims/direction", passage.path, passage.line, None,
                   f"the words claim {word} in '{series.label}', but it went from {before[1]:,g}"
                   f"{_in(before[0])} to {after[1]:,g}{_in(after[0])}")


def _in(period: object) -> str:
    label = getattr(period, "label", "")
    return f" ({label})" if label else ""


def _kpi_words(passage: Passage, clause: str, here: list[Fact]) -> list[Finding]:
    kpis = [f for f in here if f.series.polarity]
    if len({f.series.key for f in kpis}) != 1:
        return []
    series = kpis[0].series
    found = []
    said = "improving" if BETTER.search(clause) else "worsening" if WORSE.search(clause) else ""
    if said and series.direction in ("improving", "worsening", "no change") and said != series.direction:
        found.append(Finding("claims/rating", passage.path, passage.line, None,
                             f"'{said}' is typed beside {series.key}, whose direction of travel is {series.direction}"))
    rag = RAG_WORD.search(clause)
    if rag and series.rating and rag.group(1).upper() != series.rating:
        found.append(Finding("claims/rating", passage.path, passage.line, None,
                             f"'{rag.group(1)}' is typed beside {series.key}, "
                             f"which is rated {series.rating.capitalize()}"))
    arrow = ARROW.search(clause)
    change = _change(series, len(series.points) - 1)
    if arrow and change:
        up = arrow.group(0) in "↑▲"
        if up != (change > 0):
            found.append(Finding("claims/rating", passage.path, passage.line, None,
                                 f"the arrow '{arrow.group(0)}' beside {series.key} points the wrong way: it went "
                                 f"{'up' if change > 0 else 'down'} by {abs(change):,g}"))
    return found


def _chart_title(passage: Passage, measures: dict[str, Series]) -> list[Finding]:
    """Each clause of a chart's title that claims a rise or fall, against the measures it names."""
    drawn = {m: s for m, s in measures.items() if not passage.measures or m in passage.measures}
    if not drawn:
        return []
    labels = dict(passage.labels)
    found = []
    for start, end in _clauses(passage.text, CHART_CLAUSES):
        clause = passage.text[start:end]
        signs = _direction_words(clause)
        if not signs:
            continue
        clause_words = words(clause)
        named = [m for m, s in drawn.items() if words(labels.get(m, s.label)) <= clause_words]
        if not named and len(drawn) == 1:
            named = list(drawn)
        period = next((typed_period(m.group(0)) for m in PERIOD_LABEL.finditer(clause)), None)
        since = SINCE.search(clause)
        for measure in named:
            if since:
                finding = _since_claim(passage, drawn[measure], signs[0][1], since.group(1))
            else:
                finding = _series_claim(passage, drawn[measure], signs[0][1], period, bool(EACH.search(clause)))
            if finding:
                found.append(finding)
    return found


def _series_claim(passage: Passage, series: Series, sign: int, period: object, each: bool) -> Finding | None:
    points = series.points
    if each:
        steps = range(1, len(points))
    else:
        index = next((i for i, (p, _) in enumerate(points) if period is not None and p is not None
                      and p.label == getattr(period, "label", None)), len(points) - 1)
        steps = range(index, index + 1)
    for index in steps:
        change = _change(series, index)
        if change is not None and change != 0 and (change > 0) != (sign > 0):
            word = "a rise" if sign > 0 else "a fall"
            return Finding("claims/direction", passage.path, passage.line, None,
                           f"the title claims {word} in '{series.label}', but it went from {points[index - 1][1]:,g}"
                           f"{_in(points[index - 1][0])} to {points[index][1]:,g}{_in(points[index][0])}")
    return None


def _since_claim(passage: Passage, series: Series, sign: int, label: str | None) -> Finding | None:
    """'fallen since the April 2024 peak': from that period (or the first shown) to the latest."""
    points = series.points
    start = next((i for i, (p, _) in enumerate(points) if label and p is not None and
                  (p.label == label or p.label.endswith(label))), 0)
    change = points[-1][1] - points[start][1]
    if change == 0 or (change > 0) == (sign > 0):
        return None
    word = "a rise" if sign > 0 else "a fall"
    return Finding("claims/direction", passage.path, passage.line, None,
                   f"the title claims {word} in '{series.label}', but it went from {points[start][1]:,g}"
                   f"{_in(points[start][0])} to {points[-1][1]:,g}{_in(points[-1][0])}")
