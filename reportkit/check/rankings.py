"""'Dartford and Thanet have the most beds': a chart title that names the largest (or smallest) bars,
against the order of the chart's own data."""

from __future__ import annotations

import re

from ..compute.datasets import Dataset, Records
from ..compute.numbers import parse_number
from .findings import Finding
from .passages import Passage, Source

MOST = re.compile(r"\b(?:the|have the|has the|had the)\s+(most|highest|largest|biggest|fewest|least|lowest|smallest)\b",
                  re.IGNORECASE)
TOTAL_ROW = re.compile(r"\btotal\b", re.IGNORECASE)


def check_rankings(sources: list[Source], datasets: dict[str, Dataset]) -> list[Finding]:
    findings: list[Finding] = []
    for source in sources:
        for passage in source.passages:
            records = datasets.get(passage.data)
            if passage.kind == "title" and passage.rows and isinstance(records, Records):
                finding = _ranking(passage, records)
                if finding:
                    findings.append(finding)
    return findings


def _totals(passage: Passage, records: Records) -> dict[str, float]:
    columns = passage.columns or tuple(c for c in records.columns if c != passage.rows)
    totals: dict[str, float] = {}
    for row in records.rows:
        label = row.get(passage.rows, "")
        if not label or TOTAL_ROW.search(label):
            continue
        try:
            values = [parse_number(row[c]) for c in columns if row.get(c, "").strip()]
        except ValueError:
            continue
        if values:
            totals[label] = sum(values)
    return totals


def _ranking(passage: Passage, records: Records) -> Finding | None:
    match = MOST.search(passage.text)
    if not match:
        return None
    totals = _totals(passage, records)
    subject = passage.text[:match.start()]
    named: list[str] = []
    for label in sorted(totals, key=len, reverse=True):  # 'Thanet and Coastal' before 'Thanet'
        pattern = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)", re.IGNORECASE)
        if pattern.search(subject):
            named.append(label)
            subject = pattern.sub(" ", subject)
    if not named:
        return None
    largest = match.group(1).lower() in ("most", "highest", "largest", "biggest")
    ranked = sorted(totals.values(), reverse=largest)
    edge = ranked[len(named) - 1]
    wrong = [n for n in named if (totals[n] < edge if largest else totals[n] > edge)]
    if not wrong:
        return None
    leaders = sorted(totals, key=lambda n: totals[n], reverse=largest)[:len(named)]
    return Finding("claims/order", passage.path, passage.line, None,
                   f"the title says {', '.join(named)} {'ha' + ('ve' if len(named) > 1 else 's')} the "
                   f"{match.group(1)}, but {' and '.join(f'{n} ({totals[n]:,g})' for n in leaders)} "
                   f"{'do' if len(leaders) > 1 else 'does'} ({', '.join(f'{n} {totals[n]:,g}' for n in wrong)})")
