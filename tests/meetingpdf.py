"""Reading a bound meeting pack back: printed page numbers, the front sheet's ranges, the bookmarks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2

BLANK = "This page is intentionally left blank"
RANGE = re.compile(r"^(\d+)\s+(.+?)\s*\(Pages (\d+) - (\d+)\)\s*$")


@dataclass(frozen=True)
class BoundPage:
    index: int  # 1-based position in the file
    printed: int | None  # the number in the footer; None on the front sheet
    text: str  # the body text, without the running header and footer


def bound_pages(path: Path) -> list[BoundPage]:
    pages = []
    pdf = pypdfium2.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            text = page.get_textpage()
            # PDF coordinates run up from the bottom: the footer is the lowest 50 points, the header the top 45
            footer = text.get_text_bounded(0, 0, width, 50)
            header = text.get_text_bounded(0, height - 45, width, height)
            body = text.get_text_bounded(0, 50, width, height - 45).replace("\r\n", "\n")
            number = re.fullmatch(r"\s*Page (\d+)\s*", footer)
            body = body if BLANK not in header else f"{BLANK}\n{body}"
            pages.append(BoundPage(index + 1, int(number.group(1)) if number else None, body.strip()))
    finally:
        pdf.close()
    return pages


def front_sheet_ranges(pages: list[BoundPage]) -> dict[int, tuple[str, int, int]]:
    """Item number -> (title, first page, last page) as the front sheet prints them."""
    lines = "\n".join(p.text for p in pages if p.printed is None).splitlines()
    joined: list[str] = []
    for line in lines:  # a long title wraps: join continuation lines onto their item
        if joined and not re.match(r"^\d+\s", line) and not RANGE.match(joined[-1]):
            joined[-1] += " " + line.strip()
        else:
            joined.append(line)
    return {int(m.group(1)): (m.group(2), int(m.group(3)), int(m.group(4)))
            for m in map(RANGE.match, joined) if m}


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page index) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []
    with pikepdf.open(path) as pdf:
        page_numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}

        def walk(items: list, level: int) -> None:
            for item in items:
                destination = item.destination if item.destination is not None else item.action.D
                found.append((level, item.title, page_numbers[destination[0].objgen]))
                walk(item.children, level + 1)

        with pdf.open_outline() as tree:
            walk(tree.root, 1)
    return found
