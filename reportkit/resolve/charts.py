"""The charts transform: a pending chart becomes a figure, drawn once.

A ```chart block's data is looked up first; a chart is cached under a hash of its data, its style and
the code that draws it. For a check, charts are placed (their file names worked out) but not drawn.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

import charts
from charts import ChartData, ChartStyle, Series
from charts import describe as describe_chart
from charts import notes as chart_notes
from charts import size_mm as chart_size

from ..compute.datasets import MeasureTable, Records
from ..compute.notes import columns_phrase, data_notes
from ..compute.tables import cross_count
from ..errors import ContentError
from ..model import ChartBlock, DataBlock, Figure
from ..read.directives import ChartSpec
from ..read.yamlfile import line_of
from ..theme import Theme
from . import lookup
from .chart_table import chart_table
from .context import ResolveContext
from .placeholders import fill

_CHARTS_DIR = Path(charts.__file__).parent


def chart_style(theme: Theme) -> ChartStyle:
    spec = theme.spec
    return ChartStyle(
        font_files=tuple(str(p) for p in theme.font_faces.values()),
        font_family=spec.fonts.family,
        palette=tuple(spec.colours.palette),
        text_colour=spec.colours.text,
        grid_colour=spec.colours.rule,
    )


def _code_fingerprint() -> str:
    """The chart code and matplotlib version: a change to either redraws every chart."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("matplotlib").encode())
    for path in sorted(_CHARTS_DIR.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


_FINGERPRINT = _code_fingerprint()


def chart_key(data: ChartData, style: ChartStyle) -> str:
    style_fields = asdict(style)
    style_fields["font_files"] = [Path(p).name for p in style.font_files]  # not the clone path
    payload = json.dumps({"data": asdict(data), "style": style_fields, "code": _FINGERPRINT},
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def render_chart(data: ChartData, style: ChartStyle, cache_dir: Path, draw: bool = True) -> Path:
    """The PNG for ``data``: from the cache when the same chart was drawn before.

    With ``draw`` False only the path is worked out (a check validates charts without drawing them).
    """
    target = cache_dir / f"{chart_key(data, style)}.png"
    if target.is_file() or not draw:
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    png = charts.draw(data, style)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(png)
    partial.replace(target)
    return target


def chart_block(block: DataBlock, ctx: ResolveContext) -> ChartBlock:
    """A ```chart block with its data looked up: a chart ready to draw."""
    spec: ChartSpec = block.spec
    title = fill(spec.title, ctx.values, block.source.path, line_of(block.raw, "title") or block.source.line or 1)
    data, notes = chart_data(spec.model_copy(update={"title": title}), block.raw, block.source.path, ctx)
    return ChartBlock(data, notes, spec.alt, block.source, block.label)


def chart_figure(block: ChartBlock, ctx: ResolveContext) -> Figure:
    """The chart drawn (or, for a check, only placed) as a figure with alt text and notes."""
    data: ChartData = block.data
    image = render_chart(data, ctx.chart_style, ctx.cache_dir, ctx.draw_charts)
    width, height = chart_size(data, ctx.chart_style)
    return Figure(image, block.alt or describe_chart(data), data.title, width, height,
                  chart_notes(data) + block.notes, label=block.label, data=chart_table(data, data.title))


def chart_data(spec: ChartSpec, raw: object, path: Path, ctx: ResolveContext) -> tuple[ChartData, tuple[str, ...]]:
    """What a ```chart block plots, and the notes that go under it."""
    dataset = lookup.dataset(spec.data, raw, path, ctx.datasets)
    if isinstance(dataset, MeasureTable):
        data, illustrative = _measure_chart(spec, dataset, raw, path)
    elif isinstance(dataset, Records) and spec.rows:
        data, illustrative = _values_chart(spec, dataset, raw, path)
    elif isinstance(dataset, Records) and spec.count:
        lookup.check_names([spec.count.rows, spec.count.columns], list(dataset.columns), "column", raw, "count", path)
        counted = cross_count(dataset, spec.count.rows, spec.count.columns, spec.count.order)
        series = tuple(Series(label, tuple(float(row[i]) for row in counted.counts))
                       for i, label in enumerate(counted.column_labels))
        data = ChartData(spec.type, spec.title, counted.row_labels, series, "count", 0, spec.value_label)
        flagged = [c.replace("_", " ") for c in (spec.count.rows, spec.count.columns)
                   if dataset.meta.is_illustrative(c)]
        illustrative = [columns_phrase(flagged)] if flagged else []
    else:
        raise ContentError(path, line_of(raw, "data"), f"a chart of '{spec.data}' needs 'measures:' or 'count:'",
                           "chart a measure table, or count records with count: {rows: ..., columns: ...}")
    return data, data_notes(dataset.meta, illustrative, ctx.illustrative_note)


def _measure_chart(spec: ChartSpec, table: MeasureTable, raw: object, path: Path) -> tuple[ChartData, list[str]]:
    if not spec.measures:
        raise ContentError(path, line_of(raw), "a chart needs 'measures:' naming what it plots",
                           f"measures in '{spec.data}': {', '.join(table.measures)}")
    lookup.check_names(spec.measures, list(table.measures), "measure", raw, "measures", path)
    chosen = [table.measures[m] for m in spec.measures]
    units = {m.unit for m in chosen}
    if len(units) > 1:
        raise ContentError(path, line_of(raw, "measures"), "these measures have different units",
                           "chart measures of one unit together")
    series = tuple(Series(spec.labels.get(m.id, m.label), tuple(q.value if q else None for q in m.values.values()))
                   for m in chosen)
    decimals = max((q.decimals for m in chosen for q in m.values.values() if q), default=0)
    if spec.type == "bar" and len(series) > 1:
        raise ContentError(path, line_of(raw, "type"), "a 'bar' chart plots one measure",
                           "use type: grouped-bar for several")
    data = ChartData(spec.type, spec.title, tuple(p.label for p in table.periods), series,
                     units.pop(), decimals, spec.value_label)
    illustrative = [p.label for p in table.illustrative_periods()]
    illustrative += [m.label for m in chosen if table.meta.is_illustrative(m.id)]
    return data, illustrative


def _values_chart(spec: ChartSpec, dataset: Records, raw: object, path: Path) -> tuple[ChartData, list[str]]:
    columns = lookup.value_columns(spec.rows or "", spec.columns, None, dataset, raw, path)
    assert spec.rows
    numbers = lookup.record_numbers(dataset, columns, spec.rows)
    rows = [(dataset.rows[i][spec.rows], numbers[i]) for i in range(len(dataset.rows))
            if not dataset.rows[i][spec.rows].lower().endswith("total") and any(v is not None for v in numbers[i])]
    if spec.sort:
        rows.sort(key=lambda r: sum(v or 0 for v in r[1]), reverse=spec.sort == "descending")
    series = tuple(Series(spec.labels.get(c, c), tuple(r[1][i] for r in rows)) for i, c in enumerate(columns))
    data = ChartData(spec.type, spec.title, tuple(r[0] for r in rows), series, spec.unit, 0, spec.value_label)
    illustrative = [c for c in columns if dataset.meta.is_illustrative(c)]
    return data, [columns_phrase(illustrative)] if illustrative else []
