"""House style for matplotlib: bundled fonts, the theme's palette, y gridlines only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .data import ChartStyle

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

LINE_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 1)))
REFERENCE_STYLES = ((0, (6, 3)), (0, (1.5, 2)))
HATCHES = ("", "//", "..", "xx", "\\\\", "++")


@contextmanager
def styled(style: ChartStyle) -> Iterator[Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot
    from matplotlib.rcsetup import cycler  # what matplotlib.cycler is; the stubs do not re-export it

    for path in style.font_files:
        font_manager.fontManager.addfont(path)
    params: dict[RcKeyType, Any] = {
        "font.family": style.font_family,
        "font.size": style.font_size,
        "text.color": style.text_colour,
        "axes.labelcolor": style.text_colour,
        "axes.edgecolor": style.grid_colour,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "grid.color": style.grid_colour,
        "grid.linewidth": 0.6,
        "xtick.color": style.text_colour,
        "ytick.color": style.text_colour,
        "axes.prop_cycle": cycler(color=list(style.palette)),
        "svg.hashsalt": "reportkit",
    }
    with matplotlib.rc_context(params):
        figure = pyplot.figure(figsize=(style.width_mm / 25.4, style.height_mm / 25.4), dpi=style.dpi)
        try:
            yield figure
        finally:
            pyplot.close(figure)


def value_formatter(unit: str) -> Any:
    """Thousands separators and a % sign, with the fewest decimals that keep every tick label distinct."""
    from matplotlib.ticker import Formatter

    suffix = "%" if unit == "percent" else ""

    class DistinctFormatter(Formatter):
        decimals = 0

        def __call__(self, value: float, pos: Any = None) -> str:
            return f"{value:,.{self.decimals}f}{suffix}"

        def format_ticks(self, values: Any) -> list[str]:
            self.decimals = next((d for d in range(4) if _distinct(values, d)), 3)
            return [self(value) for value in values]

    def _distinct(values: Any, decimals: int) -> bool:
        """Every tick shown exactly (to within rounding noise) and no two alike."""
        texts = [f"{value:.{decimals}f}" for value in values]
        exact = all(abs(float(text) - value) <= 1e-9 * max(1.0, abs(value)) for text, value in zip(texts, values))
        return exact and len(set(texts)) == len(texts)

    return DistinctFormatter()


def save_png(figure: Any, target: Any, dpi: int) -> None:
    """Save with no timestamp or software stamp, so the same chart gives the same bytes, and on white
    with no alpha channel: a PDF would carry the channel as a second image, encoded on every render."""
    import io

    from PIL import Image

    drawn = io.BytesIO()
    figure.savefig(drawn, format="png", dpi=dpi, metadata={"Software": None})
    with Image.open(drawn) as image:
        rgba = image.convert("RGBA")
        Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB").save(
            target, format="PNG", dpi=(dpi, dpi))
