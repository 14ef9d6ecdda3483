"""A KPI dashboard appendix: a headline table, then per KPI its status table, commentary and chart.

    ---
    type: kpi-dashboard
    title: Adult Social Care and Health performance dashboard, Q2 2025/26
    kpis: kpis                      # the KPI file data/kpis.yaml
    headline: [ASCH1, ASCH2]        # the summary table (default: every RAG-rated KPI)
    ---
    Introduction in Markdown.

    ## ASCH1
    Commentary on ASCH1, citing {{ kpis.ASCH1.value }}.

Every KPI in the file gets a block, in the file's order; a ``## <id>`` section adds commentary.
All figures come from the assessed dashboard, so the tables, charts and prose cannot disagree.
"""

from __future__ import annotations

import re
from typing import Literal

from charts import ChartData, Reference, Series

from ..compute.dashboard import Dashboard, KpiResult, SeriesResult
from ..compute.datasets import DataMeta
from ..compute.kpi import ARROWS, Direction, arrow
from ..compute.notes import data_notes
from ..compute.numbers import format_value
from ..errors import ContentError, did_you_mean
from ..model import Block, Cell, ChartBlock, Heading, Paragraph, Source, Table, Text
from ..read.frontmatter import SourceFile
from ..read.markdown import MarkdownReader
from ..read.schema import Strict, validate
from ..read.yamlfile import line_of
from ..resolve.placeholders import ILLUSTRATIVE_MARK
from .common import PackContext

KPI_HEADING = re.compile(r"^##\s+(\S+)\s*$")


class DashboardSpec(Strict):
    type: Literal["kpi-dashboard"]
    title: str
    kpis: str
    headline: list[str] | None = None
    orientation: Literal["portrait", "landscape"] = "portrait"


def dashboard_blocks(source: SourceFile, ctx: PackContext) -> tuple[DashboardSpec, list[Block]]:
    spec = validate(DashboardSpec, source.meta, source.path, "the dashboard's front matter")
    dashboard = _dashboard(spec, source, ctx)
    headline = _headline_ids(spec, source, dashboard)
    intro, sections = _split(source.body, source, dashboard)
    reader = MarkdownReader(source.path, ctx.pack_dir, heading_offset=2)
    blocks: list[Block] = reader.read(intro[1], intro[0])
    if headline:
        blocks.append(_headline_table(dashboard, headline, ctx.theme.spec.wording.illustrative_note))
        blocks.append(Paragraph((Text(_marked(dashboard.summary(), _any_illustrative(dashboard, headline))),)))
    for kpi_id, result in dashboard.results.items():
        definition = result.kpi.definition
        blocks.append(Heading(3, (Text(f"{kpi_id}: {definition.title}"),), anchor=f"kpi-{kpi_id.lower()}"))
        blocks.append(_status_table(result, ctx.theme.spec.wording.illustrative_note))
        blocks.append(_chart(result, dashboard, ctx, Source(source.path, sections.get(kpi_id, (None,))[0])))
        if kpi_id in sections:  # the chart stays with its heading; the commentary may run on
            first_line, text = sections[kpi_id]
            blocks += reader.read(text, first_line)
    return spec, blocks


def _dashboard(spec: DashboardSpec, source: SourceFile, ctx: PackContext) -> Dashboard:
    if spec.kpis not in ctx.dashboards:
        raise ContentError(source.path, line_of(source.meta, "kpis"), f"no KPI file called '{spec.kpis}'",
                           f"add data/{spec.kpis}.yaml with a 'kpis:' list, "
                           f"or {did_you_mean(spec.kpis, ctx.dashboards)}")
    return ctx.dashboards[spec.kpis]


def _headline_ids(spec: DashboardSpec, source: SourceFile, dashboard: Dashboard) -> list[str]:
    if spec.headline is None:
        return [k for k, r in dashboard.results.items() if r.kpi.definition.rated]
    for index, kpi_id in enumerate(spec.headline):
        if kpi_id not in dashboard.results:
            raise ContentError(source.path, line_of(source.meta, "headline", index) or line_of(source.meta, "headline"),
                               f"unknown KPI '{kpi_id}' in headline", did_you_mean(kpi_id, dashboard.results))
    return spec.headline


def _split(body: str, source: SourceFile, dashboard: Dashboard) -> tuple[tuple[int, str], dict[str, tuple[int, str]]]:
    """The introduction, and each ``## <id>`` section's text with the line it starts on."""
    lines = body.split("\n")
    starts: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = KPI_HEADING.match(line)
        if not match:
            continue
        name = match.group(1)
        if name in dashboard.results:
            starts.append((index, name))
        elif starts or re.fullmatch(r"[A-Z]+[-_]?\d+[A-Za-z]?", name):
            raise ContentError(source.path, source.body_first_line + index, f"unknown KPI '{name}'",
                               did_you_mean(name, dashboard.results))
    seen: set[str] = set()
    sections: dict[str, tuple[int, str]] = {}
    ends = [i for i, _ in starts[1:]] + [len(lines)]
    for (start, name), end in zip(starts, ends):
        if name in seen:
            raise ContentError(source.path, source.body_first_line + start, f"a second section for {name}",
                               "give each KPI one '## <id>' section")
        seen.add(name)
        sections[name] = (source.body_first_line + start + 1, "\n".join(lines[start + 1:end]))
    intro_end = starts[0][0] if starts else len(lines)
    return (source.body_first_line, "\n".join(lines[:intro_end])), sections


def _marked(text: str, illustrative: bool) -> str:
    return text + (ILLUSTRATIVE_MARK if illustrative else "")


def _any_illustrative(dashboard: Dashboard, ids: list[str]) -> bool:
    return any(s.illustrative for kpi_id in ids for s in dashboard.results[kpi_id].series)


def _threshold_word(result: KpiResult) -> str:
    return "Floor" if result.kpi.definition.polarity == "higher" else "Upper threshold"


def _value(number: float | None, result: KpiResult) -> str:
    definition = result.kpi.definition
    return "no value" if number is None else format_value(number, definition.unit, definition.decimals)


def _illustrative_note(items: list[str], note: str) -> tuple[str, ...]:
    """The table's one disclosure of its illustrative values, as a note under it."""
    return (f"Illustrative: {'; '.join(items)}. {note}",) if items else ()


def _illustrative_items(series: SeriesResult, result: KpiResult, several: bool) -> list[str]:
    status = series.status
    named = f"{series.label}: " if several else ""
    rating = " and its rating" if result.kpi.definition.rated else ""
    items = [f"{named}the {result.period.label} value{rating}"] if series.illustrative else []
    if series.previous_illustrative and not series.illustrative:
        items.append(f"{named}the {status.previous_period} value it is compared with")
    if series.year_ago_illustrative and not series.illustrative:
        items.append(f"{named}the {status.year_ago_period} value it is compared with")
    return items


def _direction(direction: Direction, arrow: str, before: float | None, result: KpiResult,
               brief: bool = False) -> str:
    if direction == "not available":
        return "Not available"
    words = f"{ARROWS[arrow]} {direction.capitalize()}".strip()
    return words if brief else f"{words} (from {_value(before, result)})"


def _on_previous(series: SeriesResult, result: KpiResult, brief: bool = False) -> Cell:
    status = series.status
    return Cell((Text(_direction(status.vs_previous, status.arrow, status.previous, result, brief)),))


def _on_year_ago(series: SeriesResult, result: KpiResult) -> Cell:
    status = series.status
    moved = arrow(status.year_ago, status.value, result.kpi.definition.decimals)
    return Cell((Text(_direction(status.vs_year_ago, moved, status.year_ago, result)),))


def _rating_cell(series: SeriesResult) -> Cell:
    rating = series.status.rating
    if rating is None:
        return Cell((Text("Not rated"),))
    return Cell((Text(rating),), status=rating.lower())  # type: ignore[arg-type]


def _headline_table(dashboard: Dashboard, ids: list[str], note: str) -> Table:
    titles = ("KPI", "Measure", "Value", "Target", "Floor or upper threshold", "RAG rating", "Direction of travel")
    header = (tuple(Cell((Text(t),), header=True, numeric=t in ("Value", "Target")) for t in titles),)
    rows = []
    for kpi_id in ids:
        result = dashboard.results[kpi_id]
        definition = result.kpi.definition
        series = result.series[0]
        status = series.status
        value = _value(status.value, result) if len(result.series) == 1 else "see below"
        if result.period != dashboard.kpi_set.period:  # a measure reported in arrears says when
            value += f" ({result.period.label})"
        rows.append((
            Cell((Text(kpi_id),), header=True),
            Cell((Text(definition.title),)),
            Cell((Text(value),), numeric=True),
            Cell((Text(_value(definition.target, result) if definition.rated else "none"),), numeric=True),
            Cell((Text(_value(definition.threshold, result) if definition.threshold is not None else "none"),)),
            _rating_cell(series) if len(result.series) == 1 else Cell((Text("Not rated"),)),
            _on_previous(series, result, brief=True),
        ))
    caption = f"Headline KPIs, {dashboard.kpi_set.period.label}"
    notes = ("Direction of travel compares each value with the period before; the arrow shows the "
             "movement and the word whether it is an improvement for that measure.",)
    marked = [f"the {kpi_id} value" + (" and its rating" if dashboard.results[kpi_id].kpi.definition.rated else "")
              for kpi_id in ids if dashboard.results[kpi_id].series[0].illustrative]
    return Table(caption, header, tuple(rows), notes + _illustrative_note(marked, note))


def _status_table(result: KpiResult, note: str) -> Table:
    definition = result.kpi.definition
    first = result.series[0].status
    columns = ["Series"] if len(result.series) > 1 else []
    columns += [result.period.label]
    if definition.rated:
        columns += ["Target", _threshold_word(result), "RAG rating"]
    columns += [f"On {first.previous_period}", f"On {first.year_ago_period}"]
    header = (tuple(Cell((Text(c),), header=True) for c in columns),)
    rows = []
    for series in result.series:
        status = series.status
        cells = [Cell((Text(series.label),), header=True)] if len(result.series) > 1 else []
        cells.append(Cell((Text(_value(status.value, result)),), numeric=True))
        if definition.rated:
            cells += [Cell((Text(_value(definition.target, result)),), numeric=True),
                      Cell((Text(_value(definition.threshold, result)),), numeric=True), _rating_cell(series)]
        cells += [_on_previous(series, result), _on_year_ago(series, result)]
        rows.append(tuple(cells))
    several = len(result.series) > 1
    marked = [item for series in result.series for item in _illustrative_items(series, result, several)]
    return Table(f"{definition.id} in {result.period.label}", header, tuple(rows), _illustrative_note(marked, note))


def kpi_chart(result: KpiResult) -> ChartData:
    """The KPI's series up to its reporting period, with its target and threshold as lines."""
    definition = result.kpi.definition
    values = result.kpi.values
    periods = sorted({p for by_period in values.values() for p in by_period if p.end <= result.period.end})
    series = tuple(Series(label or definition.title, tuple(values[label].get(p) for p in periods))
                   for label in values)
    references: tuple[Reference, ...] = ()
    if definition.rated and definition.target is not None:
        references = (Reference("Target", definition.target),)
        if definition.threshold is not None:
            references += (Reference(_threshold_word(result), definition.threshold),)
    title = f"{definition.id} by {periods[0].kind}, {periods[0].label} to {periods[-1].label}"
    return ChartData(result.kpi.chart, title, tuple(p.label for p in periods), series, definition.unit,
                     definition.decimals, references=references)


def _chart(result: KpiResult, dashboard: Dashboard, ctx: PackContext, source: Source) -> Block:
    definition = result.kpi.definition
    chart = kpi_chart(result)
    periods = chart.categories
    kpi_set = dashboard.kpi_set
    if kpi_set.meta.is_illustrative(definition.id):  # the KPI, or "all"
        illustrative = ["all values"]
    else:
        illustrative = [label for label in periods if kpi_set.meta.is_illustrative(label)]
    notes = data_notes(DataMeta(source=definition.source or kpi_set.meta.source), illustrative,
                       ctx.theme.spec.wording.illustrative_note)
    if definition.notes:
        notes += (f"Note: {definition.notes}",)
    return ChartBlock(chart, notes, None, source)
