"""Typed figures against the pack's data: a number typed beside a measure's name that is not that measure's
value in any period, a known value with two digits swapped, and a typed figure of one period beside
another period's label."""

from __future__ import annotations

import re
from functools import lru_cache

from ..compute.periods import Period
from .facts import Fact, Series, typed_period
from .findings import Finding
from .passages import Passage, Source
from .typed import Typed, compatible, typed_numbers

STOPWORDS = frozenset({
    "the", "and", "for", "with", "from", "that", "this", "their", "than", "over", "under", "into", "each", "year",
    "years", "month", "months", "quarter", "number", "people", "person", "total", "about", "which", "were", "have",
    "been", "also", "more", "less", "other", "all", "per"})  # words of four letters or more that name nothing
PERIOD_LABEL = re.compile(r"\bQ[1-4] \d{4}/\d{2}\b|(?<![\d/])\d{4}/\d{2}(?![\d/])")
WORD = re.compile(r"[a-z][a-z]+")
CHANGE_BEFORE = re.compile(r"\b(?:by|up|down|change of|increase of|rise of|fall of|drop of|reduction of)\s+$",
                           re.IGNORECASE)
CHANGE_AFTER = re.compile(r"\s+(?:more|fewer|higher|lower|up|down|extra|less)\b", re.IGNORECASE)
TARGET_BEFORE = re.compile(r"\btarget (?:of|is|was)\s+"
                           r"(?:no more than\s+|no less than\s+|at least\s+|under\s+|over\s+)?$",
                          re.IGNORECASE)
ROUNDING_RANGE = 2.0  # a rounded money figure is compared with the pack's sums within this factor of it


@lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """The words that name a thing, singular: 'Complaints received' -> {'complaint', 'received'}."""
    bare = re.sub(r"['’]s\b", "", text.lower())
    return frozenset(w.rstrip("s") for w in WORD.findall(bare) if len(w) > 3 and w not in STOPWORDS)


def check_typed_figures(sources: list[Source], facts: dict[str, Fact]) -> list[Finding]:
    series = _distinct_series(facts)
    findings: list[Finding] = []
    for source in sources:
        # a slip (swapped digits, a wrong rounding) is looked for among the data the file itself cites
        used = {name.split(".")[0] for passage in source.passages for _, name in passage.cited()}
        known = [(s, v) for s in series if s.key.split(".")[0] in used for _, v in s.points]
        for passage in source.passages:
            for typed in typed_numbers(passage.typed()):
                if passage.span and typed.start >= passage.span:
                    continue
                finding = _typed_finding(passage, typed, series, known, facts)
                if finding:
                    findings.append(finding)
    return findings


def _distinct_series(facts: dict[str, Fact]) -> list[Series]:
    seen: dict[str, Series] = {}
    for fact in facts.values():
        seen.setdefault(fact.series.key, fact.series)
    return list(seen.values())


def _named(passage: Passage, typed: Typed, series: list[Series]) -> list[Series]:
    """The measures of the typed figure's unit that the sentence names by most of their label's words."""
    text = passage.typed()
    if not typed.figure_like or CHANGE_BEFORE.search(text[:typed.start]) or CHANGE_AFTER.match(text, typed.end):
        return []  # a difference ('up by 150', '150 more'), not a value of the measure
    sentence = words(text)
    found = []
    for candidate in series:
        if not compatible(typed.unit, candidate.unit) or typed.text in candidate.label:
            continue
        label = words(candidate.label)
        if len(label) >= 2 and len(label & sentence) >= max(2, round(len(label) * 0.75)):
            found.append(candidate)
    return found


def _typed_finding(passage: Passage, typed: Typed, series: list[Series], known: list[tuple[Series, float]],
                   facts: dict[str, Fact]) -> Finding | None:
    """``known`` holds the values of the data the file cites, where a slip is looked for."""
    wrong_target = _typed_target(passage, typed, series, facts)
    if wrong_target is not None:
        return wrong_target
    named = _named(passage, typed, series)
    holding = [s for s in named if any(typed.agrees(v) for _, v in s.points)]
    if holding:
        return _other_period(passage, typed, holding)
    same_kind = [(s, v) for s, v in known if compatible(typed.unit, s.unit)]
    if named and named[0].target is None:
        candidate = named[0]
        latest_period, latest = candidate.points[-1]
        when = f" in {latest_period.label}" if latest_period else ""
        elsewhere = next((f"; {typed.text} is '{s.label}'" + (f" in {p.label}" if p else "")
                          for s in series if compatible(typed.unit, s.unit)
                          for p, v in s.points if typed.agrees(v)), "")
        return Finding("figures/typed", passage.path, passage.line, None,
                       f"'{typed.text}' is typed beside '{candidate.label}', which is {latest:,g}{when}{elsewhere} "
                       f"(cite it as {{{{ {_name(candidate, facts)} }}}})")
    if any(typed.agrees(v) for _, v in same_kind):
        return None
    if typed.unit == "gbp" and typed.step >= 1000:
        near = [(abs(v - typed.value), s, v) for s, v in same_kind
                if v / ROUNDING_RANGE <= typed.value <= v * ROUNDING_RANGE]
        if near:
            _, candidate, value = min(near, key=lambda entry: entry[0])
            return Finding("figures/typed", passage.path, passage.line, None,
                           f"'{typed.text}' is not a rounding of any sum the paper's data holds; "
                           f"the nearest is £{value:,.0f} "
                           f"('{candidate.label}')")
    for candidate, value in same_kind:
        if _swapped(typed.value, value):
            return Finding("figures/typed", passage.path, passage.line, None,
                           f"'{typed.text}' is {value:,g} ('{candidate.label}') with two digits swapped")
    return None


def _typed_target(passage: Passage, typed: Typed, series: list[Series], facts: dict[str, Fact]) -> Finding | None:
    """'a target of 85%' typed in a sentence about one KPI (cited, or named by its id) whose target is 80%."""
    if not TARGET_BEFORE.search(passage.typed()[:typed.start]):
        return None
    kpis = {facts[name].series.key: facts[name].series for _, name in passage.cited()
            if name in facts and facts[name].series.target is not None}
    for candidate in series:
        if candidate.target is not None and re.search(rf"\b{re.escape(candidate.key.split('.')[-1])}\b", passage.text):
            kpis.setdefault(candidate.key, candidate)
    if len(kpis) != 1:
        return None
    kpi = next(iter(kpis.values()))
    if kpi.target is None or typed.agrees(kpi.target) or not compatible(typed.unit, kpi.unit):
        return None
    return Finding("figures/typed", passage.path, passage.line, None,
                   f"'{typed.text}' is typed as the target of {kpi.key}, whose target is {kpi.target:,g}")


def _name(series: Series, facts: dict[str, Fact]) -> str:
    for name, fact in facts.items():
        if fact.series is series and fact.role == "value" and fact.index == len(series.points) - 1:
            return name
    return series.key


def _other_period(passage: Passage, typed: Typed, named: list[Series]) -> Finding | None:
    """A typed figure that is one period's value of a measure the sentence names, beside another period's label
    (the nearest label after the figure, else before it)."""
    text = passage.typed()
    labels = [(m.start() - typed.end if m.start() >= typed.end else 10 * (typed.start - m.end()),
               typed_period(m.group(0)))
              for m in PERIOD_LABEL.finditer(text)]
    nearest = [p for _, p in sorted(labels, key=lambda entry: entry[0]) if p is not None][:1]
    if not nearest:
        return None
    for candidate in named:
        by_period = {_key(p): (p, v) for p, v in candidate.points if p is not None}
        matching = [p for p, v in by_period.values() if typed.agrees(v)]
        stated = by_period.get(_key(nearest[0]))
        if not matching or stated is None or typed.agrees(stated[1]):
            continue
        period, value = stated
        return Finding("figures/typed", passage.path, passage.line, None,
                       f"'{typed.text}' is '{candidate.label}' in {matching[-1].label}, not in {period.label} "
                       f"({value:,g})")
    return None


def _key(period: Period) -> tuple[int, int, str]:
    return period.start_year, period.start_month, period.kind


def _swapped(typed: float, value: float) -> bool:
    """True when the two numbers differ only by two neighbouring digits changing places (1,074 and 1,047)."""
    a, b = f"{typed:.10g}", f"{value:.10g}"
    if a == b or len(a) != len(b) or len(a.replace(".", "")) < 3 or "e" in a + b:
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
