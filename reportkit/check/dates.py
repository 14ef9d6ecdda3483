"""Periods and dates: a period typed beside a citation of another period's value, a caption or chart title
naming a period its data does not have, a weekday that is not its date's, a meeting on a day that is not a
working day, and past tense for a date after the meeting."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..compute.periods import Period
from .facts import Fact, period_of, typed_period
from .findings import Finding
from .passages import Passage, Source
from .typed_figures import PERIOD_LABEL

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAY_DATE = re.compile(rf"\b({'|'.join(DAYS)}),?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+({'|'.join(MONTHS)})\s+(\d{{4}})\b")
PAST_ON_DATE = re.compile(
    r"\b(?:was|were)\s+(?:held|agreed|approved|signed|published|completed|received|made|taken|launched|"
    r"submitted|decided|endorsed|awarded|opened|closed)\s+on\s+(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b"
    r"|\b(?:took place|met|happened)\s+on\s+(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b")
NEAR = 60  # characters: how far a period label may stand from the citation it describes
CLAUSE = re.compile(r"[;,:]|\s(?:against|compared with|while|whereas|but)\s")


def check_dates(sources: list[Source], facts: dict[str, Fact], data_periods: dict[str, tuple[Period, ...]],
                meeting: date, reporting: dict[str, Period]) -> list[Finding]:
    """``reporting`` is each KPI set's reporting period, which a dashboard's or report's title must name."""
    findings: list[Finding] = []
    for source in sources:
        findings += _title_period(source, reporting)
        for passage in source.passages:
            if passage.kind in ("caption", "title") and passage.data in data_periods:
                findings += _block_periods(passage, data_periods[passage.data])
            else:
                findings += _cited_periods(passage, facts)
            findings += _weekdays(passage)
            findings += _past_tense(passage, meeting)
    return findings


def _same(a: Period, b: Period) -> bool:
    return (a.start_year, a.start_month, a.kind) == (b.start_year, b.start_month, b.kind)


def _within(inner: Period, outer: Period) -> bool:
    return outer.start_year * 12 + outer.start_month <= inner.start_year * 12 + inner.start_month \
        and inner.end <= outer.end


def _cited_periods(passage: Passage, facts: dict[str, Fact]) -> list[Finding]:
    text = passage.typed()
    labels = [(m.start(), m.end(), typed_period(m.group(0)), m.group(0)) for m in PERIOD_LABEL.finditer(text)]
    labels = [entry for entry in labels if entry[2] is not None]
    found = []
    clause_starts = [0] + [m.end() for m in CLAUSE.finditer(text)]
    citations = passage.cited()
    for number, (position, name) in enumerate(citations):
        fact = facts.get(name)
        if fact is None or fact.role not in ("value", "change", "pct_change"):
            continue
        cited = period_of(fact)
        if cited is None or fact.series.polarity:  # KPI values carry their period in their own citation
            continue
        clause = max(s for s in clause_starts if s <= position)
        end = min([s for s in clause_starts if s > position] + [len(text)])
        after = citations[number + 1][0] if number + 1 < len(citations) else len(text)
        before = citations[number - 1][0] if number else -1
        mine = [entry for entry in labels if position < entry[0] < min(end, after, position + NEAR)]
        if not mine and before < clause:  # a label opening the clause belongs to its first citation
            mine = [entry for entry in labels if clause <= entry[0] < position][-1:]
        if not mine:
            continue
        _, _, label, written = mine[0]
        assert label is not None
        allowed: list[Period | None] = [cited]
        if fact.role != "value" and fact.index:
            allowed.append(fact.series.points[fact.index - 1][0])  # a change 'on 2023/24' names its base
        if any(p is not None and (_same(label, p) or _within(p, label)) for p in allowed):
            continue
        found.append(Finding("dates/period", passage.path, passage.line, None,
                             f"'{written}' is typed beside {{{{ {name} }}}}, which is the {cited.label} figure"))
    return found


def _title_period(source: Source, reporting: dict[str, Period]) -> list[Finding]:
    """The quarter in the title or subject of a paper about one KPI set must be the set's reporting period."""
    used = {name.split(".")[0] for passage in source.passages for _, name in passage.cited()}
    if isinstance(source.meta.get("kpis"), str):
        used.add(source.meta["kpis"])
    sets = [reporting[name] for name in sorted(used) if name in reporting]
    if len(sets) != 1:
        return []
    found = []
    for passage in source.passages:
        if passage.key not in ("title", "subject"):
            continue
        for match in PERIOD_LABEL.finditer(passage.text):
            label = typed_period(match.group(0))
            if label is not None and label.kind == "quarter" and not _same(label, sets[0]):
                found.append(Finding("dates/period", passage.path, passage.line, None,
                                     f"the {passage.key} names {match.group(0)}, but the KPIs it reports are "
                                     f"for {sets[0].label}"))
    return found


def _block_periods(passage: Passage, periods: tuple[Period, ...]) -> list[Finding]:
    found = []
    for match in PERIOD_LABEL.finditer(passage.text):
        label = typed_period(match.group(0))
        if label is None or any(_same(label, p) or _within(p, label) for p in periods):
            continue
        found.append(Finding("dates/period", passage.path, passage.line, None,
                             f"the {passage.kind} names {match.group(0)}, but '{passage.data}' covers "
                             f"{periods[0].label} to {periods[-1].label}"))
    return found


def _weekdays(passage: Passage) -> list[Finding]:
    found = []
    for match in DAY_DATE.finditer(passage.typed()):
        day, number, month, year = match.groups()
        try:
            when = date(int(year), MONTHS.index(month) + 1, int(number))
        except ValueError:
            found.append(Finding("dates/weekday", passage.path, passage.line, None,
                                 f"'{match.group(0)}' is not a date"))
            continue
        if DAYS[when.weekday()] != day:
            found.append(Finding("dates/weekday", passage.path, passage.line, None,
                                 f"{number} {month} {year} is a {DAYS[when.weekday()]}, not a {day}"))
    return found


def _past_tense(passage: Passage, meeting: date) -> list[Finding]:
    found = []
    for match in PAST_ON_DATE.finditer(passage.typed()):
        groups = [g for g in match.groups() if g]
        number, month, year = groups
        try:
            when = date(int(year), MONTHS.index(month) + 1, int(number))
        except ValueError:
            continue
        if when > meeting:
            found.append(Finding("dates/tense", passage.path, passage.line, None,
                                 f"'{match.group(0)}' is in the past tense, but {number} {month} {year} is after "
                                 f"the meeting of {meeting.day} {MONTHS[meeting.month - 1]} {meeting.year}"))
    return found


def working_day_findings(where: Path, line: int | None, what: str, day: date, working_days: Sequence[str]
                         ) -> list[Finding]:
    """A meeting (or a planned one) on a day outside the theme's working week."""
    name = DAYS[day.weekday()]
    if name in working_days:
        return []
    return [Finding("dates/weekend", where, line, None,
                    f"{what} {day.day} {MONTHS[day.month - 1]} {day.year} is a {name}, not a working day")]
