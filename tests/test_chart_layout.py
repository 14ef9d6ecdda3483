"""Chart layout holds for any labels the data brings: the worst charts of the example packs, and
harder made-up ones, are drawn and measured with matplotlib's own text extents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import charts
from charts import ChartData, Series
from reportkit.cli import main
from reportkit.resolve import charts as chart_transform

from conftest import REPO


@pytest.fixture(scope="module")
def example_charts(monkeypatch_module: pytest.MonkeyPatch) -> list[tuple[ChartData, Any]]:
    """Every chart the market position statement and the self-assessment draw (read, not built)."""
    seen: list[tuple[ChartData, Any]] = []
    original = chart_transform.render_chart

    def recording(data: ChartData, style: Any, cache_dir: Path, draw: bool = True) -> Path:
        seen.append((data, style))
        return original(data, style, cache_dir, False)

    monkeypatch_module.setattr(chart_transform, "render_chart", recording)
    for pack in ("market-position-2025", "self-assessment-2024-09"):
        assert main(["--root", str(REPO), "check", pack]) in (0, 1)
    return seen


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _boxes(texts: list[Any], renderer: Any) -> list[Any]:
    return [t.get_window_extent(renderer) for t in texts if t.get_visible() and t.get_text()]


def _overlaps(boxes: list[Any]) -> list[tuple[int, int]]:
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[i + 1:], i + 1) if a.overlaps(b)]


def check_layout(data: ChartData, style: Any) -> None:
    """Tick labels distinct and apart; value labels apart from each other and from the tick labels;
    every piece of text inside the picture."""
    with charts.drawn(data, style) as figure:
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        axes = figure.axes[0]
        value_axis = axes.xaxis if data.kind in ("horizontal-bar", "stacked-bar") else axes.yaxis
        category_axis = axes.yaxis if value_axis is axes.xaxis else axes.xaxis
        ticks = [t for t in value_axis.get_ticklabels() if t.get_visible() and t.get_text()]
        visible = [t for t, at in zip(ticks, value_axis.get_ticklocs()) if _inside(value_axis, at)]
        texts = [t.get_text() for t in visible]
        assert len(set(texts)) == len(texts), texts
        assert not _overlaps(_boxes(visible, renderer)), texts
        categories = _boxes(list(category_axis.get_ticklabels()), renderer)
        assert len(categories) == len(data.categories)
        assert not _overlaps(categories), [t.get_text() for t in category_axis.get_ticklabels()]
        values = _boxes(list(axes.texts), renderer)
        assert not _overlaps(values)
        assert not [(i, j) for i, v in enumerate(values) for j, c in enumerate(categories) if v.overlaps(c)]
        width, height = (float(v) * 25.4 for v in figure.get_size_inches())
        assert (round(width, 1), round(height, 1)) == tuple(round(v, 1) for v in charts.size_mm(data, style))
        picture = figure.bbox
        for box in categories + values + _boxes(visible, renderer):
            assert box.x0 >= picture.x0 - 1 and box.x1 <= picture.x1 + 1
            assert box.y0 >= picture.y0 - 1 and box.y1 <= picture.y1 + 1


def _inside(axis: Any, location: float) -> bool:
    low, high = sorted(axis.get_view_interval())
    return low - 1e-9 <= location <= high + 1e-9


@pytest.mark.slow
def test_district_bar_chart_of_the_market_position_statement(example_charts: list[tuple[ChartData, Any]]) -> None:
    data, style = max(example_charts, key=lambda item: len(item[0].categories))
    assert data.kind == "horizontal-bar" and len(data.categories) >= 20  # the supported living districts
    check_layout(data, style)


@pytest.mark.slow
def test_scores_chart_of_the_self_assessment(example_charts: list[tuple[ChartData, Any]]) -> None:
    data, style = next(item for item in example_charts if item[0].title.startswith("CQC score"))
    check_layout(data, style)
    with charts.drawn(data, style) as figure:
        figure.canvas.draw()
        ticks = [t.get_text() for t in figure.axes[0].xaxis.get_ticklabels()]
        assert ticks[:4] == ["0", "1", "2", "3"], ticks


@pytest.mark.slow
def test_every_example_chart(example_charts: list[tuple[ChartData, Any]]) -> None:
    assert len(example_charts) > 8
    for data, style in example_charts:
        check_layout(data, style)


LONG = "Dartford, Gravesham and Swanley East and West with the Isle of Sheppey"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["horizontal-bar", "stacked-bar", "bar", "grouped-bar"])
def test_harder_made_up_charts(example_charts: list[tuple[ChartData, Any]], kind: str) -> None:
    style = example_charts[0][1]
    count = 40 if kind in ("horizontal-bar", "stacked-bar") else 8
    categories = tuple(f"{LONG} {n}" if n % 3 == 0 else f"Area {n}" for n in range(count))
    series = tuple(Series(f"Group {s}", tuple(float((n * 7 + s) % 5) for n in range(count)))
                   for s in range(1 if kind in ("bar", "horizontal-bar") else 2))
    check_layout(ChartData(kind, "Made-up chart", categories, series, "number"), style)
    small = ChartData(kind, "Shares", categories[:3], tuple(replace(s, values=(0.2, 0.4, 0.5)) for s in series),
                      "percent", 1)
    check_layout(small, style)
