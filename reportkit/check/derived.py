"""Derived figures typed instead of computed: a percentage change that the sentence's own figures do not give,
a change in percentage points written as per cent, and a static table whose Total row or share column
does not add up (citations in its cells count at their values)."""

from __future__ import annotations

import re

from ..compute.numbers import percent_change
from ..compute.values import NamedValue
from .facts import Fact
from .findings import Finding
from .passages import CITATION, Passage, Source, StaticTable
from .typed import Typed, typed_numbers

CHANGE_AFTER = re.compile(r"^\s*(?:rise|increase|fall|decrease|drop|reduction|decline|higher|lower|up|down)\b",
                          re.IGNORECASE)
CHANGE_BEFORE = re.compile(r"\b(?:rose|fell|increased|decreased|grew|dropped|declined|up|down|rise|increase|fall|"
                           r"decrease|change|reduction)\s+(?:by\s+|of\s+)?(?:about\s+|around\s+|some\s+)?$",
                           re.IGNORECASE)
FROM_TO = re.compile(r"\bfrom\s+(\S+)(?:\s+\w+){0,6}?\s+to\s+(\S+)", re.IGNORECASE)


def check_derived(sources: list[Source], facts: dict[str, Fact], values: dict[str, NamedValue]) -> list[Finding]:
    findings: list[Finding] = []
    for source in sources:
        for passage in source.passages:
            findings += _percent_changes(passage, facts)
        for table in source.tables:
            findings += _table_sums(table, values)
    return findings


def _percent_changes(passage: Passage, facts: dict[str, Fact]) -> list[Finding]:
    text = passage.typed()
    found = []
    for typed in typed_numbers(text):
        if typed.unit != "percent":
            continue
        if not (CHANGE_AFTER.match(text, typed.end) or CHANGE_BEFORE.search(text[:typed.start])):
            continue
        pair = _values_compared(passage, typed, facts)
        if pair is None:
            continue
        old, new, percent_unit = pair
        relative = percent_change(old, new)
        if relative is None:
            continue
        if percent_unit and typed.agrees(abs(new - old)) and not typed.agrees(abs(relative)):
            found.append(Finding("figures/typed-change", passage.path, passage.line, None,
                                 f"'{typed.text}' is the change in percentage points ({old:g}% to {new:g}%); as a "
                                 f"share of the first figure it is {abs(relative):.1f}%"))
        elif not typed.agrees(abs(relative)):
            found.append(Finding("figures/typed-change", passage.path, passage.line, None,
                                 f"'{typed.text}' is not the change from {old:,g} to {new:,g}, which is "
                                 f"{relative:+.1f}%"))
    return found


def _values_compared(passage: Passage, typed: Typed, facts: dict[str, Fact]) -> tuple[float, float, bool] | None:
    """The two figures a typed change is about: two cited points of one measure, one cited point and the one
    before it, or 'from A to B' typed."""
    cited = [facts[name] for _, name in passage.cited() if name in facts and facts[name].role == "value"]
    by_series: dict[str, list[Fact]] = {}
    for fact in cited:
        if fact.index is not None:
            by_series.setdefault(fact.series.key, []).append(fact)
    if len(by_series) == 1:
        points = sorted({f.index for f in next(iter(by_series.values())) if f.index is not None})
        series = next(iter(by_series.values()))[0].series
        if len(points) >= 2:
            first, last = points[0], points[-1]
        elif points[0] >= 1:
            first, last = points[0] - 1, points[0]
        else:
            return None
        return series.points[first][1], series.points[last][1], series.unit == "percent"
    if cited:
        return None
    match = FROM_TO.search(passage.typed())
    if match:
        numbers = [t for t in typed_numbers(passage.typed())
                   if t is not typed and match.start() <= t.start < match.end()]
        if len(numbers) == 2 and numbers[0].unit == numbers[1].unit:
            return numbers[0].value, numbers[1].value, numbers[0].unit == "percent"
    return None


def _cell_value(cell: str, values: dict[str, NamedValue]) -> tuple[float, float] | None:
    """(value, precision) of a cell that holds one figure, typed or cited."""
    citations = CITATION.findall(cell)
    rest = CITATION.sub("", cell).strip()
    if len(citations) == 1 and not rest:
        value = values.get(citations[0])
        return (value.number, 0.0) if value is not None and value.number is not None else None
    numbers = typed_numbers(cell)
    if citations or len(numbers) != 1 or len(numbers[0].text) < len(cell.replace(" ", "")) - 1:
        return None
    return numbers[0].value, numbers[0].step


def _table_sums(table: StaticTable, values: dict[str, NamedValue]) -> list[Finding]:
    found = []
    body = [(line, cells) for line, cells in table.rows if cells]
    totals = [(line, cells) for line, cells in body if cells[0].strip("* ").lower().startswith("total")]
    parts = [(line, cells) for line, cells in body if not cells[0].strip("* ").lower().startswith(("total", "sub"))]
    for column in range(1, len(table.header)):
        read = [_cell_value(cells[column], values) if column < len(cells) else None for _, cells in parts]
        if len(read) < 2 or any(r is None for r in read):
            continue
        numbers = [r for r in read if r is not None]
        total = sum(v for v, _ in numbers)
        for line, cells in totals:
            stated = _cell_value(cells[column], values) if column < len(cells) else None
            if stated is None:
                continue
            tolerance = max([s for _, s in numbers] + [stated[1]]) / 2 * len(numbers) + 1e-6 * abs(total)
            if abs(stated[0] - total) > tolerance:
                found.append(Finding("figures/table-sum", table.path, line, None,
                                     f"the '{table.header[column]}' total is {cells[column]} but the rows above "
                                     f"add up to {total:,.10g}"))
        header = table.header[column].lower()
        if not totals and ("%" in header or "per cent" in header or "share" in header):
            shares = sum(v for v, _ in numbers)
            if abs(shares - 100) > 1.5:
                found.append(Finding("figures/table-sum", table.path, parts[0][0], None,
                                     f"the '{table.header[column]}' column adds up to {shares:g}%, not about 100%"))
    return found
