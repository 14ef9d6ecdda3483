"""Table column widths from the content, as a browser's automatic table layout sets them.

Each column needs at least its longest word and would like its longest line; the page width is
shared out between those two bounds (CSS 2.1's auto layout), so Word and LibreOffice, which would
otherwise split the width equally, never break a word when the words fit at all. Text is measured
with the theme's own font files, so the widths match what the reader sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

CELL_PADDING_PT = 14.0  # Word's default cell margins (0.19 cm each side), the borders, and some slack


@lru_cache(maxsize=8)
def _font(path: str, size_pt: float) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(path, size=round(size_pt * 20))  # measured at 20x, for sub-point precision


def text_width(text: str, font_file: Path, size_pt: float) -> float:
    """The width of ``text`` on one line, in points."""
    return _font(str(font_file), size_pt).getlength(text) / 20


def _bounds(lines: Sequence[str], font_file: Path, size_pt: float) -> tuple[float, float]:
    """(longest word, longest line) of one cell, in points, padding included."""
    words = [word for line in lines for word in line.split()]
    narrowest = max((text_width(word, font_file, size_pt) for word in words), default=0.0)
    widest = max((text_width(line.strip(), font_file, size_pt) for line in lines), default=0.0)
    return narrowest + CELL_PADDING_PT, widest + CELL_PADDING_PT


def column_widths(rows: Sequence[Sequence[Sequence[str]]], bold_rows: int, total_pt: float,
                  regular: Path, bold: Path, size_pt: float) -> list[float]:
    """Widths (points) summing to ``total_pt`` for a grid of cells, each cell its lines of text;
    the first ``bold_rows`` rows (the header) are set in bold."""
    columns = max(len(row) for row in rows)
    low = [0.0] * columns
    high = [0.0] * columns
    for index, row in enumerate(rows):
        font = bold if index < bold_rows else regular
        for column, lines in enumerate(row):
            narrowest, widest = _bounds(lines, font, size_pt)
            low[column] = max(low[column], narrowest)
            high[column] = max(high[column], widest)
    if sum(high) <= total_pt:  # everything fits on one line: share the spare width out by content
        return [width * total_pt / sum(high) for width in high]
    if sum(low) >= total_pt:  # even the longest words do not fit: shrink them all alike
        return [width * total_pt / sum(low) for width in low]
    spare = total_pt - sum(low)
    give = [h - lo for h, lo in zip(high, low)]
    return [lo + spare * g / sum(give) for lo, g in zip(low, give)]
