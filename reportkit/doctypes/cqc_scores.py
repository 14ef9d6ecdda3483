"""CQC scores in a self-assessment: read and checked against the framework, totalled, tabled and charted.

The scores file is a CSV with one row per quality statement: ``quality_statement,published,
self_assessed``. The self-assessed column may be left empty until the council scores itself.
Prose cites ``{{ cqc.total }}``, ``{{ cqc.percent }}``, ``{{ cqc.rating }}`` and each statement's
score as ``{{ cqc.<statement>.published }}`` (the statement's name in lower case, words joined by -).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charts import ChartData, Series

from ..compute.cqc import Framework, Overall, overall
from ..compute.datasets import Records
from ..compute.notes import data_notes
from ..compute.periods import slug
from ..compute.values import NamedValue
from ..errors import ContentError, did_you_mean
from ..model import Block, Cell, ChartBlock, Heading, Paragraph, Part, Source, Table, Text
from .common import PackContext

COLUMNS = ("quality_statement", "published", "self_assessed")


@dataclass(frozen=True)
class Scores:
    path: Path
    published: dict[str, int]  # by quality statement, in framework order
    self_assessed: dict[str, int]  # empty until every statement is scored
    records: Records


def read_scores(name: str, ctx: PackContext, cited: tuple[Path, int], rules: Framework) -> Scores:
    records = ctx.datasets.get(name)
    if not isinstance(records, Records) or tuple(records.columns) != COLUMNS:
        hint = (f"its columns must be {','.join(COLUMNS)}" if records is not None
                else did_you_mean(name, list(ctx.datasets)))
        raise ContentError(cited[0], cited[1], f"'{name}' is not a CQC scores file", hint)
    published: dict[str, int] = {}
    own: dict[str, int] = {}
    for row, line in zip(records.rows, records.row_lines):
        statement = row["quality_statement"]
        if statement not in rules.statements:
            raise ContentError(records.path, line, f"'{statement}' is not a quality statement of the {rules.name}",
                               did_you_mean(statement, rules.statements))
        if statement in published:
            raise ContentError(records.path, line, f"'{statement}' is scored twice",
                               "keep one row per quality statement")
        published[statement] = _score(row["published"], records.path, line, rules, "published")
        if row["self_assessed"]:
            own[statement] = _score(row["self_assessed"], records.path, line, rules, "self_assessed")
    missing = [s for s in rules.statements if s not in published]
    if missing:
        raise ContentError(records.path, None, f"no score for '{missing[0]}'",
                           f"score all {len(rules.statements)} quality statements of the framework")
    if own and len(own) != len(published):
        unscored = next(s for s in rules.statements if s not in own)
        raise ContentError(records.path, None, f"no self-assessed score for '{unscored}'",
                           "score every statement in self_assessed, or leave the whole column empty")
    order = rules.statements
    return Scores(records.path, {s: published[s] for s in order}, {s: own[s] for s in order if s in own}, records)


def _score(cell: str, path: Path, line: int, rules: Framework, column: str) -> int:
    low, high = min(rules.scores), max(rules.scores)
    try:
        value = int(cell)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ContentError(path, line, f"{column} score '{cell}' is not a whole number from {low} to {high}",
                           "; ".join(f"{k} = {v.lower()}" for k, v in rules.scores.items()))
    return value


def _overalls(scores: Scores, rules: Framework) -> tuple[Overall, Overall | None]:
    published = overall(list(scores.published.values()), rules)
    own = overall(list(scores.self_assessed.values()), rules) if scores.self_assessed else None
    return published, own


def score_values(scores: Scores, rules: Framework) -> dict[str, NamedValue]:
    published, own = _overalls(scores, rules)
    path = scores.path
    values = {
        "cqc.total": NamedValue(f"{published.total} of {published.maximum}", published.total, False, path),
        "cqc.percent": NamedValue(f"{published.percent:.1f}%", published.percent, False, path),
        "cqc.rating": NamedValue(published.rating or "ambiguous", None, False, path),
        "cqc.overall": NamedValue(published.describe(), published.percent, False, path),
        "cqc.framework": NamedValue(f"{rules.name} ({rules.version})", None, False, path),
    }
    for statement, score in scores.published.items():
        values[f"cqc.{slug(statement)}.published"] = NamedValue(str(score), score, False, path)
    if own:
        values["cqc.self_assessed"] = NamedValue(own.describe(), own.percent, False, path)
    return values


def scores_part(scores: Scores, rules: Framework, ctx: PackContext, foreword: list[Block]) -> Part:
    published, own = _overalls(scores, rules)
    header_titles = ["Theme", "Quality statement", "CQC score"] + (["Self-assessed score"] if own else [])
    header = (tuple(Cell((Text(t),), header=True, numeric=i >= 2) for i, t in enumerate(header_titles)),)
    rows = []
    for statement, score in scores.published.items():
        cells = [Cell((Text(rules.theme_of(statement)),)), Cell((Text(statement),), header=True),
                 Cell((Text(str(score)),), numeric=True)]
        if own:
            cells.append(Cell((Text(str(scores.self_assessed[statement])),), numeric=True))
        rows.append(tuple(cells))
    total = [Cell((Text("All themes"),)), Cell((Text("Total (overall percentage)"),), header=True),
             Cell((Text(f"{published.total} of {published.maximum} ({published.percent:.1f}%)"),), numeric=True)]
    if own:
        total.append(Cell((Text(f"{own.total} of {own.maximum} ({own.percent:.1f}%)"),), numeric=True))
    rows.append(tuple(total))
    notes = (f"Scores: {'; '.join(f'{k} {v.lower()}' for k, v in rules.scores.items())}. Bands: "
             + "; ".join(f"{b.low:.0f}% to {b.high:.0f}% {b.rating}" for b in rules.bands)
             + f" ({rules.name}, {rules.version}).",
             *data_notes(scores.records.meta, [], ctx.theme.spec.wording.illustrative_note))
    table = Table("CQC scores by quality statement", header, tuple(rows), notes)
    series = [Series("CQC score", tuple(float(v) for v in scores.published.values()))]
    if own:
        series.append(Series("Self-assessed score", tuple(float(v) for v in scores.self_assessed.values())))
    chart = ChartData("horizontal-bar", "CQC score for each of the nine quality statements",
                      tuple(scores.published), tuple(series), "number", 0, "Score (1 to 4)")
    verdict = f"Overall: {published.describe()}."
    if own:
        verdict += f" Self-assessed: {own.describe()}."
    blocks: list[Block] = [Heading(2, (Text("Our CQC assessment"),), anchor="cqc-scores"), *foreword,
                           Paragraph((Text(verdict),)), table,
                           ChartBlock(chart, (), None, Source(scores.records.path, None))]
    return Part(tuple(blocks), running_header="Our CQC assessment")
